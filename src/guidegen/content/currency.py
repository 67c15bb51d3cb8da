"""Currency notes: outdated words without a note, notes past their review date.

The sources date from 2012 to 2020. A record (or tree outcome) that mentions a
word the vocabulary lists under ``outdated_terms`` must carry a currency note
saying what holds now; these checks find the ones that do not, and the notes
whose review date has passed.  They are warnings, not errors: the record itself
is still valid.

A term may carry one note of its own (``note`` in the vocabulary), for a word that
appears on many pages (Twitter): every page that mentions the term shows that note
once, and its mentions need no note of their own.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from typing import Any, Protocol

from pydantic import BaseModel

from guidegen.content.knowledge import KnowledgeBase
from guidegen.content.model import CurrencyNote, OutdatedTerm, Vocabulary
from guidegen.content.problems import WARNING, Problem
from guidegen.content.yamlsafe import KeyPath, YamlDocument

#: A part of a document that carries notes: its key path, its data and its notes.
NotedPart = tuple[KeyPath, BaseModel, Sequence[CurrencyNote]]


class NotedDocument(Protocol):
    """A document besides the records whose parts carry notes (a decision tree's outcomes)."""

    @property
    def document(self) -> YamlDocument: ...

    def noted_parts(self) -> Iterator[NotedPart]: ...


#: Fields whose text is not the handbook's own words (citations, ids) or is the note itself.
SKIPPED_FIELDS = frozenset(
    {"id", "sources", "source", "notes", "related", "files", "records", "next", "start"}
)


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
    notes: Sequence[CurrencyNote],
    terms: dict[str, OutdatedTerm],
    prefix: KeyPath = (),
) -> Iterator[Problem]:
    """A warning per outdated term that ``data`` mentions while it has no note.

    A term with a note of its own is covered wherever it appears.
    """
    if notes:
        return
    for term in terms.values():
        if term.note is not None:
            continue
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


def outdated_mentions(base: KnowledgeBase, trees: Iterable[NotedDocument]) -> list[Problem]:
    """Records and tree outcomes that mention an outdated term and carry no note."""
    terms = base.vocabulary.outdated_terms if base.vocabulary else {}
    found: list[Problem] = []
    for entry in base.entries.values():
        record = entry.record
        if hasattr(record, "notes"):
            data = record.model_dump(mode="json")
            found += _uncovered(entry.document, data, record.notes, terms)
    for tree in trees:
        for key_path, part, notes in tree.noted_parts():
            data = part.model_dump(mode="json")
            found += _uncovered(tree.document, data, notes, terms, key_path)
    return sorted(found)


def texts_of(item: BaseModel) -> list[str]:
    """The texts of a record, tree or outcome that a term may be mentioned in."""
    return [text for _, text in _texts(item.model_dump(mode="json"))]


def shown_texts(item: BaseModel) -> list[str]:
    """The texts of ``item`` that its page shows: :func:`texts_of`, plus the sections and
    quotes of its citations (not those of its notes)."""
    return [*texts_of(item), *_citation_texts(item.model_dump(mode="json"))]


def _citation_texts(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "sources" and isinstance(item, list):
                for citation in item:
                    if isinstance(citation, dict):
                        yield from (citation.get(k) or "" for k in ("section", "quote"))
            elif key != "notes":
                yield from _citation_texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _citation_texts(item)


def noted_terms(vocabulary: Vocabulary | None) -> dict[str, OutdatedTerm]:
    """The outdated terms that carry a note of their own, by id."""
    terms = vocabulary.outdated_terms if vocabulary else {}
    return {term_id: term for term_id, term in terms.items() if term.note is not None}


def term_notes(
    vocabulary: Vocabulary | None, texts: Iterable[str], own: Iterable[CurrencyNote] = ()
) -> dict[str, CurrencyNote]:
    """The notes of the terms that ``texts`` mention, by term id (vocabulary order).

    ``own``: the notes of the record or outcome itself; one that cites a source of a
    term's note already says what holds now for that term, so that term is left out.
    """
    texts = list(texts)
    cited = {c.source for note in own for c in note.sources}
    return {
        term_id: term.note
        for term_id, term in noted_terms(vocabulary).items()
        if term.note is not None
        and not cited & {c.source for c in term.note.sources}
        and any(term.finds(text) for text in texts)
    }


def notes_with_paths(
    base: KnowledgeBase, trees: Iterable[NotedDocument]
) -> Iterator[tuple[YamlDocument, KeyPath, CurrencyNote, BaseModel]]:
    """Every note, with its document, key path and what it belongs to."""
    if base.vocabulary is not None and base.vocabulary_document is not None:
        for term_id, term in noted_terms(base.vocabulary).items():
            if term.note is not None:
                key = ("outdated_terms", term_id, "note")
                yield base.vocabulary_document, key, term.note, term
    for entry in base.entries.values():
        for index, note in enumerate(getattr(entry.record, "notes", [])):
            yield entry.document, ("notes", index), note, entry.record
    for tree in trees:
        for key_path, part, notes in tree.noted_parts():
            for index, note in enumerate(notes):
                yield tree.document, (*key_path, "notes", index), note, part


def past_review(
    base: KnowledgeBase, trees: Iterable[NotedDocument], today: date | None = None
) -> list[Problem]:
    """Notes whose review date has passed (or is today), located at their ``review`` key."""
    today = today or date.today()
    due = []
    for document, key_path, note, _ in notes_with_paths(base, trees):
        if date.fromisoformat(note.review) <= today:
            line, column = document.locate((*key_path, "review"))
            message = (
                f"note of {note.date} was to be reviewed before {note.review}; check it "
                "against its sources and set a new review date"
            )
            due.append(Problem(document.path, line, column, message, WARNING))
    return sorted(due)
