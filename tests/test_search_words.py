"""What goes into the search index and the search page's data: synonyms, words, compounds."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from guidegen.content.knowledge import load_knowledge_base
from guidegen.content.synonyms import load_synonyms, normalise
from guidegen.handbook.searchwords import CompoundSplitter, document_frequencies, words
from guidegen.sphinx.searchmarks import add_compound_parts, mark_search_regions

from .conftest import REPO, ROOTS, write


def test_compounds_split_into_the_handbooks_words() -> None:
    splitter = CompoundSplitter(["crisis", "communicatie", "plan", "organisatie", "breed", "heid"])
    assert splitter.parts("crisisplan") == ["crisis", "plan"]
    assert splitter.parts("organisatiesbreed") == ["organisatie", "breed"]  # linking s
    assert splitter.all_parts("crisiscommunicatieplan") == ["crisis", "communicatie", "plan"]
    assert splitter.parts("crisis") == []  # a word is not a compound of itself
    assert splitter.parts("overheid") == []  # "over" starts words, it is no part
    assert splitter.parts("omgevingswet") == []  # parts shorter than four letters are not split


def test_word_frequencies_count_documents_not_occurrences() -> None:
    counts = document_frequencies(["Crisis, crisis en nog eens crisis", "Een crisis"])
    assert counts["crisis"] == 2
    assert words("Zie [de site](https://example.org/pad) of https://x.nl nu") == [
        "zie",
        "de",
        "site",
        "of",
        "nu",
    ]


def test_synonym_groups_merge_with_the_glossary(tmp_path: Path) -> None:
    path = write(
        tmp_path / "synonyms.yaml",
        "groups:\n  - [webcare, klantenservice]\n  - [archief, opslaan]\n",
    )
    base, problems = load_knowledge_base(REPO / "content")
    terms = [r for r in base.records if r.type_name == "term"]
    groups, problems = load_synonyms(path, terms)
    assert problems == []
    webcare = next(g for g in groups if "webcare" in [normalise(t) for t in g])
    assert {normalise(t) for t in webcare} >= {"webcare", "webcareteam", "klantenservice"}
    assert ["archief", "opslaan"] in groups


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (
            "groups:\n  - [a, b]\n  - [c, A]\n",
            3,
            "synonym 'A' is already listed in the group on line 2",
        ),
        ("groups:\n  - [a, b, a]\n", 2, "already listed earlier in this group"),
        ("groups:\n  - [alleen]\n", 2, "at least 2"),
        ("groups:\n  - [goed, '<b>fout</b>']\n", 2, "groups.0.1"),
        ("grupes:\n  - [a, b]\n", 1, "unknown field 'grupes'"),
    ],
)
def test_synonym_file_errors_are_located(
    tmp_path: Path, text: str, line: int, message: str
) -> None:
    path = write(tmp_path / "synonyms.yaml", text)
    _, problems = load_synonyms(path, [])
    assert problems, text
    assert any(p.line == line and message in p.message for p in problems), problems


def test_check_reports_a_broken_synonyms_file(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(ROOTS / "test-handbook" / "content", content)
    write(content / "synonyms.yaml", "groups:\n  - [crisis, ramp]\n  - [ramp, noodgeval]\n")
    _, problems = load_knowledge_base(content)
    assert [(p.path.name, p.line) for p in problems] == [("synonyms.yaml", 3)]


def test_the_handbooks_synonyms_file_is_valid() -> None:
    base, problems = load_knowledge_base(REPO / "content")
    assert problems == []
    assert any("desinformatie" in group for group in base.synonyms)


BODY = (
    '<section id="titel"><h1>Neem het crisiscommunicatieplan op</h1>'
    '<div class="gg-summary docutils"><p>Kort.</p></div>'
    '<section id="kenmerken"><ul><li>Thema</li></ul></section>'
    '<div class="sd-container-fluid gg-cards docutils">kaarten</div>'
    '<p><span class="sd-badge sd-bg-success">Doe</span> tekst</p></section>'
)


def test_link_lists_and_tags_stay_out_of_the_index_and_summaries_weigh_more() -> None:
    marked = mark_search_regions(BODY)
    assert '<section data-pagefind-ignore id="kenmerken">' in marked
    assert '<div data-pagefind-ignore class="sd-container-fluid gg-cards docutils">' in marked
    assert '<span data-pagefind-ignore class="sd-badge sd-bg-success">' in marked
    assert '<div data-pagefind-weight="3" class="gg-summary docutils">' in marked
    assert '<section id="titel">' in marked  # other sections stay as they are


def test_compound_parts_of_the_title_weigh_like_a_heading() -> None:
    from docutils.core import publish_doctree  # noqa: PLC0415

    doctree = publish_doctree(
        "Neem het crisiscommunicatieplan op\n" + "=" * 34 + "\n\nEen webcareteam helpt.\n"
    )
    splitter = CompoundSplitter(["crisis", "communicatie", "plan", "webcare", "team"])
    body = add_compound_parts("<p>x</p>", doctree, splitter)
    assert '<div hidden data-pagefind-weight="5">communicatie crisis plan</div>' in body
    assert '<div hidden data-pagefind-weight="0.5">team webcare</div>' in body
    assert add_compound_parts("<p>x</p>", doctree, None) == "<p>x</p>"
