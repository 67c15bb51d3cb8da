"""Currency notes: the model, `check` warnings, and how notes show in pages, trees, guidelines."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner

from guidegen.cli import main
from guidegen.content.currency import outdated_mentions, past_review
from guidegen.content.knowledge import KnowledgeBase, load_knowledge_base
from guidegen.guideline.generate import generate, template_folders
from guidegen.guideline.profile import load_profile
from guidegen.handbook.pages import plan_pages
from guidegen.handbook.pageurls import CHANGES_DOCNAME
from guidegen.trees.decisiontree import Tree, load_trees

from .conftest import REPO, ROOTS, shown_pages, write

Knowledge = tuple[KnowledgeBase, list[Tree]]

PRACTICE = """\
id: vraag-het-archief
kind: do
title: Vraag het archief
summary: Een samenvatting.
body: |
  Eerste regel.
  Berichten vallen onder de Wob en de Archiefwet.
sources:
  - source: handreiking
    section: Luister
"""
NOTE = """\
notes:
  - date: "2026-11-26"
    review: "{review}"
    text: Sinds 1 mei 2022 geldt de Wet open overheid.
    sources:
      - source: {source}
        section: Wet open overheid
"""
WEB_SOURCE = """\
id: woo-pagina
title: Wet open overheid
publisher: Een gemeente
year: 2022
licence: Openbare webpagina.
url: https://example.org/woo
accessed: "2026-11-26"
"""


OUTDATED = """\
outdated_terms:
  wob:
    label: Wob
    pattern: '\\bWob\\b'
    now: sinds 1 mei 2022 geldt de Wet open overheid
"""


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """The test handbook's content, with one outdated term in its vocabulary."""
    target = tmp_path / "content"
    shutil.copytree(ROOTS / "test-handbook" / "content", target)
    vocabulary = target / "vocabulary.yaml"
    write(vocabulary, vocabulary.read_text(encoding="utf-8") + OUTDATED)
    return target


def check(path: Path) -> tuple[int, list[str]]:
    result = CliRunner().invoke(main, ["check", str(path)], catch_exceptions=False)
    return result.exit_code, [
        line.replace(str(path) + "/", "") for line in result.stdout.splitlines()
    ]


def test_a_mention_without_a_note_is_a_located_warning(content: Path) -> None:
    write(content / "practices" / "vraag-het-archief.yaml", PRACTICE)
    code, lines = check(content)
    assert code == 0
    assert lines[0].startswith(
        "practices/vraag-het-archief.yaml:7:1: warning: mentions 'Wob' without a currency note"
    )
    assert "Wet open overheid" in lines[0]
    assert lines[-1].endswith("1 warning(s).")


def test_a_note_with_a_cited_source_covers_the_mention(content: Path) -> None:
    write(content / "sources" / "woo-pagina.yaml", WEB_SOURCE)
    note = NOTE.format(review="2099-01-01", source="woo-pagina")
    write(content / "practices" / "vraag-het-archief.yaml", PRACTICE + note)
    code, lines = check(content)
    assert code == 0
    assert len(lines) == 1, lines
    assert "warning" not in lines[0]


def test_an_author_can_add_an_outdated_term(content: Path) -> None:
    practice = PRACTICE.replace("onder de Wob en de Archiefwet", "ook op Hyves")
    write(content / "practices" / "vraag-het-archief.yaml", practice)
    assert check(content)[1][0].startswith("OK")
    vocabulary = content / "vocabulary.yaml"
    text = vocabulary.read_text(encoding="utf-8")
    text += "  hyves:\n    label: Hyves\n    pattern: hyves\n    now: Hyves stopte in 2013\n"
    write(vocabulary, text)
    code, lines = check(content)
    assert code == 0
    assert lines[0].startswith(
        "practices/vraag-het-archief.yaml:7:1: warning: mentions 'Hyves' without a currency note; "
        "Hyves stopte in 2013"
    )


def test_a_note_past_its_review_date_is_a_warning(content: Path) -> None:
    write(content / "sources" / "woo-pagina.yaml", WEB_SOURCE)
    note = NOTE.format(review="2020-01-01", source="woo-pagina")
    write(content / "practices" / "vraag-het-archief.yaml", PRACTICE + note)
    code, lines = check(content)
    assert code == 0
    assert lines[0] == (
        "practices/vraag-het-archief.yaml:13:13: warning: note of 2026-11-26 was to be reviewed "
        "before 2020-01-01; check it against its sources and set a new review date"
    )


