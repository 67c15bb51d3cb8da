"""Card titles as headings: a card's header is the title of what the card stands for.

sphinx-design writes a card header as a paragraph in a ``<div>``, so a list of 116
cards had no headings a screen reader could jump between. After the doctree is
resolved, the paragraph of each card header becomes a ``card_title`` node, written
as a heading one level below the section the cards stand in (``<h2>`` under the
page title, ``<h3>`` under a section heading).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator

#: HTML has six heading levels.
DEEPEST = 6


class card_title(nodes.TextElement):
    """The title of a card, a heading of level ``level``."""


def visit_card_title(self: HTML5Translator, node: card_title) -> None:
    self.body.append(f'<h{node["level"]} class="gg-card-title">')


def depart_card_title(self: HTML5Translator, node: card_title) -> None:
    self.body.append(f"</h{node['level']}>")


def _level(node: nodes.Node) -> int:
    sections = 0
    parent = node.parent
    while parent is not None:
        sections += isinstance(parent, nodes.section)
        parent = parent.parent
    return min(sections + 1, DEEPEST)


class CardTitles(SphinxPostTransform):
    """Turn the paragraph of every card header into a heading."""

    default_priority = 200
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        for header in self.document.findall(nodes.container):
            if header.get("design_component") != "card-header":
                continue
            for paragraph in list(header.findall(nodes.paragraph)):
                title = card_title("", "", *paragraph.children, level=_level(header))
                paragraph.replace_self(title)
                break


def setup_card_titles(app: Sphinx) -> None:
    app.add_node(card_title, html=(visit_card_title, depart_card_title))
    app.add_post_transform(CardTitles)
