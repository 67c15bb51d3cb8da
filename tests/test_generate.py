"""The guideline generator: selection, every format read back by its own library,
hostile profile text, atomic writes and the command line."""

from __future__ import annotations

import errno
import io
import os
import re
import zipfile
from datetime import date
from pathlib import Path

import docx
import pypdf
import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner

from guidegen.cli import main
from guidegen.content.knowledge import KnowledgeBase
from guidegen.content.model import Consideration, Faceted, Practice, StepPlan, Strategy
from guidegen.guideline import word as word_module
from guidegen.guideline.generate import GeneratedGuideline, generate, template_folders
from guidegen.guideline.parsed import markdown_parser
from guidegen.guideline.profile import LoadedProfile, load_profile
from guidegen.trees.decisiontree import Tree

from .conftest import REPO, write

Knowledge = tuple[KnowledgeBase, list[Tree]]
TEMPLATES = template_folders(REPO / "templates")
DAY = date(2026, 11, 23)


def profile_from(tmp_path: Path, knowledge: Knowledge, text: str) -> LoadedProfile:
    path = write(tmp_path / "profiel.yaml", text)
    loaded, problems = load_profile(path, knowledge[0])
    assert problems == [], problems
    assert loaded is not None
    return loaded


def make(
    tmp_path: Path, knowledge: Knowledge, text: str, formats: tuple[str, ...] = ("md",)
) -> GeneratedGuideline:
    loaded = profile_from(tmp_path, knowledge, text)
    return generate(loaded, knowledge[0], knowledge[1], TEMPLATES, formats, DAY)


def profile(org_type: str = "gemeente", **lines: str) -> str:
    text = f"organisation:\n  name: Gemeente Proefdorp\n  type: {org_type}\n"
    return text + "".join(f"{key}: {value}\n" for key, value in lines.items())


def markdown(generated: GeneratedGuideline) -> str:
    return generated.files["md"].decode("utf-8")


#: The chapters every guideline has, in order (the organisation's own follow "Overige regels").
CHAPTERS = [
    "Doel en reikwijdte",
    "Rollen en verantwoordelijkheden",
    "Doelen en aanpak",
    "Bereik",
    "Toon en schrijfwijze",
    "Reageren en reactietijden",
    "Huisregels voor onze accounts",
    "Modereren",
    "Privé en namens Gemeente Proefdorp",
    "Crisiscommunicatie",
    "Privacy en persoonsgegevens (AVG)",
    "Archivering en openbaarheid (Archiefwet en Woo)",
    "Toegankelijkheid (Wdo)",
    "Regels voor platforms (DSA)",
    "Campagnes en advertenties",
    "Inhoud gemaakt met AI",
    "Bedreiging van medewerkers",
    "Accountbeheer en beveiliging",
    "Opleiding en training",
    "Evaluatie en herziening",
]


def test_a_five_line_profile_gives_every_chapter(tmp_path: Path, knowledge: Knowledge) -> None:
    text = markdown(make(tmp_path, knowledge, profile()))
    chapters = re.findall(r"^## (.+)$", text, flags=re.MULTILINE)
    assert chapters == [
        *CHAPTERS,
        "Overige regels",
        "Bijlage A. Besluitenlijst",
        "Bijlage B. Beslisbomen",
        "Bijlage C. Voorbeelden uit de praktijk",
        "Bronnen",
    ]
    assert text.startswith("# Richtlijn sociale media — Gemeente Proefdorp\n")
    assert "**Datum:** 23 november 2026" in text
    assert "### Moet ik reageren?" in text
    assert "### Mag ik deze reactie verwijderen?" in text
    assert text.count("**Status:**") == 1
    assert "- **Status:** concept, nog niet vastgesteld" in text
    assert "Vastgesteld door" not in text