@pytest.mark.parametrize(
    ("note", "message"),
    [
        pytest.param(
            NOTE.format(review="2027-02-30", source="handreiking"),
            "13:13: error: notes.0.review: '2027-02-30' is not a date that exists",
            id="impossible-date",
        ),
        pytest.param(
            NOTE.format(review="2027-01-01", source="vraag-het-archief"),
            "16:17: error: notes.0.sources.0.source: a record cannot refer to itself",
            id="note-cites-itself",
        ),
        pytest.param(
            NOTE.format(review="2027-01-01", source="onbekend"),
            "16:17: error: notes.0.sources.0.source: no record has the id 'onbekend'",
            id="unknown-source",
        ),
    ],
)
def test_a_broken_note_is_a_located_error(content: Path, note: str, message: str) -> None:
    write(content / "practices" / "vraag-het-archief.yaml", PRACTICE + note)
    code, lines = check(content)
    assert code == 1
    assert any(line.startswith(f"practices/vraag-het-archief.yaml:{message}") for line in lines), (
        lines
    )


@pytest.mark.parametrize(
    ("drop", "message"),
    [
        ("url: https://example.org/woo\n", "a source needs 'files' (its seed text) or a 'url'"),
        ('accessed: "2026-11-26"\n', "a source read online needs 'accessed'"),
    ],
)
def test_a_source_read_online_needs_its_address_and_reading_date(
    content: Path, drop: str, message: str
) -> None:
    write(content / "sources" / "woo-pagina.yaml", WEB_SOURCE.replace(drop, ""))
    code, lines = check(content)
    assert code == 1
    assert lines[0].startswith("sources/woo-pagina.yaml:1:1: error:")
    assert message in lines[0]


def test_the_real_handbook_covers_every_outdated_mention(knowledge: Knowledge) -> None:
    base, _ = knowledge
    trees, _ = load_trees(REPO / "decisions", base)
    assert outdated_mentions(base, trees) == []
    assert past_review(base, trees, date(2026, 11, 26)) == []
    assert base.vocabulary is not None
    assert {"wob", "webrichtlijnen", "140-tekens", "hyves", "google-plus"} <= set(
        base.vocabulary.outdated_terms
    )


def test_the_new_sources_exist_with_address_and_reading_date(knowledge: Knowledge) -> None:
    base, _ = knowledge
    for source_id in (
        "wet-open-overheid",
        "avg-van-toepassing-2018",
        "tijdelijk-besluit-digitale-toegankelijkheid",
        "digital-services-act-2024",
    ):
        source = base.get(source_id)
        assert source.url.startswith("https://")  # type: ignore[attr-defined]
        assert source.accessed == "2026-11-26"  # type: ignore[attr-defined]
        assert source.files == []  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def real_pages(knowledge: Knowledge) -> dict[str, str]:
    """Every page the real records and trees make, as the reader sees it (made once)."""
    base, trees = knowledge
    sources = (list(base.records), base.vocabulary, trees)
    return shown_pages(plan_pages(base, None, trees), *sources)


def test_a_record_page_shows_its_notes_in_a_marked_box_with_the_citation(
    real_pages: dict[str, str],
) -> None:
    page = real_pages["archiefwet-en-wob-bij-sociale-media.md"]
    box = page.split("::::{admonition} Stand 2026: wat geldt nu\n:class: gg-note\n", 1)[1]
    box = box.split("\n::::\n", 1)[0]
    assert "Sinds 1 mei 2022 geldt de Wet open overheid (Woo)" in box
    assert "[Wet open overheid](wet-open-overheid.md)" in box
    assert "Gelezen op 26 november 2026" in box
    assert "herzien vóór 26 november 2027" in box
    # the box comes before the source's own advice
    assert page.index("gg-note") < page.index("## Wat speelt er?")


def test_cards_and_the_changes_page_show_every_note(
    knowledge: Knowledge, real_pages: dict[str, str]
) -> None:
    pages = real_pages
    overview = pages["aandachtspunten/index.md"]
    assert "**Stand 2026:** De bron noemt de Wob" in overview
    changes = pages[f"{CHANGES_DOCNAME}.md"]
    base, trees = knowledge
    assert base.vocabulary is not None
    count = sum(len(getattr(r, "notes", [])) for r in base.records) + sum(
        len(o.notes) for t in trees for o in t.outcomes
    )
    count += sum(1 for term in base.vocabulary.outdated_terms.values() if term.note)
    assert changes.count("::::{div} gg-note-card") == count
    assert f"alle {count} noten" in changes
    assert "(beslisboom Twitter ik tijdens de raadsvergadering" in changes


def test_changes_page_lists_the_newest_notes_first(content: Path) -> None:
    write(content / "sources" / "woo-pagina.yaml", WEB_SOURCE)
    old = NOTE.format(review="2099-01-01", source="woo-pagina").replace("2026-11-26", "2024-01-02")
    write(content / "practices" / "vraag-het-archief.yaml", PRACTICE + old)
    newer = NOTE.format(review="2099-01-01", source="woo-pagina").replace(
        "2026-11-26", "2025-03-04"
    )
    practice = PRACTICE.replace("vraag-het-archief", "bewaar-alles").replace(
        "Vraag het archief", "Bewaar alles"
    )
    write(content / "practices" / "bewaar-alles.yaml", practice + newer)
    base, problems = load_knowledge_base(content)
    assert problems == []
    text = next(p for p in plan_pages(base) if p.name == f"{CHANGES_DOCNAME}.md").render()
    assert text.index("## Stand van 4 maart 2025") < text.index("## Stand van 2 januari 2024")
    assert text.index("Bewaar alles") < text.index("Vraag het archief")


