"""Decision trees: every class of broken tree is reported; the CLI walks trees."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from guidegen.cli import main

from .conftest import ROOTS, write

TREE = "decisions/moet-ik-reageren.yaml"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    target = tmp_path / "project"
    shutil.copytree(ROOTS / "test-handbook", target)
    return target


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout


def problems_after(project: Path, old: str, new: str) -> list[str]:
    """Replace ``old`` by ``new`` in the fixture tree; return the problem lines of check."""
    path = project / TREE
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
    code, out = run("check", str(project))
    assert code == 1
    return [line.replace(str(project) + "/", "") for line in out.splitlines()]


def test_valid_tree_passes(project: Path) -> None:
    code, out = run("check", str(project))
    assert code == 0
    assert out.strip().endswith("1 decision tree(s).")


def test_start_must_exist(project: Path) -> None:
    assert problems_after(project, "start: soort-reactie", "start: begin") == [
        f"{TREE}:7:8: error: start: no node has the id 'begin'"
    ]


def test_start_must_be_a_question(project: Path) -> None:
    lines = problems_after(project, "start: soort-reactie", "start: niet-reageren")
    assert f"{TREE}:7:8: error: start: the start node must be a question" in lines


def test_node_ids_are_unique(project: Path) -> None:
    lines = problems_after(project, "  - id: direct-reageren", "  - id: niet-reageren")
    assert (
        f"{TREE}:38:9: error: duplicate node id 'niet-reageren'; node ids must be unique" in lines
    )


def test_every_answer_leads_to_a_node(project: Path) -> None:
    lines = problems_after(
        project, "{label: Ja, next: direct-reageren}", "{label: Ja, next: nergens}"
    )
    assert lines[0] == f"{TREE}:20:27: error: answer leads to 'nergens', which is not a node"


def test_no_cycles(project: Path) -> None:
    lines = problems_after(
        project, "{label: Nee, next: inhoudelijk-reageren}", "{label: Nee, next: soort-reactie}"
    )
    assert (
        f"{TREE}:21:28: error: answer leads back to 'soort-reactie', making a cycle; "
        "trees have no cycles" in lines
    )
    assert (
        f"{TREE}:30:9: error: node 'inhoudelijk-reageren' cannot be reached from the start" in lines
    )


def test_every_node_is_reachable(project: Path) -> None:
    lines = problems_after(
        project,
        "{label: Onderbouwde kritiek, next: huisregels}",
        "{label: Onderbouwde kritiek, next: niet-reageren}",
    )
    assert lines == [
        f"{TREE}:16:9: error: node 'huisregels' cannot be reached from the start",
        f"{TREE}:30:9: error: node 'inhoudelijk-reageren' cannot be reached from the start",
        f"{TREE}:38:9: error: node 'direct-reageren' cannot be reached from the start",
    ]


def test_a_question_needs_two_answers(project: Path) -> None:
    lines = problems_after(project, "      - {label: Nee, next: inhoudelijk-reageren}\n", "")
    assert lines[0].startswith(f"{TREE}:20:7: error: nodes.1.answers: must not be empty")


def test_links_to_records_resolve(project: Path) -> None:
    lines = problems_after(project, "records: [luister-eerst]", "records: [bestaat-niet]")
    assert lines == [f"{TREE}:35:15: error: nodes.3.records.0: no record has the id 'bestaat-niet'"]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        pytest.param(
            "  - {source: handreiking, section: Altijd reageren}\nstart",
            "  - {source: luister-eerst, section: Altijd reageren}\nstart",
            "6:14: error: sources.0.source: 'luister-eerst' is a practice, expected a source",
            id="tree-sources",
        ),
        pytest.param(
            "      - {source: handreiking, section: Hou je aan de regels}",
            "      - {source: informeren, section: Hou je aan de regels}",
            "44:18: error: nodes.4.sources.0.source: 'informeren' is a strategy, expected a source",
            id="outcome-sources",
        ),
    ],
)
def test_a_tree_citing_another_record_type_as_source_is_refused_like_a_record(
    project: Path, old: str, new: str, expected: str
) -> None:
    assert problems_after(project, old, new) == [f"{TREE}:{expected}"]


def test_every_outcome_cites_a_source(project: Path) -> None:
    lines = problems_after(
        project, "    sources:\n      - {source: handreiking, section: Hou je aan de regels}\n", ""
    )
    assert lines == [f"{TREE}:38:5: error: missing required field 'sources'; add it"]


def test_unknown_node_type_and_field(project: Path) -> None:
    lines = problems_after(project, "    help: Kijk", "    hulp: Kijk")
    assert lines == [f"{TREE}:12:5: error: unknown field 'hulp'; did you mean 'help'?"]


def test_list_show_and_answers(project: Path) -> None:
    code, out = run("decide", "--project", str(project), "--list", "--json")
    assert code == 0
    assert json.loads(out) == [
        {"id": "moet-ik-reageren", "title": "Moet ik reageren?", "questions": 2, "outcomes": 3}
    ]
    code, out = run("decide", "moet-ik-reageren", "--project", str(project), "--show", "--json")
    shown = json.loads(out)
    assert shown["start"] == "soort-reactie"
    assert [n["id"] for n in shown["nodes"]][:2] == ["soort-reactie", "huisregels"]
    code, out = run(
        "decide", "moet-ik-reageren", "--project", str(project), "--answers", "2,1", "--json"
    )
    result = json.loads(out)
    assert [step["answer"] for step in result["path"]] == ["Onderbouwde kritiek", "Ja"]
    assert result["outcome"]["id"] == "direct-reageren"
    assert result["outcome"]["sources"] == [
        {"source": "handreiking", "section": "Hou je aan de regels"}
    ]


def test_partial_answers_stop_at_the_next_question(project: Path) -> None:
    code, out = run(
        "decide", "moet-ik-reageren", "--project", str(project), "--answers", "2", "--json"
    )
    assert code == 0
    assert json.loads(out)["question"]["id"] == "huisregels"


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ("3", "answer 1: 3 is not an answer to 'Wat voor reactie is het?' (choose 1 to 2)"),
        ("1,1", "answer 2: the tree already ended at 'niet-reageren'"),
        ("x", "'x' is not an answer number"),
    ],
)
def test_bad_answers_are_usage_errors(project: Path, answers: str, message: str) -> None:
    result = CliRunner().invoke(
        main, ["decide", "moet-ik-reageren", "--project", str(project), "--answers", answers]
    )
    assert result.exit_code == 2
    assert message in result.output


def test_unknown_tree(project: Path) -> None:
    result = CliRunner().invoke(main, ["decide", "bestaat-niet", "--project", str(project)])
    assert result.exit_code == 2
    assert "no decision tree 'bestaat-niet'; choose one of moet-ik-reageren" in result.output


def test_interactive_walk_with_back_and_invalid_input(project: Path) -> None:
    keys = "\n".join(["2", "b", "9", "2", "2"]) + "\n"
    result = CliRunner().invoke(
        main, ["decide", "moet-ik-reageren", "--project", str(project)], input=keys
    )
    assert result.exit_code == 0
    assert "Kies een nummer van 1 tot 2, b of q." in result.output
    assert result.output.count("Overtreedt de reactie de huisregels?") == 3
    assert "Advies: Ga in op de inhoud" in result.output


def test_interactive_quit(project: Path) -> None:
    result = CliRunner().invoke(
        main, ["decide", "moet-ik-reageren", "--project", str(project)], input="q\n"
    )
    assert result.exit_code == 0
    assert "Advies" not in result.output


def test_tree_fixture_is_plain_yaml() -> None:
    data = yaml.safe_load((ROOTS / "test-handbook" / TREE).read_text())
    assert data["id"] == "moet-ik-reageren"


__all__ = ["write"]


@pytest.mark.parametrize("node_id", ["inhoud", "bronnen", "schema", "moet-ik-reageren"])
def test_node_ids_must_not_clash_with_the_pages_own_anchors(project: Path, node_id: str) -> None:
    path = project / TREE
    path.write_text(path.read_text().replace("direct-reageren", node_id))
    code, out = run("check", str(project))
    assert code == 1
    assert (
        f"{TREE}:38:9: error: node id {node_id!r} is also an anchor of the tree page; "
        "choose another id"
    ) in out.replace(str(project) + "/", "")


@pytest.mark.parametrize(
    "given",
    [
        "2,1",
        "2.1",
        "2 1",
        "?antwoorden=2.1#direct-reageren",
        "https://handboek.example.nl/beslisbomen/moet-ik-reageren.html?antwoorden=2.1#direct-reageren",
    ],
)
def test_answers_in_the_form_of_the_address(project: Path, given: str) -> None:
    """Issue 29: `--answers 1.1.2`, the form of a page's `?antwoorden=`, works too."""
    code, out = run(
        "decide", "moet-ik-reageren", "--project", str(project), "--answers", given, "--json"
    )
    assert code == 0, out
    result = json.loads(out)
    assert result["outcome"]["id"] == "direct-reageren"
    assert result["address"] == "?antwoorden=2.1#direct-reageren"
    assert [step["code"] for step in result["path"]] == ["V1", "V2"]
    code, out = run("decide", "moet-ik-reageren", "--project", str(project), "--answers", given)
    assert out.startswith("V1 Wat voor reactie is het? → 2. Onderbouwde kritiek\n")
    assert "(in het adres van de beslisboom: ?antwoorden=2.1#direct-reageren)" in out


def test_an_address_whose_step_does_not_fit_its_answers_is_refused(project: Path) -> None:
    result = CliRunner().invoke(
        main,
        [
            "decide",
            "moet-ik-reageren",
            "--project",
            str(project),
            "--answers",
            "?antwoorden=2#niet-reageren",
        ],
    )
    assert result.exit_code == 2
    assert "the answers lead to 'huisregels', not to the address's step 'niet-reageren'" in (
        result.output
    )


def test_a_tree_linking_out_of_the_decisions_folder_is_refused(
    project: Path, tmp_path: Path
) -> None:
    secret = write(tmp_path / "elders" / "config.yaml", "api_key: geheim\n")
    (project / "decisions" / "geheim.yaml").symlink_to(secret)
    code, out = run("check", str(project))
    assert code == 1
    assert out.replace(str(project) + "/", "").splitlines() == [
        "decisions/geheim.yaml:1:1: error: symbolic link to a file outside the decisions "
        "folder; trees must be files inside it"
    ]
