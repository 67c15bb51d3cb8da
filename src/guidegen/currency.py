"""Currency notes: outdated words without a note, notes past their review date.

The sources date from 2012 to 2020. A record (or tree outcome) that mentions a
word the vocabulary lists under ``outdated_terms`` must carry a currency note
saying what holds now; these checks find the ones that do not, and the notes
whose review date has passed.  They are warnings, not errors: the record itself
is still valid.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from .knowledge import KnowledgeBase
from .model import CurrencyNote, OutdatedTerm, Record
from .problems import WARNING, Problem
from .reviews import ReviewDate, due_reviews
from .trees import LoadedTree, Outcome
from .yamlsafe import KeyPath, YamlDocument

#: Fields whose text is not the handbook's own words (citations) or is the note itself.
SKIPPED_FIELDS = frozenset({"id", "sources", "source", "notes", "related", "files"})


def _texts(value: Any, key_path: KeyPath = ()) -> Iterator[tuple[KeyPath, str]]:
    """Every text in a dumped model with its key path, skipping citations and notes."""
    if isinstance(value, str):
        yield key_path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in SKIPPED_FIELDS:
                yield from _texts(item, (*key_path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, (*key_path, index))


def _uncovered(
    document: YamlDocument,
    data: dict[str, Any],
    notes: list[CurrencyNote],
    terms: dict[str, OutdatedTerm],
    prefix: KeyPath = (),
) -> Iterator[Problem]:
    """A warning per outdated term that ``data`` mentions while it has no note."""
    if notes:
        return
    for term in terms.values():
        found = next((path for path, text in _texts(data) if term.finds(text)), None)
        if found is not None:
            line, column = _line_of_mention(document, (*prefix, *found), term)
            yield Problem(
                document.path,
                line,
                column,
                f"mentions '{term.label}' without a currency note; {term.now}: "
                "add a note under 'notes' with a cited source",
                WARNING,
            )


def _line_of_mention(
    document: YamlDocument, key_path: KeyPath, term: OutdatedTerm
) -> tuple[int, int]:
    """The line of the mention itself inside a (multi-line) value, else the value's start."""
    line, column = document.locate(key_path)
    try:
        lines = document.path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return line, column
    for number in range(line - 1, min(len(lines), line + 80)):
        if term.finds(lines[number]):
            return number + 1, (column if number == line - 1 else 1)
    return line, column


def outdated_mentions(base: KnowledgeBase, trees: list[LoadedTree]) -> list[Problem]:
    """Records and tree outcomes that mention an outdated term and carry no note."""
    terms = base.vocabulary.outdated_terms if base.vocabulary else {}
    found: list[Problem] = []
    for entry in base.entries.values():
        record = entry.record
        if hasattr(record, "notes"):
            data = record.model_dump(mode="json")
            found += _uncovered(entry.document, data, record.notes, terms)
    for loaded in trees:
        for index, node in enumerate(loaded.tree.nodes):
            if isinstance(node, Outcome):
                data = node.model_dump(mode="json")
                found += _uncovered(loaded.document, data, node.notes, terms, ("nodes", index))
    return sorted(found)


def notes_with_paths(
    base: KnowledgeBase, trees: list[LoadedTree]
) -> Iterator[tuple[YamlDocument, KeyPath, CurrencyNote, Record | Outcome]]:
    """Every note, with its document, key path and the record or outcome it belongs to."""
    for entry in base.entries.values():
        for index, note in enumerate(getattr(entry.record, "notes", [])):
            yield entry.document, ("notes", index), note, entry.record
    for loaded in trees:
        for position, node in enumerate(loaded.tree.nodes):
            if isinstance(node, Outcome):
                for index, note in enumerate(node.notes):
                    yield loaded.document, ("nodes", position, "notes", index), note, node


def review_dates(base: KnowledgeBase, trees: list[LoadedTree]) -> list[ReviewDate]:
    """Every note's dates, located at its ``review`` key (plain data: the cache keeps it)."""
    found = []
    for document, key_path, note, _ in notes_with_paths(base, trees):
        line, column = document.locate((*key_path, "review"))
        found.append(ReviewDate(document.path, line, column, note.date, note.review))
    return found


def past_review(
    base: KnowledgeBase, trees: list[LoadedTree], today: date | None = None
) -> list[Problem]:
    """Notes whose review date has passed (or is today)."""
    return due_reviews(review_dates(base, trees), today)
