"""The trainer's route booklet: every path through a decision tree as a numbered route.

Per tree a title, the diagram with its legend, and each route from the first question
to an outcome: the questions and answers on the way, then the advice, why, and the
sources. Written as one HTML document and printed to an A4 PDF by WeasyPrint.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import jinja2
from markdown_it import MarkdownIt
from markupsafe import Markup

from guidegen.content.knowledge import KnowledgeBase
from guidegen.trees.decisiontree import Outcome, Question, Step, Tree
from guidegen.trees.diagram import LegendEntry, codes, legend, tree_svg
from guidegen.trees.text import source_line, unique_citations

TEMPLATES = Path(__file__).parent / "booklet_templates"
ALL_TREES_STEM = "routeboekje-alle-beslisbomen"


@dataclass(frozen=True)
class Route:
    """One path from the start to an outcome."""

    number: int
    steps: list[Step]
    outcome: Outcome

    @property
    def answers(self) -> str:
        """The answer numbers as a tree page's address writes them: ``1.3.2``."""
        return ".".join(str(question.answers.index(answer) + 1) for question, answer in self.steps)


@dataclass(frozen=True)
class TreeChapter:
    """What the booklet shows of one tree."""

    tree: Tree
    diagram: Markup
    legend: list[LegendEntry]
    codes: dict[str, str]
    routes: list[Route]


def routes(tree: Tree) -> list[Route]:
    """Every path from the start to an outcome, in the order of the answers."""
    found: list[Route] = []
    todo: list[tuple[str, list[Step]]] = [(tree.start, [])]
    while todo:
        node_id, steps = todo.pop()
        node = tree.node(node_id)
        if isinstance(node, Outcome):
            found.append(Route(len(found) + 1, steps, node))
            continue
        assert isinstance(node, Question)
        for answer in reversed(node.answers):
            todo.append((answer.next, [*steps, (node, answer)]))
    return found


def chapter(tree: Tree) -> TreeChapter:
    return TreeChapter(tree, Markup(tree_svg(tree)), legend(tree), codes(tree), routes(tree))


def booklet_html(trees: list[Tree], base: KnowledgeBase, today: date) -> str:
    """The booklet of ``trees`` as one standalone HTML document (no scripts, no requests)."""
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    markdown = MarkdownIt("commonmark", {"html": False})
    environment.filters["markdown"] = lambda text: Markup(markdown.render(text))
    environment.globals["source_line"] = lambda citation: source_line(citation, base)
    environment.globals["unique_citations"] = unique_citations
    environment.globals["record_title"] = lambda record_id: getattr(
        base.get(record_id), "title", record_id
    )
    title = trees[0].title if len(trees) == 1 else "Alle beslisbomen"
    return environment.get_template("routeboekje.html.jinja").render(
        title=title,
        chapters=[chapter(tree) for tree in trees],
        # Our own file, as it is: autoescaping would turn its quotes into entities,
        # which a <style> element does not decode (fonts and page numbers were lost).
        css=Markup((TEMPLATES / "routeboekje.css").read_text(encoding="utf-8")),
        today=today,
    )


def booklet_groups(trees: list[Tree], ids: Sequence[str] = ()) -> list[list[Tree]]:
    """The trees of each booklet: one booklet per id in ``ids``; without ids, one per
    tree and one of all trees when there are several.

    :raises ValueError: naming the ids that are no tree's (in Dutch).
    """
    by_id = {tree.id: tree for tree in trees}
    unknown = [tree_id for tree_id in ids if tree_id not in by_id]
    if unknown:
        raise ValueError(f"geen beslisboom {', '.join(unknown)}; kies uit {', '.join(by_id)}")
    if ids:
        return [[by_id[tree_id]] for tree_id in ids]
    groups = [[tree] for tree in trees]
    if len(trees) > 1:
        groups.append(list(trees))
    return groups


def booklet_stem(trees: list[Tree]) -> str:
    return f"routeboekje-{trees[0].id}" if len(trees) == 1 else ALL_TREES_STEM