def test_decide_prints_the_note_of_an_outcome() -> None:
    result = CliRunner().invoke(
        main,
        [
            "decide",
            "twitteren-tijdens-de-raadsvergadering",
            "--answers",
            "2,2",
            "--project",
            str(REPO),
        ],
        catch_exceptions=False,
    )
    assert result.exit_code == 0
    assert "Stand 2026 (van 2026-12-07): Twitter heet sinds juli 2023 X" in result.stdout
    assert "Bron: Vogeltje Twitter maakt plaats voor X op website (twitter-wordt-x-2023)" in (
        result.stdout
    )


def test_the_guideline_puts_the_note_next_to_the_advice(
    tmp_path: Path, knowledge: Knowledge
) -> None:
    path = write(tmp_path / "p.yaml", "organisation:\n  name: Gemeente Proef\n  type: gemeente\n")
    loaded, problems = load_profile(path, knowledge[0])
    assert loaded is not None, problems
    folders = template_folders(REPO / "templates")
    generated = generate(loaded, knowledge[0], knowledge[1], folders, ("md", "html"))
    text = generated.files["md"].decode("utf-8")
    # The Woo note, once, right under the first rule it qualifies (records that share it,
    # such as 'archiefwet-en-wob-bij-sociale-media', do not repeat it).
    found = re.findall(
        r"^- .*\n  - \*Stand van zaken (.*?):\* (De bron noemt de Wob.*) \\\[(\d+)\\\]$",
        text,
        flags=re.MULTILINE,
    )
    assert len(found) == 1
    advice = ("", *found[0])  # indexed like the match it was: 1 date, 2 text, 3 source
    assert advice[1] == "26 november 2026"
    assert "Wet open overheid (Woo)" in advice[2]
    listed = re.search(rf"^{advice[3]}\. (.*)$", text.partition("\n## Bronnen\n")[2], re.M)
    assert listed is not None
    assert listed[1].startswith("*Wet open overheid*")
    assert "<https://www.sint-michielsgestel.nl/woo>" in listed[1]
    html = BeautifulSoup(generated.files["html"], "html.parser")
    assert html.find("a", href="https://www.sint-michielsgestel.nl/woo") is not None


def test_a_profile_cannot_choose_a_historical_platform(
    tmp_path: Path, knowledge: Knowledge
) -> None:
    text = "organisation:\n  name: Gemeente Proef\n  type: gemeente\nplatforms: [facebook, hyves]\n"
    path = write(tmp_path / "profiel.yaml", text)
    loaded, problems = load_profile(path, knowledge[0])
    assert loaded is None
    assert [str(p).replace(str(tmp_path) + "/", "") for p in problems] == [
        "profiel.yaml:4:23: fout: platforms: Hyves (opgeheven) bestaat niet meer en kan niet "
        "gekozen worden; kies een platform dat nu bestaat"
    ]
    path = write(tmp_path / "profiel.yaml", text.replace("hyves", "tiktok"))
    assert load_profile(path, knowledge[0])[1] == []


def test_stats_report_records_by_year_of_knowledge_and_notes(content: Path) -> None:
    write(content / "sources" / "woo-pagina.yaml", WEB_SOURCE)
    note = NOTE.format(review="2099-01-01", source="woo-pagina")
    two_notes = PRACTICE + note + note.removeprefix("notes:\n")
    write(content / "practices" / "vraag-het-archief.yaml", two_notes)
    result = CliRunner().invoke(main, ["stats", str(content)], catch_exceptions=False)
    assert result.exit_code == 0
    text = result.stdout
    year_block = text.split("Records by year of their newest source:\n", 1)[1]
    # the note's web source (2022) does not make the record's own knowledge newer
    assert year_block.splitlines()[0].split() == ["2020", "5"]
    assert "Records with currency notes: 1 (2 notes)" in text


def test_the_handbook_build_warns_about_an_uncovered_mention(
    handbook_project: Path, tmp_path: Path
) -> None:
    content = handbook_project / "content"
    vocabulary = content / "vocabulary.yaml"
    write(vocabulary, vocabulary.read_text(encoding="utf-8") + OUTDATED)
    practice = write(content / "practices" / "vraag-het-archief.yaml", PRACTICE)
    command = [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-E"]
    result = subprocess.run(
        [*command, handbook_project, tmp_path / "out"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    err = re.sub(r"\x1b\[[0-9;]*m", "", result.stderr)
    assert f"{practice}:7: WARNING: mentions 'Wob' without a currency note" in err
    assert "[guidegen.currency]" in err