def test_chapters_the_profile_says_nothing_about_say_what_to_decide(
    tmp_path: Path, knowledge: Knowledge
) -> None:
    silent = markdown(make(tmp_path, knowledge, profile()))
    sections = _chapters(silent)
    for title in ("Toon en schrijfwijze", "Privacy en persoonsgegevens (AVG)",
                  "Archivering en openbaarheid (Archiefwet en Woo)", "Toegankelijkheid (Wdo)",
                  "Accountbeheer en beveiliging", "Opleiding en training",
                  "Evaluatie en herziening", "Crisiscommunicatie"):  # fmt: skip
        # Who decides: the department that answers for the accounts (the profile's default).
        decision = "> **Nog te besluiten door de afdeling Communicatie:**"
        assert decision in sections[title], title
    # Each open decision is listed again in the annex, with its chapter.
    annex = sections["Bijlage A. Besluitenlijst"]
    assert annex.count("\n1. ") == 1
    who = "de afdeling Communicatie"
    assert f"*Opleiding en training* — {who}: welke training" in annex
    filled = markdown(
        make(
            tmp_path,
            knowledge,
            profile(
                training="{note: Iedereen volgt de training Online.}",
                accessibility="{note: Elke video krijgt ondertiteling.}",
            ),
        )
    )
    sections = _chapters(filled)
    assert "Iedereen volgt de training Online." in sections["Opleiding en training"]
    assert "Nog te besluiten" not in sections["Opleiding en training"]
    assert "Elke video krijgt ondertiteling." in sections["Toegankelijkheid (Wdo)"]
    assert "Eigen afspraak van Gemeente Proefdorp" in sections["Toegankelijkheid (Wdo)"]


def _chapters(text: str) -> dict[str, str]:
    """The text of each chapter, by its title."""
    parts = re.split(r"^## (.+)$", text, flags=re.MULTILINE)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def only_on(base: KnowledgeBase, platform: str) -> list[Practice]:
    return [p for p in base.of_type(Practice) if p.platforms == [platform]]


def _rule(record: Faceted, called: str = "Gemeente Proefdorp") -> str:
    """How the templates show a record's rule for the organisation ``called``."""
    from guidegen.content.myst import escape  # noqa: PLC0415
    from guidegen.guideline.text import ORGANISATION_WORDS  # noqa: PLC0415

    return str(escape(ORGANISATION_WORDS.sub(called, record.rule or record.title)))


def test_advice_for_platforms_the_profile_does_not_use_is_left_out(
    tmp_path: Path, knowledge: Knowledge
) -> None:
    facebook_only = only_on(knowledge[0], "facebook")
    assert facebook_only, "the knowledge base has Facebook-only advice"
    every = "rules_per_chapter: 60\ngoals: [" + ", ".join(knowledge[0].vocabulary.goals) + "]\n"
    without = markdown(make(tmp_path, knowledge, profile(platforms="[x-twitter, linkedin]")))
    with_facebook = markdown(make(tmp_path, knowledge, profile(platforms="[facebook]") + every))
    for practice in facebook_only:
        assert _rule(practice) not in without
        assert _rule(practice) in with_facebook


def test_goals_select_their_strategies(tmp_path: Path, knowledge: Knowledge) -> None:
    base = knowledge[0]
    text = markdown(make(tmp_path, knowledge, profile(goals="[samen-beleid-maken, kennisdeling]")))
    goals = _chapters(text)["Doelen en aanpak"]
    assert _rule(base.get("co-creatie")) in goals
    assert _rule(base.get("kennisdeling-binnen-de-overheid")) in goals
    assert _rule(base.get("informatieverstrekking")) not in goals
    assert _rule(base.get("persuasieve-voorlichting")) not in goals


def test_audiences_filter_advice(tmp_path: Path, knowledge: Knowledge) -> None:
    for_politicians = [
        p
        for p in knowledge[0].of_type(Practice)
        if p.audiences and set(p.audiences) <= {"bestuurder", "raadslid"} and not p.platforms
    ]
    assert for_politicians
    every = "rules_per_chapter: 60\ngoals: [" + ", ".join(knowledge[0].vocabulary.goals) + "]\n"
    staff = markdown(
        make(tmp_path, knowledge, profile(audiences="[ambtenaar, communicatieadviseur]") + every)
    )
    everyone = markdown(make(tmp_path, knowledge, profile() + every))
    for practice in for_politicians:
        assert _rule(practice) not in staff
        assert _rule(practice) in everyone


