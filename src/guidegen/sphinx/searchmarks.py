"""What of a page goes into the search index, and how much each part weighs.

Pagefind reads ``data-pagefind-ignore`` and ``data-pagefind-weight`` attributes.
Docutils cannot put those on an element, so they are added to the page body's
HTML (made by our own templates) just before the page is written:

- lists of links, tag blocks and citations are left out, so an overview or a
  theme page does not match every word of the records it lists, and no excerpt
  shows "Kenmerken. Thema's: ...";
- a record's summary weighs more than its body (the title, an ``<h1>``, weighs
  most already).

The parts of the compounds a page uses are added as hidden, light index words
(see :mod:`guidegen.searchwords`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from guidegen.handbook.searchwords import CompoundSplitter, words

if TYPE_CHECKING:
    from docutils import nodes

#: Sections (by id) that list links, tags or citations: "Kenmerken", "Bronnen", ...
IGNORED_SECTIONS = frozenset(
    {
        "kenmerken",
        "bronnen",
        "zie-ook",
        "dit-voorbeeld-laat-zien",
        "praktijkvoorbeelden-bij-deze-strategie",
        "wat-het-handboek-uit-deze-bron-haalt",
    }
)
#: Elements (by class) that repeat other pages or only label: cards, badges, diagrams,
#: and the note of an outdated term (the same note on every page that names Twitter).
IGNORED_CLASSES = frozenset(
    {"gg-cards", "sd-badge", "gg-tree-diagram", "gg-diagram-figure", "gg-links", "gg-term-note"}
)
#: Weights of elements (by class) that say what a page is about.
WEIGHTED_CLASSES = {"gg-summary": "3"}
#: Weights of the hidden parts of compounds: those of the title weigh like a heading,
#: the others little (they repeat words the page has).
TITLE_PARTS_WEIGHT = "5"
BODY_PARTS_WEIGHT = "0.5"

_OPEN_TAG = re.compile(r"<(section|div|span|figure|ul|p)\b([^>]*)>")
_ID = re.compile(r'\bid="([^"]*)"')
_CLASS = re.compile(r'\bclass="([^"]*)"')


def mark_search_regions(body: str) -> str:
    """``body`` with Pagefind's ignore and weight attributes on the elements above."""
    return _OPEN_TAG.sub(_mark, body)


def _mark(match: re.Match[str]) -> str:
    tag, attributes = match.group(1), match.group(2)
    element_id = _ID.search(attributes)
    class_attribute = _CLASS.search(attributes)
    classes = set(class_attribute.group(1).split()) if class_attribute else set()
    if (element_id and element_id.group(1) in IGNORED_SECTIONS) or classes & IGNORED_CLASSES:
        return f"<{tag} data-pagefind-ignore{attributes}>"
    weights = [WEIGHTED_CLASSES[c] for c in sorted(classes & WEIGHTED_CLASSES.keys())]
    if weights:
        return f'<{tag} data-pagefind-weight="{weights[0]}"{attributes}>'
    return match.group(0)


def add_compound_parts(
    body: str, doctree: nodes.document | None, splitter: CompoundSplitter | None
) -> str:
    """``body`` with hidden index words: the parts of the compounds it uses.

    The parts of the title's compounds weigh like a heading, so "crisisplan" finds
    the page titled with "crisiscommunicatieplan" before pages that mention it.
    """
    if doctree is None or splitter is None:
        return body
    title = next(iter(doctree.findall(_is_title)), None)
    title_words = set(words(title.astext())) if title is not None else set()
    body_words = set(words(doctree.astext()))
    title_parts = {p for w in title_words for p in splitter.all_parts(w)} - title_words
    body_parts = {p for w in body_words for p in splitter.all_parts(w)} - body_words - title_parts
    blocks = []
    for weight, parts in ((TITLE_PARTS_WEIGHT, title_parts), (BODY_PARTS_WEIGHT, body_parts)):
        if parts:
            text = " ".join(sorted(parts))
            blocks.append(f'<div hidden data-pagefind-weight="{weight}">{text}</div>')
    return body + "".join(blocks)


def _is_title(node: nodes.Node) -> bool:
    return bool(node.tagname == "title")
