"""`guidegen check`: every class of mistake is reported with its file, line and column."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from guidegen.cli import main
from guidegen.content.knowledge import load_knowledge_base
from guidegen.content.yamlsafe import MAX_DEPTH, MAX_FILE_BYTES

from .conftest import ROOTS, write

PRACTICE = """\
id: {id}
kind: do
title: Een titel
summary: Een samenvatting.
body: Een uitleg.
sources:
  - source: handreiking
    section: Luister
"""


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A valid content folder to break in one place per test."""
    target = tmp_path / "content"
    shutil.copytree(ROOTS / "test-handbook" / "content", target)
    return target


def check(path: Path) -> tuple[int, list[str]]:
    """Run ``guidegen check`` and return its exit code and output lines."""
    result = CliRunner().invoke(main, ["check", str(path)], catch_exceptions=False)
    return result.exit_code, result.stdout.splitlines()


def only_problem(content: Path) -> str:
    """The single problem line reported for ``content``, with the folder made relative."""
    code, lines = check(content)
    assert code == 1
    assert len(lines) == 1, lines
    return lines[0].replace(str(content) + "/", "")


def test_clean_content_passes_with_a_summary(content: Path) -> None:
    code, lines = check(content)
    assert code == 0
    assert lines == [
        "OK: 5 records (1 case, 2 practice, 1 source, 1 strategy), 0 decision tree(s)."
    ]


def test_yaml_syntax_error(content: Path) -> None:
    write(content / "practices" / "kapot.yaml", "id: kapot\ntitle: [niet gesloten\nkind: do\n")
    assert only_problem(content) == (
        "practices/kapot.yaml:3:5: error: YAML syntax error: did not find expected ',' or ']'"
    )


def test_duplicate_key_is_not_silently_overwritten(content: Path) -> None:
    text = PRACTICE.format(id="dubbel").replace(
        "title: Een titel\n", "title: Een titel\ntitle: Tweede titel\n"
    )
    write(content / "practices" / "dubbel.yaml", text)
    assert only_problem(content) == (
        "practices/dubbel.yaml:4:1: error: duplicate key 'title' (first defined on line 3); "
        "remove one of them"
    )


def test_wrong_type(content: Path) -> None:
    text = PRACTICE.format(id="type").replace("kind: do\n", "kind: do\nthemes: reageren\n")
    write(content / "practices" / "type.yaml", text)
    assert only_problem(content) == (
        "practices/type.yaml:3:9: error: themes: expected a list, found text"
    )


def test_number_where_text_is_expected(content: Path) -> None:
    write(
        content / "practices" / "getal.yaml",
        PRACTICE.format(id="getal").replace("title: Een titel", "title: 2020"),
    )
    assert only_problem(content) == (
        "practices/getal.yaml:3:8: error: title: expected text, found the number 2020; "
        "put the value in quotes"
    )


def test_missing_required_field_points_at_the_mapping(content: Path) -> None:
    write(
        content / "practices" / "leeg.yaml",
        PRACTICE.format(id="leeg").replace("summary: Een samenvatting.\n", ""),
    )
    assert only_problem(content) == (
        "practices/leeg.yaml:1:1: error: missing required field 'summary'; add it"
    )


def test_missing_field_in_a_nested_mapping(content: Path) -> None:
    write(
        content / "practices" / "bron.yaml",
        PRACTICE.format(id="bron").replace("    section: Luister\n", ""),
    )
    assert only_problem(content) == (
        "practices/bron.yaml:7:5: error: missing required field 'section'; add it"
    )


def test_unknown_field_suggests_the_right_one(content: Path) -> None:
    write(
        content / "practices" / "typo.yaml",
        PRACTICE.format(id="typo").replace("summary:", "sumary:"),
    )
    code, lines = check(content)
    assert code == 1
    assert "practices/typo.yaml:4:1: error: unknown field 'sumary'; did you mean 'summary'?" in [
        line.replace(str(content) + "/", "") for line in lines
    ]


def test_unknown_vocabulary_value(content: Path) -> None:
    write(
        content / "practices" / "vocab.yaml",
        PRACTICE.format(id="vocab").replace("kind: do\n", "kind: do\nthemes: [reageren, crisis]\n"),
    )
    assert only_problem(content) == (
        "practices/vocab.yaml:3:20: error: themes: unknown value 'crisis'; use one of "
        "reageren, modereren (or add it to vocabulary.yaml)"
    )


def test_wrong_literal_value(content: Path) -> None:
    write(
        content / "practices" / "soort.yaml",
        PRACTICE.format(id="soort").replace("kind: do", "kind: doen"),
    )
    assert only_problem(content) == (
        "practices/soort.yaml:2:7: error: kind: 'doen' is not allowed; use one of 'do' or 'dont'"
    )


