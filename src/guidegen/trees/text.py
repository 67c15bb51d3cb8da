"""Decision trees as plain text: the outline of a whole tree and readable outcomes."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable

from markdown_it import MarkdownIt
from markdown_it.token import Token

from guidegen.content.currency import term_notes, texts_of
from guidegen.content.knowledge import KnowledgeBase
from guidegen.content.model import Citation, CurrencyNote
from guidegen.trees.decisiontree import Outcome, Question, Tree

WIDTH = 88


def unique_citations(citations: Iterable[Citation]) -> list[Citation]:
    """The citations with one per source, section and pages (lines and quotes differ)."""
    seen: set[tuple[str, str, str | None]] = set()
    unique: list[Citation] = []
    for citation in citations:
        key = (citation.source, citation.section, citation.pages)
        if key not in seen:
            seen.add(key)
            unique.append(citation)
    return unique


def source_line(citation: Citation, base: KnowledgeBase | None = None) -> str:
    """``Title (id), section, p. 3`` for one citation."""
    record = base.get(citation.source) if base is not None else None
    name = f"{record.title} ({citation.source})" if record is not None else citation.source
    pages = f", p. {citation.pages}" if citation.pages else ""
    return f"{name}, {citation.section}{pages}"


def _inline_text(token: Token) -> str:
    parts: list[str] = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts)


def markdown_text(markdown: str, indent: str = "", width: int = WIDTH) -> str:
    """Markdown as wrapped plain text: paragraphs and list items, no markup characters."""
    out: list[str] = []
    markers: list[str] = []  # per open list: "-" or the next number
    prefix = ""
    new_block = False  # the next text starts a paragraph or a list: a blank line first
    for token in MarkdownIt("commonmark").parse(markdown):
        if token.type in ("bullet_list_open", "ordered_list_open"):
            new_block = not markers
            markers.append("-" if token.type == "bullet_list_open" else "1")
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            markers.pop()
        elif token.type == "list_item_open":
            marker = markers[-1]
            if marker != "-":
                markers[-1] = str(int(marker) + 1)
                marker += "."
            prefix = marker + " "
        elif token.type == "inline":
            depth = indent + "  " * max(len(markers) - 1, 0)
            if out and (new_block or not (markers and prefix)):
                out.append("")  # before a paragraph or a list, not between list items
            new_block = False
            out.append(
                textwrap.fill(
                    _inline_text(token),
                    width,
                    initial_indent=depth + prefix,
                    subsequent_indent=depth + " " * len(prefix),
                )
            )
            prefix = ""
    return "\n".join(out)


def outcome_term_notes(
    outcome: Outcome, base: KnowledgeBase | None = None
) -> dict[str, CurrencyNote]:
    """The notes of the outdated terms ``outcome`` mentions that its own notes leave open."""
    vocabulary = base.vocabulary if base is not None else None
    return term_notes(vocabulary, texts_of(outcome), outcome.notes)


def outcome_text(outcome: Outcome, base: KnowledgeBase | None = None) -> str:
    """An outcome as plain text: title, advice, why, records to read and sources."""
    lines = [f"Advies: {outcome.title}", "", markdown_text(outcome.advice), ""]
    lines += ["Waarom?", markdown_text(outcome.why)]
    if outcome.records:
        lines += ["", "Lees meer in het handboek:"]
        for record_id in outcome.records:
            record = base.get(record_id) if base is not None else None
            lines.append(f"- {record.title} ({record_id})" if record else f"- {record_id}")
    lines += ["", "Bronnen:"]
    lines += [f"- {source_line(c, base)}" for c in unique_citations(outcome.sources)]
    for note in [*outcome.notes, *outcome_term_notes(outcome, base).values()]:
        lines += ["", f"Stand {note.date[:4]} (van {note.date}): {markdown_text(note.text)}"]
        lines += [f"Bron: {source_line(c, base)}" for c in unique_citations(note.sources)]
    return "\n".join(lines)


def tree_outline(tree: Tree) -> str:
    """The whole tree as an indented outline; a node reached again is named, not repeated."""
    lines = [tree.title, "=" * len(tree.title), ""]
    placed: set[str] = set()
    # Work list of lines still to write: an answer ("answer", label) or a node.
    todo: list[tuple[str, str, int]] = [("node", tree.start, 0)]
    while todo:
        kind, value, depth = todo.pop()
        pad = "    " * depth
        if kind == "answer":
            lines.append(f"{pad}  {value}")
            continue
        node = tree.node(value)
        label = f"Vraag: {node.text}" if isinstance(node, Question) else f"Advies: {node.title}"
        if value in placed:
            lines.append(f"{pad}{label} [{value}] (zie hierboven)")
            continue
        placed.add(value)
        lines.append(f"{pad}{label} [{value}]")
        if isinstance(node, Question):
            below: list[tuple[str, str, int]] = []
            for number, answer in enumerate(node.answers, start=1):
                below.append(("answer", f"{number}. {answer.label}", depth))
                below.append(("node", answer.next, depth + 1))
            todo.extend(reversed(below))
    return "\n".join(lines)
