"""An outdated term with a note of its own (Twitter): coverage, warnings and where it shows."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from guidegen.cli import main
from guidegen.content.currency import past_review
from guidegen.content.knowledge import KnowledgeBase, load_knowledge_base
from guidegen.guideline.generate import generate, template_folders
from guidegen.guideline.profile import load_profile
from guidegen.handbook.pages import CHANGES_DOCNAME, plan_pages, plan_tree_pages
from guidegen.sphinx.searchmarks import mark_search_regions
from guidegen.trees.decisiontree import Tree

from .conftest import REPO, ROOTS, shown_fields, shown_pages, write

Knowledge = tuple[KnowledgeBase, list[Tree]]

TERM = """\
outdated_terms:
  twitter:
    label: Twitter
    pattern: '(?<!voorheen )\\btwitter\\w*+(?!\\s*\\(nu X\\))'
    now: Twitter heet sinds juli 2023 X
"""
TERM_NOTE = """\
    note:
      date: "2026-11-26"
      review: "{review}"
      text: Twitter heet sinds juli 2023 X.
      sources:
        - source: {source}
          section: Naamswijziging
"""
WEB_SOURCE = """\
id: x-pagina
title: Twitter wordt X
publisher: Een nieuwssite
year: 2023
licence: Openbare webpagina.
url: https://example.org/x
accessed: "2026-11-26"
"""
PRACTICE = """\
id: {id}
kind: do
title: {title}
summary: {summary}
body: |
  Eerste regel.
  {body}
sources:
  - source: handreiking
    section: Luister
"""


def practice(record_id: str, body: str, summary: str = "Een samenvatting.") -> str:
    title = record_id.replace("-", " ").capitalize()
    return PRACTICE.format(id=record_id, title=title, summary=summary, body=body)


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """The test handbook's content with the term Twitter (no note yet) and two mentions."""
    target = tmp_path / "content"
    shutil.copytree(ROOTS / "test-handbook" / "content", target)
    vocabulary = target / "vocabulary.yaml"
    write(vocabulary, vocabulary.read_text(encoding="utf-8") + TERM)
    write(target / "sources" / "x-pagina.yaml", WEB_SOURCE)
    body = "Volg op Twitter wat er speelt; twitteren gaat snel."
    summary = "Twitter is snel."
    write(target / "practices" / "volg-twitter.yaml", practice("volg-twitter", body, summary))
    write(target / "practices" / "tweet-mee.yaml", practice("tweet-mee", "Twitter mee."))
    said = "Op X (voorheen Twitter) en Twitter (nu X) kan het ook."
    write(target / "practices" / "zeg-x.yaml", practice("zeg-x", said))
    return target


def with_note(content: Path, review: str = "2099-01-01", source: str = "x-pagina") -> Path:
    vocabulary = content / "vocabulary.yaml"
    text = vocabulary.read_text(encoding="utf-8") + TERM_NOTE.format(review=review, source=source)
    return write(vocabulary, text)


def check(path: Path) -> tuple[int, list[str]]:
    result = CliRunner().invoke(main, ["check", str(path)], catch_exceptions=False)
    return result.exit_code, [
        line.replace(str(path) + "/", "") for line in result.stdout.splitlines()
    ]


@pytest.mark.parametrize(
    ("text", "mentions"),
    [
        ("Volg het op Twitter.", True),
        ("Raadsleden twitteren tijdens de vergadering.", True),
        ("Er werd getwitterd.", True),
        ("Het Twitterspreekuur van de gemeente", True),
        ("Twitter (nu X) is niet alleen een zendkanaal", False),
        ("zijn Twitteraccount (nu X), dat", False),
        ("een nieuw Twitter-account (nu X)", False),
        ("Facebook, LinkedIn en X (voorheen Twitter)", False),
        ("Op X (tot juli 2023 Twitter) mag een bericht", False),
        ("Gebruik X (Twitter) ook om te volgen", False),
        ("Twitter heet nu X.", False),
        ("De naamswijziging van Twitter naar X", False),
        ("platforms: x-twitter", False),
        ("college-onderbanken-twitter", False),
    ],
)
def test_the_twitter_term_spares_text_that_already_says_x(
    knowledge: Knowledge, text: str, mentions: bool
) -> None:
    vocabulary = knowledge[0].vocabulary
    assert vocabulary is not None
    assert vocabulary.outdated_terms["twitter"].finds(text) is mentions