def test_duplicate_id_across_types(content: Path) -> None:
    strategy = (content / "strategies" / "informeren.yaml").read_text()
    write(
        content / "strategies" / "luister-eerst.yaml",
        strategy.replace("id: informeren", "id: luister-eerst"),
    )
    assert only_problem(content) == (
        "strategies/luister-eerst.yaml:1:5: error: duplicate id 'luister-eerst', already used "
        "by practices/luister-eerst.yaml:1"
    )


def test_id_must_match_the_file_name(content: Path) -> None:
    write(content / "practices" / "anders.yaml", PRACTICE.format(id="iets-anders"))
    assert only_problem(content) == (
        "practices/anders.yaml:1:5: error: id 'iets-anders' does not match the file name "
        "'anders.yaml'; rename the file or the id"
    )


def test_reference_to_missing_id(content: Path) -> None:
    write(
        content / "practices" / "verwijzing.yaml",
        PRACTICE.format(id="verwijzing") + "related: [luister-eerst, bestaat-niet]\n",
    )
    assert only_problem(content) == (
        "practices/verwijzing.yaml:9:26: error: related.1: no record has the id 'bestaat-niet'"
    )


def test_reference_of_the_wrong_type(content: Path) -> None:
    path = content / "cases" / "voorbeeldgemeente.yaml"
    path.write_text(
        path.read_text().replace("strategies: [informeren]", "strategies: [luister-eerst]")
    )
    assert only_problem(content) == (
        "cases/voorbeeldgemeente.yaml:12:14: error: strategies.0: 'luister-eerst' is a "
        "practice, expected a strategy"
    )


def test_a_rule_replaces_others_only_for_its_organisation_types(content: Path) -> None:
    write(
        content / "practices" / "vervanger.yaml",
        PRACTICE.format(id="vervanger") + "replaces: [luister-eerst]\n",
    )
    assert only_problem(content) == (
        "practices/vervanger.yaml:9:11: error: replaces: a rule replaces others only for the "
        "organisation types it is written for; add 'organisation_types', or drop 'replaces'"
    )


def test_a_rule_replaces_rules_only(content: Path) -> None:
    write(
        content / "practices" / "vervanger.yaml",
        PRACTICE.format(id="vervanger")
        + "organisation_types: [politie]\nreplaces: [luister-eerst, informeren]\n",
    )
    assert only_problem(content) == (
        "practices/vervanger.yaml:10:27: error: replaces.1: 'informeren' is a strategy, "
        "expected a practice, stepplan or consideration"
    )


def test_citation_must_name_a_source(content: Path) -> None:
    write(
        content / "practices" / "citaat.yaml",
        PRACTICE.format(id="citaat").replace("source: handreiking", "source: luister-eerst"),
    )
    assert only_problem(content) == (
        "practices/citaat.yaml:7:13: error: sources.0.source: 'luister-eerst' is a practice, "
        "expected a source"
    )


def test_every_record_must_cite_a_source(content: Path) -> None:
    text = PRACTICE.format(id="zonder").split("sources:")[0] + "sources: []\n"
    write(content / "practices" / "zonder.yaml", text)
    assert only_problem(content) == (
        "practices/zonder.yaml:6:10: error: sources: must not be empty; list should have at "
        "least 1 item after validation, not 0"
    )


def test_figures_in_results_need_a_source(content: Path) -> None:
    path = content / "cases" / "voorbeeldgemeente.yaml"
    path.write_text(
        path.read_text().replace(
            '    source: {source: handreiking, section: Casus, pages: "12"}\n', ""
        )
    )
    assert only_problem(content) == (
        "cases/voorbeeldgemeente.yaml:9:5: error: results.0: a result with figures needs a "
        "'source' citation; add one"
    )


def test_file_that_is_not_utf8(content: Path) -> None:
    (content / "practices" / "latin.yaml").write_bytes(b"id: latin\ntitle: caf\xe9\n")
    assert only_problem(content) == (
        "practices/latin.yaml:2:11: error: file is not valid UTF-8 (byte 0xe9); save it as UTF-8"
    )


def test_python_objects_are_refused(content: Path) -> None:
    write(
        content / "practices" / "exploit.yaml",
        "id: exploit\ntitle: !!python/object/apply:os.system ['echo pwned']\n",
    )
    problem = only_problem(content)
    assert problem.startswith(
        "practices/exploit.yaml:2:8: error: tag "
        "'tag:yaml.org,2002:python/object/apply:os.system' is not allowed"
    )


def test_alias_bomb_is_refused(content: Path) -> None:
    levels = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    levels += [
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]" for i in range(8)
    ]
    write(content / "practices" / "bom.yaml", "\n".join(levels) + "\n")
    assert only_problem(content) == (
        "practices/bom.yaml:2:4: error: anchors and aliases (&name, *name) are not allowed; "
        "write the value out in full"
    )


