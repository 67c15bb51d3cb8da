"""The ``guidegen-filter`` directive: a form that filters an overview's cards in place.

The form is rendered folded (``<details>``) and ``hidden``; ``guidegen-filter.js``
shows it, hides the cards that do not match and shows them a step at a time ("Toon
meer"). Without JavaScript the form stays hidden and the whole list shows. Each
content line is ``facet value count label`` (plain text).
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from guidegen.sphinx._nodes import skip_node

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator

FACET_LEGENDS = {
    "soort": "Soort",
    "themes": "Thema",
    "platforms": "Platform",
    "audiences": "Doelgroep",
}


class filter_form(nodes.General, nodes.Element):
    """The options of an in-place filter."""


def visit_filter_form(self: HTML5Translator, node: filter_form) -> None:
    if not node["options"]:
        raise nodes.SkipNode
    parts = [
        '<details class="gg-card-filter-box" hidden><summary>Filters '
        '<span class="gg-card-filter-chosen"></span></summary>'
        '<form class="gg-card-filter" aria-label="Filter deze lijst">'
    ]
    for facet, legend in FACET_LEGENDS.items():
        options = [o for o in node["options"] if o[0] == facet]
        if options:
            parts.append(_fieldset(facet, legend, options))
    parts.append(
        '<div class="gg-card-filter-actions"><button type="reset" class="utrecht-button '
        'utrecht-button--secondary-action gg-button">Wis alle filters</button></div>'
        "</form></details>"
        '<p class="gg-card-filter-status" role="status" hidden></p>'
    )
    self.body.append("".join(parts))
    raise nodes.SkipNode


def _fieldset(facet: str, legend: str, options: list[tuple[str, str, str, str]]) -> str:
    """One facet's checkboxes; the count after each label is updated as filters change."""
    parts = [f'<fieldset class="gg-filter"><legend>{escape(legend)}</legend>']
    for _, value, count, label in options:
        field = escape(f"gg-filter-{facet}-{value}")
        parts.append(
            f'<div class="gg-filter-option"><input type="checkbox" id="{field}" '
            f'name="{escape(facet)}" value="{escape(value)}"> <label for="{field}">'
            f'{escape(label)} (<span class="gg-filter-count">{escape(count)}</span>)'
            "</label></div>"
        )
    parts.append("</fieldset>")
    return "".join(parts)


class FilterDirective(SphinxDirective):
    """Collect the filter options from the content lines."""

    has_content = True
    option_spec: ClassVar[dict[str, Any]] = {}

    def run(self) -> list[nodes.Node]:
        options = []
        for line in self.content:
            facet, value, count, label = line.split(" ", 3)
            options.append((facet, value, count, label))
        return [filter_form(options=options)]


def setup_filter_directive(app: Sphinx) -> None:
    app.add_node(
        filter_form, html=(visit_filter_form, None), latex=(skip_node, None), text=(skip_node, None)
    )
    app.add_directive("guidegen-filter", FilterDirective)