def test_the_real_twitter_note_cites_a_dated_page_and_the_company_page(
    knowledge: Knowledge,
) -> None:
    base = knowledge[0]
    assert base.vocabulary is not None
    note = base.vocabulary.outdated_terms["twitter"].note
    assert note is not None
    assert "heet sinds juli 2023 X" in note.text
    sources = [base.get(c.source) for c in note.sources]
    assert [s.publisher for s in sources] == ["nieuws.nl", "X (X Developer Platform)"]
    assert sources[0].date == "24 juli 2023"  # type: ignore[attr-defined]
    assert all(s.accessed == "2026-12-07" for s in sources)  # type: ignore[attr-defined]


def test_a_term_without_a_note_warns_at_each_record_that_mentions_it(content: Path) -> None:
    code, lines = check(content)
    assert code == 0
    warnings = [line for line in lines if ": warning: " in line]
    assert warnings == [
        "practices/tweet-mee.yaml:7:1: warning: mentions 'Twitter' without a currency note; "
        "Twitter heet sinds juli 2023 X: add a note under 'notes' with a cited source",
        "practices/volg-twitter.yaml:3:8: warning: mentions 'Twitter' without a currency note; "
        "Twitter heet sinds juli 2023 X: add a note under 'notes' with a cited source",
    ]
    assert lines[-1].endswith("2 warning(s).")


def test_the_term_note_covers_every_mention(content: Path) -> None:
    with_note(content)
    code, lines = check(content)
    assert code == 0
    assert len(lines) == 1, lines
    assert lines[0].startswith("OK")


def test_a_term_note_citing_a_missing_source_is_a_located_error(content: Path) -> None:
    vocabulary = with_note(content, source="bestaat-niet")
    line = (
        vocabulary.read_text(encoding="utf-8").splitlines().index("        - source: bestaat-niet")
    )
    code, lines = check(content)
    assert code == 1
    assert lines[0].startswith(f"vocabulary.yaml:{line + 1}:19: error: ")
    assert "bestaat-niet" in lines[0]


def test_a_term_note_past_its_review_date_is_a_located_warning(content: Path) -> None:
    vocabulary = with_note(content, review="2020-01-01")
    line = vocabulary.read_text(encoding="utf-8").splitlines().index('      review: "2020-01-01"')
    base, problems = load_knowledge_base(content)
    assert problems == []
    warnings = [str(w).replace(f"{content}/", "") for w in past_review(base, [])]
    assert warnings == [
        f"vocabulary.yaml:{line + 1}:15: warning: note of 2026-11-26 was to be reviewed before "
        "2020-01-01; check it against its sources and set a new review date"
    ]


def rendered(content: Path) -> dict[str, str]:
    base, problems = load_knowledge_base(content)
    assert problems == []
    sources = (list(base.records), base.vocabulary)
    return shown_pages(plan_pages(base), *sources)


BOX = "::::{admonition} Stand 2026: wat geldt nu\n:class: gg-note gg-term-note\n"


def test_a_record_page_that_mentions_the_term_shows_its_note_once(content: Path) -> None:
    with_note(content)
    pages = rendered(content)
    page = pages["volg-twitter.md"]
    assert page.count(BOX) == 1
    box = page.split(BOX, 1)[1].split("\n::::\n", 1)[0]
    assert "Twitter heet sinds juli 2023 X." in box
    assert "[Twitter wordt X](x-pagina.md), Een nieuwssite, Naamswijziging" in box
    assert "herzien vóór 1 januari 2099" in box
    assert BOX not in pages["zeg-x.md"]  # it already says X
    assert BOX not in pages["luister-eerst.md"]  # it does not mention Twitter


def test_an_overview_shows_the_term_note_once(content: Path) -> None:
    with_note(content)
    overview = rendered(content)["dos-en-donts/index.md"]
    # Two cards mention Twitter in what they show; the note appears with the first only.
    assert overview.count("**Stand 2026:** Twitter heet sinds juli 2023 X.") == 1
    assert overview.count(":::{div} gg-note-card gg-term-note") == 1
    assert overview.index("Stand 2026:** Twitter heet") > overview.index("Twitter is snel")