def test_municipal_advice_reaches_only_municipalities(tmp_path: Path, knowledge: Knowledge) -> None:
    municipal = [
        r for cls in (Practice, StepPlan, Consideration, Strategy)
        for r in knowledge[0].of_type(cls) if r.organisation_types == ["gemeente"]
    ]  # fmt: skip
    assert len(municipal) >= 4
    every = "rules_per_chapter: 60\ngoals: [" + ", ".join(knowledge[0].vocabulary.goals) + "]\n"
    for org_type in ("ministerie", "provincie", "waterschap"):
        text = markdown(make(tmp_path, knowledge, profile(org_type) + every))
        main, _, _ = text.partition("## Bijlage A.")
        for record in municipal:
            assert _rule(record) not in text, (org_type, record.id)
        assert not re.search(r"raadsvergadering|wethouder|gemeenteraad", main, re.IGNORECASE)
    council = "debatteer-niet-op-twee-fronten"
    asked = markdown(make(tmp_path, knowledge, profile("provincie", include=f"[{council}]")))
    assert _rule(knowledge[0].get(council)) in asked
    town = markdown(make(tmp_path, knowledge, profile("gemeente", audiences="[raadslid]") + every))
    assert _rule(knowledge[0].get(council)) in town


def test_include_exclude_and_the_number_of_cases(tmp_path: Path, knowledge: Knowledge) -> None:
    base = knowledge[0]
    dropped = base.get("modereer-met-tact")
    text = markdown(
        make(
            tmp_path,
            knowledge,
            profile(
                platforms="[linkedin]",
                exclude="[modereer-met-tact]",
                include="[facebookpagina-gemeente-deventer]",
                max_cases="2",
            ),
        )
    )
    assert _rule(dropped) not in text
    annex = _chapters(text)["Bijlage C. Voorbeelden uit de praktijk"]
    shown = re.findall(r"^- \*\*(.+?)\*\* — ", annex, flags=re.MULTILINE)
    assert len(shown) == 2
    assert _rule(base.get("facebookpagina-gemeente-deventer")) in shown


def test_every_citation_number_names_a_listed_source(tmp_path: Path, knowledge: Knowledge) -> None:
    generated = make(tmp_path, knowledge, profile())
    text = markdown(generated)
    body, _, sources = text.partition("\n## Bronnen\n")
    markers = re.findall(r"\\\[([^\]]+?)\\\]", body)
    numbers = {int(n) for m in markers for n in re.findall(r"(?:^|; )(\d+)", m)}
    listed = re.findall(r"^(\d+)\. ", sources, flags=re.MULTILINE)
    assert numbers == {int(n) for n in listed}
    assert len(listed) == len(generated.guideline.sources) >= 3
    main = body.partition("## Bijlage A.")[0]
    main = re.sub(r"## Huisregels.*?\n## ", "", main, flags=re.DOTALL)  # public: no markers
    rule_lines = [line for line in main.splitlines() if line.startswith("- ") and "**" not in line]
    assert len(rule_lines) > 30
    assert all(re.search(r"\\\[\d+[^\]]*\\\]$", line) for line in rule_lines), [
        line for line in rule_lines if not line.endswith("\\]")
    ]


def test_every_format_opens_with_its_own_library(tmp_path: Path, knowledge: Knowledge) -> None:
    example = (REPO / "profiles" / "gemeente-maasstad.yaml").read_text(encoding="utf-8")
    shutil_logo = (REPO / "profiles" / "logo-maasstad.png").read_bytes()
    (tmp_path / "logo-maasstad.png").write_bytes(shutil_logo)
    generated = make(tmp_path, knowledge, example, ("md", "html", "docx", "pdf"))
    assert list(generated.files) == ["md", "html", "docx", "pdf"]

    document = docx.Document(io.BytesIO(generated.files["docx"]))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings[0] == "Doel en reikwijdte"
    assert headings[-1] == "Bronnen"
    assert [p.text for p in document.paragraphs if p.style.name == "Title"] == [
        "Richtlijn sociale media — Gemeente Maasstad"
    ]
    assert document.core_properties.language == "nl-NL"
    assert len(document.inline_shapes) == 1  # the logo
    xml = zipfile.ZipFile(io.BytesIO(generated.files["docx"])).read("word/document.xml")
    assert b'TOC \\o "1-2"' in xml
    assert b"updateFields" not in zipfile.ZipFile(io.BytesIO(generated.files["docx"])).read(
        "word/settings.xml"
    )

    pdf = pypdf.PdfReader(io.BytesIO(generated.files["pdf"]))
    assert len(pdf.pages) > 5
    assert "Gemeente Maasstad" in pdf.pages[0].extract_text()
    assert pdf.metadata is not None
    assert pdf.metadata.title == "Richtlijn sociale media — Gemeente Maasstad"

    soup = BeautifulSoup(generated.files["html"], "html.parser")
    assert soup.html is not None
    assert soup.html["lang"] == "nl"
    assert soup.find("h1").get_text() == "Richtlijn sociale media — Gemeente Maasstad"
    toc = [a["href"] for a in soup.select("nav.toc a")]
    assert len(toc) >= 10
    assert all(soup.find(id=href[1:]) is not None for href in toc)
    assert soup.find("script") is None
    assert all(img["src"].startswith("data:image/png;base64,") for img in soup.find_all("img"))
    assert soup.find("link") is None  # styles inline: no request to anywhere
    policy = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert policy is not None
    assert policy["content"].split("; ") == [
        "default-src 'none'",
        "style-src 'unsafe-inline'",
        "img-src data:",
        "base-uri 'none'",
        "form-action 'none'",
    ]