def test_oversized_file_is_refused(content: Path) -> None:
    write(content / "practices" / "groot.yaml", "id: groot\nbody: " + "x" * MAX_FILE_BYTES)
    assert only_problem(content) == (
        f"practices/groot.yaml:1:1: error: file is {MAX_FILE_BYTES + 16:,} bytes, more than the "
        f"limit of {MAX_FILE_BYTES:,}; split it into smaller records"
    )


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 5000, 200_000])
def test_too_deep_nesting_is_refused(content: Path, depth: int) -> None:
    """One located problem and exit 1, whichever limit (ours or the YAML library's) hits."""
    write(content / "practices" / "diep.yaml", "id: diep\nbody: " + "[" * depth + "]" * depth)
    problem = only_problem(content)
    assert problem.startswith("practices/diep.yaml:2:")
    assert "nesting" in problem


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("<script>alert(1)</script>", "raw HTML is not allowed in Markdown fields"),
        ("Zie ![pixel](https://example.org/p.png)", "images are not allowed"),
        ("```{raw} html\n<b>x</b>\n```", "directive {raw} is not allowed in Markdown fields"),
        ("```{include} /etc/passwd\n```", "directive {include} is not allowed in Markdown fields"),
        ("{eval-rst}`x`", "role {eval-rst} is not allowed in Markdown fields"),
        ("# Kop", "headings and horizontal rules are not allowed"),
        (":::{note}\nopen", "directive {note} is not allowed in Markdown fields"),
    ],
)
def test_unsafe_markdown_is_refused(content: Path, body: str, message: str) -> None:
    text = PRACTICE.format(id="vijandig").replace(
        "body: Een uitleg.", "body: |\n  " + body.replace("\n", "\n  ")
    )
    write(content / "practices" / "vijandig.yaml", text)
    problem = only_problem(content)
    assert problem.startswith("practices/vijandig.yaml:5:7: error: body: ")
    assert message in problem


def test_all_problems_are_reported_at_once(content: Path) -> None:
    write(content / "practices" / "een.yaml", "id: een\ntitle: [\n")
    write(content / "practices" / "twee.yaml", PRACTICE.format(id="twee") + "relatd: []\n")
    write(content / "practices" / "drie.yaml", PRACTICE.format(id="drie") + "related: [nee]\n")
    code, lines = check(content)
    assert code == 1
    assert [line.split(": error:")[0].replace(str(content) + "/", "") for line in lines] == [
        "practices/drie.yaml:9:11",
        "practices/een.yaml:3:1",
        "practices/twee.yaml:9:1",
    ]


def test_unexpected_folder_and_file(content: Path) -> None:
    write(content / "oefeningen" / "x.yaml", "id: x\n")
    write(content / "practices" / "notitie.txt", "los\n")
    code, lines = check(content)
    assert code == 1
    assert [line.replace(str(content) + "/", "") for line in lines] == [
        "oefeningen:1:1: error: unexpected folder in the content folder; records go in: "
        "practices, strategies, cases, stepplans, considerations, terms, sources",
        "practices/notitie.txt:1:1: error: not a record file; records are '.yaml' files",
    ]


def test_loader_keeps_valid_records_when_others_fail(content: Path) -> None:
    write(content / "practices" / "kapot.yaml", "id: kapot\n")
    base, problems = load_knowledge_base(content)
    assert len(problems) >= 1
    assert "luister-eerst" in base
    assert "kapot" not in base


def test_project_root_is_accepted(content: Path) -> None:
    code, lines = check(content.parent)
    assert code == 0
    assert lines[0].startswith("OK: 5 records")


def _online_source(project: Path) -> None:
    write(
        project / "content" / "sources" / "webpagina.yaml",
        "id: webpagina\ntitle: Een pagina\npublisher: Rijksoverheid\nyear: 2024\n"
        "licence: Openbaar.\nurl: https://www.rijksoverheid.nl/voorbeeld\n"
        'accessed: "2026-12-07"\n',
    )
    practice = project / "content" / "practices" / "luister-eerst.yaml"
    text = practice.read_text(encoding="utf-8")
    practice.write_text(
        text.replace("  - source: handreiking\n", "  - source: webpagina\n", 1), encoding="utf-8"
    )


