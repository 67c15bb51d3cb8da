"""The ``guidegen-tree`` directive: a decision tree as an outline, a diagram and a widget.

Without JavaScript the page shows the whole tree as a nested outline in which
every question and outcome has its node id as anchor.  ``guidegen-tree.js``
turns the same markup into a one-question-at-a-time guide; it reads the tree
from the outline itself, so there is no second copy of the data.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective

from guidegen.content.model import CurrencyNote
from guidegen.content.validation import read_model
from guidegen.dates import dutch_date
from guidegen.handbook.pageurls import GENERATED_FOLDER, TREES_FOLDER
from guidegen.handbook.qrcodes import step_qr_svg
from guidegen.sphinx._nodes import skip_node
from guidegen.sphinx.data import GuidegenData
from guidegen.sphinx.dependencies import note_shown_titles
from guidegen.sphinx.fields import field_nodes, field_text
from guidegen.sphinx.warning_types import Subtype, warn
from guidegen.trees.decisiontree import (
    Outcome,
    Question,
    Tree,
    answer_routes,
    check_tree,
)
from guidegen.trees.diagram import DiagramError, codes, legend, tree_svg
from guidegen.trees.text import unique_citations

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator


class tree_root(nodes.General, nodes.Element):
    """The element the widget attaches to; carries the tree id and start node."""


class svg_diagram(nodes.General, nodes.Element):
    """A build-time SVG, already escaped by :func:`guidegen.diagram.tree_svg`."""


class step_qr(nodes.General, nodes.Element):
    """The QR code of one step, inert until presentation mode shows it (segno's SVG)."""


def visit_step_qr(self: HTML5Translator, node: step_qr) -> None:
    # The answers that lead here (digits and dots only), or none: the step alone.
    answers = node.get("answers")
    route = f' data-antwoorden="{answers}"' if answers is not None else ""
    self.body.append(f'<template class="gg-qr-template"{route}>{node["svg"]}</template>')
    raise nodes.SkipNode


def visit_tree_root(self: HTML5Translator, node: tree_root) -> None:
    self.body.append(
        self.starttag(
            node,
            "div",
            CLASS="gg-tree",
            **{
                "data-tree": node["tree"],
                "data-start": node["start"],
                "data-title": node["title"],
            },
        )
    )


def depart_tree_root(self: HTML5Translator, node: tree_root) -> None:
    self.body.append("</div>\n")


def visit_svg_diagram(self: HTML5Translator, node: svg_diagram) -> None:
    # Focusable, so keyboard users can scroll it where it is wider than the screen.
    self.body.append(
        '<figure class="gg-diagram-figure" tabindex="0" '
        f'aria-label="Schema (schuift opzij op een smal scherm)">{node["svg"]}</figure>\n'
    )
    raise nodes.SkipNode


class TreeDirective(SphinxDirective):
    """Render the decision tree in the YAML file named by the argument (relative to conf.py)."""

    required_arguments = 1
    has_content = False
    option_spec: ClassVar[dict[str, Any]] = {}

    def run(self) -> list[nodes.Node]:
        relative, absolute = self.env.relfn2path(self.arguments[0], self.env.docname)
        self.env.note_dependency(relative)
        tree = self.checked_tree(Path(absolute))
        return [] if tree is None else self.render(tree)

    def checked_tree(self, source: Path) -> Tree | None:
        """The tree checked at build start, or the file read and checked now (a tree
        outside the decisions folder, or one whose problems kept it out).

        A tree with problems is not rendered (an unchecked tree could loop or
        nest without end); every problem becomes a warning at its YAML line.
        """
        content = GuidegenData(self.env).content
        known = content.tree_from(source)
        if known is not None:
            return known
        tree, document, problems = read_model(Tree, source)
        if tree is not None and document is not None:
            problems.extend(check_tree(tree, document, content.base))
        for problem in problems:
            warn(Subtype.TREE, problem.message, problem.location)
        return tree if not problems else None

    def render(self, tree: Tree) -> list[nodes.Node]:
        self.codes = codes(tree)
        self.routes = answer_routes(tree)
        root = tree_root(tree=tree.id, start=tree.start, title=tree.title)
        outline = nodes.container(classes=["gg-tree-outline"])
        outline += nodes.paragraph(
            "",
            "De hele beslisboom staat hieronder als overzicht. Volg bij elke vraag het "
            "antwoord dat past; elke vraag en elk advies heeft een eigen link.",
        )
        outline += self.outline(tree)
        root += outline
        figure = nodes.section(ids=["schema"], classes=["gg-tree-diagram"])
        figure += nodes.title("", "Schema van de hele boom")
        try:
            figure += svg_diagram(svg=tree_svg(tree, links=True))
        except DiagramError as exc:
            warn(Subtype.TREE, str(exc), self.get_location())
        figure += self.legend(tree)
        return [root, figure]

    def legend(self, tree: Tree) -> list[nodes.Node]:
        """The diagram's codes in full: every question with its answers, every outcome."""
        intro = nodes.paragraph(
            "",
            "In het schema staat V voor een vraag en A voor een advies; het cijfer bij een "
            "pijl is het nummer van het antwoord. Dezelfde codes staan bij de vragen en "
            "adviezen hierboven en in het routeboekje. Elk vak in het schema is een link "
            "naar zijn stap. De legenda:",
        )
        entries = nodes.bullet_list(classes=["gg-legend"])
        for entry in legend(tree):
            line = nodes.paragraph()
            line += nodes.strong("", entry.code)
            line += nodes.Text(f" {entry.text}")
            item = nodes.list_item("", line)
            if entry.answers:
                answers = nodes.enumerated_list(classes=["gg-legend-answers"])
                for _, label, target in entry.answers:
                    answers += nodes.list_item("", nodes.paragraph("", f"{label} → {target}"))
                item += answers
            entries += item
        return [intro, entries]

    def outline(self, tree: Tree) -> nodes.Element:
        """The start node and, below each answer, the node it leads to (each placed once).

        Built with a stack of its own, depth first in answer order, so a deep tree
        cannot exhaust Python's stack here.
        """
        placed: set[str] = set()
        nodes_by_id = {node.id: node for node in tree.nodes}
        top = nodes.container()
        pending: list[tuple[str, nodes.Element]] = [(tree.start, top)]
        while pending:
            node_id, parent = pending.pop()
            if node_id in placed:
                parent += nodes.paragraph(
                    "", "(Dit advies of deze vraag staat hierboven al.)", classes=["gg-seen"]
                )
                continue
            placed.add(node_id)
            block, items = self.node_block(tree, nodes_by_id[node_id])
            parent += block
            pending.extend(reversed(items))
        return top.children[0]

    def node_block(
        self, tree: Tree, node: Question | Outcome
    ) -> tuple[nodes.Element, list[tuple[str, nodes.Element]]]:
        """A node's block, and per answer the node it leads to and the item to put it in."""
        kind = "gg-question" if isinstance(node, Question) else "gg-outcome"
        block = nodes.container(ids=[node.id], classes=["gg-node", kind])
        if self.env.config.guidegen_base_url:  # no QR code of a local address
            block += self.step_codes(tree, node.id)
        if not isinstance(node, Question):
            block += self.outcome_body(node)
            return block, []
        text = nodes.paragraph(classes=["gg-question-text"])
        label = nodes.strong("", "Vraag ")
        label += nodes.inline("", self.codes[node.id], classes=["gg-code"])
        label += nodes.Text(": ")
        text += label
        text += nodes.Text(node.text)
        block += text
        if node.help:
            help_box = nodes.container(classes=["gg-help"])
            help_box += _field(node.help)
            block += help_box
        answers = nodes.bullet_list(classes=["gg-answers"])
        items: list[tuple[str, nodes.Element]] = []
        for answer in node.answers:
            item = nodes.list_item()
            line = nodes.paragraph()
            line += nodes.reference(
                "", answer.label, refuri=f"#{answer.next}", classes=["gg-answer"]
            )
            item += line
            answers += item
            items.append((answer.next, item))
        block += answers
        return block, items

    def step_codes(self, tree: Tree, node_id: str) -> list[nodes.Node]:
        """The QR codes of a step: one per route to it, each with its answers in the
        address, so a scan opens the same trail; for a tree with too many routes, one
        of the step alone."""
        url = self.page_url(tree)
        if self.routes is None:
            return [step_qr(svg=step_qr_svg(f"{url}#{node_id}"))]
        found: list[nodes.Node] = []
        for numbers in self.routes[node_id]:
            answers = ".".join(map(str, numbers))
            query = f"?antwoorden={answers}" if answers else ""
            found.append(step_qr(svg=step_qr_svg(f"{url}{query}#{node_id}"), answers=answers))
        return found

    def page_url(self, tree: Tree) -> str:
        """The tree page's public address (``guidegen_base_url``)."""
        base_url = self.env.config.guidegen_base_url.rstrip("/")
        return f"{base_url}/{TREES_FOLDER}/{tree.id}.html"

    def outcome_body(self, node: Outcome) -> list[nodes.Node]:
        title = nodes.paragraph(classes=["gg-outcome-title"])
        label = nodes.strong("", "Advies ")
        label += nodes.inline("", self.codes[node.id], classes=["gg-code"])
        label += nodes.Text(": ")
        title += label
        title += nodes.Text(node.title)
        body = nodes.container(classes=["gg-outcome-body"])
        body += _field(node.advice)
        why = nodes.container(classes=["gg-why"])
        why_label = nodes.paragraph()
        why_label += nodes.strong("", "Waarom?")
        why += why_label
        why += _field(node.why)
        body += why
        if node.records:
            body += self.link_list("Lees meer in het handboek:", node.records)
        cited = unique_citations(node.sources)
        body += self.link_list("Bron:", [c.source for c in cited], cited)
        for note in node.notes:
            body += self.note_box(note)
        return [title, body]

    def note_box(self, note: CurrencyNote) -> nodes.Element:
        """A currency note: what holds now, its sources and its date."""
        box = nodes.container(classes=["gg-outcome-note"])
        heading = nodes.paragraph()
        heading += nodes.strong("", f"Stand {note.year}: wat geldt nu")
        box += heading
        box += _field(note.text)
        box += self.link_list("Bron:", [c.source for c in note.sources], note.sources)
        box += nodes.paragraph(
            "",
            f"Stand van {dutch_date(note.date)}; herzien vóór {dutch_date(note.review)}.",
            classes=["gg-note-date"],
        )
        return box

    def link_list(
        self, label: str, ids: list[str], citations: list[Any] | None = None
    ) -> nodes.Element:
        box = nodes.container(classes=["gg-links"])
        heading = nodes.paragraph()
        heading += nodes.strong("", label)
        box += heading
        items = nodes.bullet_list()
        note_shown_titles(self.env, (f"{GENERATED_FOLDER}/{record_id}" for record_id in ids))
        for number, record_id in enumerate(ids):
            line = nodes.paragraph()
            xref = addnodes.pending_xref(
                "",
                refdomain="std",
                reftype="doc",
                reftarget=f"/{GENERATED_FOLDER}/{record_id}",
                refexplicit=False,
                refwarn=True,
            )
            xref += nodes.inline("", record_id)
            line += xref
            if citations is not None:
                citation = citations[number]
                line += nodes.Text(f", {citation.section}")
                if citation.pages:
                    line += nodes.Text(f", p. {citation.pages}")
            item = nodes.list_item()
            item += line
            items += item
        box += items
        return box


def _field(text: str) -> field_text:
    """A tree's Markdown field: parsed on its own, never as page source (``fields.py``)."""
    return field_text("", *field_nodes(text))


def setup_tree_directive(app: Sphinx) -> None:
    """Register the directive and its nodes (HTML only; other builders skip them)."""
    app.add_node(
        tree_root,
        html=(visit_tree_root, depart_tree_root),
        latex=(skip_node, None),
        text=(skip_node, None),
    )
    app.add_node(
        svg_diagram, html=(visit_svg_diagram, None), latex=(skip_node, None), text=(skip_node, None)
    )
    app.add_node(
        step_qr, html=(visit_step_qr, None), latex=(skip_node, None), text=(skip_node, None)
    )
    app.add_directive("guidegen-tree", TreeDirective)
