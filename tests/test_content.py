"""The real knowledge base: valid, traced to its sources, and complete per source."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

import pytest
from click.testing import CliRunner

from guidegen.cli import main
from guidegen.content.knowledge import KnowledgeBase, load_knowledge_base
from guidegen.content.model import RECORD_TYPES, TYPE_BY_FOLDER, Faceted, Record, Source, Term
from guidegen.content.passages import normalise, passages_path, quote_key
from guidegen.content.validation import validate_document
from guidegen.content.yamlsafe import read_yaml

from .conftest import REPO, TESTS

CONTENT = REPO / "content"
HEADINGS = TESTS / "data" / "headings"


def _find_seeds() -> Path | None:
    """The source texts: ``$GUIDEGEN_SEEDS``, else ``../shared/seeds`` beside the clone."""
    configured = os.environ.get("GUIDEGEN_SEEDS")
    folder = Path(configured) if configured else REPO.parent / "shared" / "seeds"
    if folder.is_dir():
        return folder
    if os.environ.get("CI"):
        # CI has the sources beside the clone; their absence there is a failure, not a skip.
        raise RuntimeError(f"CI=true but the source texts are not in {folder}")
    return None


_SEEDS = _find_seeds()
SEEDS = _SEEDS or Path("/nonexistent")
needs_seeds = pytest.mark.skipif(
    _SEEDS is None,
    reason="source texts not found (../shared/seeds or $GUIDEGEN_SEEDS): "
    "quotes, line numbers and section coverage were not checked against the sources",
)


@pytest.fixture(scope="module")
def base() -> KnowledgeBase:
    loaded, problems = load_knowledge_base(CONTENT)
    assert [str(p) for p in problems] == []
    return loaded


def seed_text(source: Source) -> str:
    return _seed_text(tuple(source.files))


@cache
def _seed_text(files: tuple[str, ...]) -> str:
    return " ".join(normalise((SEEDS / name).read_text(encoding="utf-8")) for name in files)


def test_content_passes_check() -> None:
    result = CliRunner().invoke(main, ["check", str(REPO)])
    assert result.exit_code == 0, result.stdout
    assert result.stdout.startswith("OK: ")


def test_every_record_file_declares_its_schema() -> None:
    for folder, cls in TYPE_BY_FOLDER.items():
        for path in sorted((CONTENT / folder).glob("*.yaml")):
            first = path.read_text(encoding="utf-8").splitlines()[0]
            expected = f"# yaml-language-server: $schema=../../schemas/{cls.type_name}.schema.json"
            assert first == expected, path


def test_committed_schemas_are_up_to_date() -> None:
    result = CliRunner().invoke(main, ["schema", "--check", str(REPO)])
    assert result.exit_code == 0, result.stdout


@pytest.mark.parametrize("cls", [c for c in RECORD_TYPES if issubclass(c, Faceted | Term)])
def test_a_record_without_a_citation_is_refused(cls: type[Record]) -> None:
    """Take a real record of each citing type, drop its citations: the check refuses it."""
    path = next((CONTENT / cls.folder).glob("*.yaml"))
    document = read_yaml(path)
    assert validate_document(cls, document)[1] == []
    document.data["sources"] = []
    record, problems = validate_document(cls, document)
    assert record is None
    assert [p.message.split(";")[0] for p in problems] == ["sources: must not be empty"]
    assert problems[0].line == document.locate(("sources",))[0]


def test_every_source_is_cited(base: KnowledgeBase) -> None:
    cited = {c.source for r in base.records for c in r.citations} | {
        c.source for r in base.records for n in getattr(r, "notes", []) for c in n.sources
    }
    # The vocabulary cites sources too: the organisation types' bodies and the facts about
    # them, the legal chapters' laws and the notes of outdated terms.
    vocabulary = base.vocabulary
    assert vocabulary is not None
    cited |= {c.source for k in vocabulary.organisation_types.values()
              for b in [*k.bodies, *k.relations] for c in b.sources}  # fmt: skip
    cited |= {c.source for t in vocabulary.legal_topics.values() for c in t.sources}
    cited |= {
        c.source for t in vocabulary.outdated_terms.values() if t.note for c in t.note.sources
    }
    for source in base.of_type(Source):
        assert source.id in cited, source.id


def test_a_source_is_a_seed_text_or_an_address_read_on_a_date(base: KnowledgeBase) -> None:
    for source in base.of_type(Source):
        assert source.files or (source.url and source.accessed), source.id


def test_every_source_read_online_keeps_its_passages(base: KnowledgeBase) -> None:
    """A page can change or vanish: what the handbook quotes from it is kept in the repo."""
    for source in base.of_type(Source):
        if not source.files:
            assert passages_path(CONTENT, source.id).is_file(), source.id


@needs_seeds
def test_every_source_document_exists(base: KnowledgeBase) -> None:
    for source in base.of_type(Source):
        for name in source.files:
            assert (SEEDS / name).is_file(), name


@needs_seeds
def test_quotes_occur_in_the_cited_source(base: KnowledgeBase) -> None:
    missing = []
    for record in base.records:
        for citation in record.citations:
            source = base.get(citation.source)
            assert isinstance(source, Source)
            # Quotes of sources read online are checked against their stored passages
            # by `guidegen check` itself (test_content_passes_check).
            quote = citation.quote
            if quote and source.files and quote_key(quote) not in seed_text(source):
                missing.append(f"{record.id}: {citation.quote}")
    assert missing == []


@needs_seeds
def test_cited_lines_exist_in_the_source_file(base: KnowledgeBase) -> None:
    for record in base.records:
        for citation in record.citations:
            if citation.lines:
                source = base.get(citation.source)
                assert isinstance(source, Source)
                length = len((SEEDS / source.files[0]).read_text(encoding="utf-8").splitlines())
                last = int(citation.lines.split("-")[-1])
                first = int(citation.lines.split("-")[0])
                assert 1 <= first <= last <= length, (record.id, citation.lines)


@needs_seeds
@pytest.mark.parametrize("headings_file", sorted(HEADINGS.glob("*.txt")), ids=lambda p: p.stem)
def test_every_section_of_the_source_is_in_some_record(
    base: KnowledgeBase, headings_file: Path
) -> None:
    """Each heading of the source occurs in the source and in a citation's section."""
    source_id = next(s.id for s in base.of_type(Source) if headings_file.stem.startswith(s.id))
    source = base.get(source_id)
    assert isinstance(source, Source)
    sections = [
        normalise(citation.section)
        for record in base.records
        for citation in record.citations
        if citation.source == source_id
    ]
    headings = [h for h in headings_file.read_text(encoding="utf-8").splitlines() if h.strip()]
    assert len(headings) >= 2
    for heading in headings:
        assert normalise(heading) in seed_text(source), f"not in the source: {heading}"
        assert any(normalise(heading) in section for section in sections), f"uncovered: {heading}"