def test_a_quote_of_an_online_source_must_stand_in_its_stored_passages(
    handbook_project: Path,
) -> None:
    _online_source(handbook_project)
    content = handbook_project / "content"
    problems = [str(p) for p in load_knowledge_base(content)[1]]
    assert len(problems) == 1, problems
    assert "luister-eerst.yaml:12:" in problems[0]
    assert "store the passage this quotes" in problems[0]
    assert "content/passages/webpagina.txt" in problems[0]

    passages = write(content / "passages" / "webpagina.txt", "Iets heel anders.\n")
    problems = [str(p) for p in load_knowledge_base(content)[1]]
    assert len(problems) == 1
    assert "quote not found in the stored passages" in problems[0]
    assert "luister-eerst.yaml:12:" in problems[0]

    # Line breaks, quote styles and case differ from the page: still the same words.
    passages.write_text("Eerst dit.\n\nLUISTER naar wat\nmensen elkaar vertellen. Dan dat.\n")
    assert load_knowledge_base(content)[1] == []


def test_a_passages_file_must_belong_to_an_online_source(handbook_project: Path) -> None:
    content = handbook_project / "content"
    write(content / "passages" / "handreiking.txt", "Tekst.\n")
    write(content / "passages" / "onbekend.txt", "Tekst.\n")
    problems = [str(p) for p in load_knowledge_base(content)[1]]
    assert [p.split(":")[0].rsplit("/", 1)[-1] for p in problems] == [
        "handreiking.txt",
        "onbekend.txt",
    ]
    assert all("passages file for no source read online" in p for p in problems)


SECRET = "api_key: geheim\ndatabase_password: ook-geheim\n"


def test_a_record_linking_out_of_the_content_folder_is_refused(
    content: Path, tmp_path: Path
) -> None:
    """A link to a file elsewhere (a config under /etc) is not read: no key of it is shown."""
    secret = write(tmp_path / "elders" / "config.yaml", SECRET)
    (content / "practices" / "geheim.yaml").symlink_to(secret)
    code, lines = check(content)
    assert code == 1
    assert [line.replace(str(content) + "/", "") for line in lines] == [
        "practices/geheim.yaml:1:1: error: symbolic link to a file outside the content folder; "
        "records, the vocabulary and the synonyms must be files inside it"
    ]
    assert "api_key" not in "\n".join(lines)


def test_a_linked_record_folder_or_vocabulary_out_of_the_content_folder_is_refused(
    content: Path, tmp_path: Path
) -> None:
    elders = tmp_path / "elders"
    write(elders / "geheim.yaml", SECRET)
    shutil.move(content / "vocabulary.yaml", elders / "vocabulary.yaml")
    (content / "vocabulary.yaml").symlink_to(elders / "vocabulary.yaml")
    shutil.rmtree(content / "cases")
    (content / "cases").symlink_to(elders, target_is_directory=True)
    code, lines = check(content)
    assert code == 1
    shown = [line.replace(str(content) + "/", "") for line in lines]
    assert "vocabulary.yaml:1:1: error: symbolic link to a file outside the content folder; " in (
        "\n".join(shown)
    )
    assert any(line.startswith("cases/geheim.yaml:1:1: error: symbolic link") for line in shown)
    assert "api_key" not in "\n".join(lines)


def test_a_link_inside_the_content_folder_is_read(content: Path) -> None:
    practices = content / "practices"
    original = next(practices.glob("*.yaml"))
    original.rename(content / ".opgeslagen.yaml")
    original.symlink_to(Path("..") / ".opgeslagen.yaml")
    code, lines = check(content)
    assert code == 0, lines


def test_a_folder_link_that_loops_ends_and_is_named(content: Path) -> None:
    """A link to its own folder is followed once, not for ever."""
    (content / "practices" / "rondje").symlink_to(content / "practices", target_is_directory=True)
    code, lines = check(content)
    assert code == 1
    shown = [line.replace(str(content) + "/", "") for line in lines]
    assert any(line.startswith("practices/rondje:1:1: error: not a record file") for line in shown)


def test_a_fifo_is_named_for_what_it_is(content: Path) -> None:
    os.mkfifo(content / "practices" / "pijp.yaml")
    assert only_problem(content) == (
        "practices/pijp.yaml:1:1: error: not a regular file but a FIFO (named pipe); "
        "a record is a plain '.yaml' file"
    )


@pytest.mark.parametrize(
    ("text", "where", "code"),
    [
        (b"id: stuur\ntitle: Een\x01titel\n", "2:11", "U+0001"),
        # Before it, letters of two bytes: the column counts characters, not bytes.
        ("id: stuur\ntitle: Één café\x1b\n".encode(), "2:16", "U+001B"),
        ("id: stuur\nkind: do\ntitle: ok\nsummary: '\ufffe'\n".encode(), "4:11", "U+FFFE"),
    ],
)
def test_a_control_character_is_one_line_at_its_place(
    content: Path, text: bytes, where: str, code: str
) -> None:
    (content / "practices" / "stuur.yaml").write_bytes(text)
    assert only_problem(content) == (
        f"practices/stuur.yaml:{where}: error: character {code} (a control character or "
        "non-character) is not allowed in YAML; remove it (editors often do not show it)"
    )
