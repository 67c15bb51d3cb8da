"""Field text on a page: the one path from a record's Markdown field to docutils nodes.

A page template never pastes a field's text into the page's MyST source. It writes
a placeholder that names the text by its key (:func:`guidegen.myst.field_key`, a
digest): the ``{guidegen-field}`` directive for a block, the ``{guidegen-field}``
role inside a sentence. The extension remembers every checked Markdown text of the
records, trees and vocabulary at build start (:func:`remember_fields`, in the build's
:class:`~guidegen.sphinx.data.GuidegenData`; parallel readers inherit it), and the
placeholder parses its text on its own with :func:`guidegen.safemarkdown.field_parser`
and turns the allowed tokens into nodes. Nothing in a field is MyST page source, so
it cannot call a directive or a role, close the box around it, or add raw HTML.

Because the key is a digest of the text, an edited text changes the page's
source and Sphinx reads the page again (incremental builds need nothing else).

The example guidelines are made by the guideline templates from a profile and the
records (CommonMark, :mod:`guidegen.guideline.markdown`); ``{guidegen-guideline}``
renders such a document the same way, with headings as sections.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from markdown_it.tree import SyntaxTreeNode
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective, SphinxRole

from guidegen.content.myst import field_key
from guidegen.content.safemarkdown import allowed_link, field_parser
from guidegen.handbook.pageurls import GENERATED_FOLDER
from guidegen.sphinx.data import GuidegenData
from guidegen.sphinx.warning_types import Subtype, warn

if TYPE_CHECKING:
    from docutils.nodes import Node, system_message
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


def remember_fields(env: BuildEnvironment, texts: Iterable[str]) -> None:
    """Let placeholders show these texts (and no others); in the main process at build start."""
    GuidegenData(env).field_texts.update((field_key(text), text) for text in texts)


def add_field(env: BuildEnvironment, text: str) -> str:
    """Let placeholders show ``text`` too; returns its key."""
    key = field_key(text)
    GuidegenData(env).field_texts[key] = text
    return key


class field_text(nodes.General, nodes.Element):
    """What one field's text became: in the doctree only, unwrapped before writing.

    It marks the field's own nodes (tests compare a page's structure outside
    them); :class:`UnwrapFields` puts its children in its place, so the HTML is
    the same as if the nodes stood there directly (lists stay compact).
    """


class field_inline(nodes.Inline, nodes.TextElement):
    """:class:`field_text` inside a paragraph."""


class UnwrapFields(SphinxPostTransform):
    """Replace each field wrapper by its children, for every builder."""

    default_priority = 100

    def run(self, **kwargs: Any) -> None:
        for node in list(self.document.findall(lambda n: isinstance(n, field_text | field_inline))):
            node.replace_self(node.children)


def _text(env: BuildEnvironment, key: str, location: object) -> str | None:
    text = GuidegenData(env).field_texts.get(key)
    if text is None:
        warn(Subtype.CONTENT, f"no checked field text has the key {key!r}", str(location))
    return text


class FieldDirective(SphinxDirective):
    """A field's text as block nodes; the argument is its key."""

    required_arguments = 1
    has_content = False
    option_spec: ClassVar[dict[str, Any]] = {}

    def run(self) -> list[Node]:
        text = _text(self.env, self.arguments[0], self.get_location())
        if text is None:
            return []
        wrapper = field_text()
        self.set_source_info(wrapper)
        wrapper += field_nodes(text)
        return [wrapper]


class FieldRole(SphinxRole):
    """A field's text inside a sentence: the inline text of its paragraphs."""

    def run(self) -> tuple[list[Node], list[system_message]]:
        text = _text(self.env, self.text, self.get_location())
        if text is None:
            return [], []
        wrapper = field_inline()
        for number, block in enumerate(field_nodes(text)):
            if number:
                wrapper += nodes.Text(" ")
            wrapper += (
                block.children if isinstance(block, nodes.paragraph) else nodes.Text(block.astext())
            )
        return [wrapper], []