HOSTILE = "<script>alert(1)</script> *nadruk* [klik](javascript:alert(1)) {role}`x` ::: # &amp;"


def test_hostile_text_in_every_profile_field_stays_text_in_every_format(
    tmp_path: Path, knowledge: Knowledge
) -> None:
    line = repr(HOSTILE).replace("'", '"')
    # A javascript: link is refused (test_hostile_markdown); escaped, it must stay text.
    markdown_field = '"Zie \\\\[dit\\\\](javascript:alert(1)) en &lt;script&gt;"'
    text = f"""\
organisation:
  name: {line}
  short_name: {line}
  type: gemeente
  contact: {{department: {line}, phone: {line}, address: {line}}}
document: {{version: {line}, adopted_by: {line}, review: {line}}}
platforms: [facebook]
accounts: [{{platform: facebook, name: {line}}}]
purpose: {markdown_field}
roles: {{posting: {line}, moderation: {line}, approval: {line}, spokespeople: {line}}}
response: {{within: {line}, hours: {line}, outside_hours: {line}, note: {markdown_field}}}
moderation: {{house_rules: [{line}], note: {markdown_field}}}
private_use: {{rules: [{line}], note: {markdown_field}}}
crisis: {{team: {line}, plan: {line}, note: {markdown_field}}}
archiving: {{system: {line}, responsible: {line}, privacy_contact: {line}, note: {markdown_field}}}
sections: [{{title: {line}, body: {markdown_field}}}]
"""
    generated = make(tmp_path, knowledge, text, ("md", "html", "docx", "pdf"))
    occurrences = 24

    rendered = markdown_parser().render(markdown(generated))
    for html in (rendered, generated.files["html"].decode("utf-8")):
        assert "<script" not in html
        assert 'href="javascript' not in html
        assert "Zie [dit](javascript:alert(1)) en &amp;lt;script&amp;gt;" not in html
        assert "Zie [dit](javascript:alert(1)) en &lt;script&gt;" in html  # text, not a link
        assert html.count("&lt;script&gt;alert(1)&lt;/script&gt; *nadruk*") >= occurrences
        assert "<em>nadruk</em>" not in html

    document = docx.Document(io.BytesIO(generated.files["docx"]))
    all_text = "\n".join(p.text for p in document.paragraphs)
    assert all_text.count(HOSTILE.replace("&amp;", "&amp;")) >= occurrences
    xml = zipfile.ZipFile(io.BytesIO(generated.files["docx"])).read("word/_rels/document.xml.rels")
    assert b"javascript" not in xml

    pdf_text = " ".join(
        p.extract_text() for p in pypdf.PdfReader(io.BytesIO(generated.files["pdf"])).pages
    )
    assert "<script>alert(1)</script>" in pdf_text
    assert re.fullmatch(r"richtlijn-sociale-media-script-alert-1-[a-z0-9-]+", generated.stem)


def test_output_cannot_leave_the_output_folder(tmp_path: Path, knowledge: Knowledge) -> None:
    text = profile().replace("Gemeente Proefdorp", "../../../etc/passwd")
    write(tmp_path / "p.yaml", text)
    out = tmp_path / "uit"
    result = CliRunner().invoke(
        main,
        [
            "generate",
            str(tmp_path / "p.yaml"),
            "-o",
            str(out),
            "--format",
            "md",
            "--project",
            str(REPO),
        ],
    )
    assert result.exit_code == 0, result.output
    written = list(tmp_path.rglob("*.md"))
    assert [p.parent for p in written] == [out]
    assert written[0].name == "richtlijn-sociale-media-etc-passwd.md"


