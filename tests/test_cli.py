"""The guidegen command line: schema files, statistics and exit codes."""

from __future__ import annotations

import gc
import json
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from guidegen import cli
from guidegen.cli import main

from .conftest import REPO, ROOTS


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout


def project(tmp_path: Path) -> Path:
    target = tmp_path / "project"
    shutil.copytree(ROOTS / "test-handbook", target)
    return target


def test_schema_writes_one_file_per_type_with_vocabulary_enums(tmp_path: Path) -> None:
    root = project(tmp_path)
    code, _ = run("schema", str(root))
    assert code == 0
    names = sorted(p.name for p in (root / "schemas").iterdir())
    assert names == [
        f"{t}.schema.json"
        for t in (
            "case",
            "consideration",
            "practice",
            "profile",
            "source",
            "stepplan",
            "strategy",
            "synonyms",
            "term",
            "tree",
            "vocabulary",
        )
    ]
    practice = json.loads((root / "schemas" / "practice.schema.json").read_text())
    assert practice["additionalProperties"] is False
    assert practice["properties"]["themes"]["items"]["enum"] == ["reageren", "modereren"]
    assert set(practice["required"]) >= {"id", "title", "kind", "summary", "body", "sources"}


def test_schema_check_detects_a_stale_schema(tmp_path: Path) -> None:
    root = project(tmp_path)
    run("schema", str(root))
    assert run("schema", "--check", str(root))[0] == 0
    vocabulary = root / "content" / "vocabulary.yaml"
    vocabulary.write_text(
        vocabulary.read_text().replace(
            "themes:\n", "themes:\n  crisis: {label: Crisis, description: Crises.}\n"
        )
    )
    code, out = run("schema", "--check", str(root))
    assert code == 1
    assert "practice.schema.json:1:1: error: schema is out of date" in out


def test_stats_counts_and_gaps(tmp_path: Path) -> None:
    code, out = run("stats", "--json", str(project(tmp_path)))
    assert code == 0
    stats = json.loads(out)
    assert stats["per_type"]["practice"] == 2
    assert stats["per_source"] == {"handreiking": 4}
    assert stats["per_facet"]["themes"] == {"reageren": 2, "modereren": 0}
    assert stats["unused_values"]["themes"] == ["modereren"]
    assert stats["unrelated"] == []


def test_stats_lists_records_without_relations(tmp_path: Path) -> None:
    root = project(tmp_path)
    case = root / "content" / "cases" / "voorbeeldgemeente.yaml"
    case.write_text(
        case.read_text()
        .replace("practices: [luister-eerst]\n", "")
        .replace("strategies: [informeren]\n", "")
    )
    code, out = run("stats", str(root))
    assert code == 0
    assert "Records without related records (2):\n  informeren\n  voorbeeldgemeente" in out


def test_commands_refuse_broken_content_with_exit_1(tmp_path: Path) -> None:
    root = project(tmp_path)
    (root / "content" / "practices" / "kapot.yaml").write_text("id: [\n")
    for command in ("check", "schema", "stats"):
        code, out = run(command, str(root))
        assert code == 1, command
        assert "kapot.yaml:" in out


def test_missing_path_is_a_usage_error() -> None:
    result = CliRunner().invoke(main, ["check", "/bestaat/niet"])
    assert result.exit_code == 2


def loaded_modules(*args: str) -> set[str]:
    """The modules a fresh ``guidegen ARGS`` process has imported when it exits."""
    script = (
        "import sys\nfrom guidegen.cli import main\n"
        "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
        "print('\\n'.join(sys.modules), file=sys.stderr)"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    return set(done.stderr.split())


HEAVY = {"pydantic", "lxml", "weasyprint", "markdown_it", "sphinx", "PIL", "yaml", "jinja2"}


def test_help_imports_none_of_the_heavy_libraries() -> None:
    assert not HEAVY & loaded_modules("--help")


def test_only_a_pdf_loads_weasyprint(tmp_path: Path) -> None:
    """Importing WeasyPrint takes 0.43 s: check and the other formats do without it."""
    checked = loaded_modules("check")
    assert "guidegen.content.model" in checked  # it did check
    assert not {"weasyprint", "sphinx"} & checked
    profile = str(REPO / "profiles" / "gemeente-heuvelrade.yaml")
    formats = ("--format", "md,html,docx")
    loaded = loaded_modules("generate", profile, "-o", str(tmp_path), *formats)
    assert {p.name for p in tmp_path.iterdir()} == {
        f"richtlijn-sociale-media-gemeente-heuvelrade.{fmt}" for fmt in ("md", "html", "docx")
    }
    assert not {"weasyprint", "sphinx"} & loaded


def test_the_program_runs_the_command_line() -> None:
    """The installed ``guidegen`` is :func:`cli.run`, which runs the commands."""
    scripts = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert scripts["project"]["scripts"]["guidegen"] == "guidegen.cli:run"
    done = subprocess.run(
        [sys.executable, "-c", "from guidegen.cli import run; run()", "check", str(REPO)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1].startswith("OK: ")


def collections_during(program: Callable[[], object], argv: list[str]) -> int:
    """How often the cyclic garbage collector ran while ``program`` ran with ``argv``."""
    started: list[int] = []

    def count(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            started.append(info["generation"])

    python_thresholds = gc.get_threshold()
    saved_argv = sys.argv
    sys.argv = argv
    gc.callbacks.append(count)
    try:
        with pytest.raises(SystemExit) as done:
            program()
        assert done.value.code == 0
        return len(started)
    finally:
        gc.callbacks.remove(count)
        sys.argv = saved_argv
        gc.unfreeze()
        gc.set_threshold(*python_thresholds)


def test_a_run_of_the_program_leaves_its_objects_to_the_end_of_the_run(tmp_path: Path) -> None:
    """Most of what a short run makes (modules, models, records) lives until it ends: the
    ``guidegen`` program does not walk it again and again to find garbage (Python's own
    settings did, 14 % of a generate), and what the run made is frozen when it ends, so
    the exit's last collection skips it."""
    scripts = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert scripts["project"]["scripts"]["guidegen"] == "guidegen.cli:run"
    profile = str(REPO / "profiles" / "gemeente-heuvelrade.yaml")
    argv = ["guidegen", "generate", profile, "-o", str(tmp_path), "--format", "md"]
    frozen: list[int] = []

    def program() -> None:
        try:
            cli.run()
        finally:
            frozen.append(gc.get_freeze_count())

    by_the_program = collections_during(program, argv)
    assert frozen[0] > 0  # the exit's collection skips what the run made
    by_python = collections_during(main, argv)  # the same run, with Python's settings
    assert by_python >= 20
    assert by_the_program * 10 <= by_python, (by_the_program, by_python)


def test_preview_refuses_a_folder_that_is_no_handbook_project(tmp_path: Path) -> None:
    root = project(tmp_path)  # conf.py and content/, but its pages are not in docs/
    result = CliRunner().invoke(main, ["preview", "--project", str(root)])
    assert result.exit_code == 2
    assert f"{root} is geen handboekproject (conf.py of docs/ ontbreekt)" in result.stderr
