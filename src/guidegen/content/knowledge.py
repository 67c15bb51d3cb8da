"""Load the knowledge base from ``content/`` and check it as a whole."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from guidegen.content.checks import Checker
from guidegen.content.model import (
    FACETS,
    RECORD_TYPES,
    TYPE_BY_FOLDER,
    Citation,
    Faceted,
    Record,
    Rule,
    Source,
    Term,
    Vocabulary,
)
from guidegen.content.passages import PASSAGES_FOLDER, check_passages
from guidegen.content.problems import Problem, display_path
from guidegen.content.synonyms import SYNONYMS_FILE, load_synonyms
from guidegen.content.validation import read_model, validate_document
from guidegen.content.yamlsafe import KeyPath, YamlDocument, YamlError, read_yaml
from guidegen.fileio import leaves_folder, not_a_regular_file

VOCABULARY_FILE = "vocabulary.yaml"
#: A rule that replaces others must say for which organisation types it does.
REPLACES_WITHOUT_TYPES = (
    "replaces: a rule replaces others only for the organisation types it is written for; "
    "add 'organisation_types', or drop 'replaces'"
)

RecordT = TypeVar("RecordT", bound=Record)


@dataclass(frozen=True)
class LoadedRecord:
    """A valid record together with the document it was read from."""

    record: Record
    document: YamlDocument

    @property
    def path(self) -> Path:
        return self.document.path

    def problem(self, key_path: KeyPath, message: str) -> Problem:
        return self.document.problem(key_path, message)


@dataclass
class KnowledgeBase:
    """Every record of the handbook, by id, and the vocabulary."""

    root: Path
    vocabulary: Vocabulary | None
    entries: dict[str, LoadedRecord] = field(default_factory=dict)
    vocabulary_document: YamlDocument | None = None
    #: Groups of words that mean the same for the search (``synonyms.yaml``, glossary).
    synonyms: list[list[str]] = field(default_factory=list)

    def __contains__(self, record_id: str) -> bool:
        return record_id in self.entries

    def get(self, record_id: str) -> Record:
        return self.entries[record_id].record

    def of_type(self, cls: type[RecordT]) -> list[RecordT]:
        """Records of one type, sorted by title."""
        found = [e.record for e in self.entries.values() if isinstance(e.record, cls)]
        return sorted(found, key=lambda r: (r.title.casefold(), r.id))

    @property
    def records(self) -> Iterator[Record]:
        for entry in self.entries.values():
            yield entry.record

    def counts(self) -> Counter[str]:
        """Number of records per type name."""
        return Counter(record.type_name for record in self.records)


def load_knowledge_base(root: Path) -> tuple[KnowledgeBase, list[Problem]]:
    """Load and check every record below ``root``; return the base and all problems."""
    problems: list[Problem] = []
    vocabulary, vocabulary_document = _load_vocabulary(root, problems)
    base = KnowledgeBase(root=root, vocabulary=vocabulary, vocabulary_document=vocabulary_document)
    seen_ids: dict[str, LoadedRecord] = {}
    for path, cls in _record_files(root, problems):
        record, document, found = read_model(cls, path)
        problems.extend(found)
        if record is None or document is None:
            continue
        entry = LoadedRecord(record, document)
        if record.id in seen_ids:
            first = seen_ids[record.id]
            problems.append(
                entry.problem(
                    ("id",),
                    f"duplicate id {record.id!r}, already used "
                    f"by {display_path(first.path)}:{first.document.locate(('id',))[0]}",
                )
            )
            continue
        seen_ids[record.id] = entry
    base.entries = dict(sorted(seen_ids.items()))
    problems.extend(check_references(base))
    terms = [record for record in base.records if isinstance(record, Term)]
    base.synonyms, found = load_synonyms(root / SYNONYMS_FILE, terms)
    problems.extend(found)
    return base, sorted(problems)


def _load_vocabulary(
    root: Path, problems: list[Problem]
) -> tuple[Vocabulary | None, YamlDocument | None]:
    path = root / VOCABULARY_FILE
    if not path.is_file():
        problems.append(
            Problem(
                path,
                1,
                1,
                "vocabulary file is missing; create it with the facet values records may use",
            )
        )
        return None, None
    if _leaves(path, root, problems):
        return None, None
    try:
        document = read_yaml(path)
    except YamlError as exc:
        problems.append(exc.problem)
        return None, None
    vocabulary, found = validate_document(Vocabulary, document)
    problems.extend(found)
    return vocabulary, document


def _record_files(root: Path, problems: list[Problem]) -> Iterator[tuple[Path, type[Record]]]:
    if not root.is_dir():
        problems.append(Problem(root, 1, 1, "content folder does not exist"))
        return
    for entry in sorted(root.iterdir()):
        if entry.name.startswith(".") or entry.name in (VOCABULARY_FILE, SYNONYMS_FILE):
            continue
        if entry.name == PASSAGES_FOLDER and entry.is_dir():
            continue  # not records: the stored passages of sources read online
        cls = TYPE_BY_FOLDER.get(entry.name)
        if cls is None or not entry.is_dir():
            folders = ", ".join(c.folder for c in RECORD_TYPES)
            problems.append(
                Problem(
                    entry,
                    1,
                    1,
                    f"unexpected {'folder' if entry.is_dir() else 'file'}"
                    f" in the content folder; records go in: {folders}",
                )
            )
            continue
        for path in sorted(entry.iterdir()):
            if path.name.startswith("."):
                continue
            if path.suffix != ".yaml":
                problems.append(Problem(path, 1, 1, "not a record file; records are '.yaml' files"))
                continue
            kind = not_a_regular_file(path)
            if kind is not None:
                message = f"not a regular file but {kind}; a record is a plain '.yaml' file"
                problems.append(Problem(path, 1, 1, message))
                continue
            if _leaves(path, root, problems):
                continue
            yield path, cls


def _leaves(path: Path, root: Path, problems: list[Problem]) -> bool:
    """Whether ``path`` is a link that leads out of the content folder (then a problem says so)."""
    if not leaves_folder(path, root):
        return False
    problems.append(
        Problem(
            path,
            1,
            1,
            "symbolic link to a file outside the content folder; records, the vocabulary "
            "and the synonyms must be files inside it",
        )
    )
    return True


def check_references(base: KnowledgeBase) -> list[Problem]:
    """Check facet values, cross-references and citations across all records."""
    problems: list[Problem] = []
    for entry in base.entries.values():
        record = entry.record
        checker = Checker(base, entry.document, own_id=record.id)
        if isinstance(record, Faceted) and base.vocabulary is not None:
            for facet in FACETS:
                problems.extend(
                    checker.values(
                        (facet,),
                        getattr(record, facet),
                        base.vocabulary.values(facet),
                        extra=f" (or add it to {VOCABULARY_FILE})",
                    )
                )
        for field_name, allowed_types in record.reference_fields.items():
            problems.extend(
                checker.references((field_name,), getattr(record, field_name), allowed_types)
            )
        if isinstance(record, Rule) and record.replaces and not record.organisation_types:
            problems.append(checker.problem(("replaces",), REPLACES_WITHOUT_TYPES))
        for key_path, citation in _citations_with_paths(record):
            problems.extend(checker.citation(key_path, citation.source))
    problems.extend(_check_goals(base))
    sources = {source.id: source for source in base.of_type(Source)}
    problems.extend(check_passages(base.root, sources, _all_citations(base)))
    return problems


def _all_citations(base: KnowledgeBase) -> Iterator[tuple[YamlDocument, KeyPath, Citation]]:
    """Every citation of the records and of the vocabulary's term notes, with its place."""
    for entry in base.entries.values():
        for key_path, citation in _citations_with_paths(entry.record):
            yield entry.document, key_path, citation
    if base.vocabulary is not None and base.vocabulary_document is not None:
        for term_id, term in base.vocabulary.outdated_terms.items():
            for number, citation in enumerate(term.note.sources if term.note else ()):
                note_path: KeyPath = ("outdated_terms", term_id, "note", "sources", number)
                yield base.vocabulary_document, note_path, citation
        for type_path, citation in _organisation_type_citations(base.vocabulary):
            yield base.vocabulary_document, type_path, citation
        for topic_id, topic in base.vocabulary.legal_topics.items():
            for number, citation in enumerate(topic.sources):
                topic_path: KeyPath = ("legal_topics", topic_id, "sources", number)
                yield base.vocabulary_document, topic_path, citation