def run_generate(
    tmp_path: Path, *extra: str, day: str = "2026-11-23", catch: bool = True
) -> tuple[int, str]:
    """Generate the Heuvelrade example into ``tmp_path/uit``; ``catch=False`` lets errors out."""
    result = CliRunner().invoke(
        main,
        [
            "generate",
            str(REPO / "profiles" / "gemeente-heuvelrade.yaml"),
            "-o",
            str(tmp_path / "uit"),
            "--project",
            str(REPO),
            "--date",
            day,
            *extra,
        ],
        catch_exceptions=catch,
    )
    return result.exit_code, result.output


def test_a_failed_run_leaves_the_previous_documents_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, _ = run_generate(tmp_path, "--format", "md,html,docx")
    assert code == 0
    out = tmp_path / "uit"
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    assert len(before) == 3

    def broken_docx(*args: object, **kwargs: object) -> bytes:
        raise RuntimeError("Word writer crashed")

    monkeypatch.setattr(word_module, "render_docx", broken_docx)
    with pytest.raises(RuntimeError, match="Word writer crashed"):
        run_generate(tmp_path, "--format", "md,html,docx", day="2026-12-01", catch=False)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_an_interrupted_write_keeps_the_old_file_and_leaves_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run_generate(tmp_path, "--format", "md,docx")[0] == 0
    out = tmp_path / "uit"
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    real_replace = os.replace

    def interrupted(source: str, target: str | Path) -> None:
        if str(target).endswith(".docx"):
            raise KeyboardInterrupt
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", interrupted)
    code, _ = run_generate(tmp_path, "--format", "md,docx", day="2026-12-01")
    assert code == 1  # click reports the interruption as "Aborted!"
    after = {p.name: p.read_bytes() for p in out.iterdir()}
    assert sorted(after) == sorted(before)  # no temporary file left behind
    # The Markdown replaced before the interruption is rolled back: one consistent set.
    assert after == before


def test_profile_errors_exit_1_and_write_nothing(tmp_path: Path) -> None:
    bad = write(tmp_path / "p.yaml", profile(platforms="[myspace]"))
    result = CliRunner().invoke(
        main, ["generate", str(bad), "-o", str(tmp_path / "uit"), "--project", str(REPO)]
    )
    assert result.exit_code == 1
    assert "p.yaml:4:13: fout: platforms: onbekende waarde 'myspace'" in result.output
    assert "1 fout(en) in het profiel gevonden; er is niets geschreven." in result.output
    assert not (tmp_path / "uit").exists()


def test_an_unknown_format_is_refused(tmp_path: Path) -> None:
    code, output = run_generate(tmp_path, "--format", "md,odt")
    assert code == 2
    assert "unknown format odt; choose from md, html, docx, pdf" in output
    assert not (tmp_path / "uit").exists()


def test_a_repeated_format_option_adds_formats(tmp_path: Path) -> None:
    code, output = run_generate(tmp_path, "--format", "md", "--format", "docx", "--format", "md")
    assert code == 0, output
    written = sorted(p.suffix for p in (tmp_path / "uit").iterdir())
    assert written == [".docx", ".md"]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        (
            "profiles/nope.yaml",
            "profiles/nope.yaml:1:1: fout: het profiel bestaat niet: in deze map is geen "
            "bestand 'nope.yaml'",
        ),
        (
            "profiles/gemeente-heuvelrade.yml",
            "profiles/gemeente-heuvelrade.yml:1:1: fout: het profiel bestaat niet: in deze map "
            "is geen bestand 'gemeente-heuvelrade.yml' (bedoelde je "
            "'profiles/gemeente-heuvelrade.yaml'?)",
        ),
        (
            "profielen/nope.yaml",
            "profielen/nope.yaml:1:1: fout: het profiel bestaat niet: de map 'profielen' "
            "bestaat niet",
        ),
    ],
)
def test_a_profile_that_does_not_exist_is_said_in_dutch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, message: str
) -> None:
    monkeypatch.chdir(REPO)
    result = CliRunner().invoke(main, ["generate", name, "-o", str(tmp_path / "uit")])
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [message]
    assert "Usage" not in result.output
    assert "1 profiel(en) niet gevonden; er is niets geschreven." in result.stderr
    assert not (tmp_path / "uit").exists()