def test_the_changes_page_lists_the_term_note_once_with_its_reach(content: Path) -> None:
    with_note(content)
    changes = rendered(content)[f"{CHANGES_DOCNAME}.md"]
    assert changes.count("Twitter heet sinds juli 2023 X.") == 1
    entry = changes.split("**Twitter**", 1)[1].split("\n::::\n", 1)[0]
    assert "deze noot staat op elke pagina die het noemt: nu 2 kennisbankpagina's en 0" in entry
    assert "[Twitter wordt X](../x-pagina.md)" in entry
    assert "*Herzien vóór 1 januari 2099.*" in entry


def test_decide_shows_the_term_note_with_the_advice() -> None:
    result = CliRunner().invoke(
        main,
        ["decide", "twitteren-tijdens-de-raadsvergadering", "--answers", "1"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0
    out = result.stdout
    assert out.count("Twitter, dat de bron noemt, heet sinds juli 2023 X.") == 1
    assert "Bron: Counting Characters (x-tekens-tellen)" in out
    as_json = CliRunner().invoke(
        main, ["decide", "twitteren-tijdens-de-raadsvergadering", "--answers", "1", "--json"]
    )
    assert as_json.exit_code == 0, as_json.output
    notes = json.loads(as_json.stdout)["outcome"]["term_notes"]
    assert list(notes) == ["twitter"]
    assert "heet sinds juli 2023 X" in notes["twitter"]["text"]
    assert {c["source"] for c in notes["twitter"]["sources"]} >= {"x-tekens-tellen"}


def test_a_guideline_shows_the_term_note_once_with_a_numbered_source(
    knowledge: Knowledge,
) -> None:
    base, trees = knowledge
    loaded, problems = load_profile(REPO / "profiles" / "gemeente-maasstad.yaml", base)
    assert loaded is not None, problems
    folders = template_folders(REPO / "templates")
    text = generate(loaded, base, trees, folders, ("md",)).files["md"].decode("utf-8")
    # The guideline is dated 7 December 2026, the day the note was written.
    notes = re.findall(
        r"^( *)- \*Stand van zaken 7 december 2026:\* Twitter, dat de bron noemt, heet sinds "
        r"juli 2023 X\..*\\\[(\d+); (\d+)\\\]$",
        text,
        flags=re.MULTILINE,
    )
    assert len(notes) == 1
    # right under the first rule that mentions Twitter
    before = text.split("Twitter, dat de bron noemt", 1)[0].rstrip().rsplit("\n", 2)[-2]
    assert re.search(r"twitter", before, re.IGNORECASE)
    listed = text.partition("\n## Bronnen\n")[2]
    for number in notes[0][1:]:
        line = re.search(rf"^{number}\. (.*)$", listed, re.MULTILINE)
        assert line is not None
        assert "Twitter" in line[1] or "Counting Characters" in line[1]


def test_a_tree_page_and_the_trees_index_show_the_term_note_once(knowledge: Knowledge) -> None:
    base, trees = knowledge
    paths = {tree.id: f"../decisions/{tree.id}.yaml" for tree in trees}
    pages = {page.name: page for page in plan_tree_pages(base, trees, paths, "")}
    for name in ("twitteren-tijdens-de-raadsvergadering.md", "index.md", "voor-trainers.md"):
        text = shown_fields(pages[name].render(), list(base.records), base.vocabulary, trees)
        assert text.count(BOX) == 1, name
        box = text.split(BOX, 1)[1].split("\n::::\n", 1)[0]
        assert "Twitter, dat de bron noemt, heet sinds juli 2023 X." in box
        assert "(../kennisbank/twitter-wordt-x-2023.md)" in box
    tree_page = pages["twitteren-tijdens-de-raadsvergadering.md"].render()
    assert tree_page.index(BOX) < tree_page.index("```{guidegen-tree}")


def test_the_term_note_is_left_out_of_the_search_index() -> None:
    """The same note on ~90 pages would make every Twitter query match them all."""
    body = '<div class="admonition gg-note gg-term-note"><p>Twitter heet nu X.</p></div>'
    assert mark_search_regions(body).startswith("<div data-pagefind-ignore ")
    own = '<div class="admonition gg-note"><p>Sinds 1 mei 2022 geldt de Woo.</p></div>'
    assert mark_search_regions(own) == own  # a record's own note stays searchable