class GuidelineDirective(SphinxDirective):
    """A guideline's Markdown (made from a profile) as nodes, its headings as sections."""

    required_arguments = 1
    has_content = False
    option_spec: ClassVar[dict[str, Any]] = {}

    def run(self) -> list[Node]:
        text = _text(self.env, self.arguments[0], self.get_location())
        if text is None:
            return []
        wrapper = field_text()
        self.set_source_info(wrapper)
        sections: list[tuple[int, nodes.Element]] = [(1, wrapper)]
        for block in SyntaxTreeNode(field_parser(headings=True).parse(text)).children:
            if block.type != "heading":
                sections[-1][1].extend(_blocks([block]))
                continue
            level = int(block.tag[1])
            while len(sections) > 1 and sections[-1][0] >= level:
                sections.pop()
            title = nodes.title("", "", *_inline(block.children))
            section = nodes.section("", title)
            self.set_source_info(section)
            self.heading_target(block, level, section, title)
            sections[-1][1].append(section)
            sections.append((level, section))
        return [wrapper]

    def heading_target(
        self, heading: SyntaxTreeNode, level: int, section: nodes.section, title: nodes.title
    ) -> None:
        """Give the section the ids MyST gives a heading of the page (name and slug)."""
        renderer = getattr(self.state, "_renderer", None)
        if renderer is not None:  # MyST's own, so ids and anchors match the page's headings
            renderer.generate_heading_target(heading, level, section, title)
            return
        section["names"] = [nodes.fully_normalize_name(title.astext())]
        self.state.document.note_implicit_target(section, section)


def field_nodes(text: str) -> list[nodes.Element]:
    """``text`` parsed on its own with the allow-list's parser, as block nodes."""
    return _blocks(SyntaxTreeNode(field_parser().parse(text)).children)


def _blocks(blocks: Iterable[SyntaxTreeNode]) -> list[nodes.Element]:
    made: list[nodes.Element] = []
    for block in blocks:
        if block.type == "paragraph":
            made.append(nodes.paragraph("", "", *_inline(block.children)))
        elif block.type == "bullet_list":
            made.append(nodes.bullet_list("", *_blocks(block.children), bullet=block.markup))
        elif block.type == "ordered_list":
            items = nodes.enumerated_list("", *_blocks(block.children), enumtype="arabic")
            items["prefix"], items["suffix"] = "", block.markup
            if block.attrs.get("start", 1) != 1:
                items["start"] = block.attrs["start"]
            made.append(items)
        elif block.type == "list_item":
            made.append(nodes.list_item("", *_blocks(block.children)))
        elif block.type == "blockquote":
            made.append(nodes.block_quote("", *_blocks(block.children)))
        elif block.type == "hr":  # only in a guideline (headings=True)
            made.append(nodes.transition())
        else:  # not made by field_parser; shown as its text if it ever is
            made.append(nodes.paragraph("", block.content or ""))
    return made


def _inline(children: Iterable[SyntaxTreeNode]) -> list[nodes.Node]:
    made: list[nodes.Node] = []
    for child in children:
        if child.type == "inline":
            made += _inline(child.children)
        elif child.type in {"text", "text_special"}:
            made.append(nodes.Text(child.content))
        elif child.type == "softbreak":
            made.append(nodes.Text("\n"))
        elif child.type == "hardbreak":
            made += [
                nodes.raw("", "<br />\n", format="html"),
                nodes.raw("", "\\\\\n", format="latex"),
            ]
        elif child.type == "em":
            made.append(nodes.emphasis("", "", *_inline(child.children)))
        elif child.type == "strong":
            made.append(nodes.strong("", "", *_inline(child.children)))
        elif child.type == "code_inline":
            made.append(nodes.literal(child.content, child.content))
        elif child.type == "link":
            made.append(_link(str(child.attrs.get("href", "")), _inline(child.children)))
        else:
            made.append(nodes.Text(child.content))
    return made


def _link(href: str, children: list[nodes.Node]) -> nodes.Node:
    """A link to an address or anchor, or to a record page; otherwise its text only."""
    if not allowed_link(href):
        return nodes.inline("", "", *children)
    if href.startswith(("http://", "https://", "mailto:", "#")):
        return nodes.reference("", "", *children, refuri=href)
    xref = addnodes.pending_xref(
        "",
        refdomain="std",
        reftype="doc",
        reftarget=f"/{GENERATED_FOLDER}/{href}",
        refexplicit=True,
        refwarn=True,
    )
    xref += nodes.inline("", "", *children)
    return xref


def setup_fields(app: Sphinx) -> None:
    """Register the placeholders and their (write-time invisible) wrappers."""
    app.add_node(field_text)
    app.add_node(field_inline)
    app.add_directive("guidegen-field", FieldDirective)
    app.add_role("guidegen-field", FieldRole())
    app.add_directive("guidegen-guideline", GuidelineDirective)
    app.add_post_transform(UnwrapFields)