def test_organisations_can_override_a_template(tmp_path: Path) -> None:
    own = tmp_path / "eigen"
    write(own / "onderdelen" / "regel.md.jinja", "- ADVIES {{ record.title }}\n")
    code, _ = run_generate(tmp_path, "--format", "md", "--templates", str(own))
    assert code == 0
    text = next((tmp_path / "uit").glob("*.md")).read_text(encoding="utf-8")
    assert text.count("- ADVIES ") > 20
    assert "# Richtlijn sociale media — Gemeente Heuvelrade" in text  # the rest is the default


def test_a_broken_template_is_reported_with_its_file_and_line(tmp_path: Path) -> None:
    own = tmp_path / "eigen"
    write(own / "onderdelen" / "regel.md.jinja", "- {{ record.title }}\n- {{ record.nope }}\n")
    code, output = run_generate(tmp_path, "--format", "md", "--templates", str(own))
    assert code == 1
    assert re.search(
        r"eigen/onderdelen/regel\.md\.jinja:2:1: error: template error: .*nope", output
    )
    assert not (tmp_path / "uit").exists()


def test_a_folder_where_a_document_should_be_replaces_nothing(tmp_path: Path) -> None:
    """The PDF cannot be written: the new md, html and docx do not replace the old ones."""
    assert run_generate(tmp_path, "--format", "md,html,docx")[0] == 0
    out = tmp_path / "uit"
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    blocker = out / next(name for name in before if name.endswith(".md")).replace(".md", ".pdf")
    blocker.mkdir()
    code, output = run_generate(tmp_path, day="2026-12-01", catch=False)
    assert code == 1
    assert output.splitlines()[0] == (
        f"{blocker}:1:1: error: kan niet schrijven: there is a folder with this name; "
        "er is geen document vervangen"
    )
    assert "Traceback" not in output
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before


def test_a_full_disk_replaces_nothing_and_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run_generate(tmp_path, "--format", "md,html,docx")[0] == 0
    out = tmp_path / "uit"
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    real_fsync = os.fsync
    calls: list[int] = []

    def full_disk(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 3:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", full_disk)
    code, output = run_generate(tmp_path, "--format", "md,html,docx", day="2026-12-01")
    assert code == 1
    assert output.splitlines()[0].endswith(
        ".docx:1:1: error: kan niet schrijven: No space left on device; "
        "er is geen document vervangen"
    )
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_an_output_folder_that_cannot_be_made_is_one_error(tmp_path: Path) -> None:
    write(tmp_path / "bestand", "geen map\n")
    result = CliRunner().invoke(
        main,
        [
            "generate",
            str(REPO / "profiles" / "gemeente-heuvelrade.yaml"),
            "-o",
            str(tmp_path / "bestand" / "uit"),
            "--project",
            str(REPO),
            "--format",
            "md",
        ],
    )
    assert result.exit_code == 1
    assert result.output.startswith(
        f"{tmp_path / 'bestand' / 'uit'}:1:1: error: kan niet schrijven"
    )
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_temporary_files_of_a_killed_run_are_cleaned_up(tmp_path: Path) -> None:
    assert run_generate(tmp_path, "--format", "md")[0] == 0
    out = tmp_path / "uit"
    name = next(out.iterdir()).name
    stale = [out / f".{name}.k1ll3d.tmp", out / f".{name}.k1ll3d.tmp.old"]
    for path in stale:
        path.write_bytes(b"half")
    assert run_generate(tmp_path, "--format", "md")[0] == 0
    assert sorted(p.name for p in out.iterdir()) == [name]


def test_the_author_hears_what_a_dated_document_leaves_out(tmp_path: Path) -> None:
    """Issue 27: notes written after the document's date are left out; the author is told
    how many, and that sources read later are cited with their real date."""
    code, early = run_generate(tmp_path, "--format", "md", day="2026-09-15")
    assert code == 0, early
    assert "let op: het document is gedateerd 15 september 2026." in early
    left_out = re.search(r"(\d+) notitie\(s\) over wat nu geldt zijn van later", early)
    assert left_out, early
    assert int(left_out.group(1)) > 0, early
    assert re.search(r"\d+ bron\(nen\) zijn later geraadpleegd", early), early
    code, later = run_generate(tmp_path, "--format", "md", day="2027-01-04")
    assert code == 0, later
    assert "let op" not in later