def _check_goals(base: KnowledgeBase) -> Iterator[Problem]:
    """Each goal in the vocabulary names existing strategy records, and each note of an
    outdated term cites existing sources."""
    if base.vocabulary is None or base.vocabulary_document is None:
        return
    checker = Checker(base, base.vocabulary_document)
    for goal_id, goal in base.vocabulary.goals.items():
        for index, target in enumerate(goal.strategies):
            key_path = ("goals", goal_id, "strategies", index)
            yield from checker.reference(key_path, target, ("strategy",), label=f"goal {goal_id!r}")
    for term_id, term in base.vocabulary.outdated_terms.items():
        for number, citation in enumerate(term.note.sources if term.note else ()):
            note_path: KeyPath = ("outdated_terms", term_id, "note", "sources", number)
            yield from checker.citation(note_path, citation.source)
    for type_path, citation in _organisation_type_citations(base.vocabulary):
        yield from checker.citation(type_path, citation.source)
    for topic_id, topic in base.vocabulary.legal_topics.items():
        for number, citation in enumerate(topic.sources):
            where: KeyPath = ("legal_topics", topic_id, "sources", number)
            yield from checker.citation(where, citation.source)
        for number, source_id in enumerate(topic.evidence):
            yield from checker.citation(("legal_topics", topic_id, "evidence", number), source_id)


def _organisation_type_citations(vocabulary: Vocabulary) -> Iterator[tuple[KeyPath, Citation]]:
    """The citations of the organisation types' bodies and relations, with their places."""
    for type_id, kind in vocabulary.organisation_types.items():
        cited: list[tuple[str, list[Citation]]] = [
            *(("bodies", body.sources) for body in kind.bodies),
            *(("relations", relation.sources) for relation in kind.relations),
        ]
        index = {"bodies": 0, "relations": 0}
        for part, citations in cited:
            for number, citation in enumerate(citations):
                yield (
                    ("organisation_types", type_id, part, index[part], "sources", number),
                    citation,
                )
            index[part] += 1


def _citations_with_paths(record: Record) -> Iterator[tuple[KeyPath, Citation]]:
    for index, citation in enumerate(getattr(record, "sources", ())):
        if isinstance(citation, Citation):
            yield ("sources", index), citation
    for index, result in enumerate(getattr(record, "results", ())):
        if result.source is not None:
            yield ("results", index, "source"), result.source
    for index, note in enumerate(getattr(record, "notes", ())):
        for number, citation in enumerate(note.sources):
            yield ("notes", index, "sources", number), citation


def backlinks(base: KnowledgeBase) -> dict[str, list[str]]:
    """For each record id, the ids of records that refer to it (sorted, no duplicates)."""
    found: dict[str, set[str]] = defaultdict(set)
    for record in base.records:
        for field_name in record.reference_fields:
            for target in getattr(record, field_name):
                found[target].add(record.id)
    return {target: sorted(sources) for target, sources in found.items()}


def citing_records(base: KnowledgeBase) -> dict[str, list[str]]:
    """For each source id, the ids of records that cite it (in their text or a note)."""
    found: dict[str, set[str]] = defaultdict(set)
    for record in base.records:
        for citation in record.citations:
            found[citation.source].add(record.id)
        for note in getattr(record, "notes", ()):
            for citation in note.sources:
                found[citation.source].add(record.id)
    return {source: sorted(ids) for source, ids in found.items()}


def knowledge_year(base: KnowledgeBase, record: Record) -> int | None:
    """The year of the newest source a record cites: its date of knowledge."""
    years = [
        source.year
        for citation in record.citations
        if citation.source in base and isinstance(source := base.get(citation.source), Source)
    ]
    return max(years) if years else None
