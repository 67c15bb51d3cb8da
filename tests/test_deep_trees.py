"""Deep and broken trees never crash or hang: check, walk, page and directive."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from sphinx.util.console import strip_colors

from guidegen.cli import main
from guidegen.trees.decisiontree import MAX_DEPTH

from .conftest import ROOTS, write


def deep_tree(depth: int, tree_id: str = "diepe-boom", *, cycle: bool = False) -> str:
    """A tree of ``depth`` questions in a row; each may also stop at one outcome."""
    lines = [
        f"id: {tree_id}",
        "title: Een diepe boom",
        "introduction: Een boom met veel vragen achter elkaar.",
        "sources:",
        "  - {source: handreiking, section: Altijd reageren}",
        "start: v1",
        "nodes:",
    ]
    for number in range(1, depth + 1):
        following = f"v{number + 1}" if number < depth else "einde"
        if cycle and number == depth:
            following = "v1"
        lines += [
            f"  - id: v{number}",
            "    type: question",
            f"    text: Vraag {number}?",
            "    answers:",
            f"      - {{label: Verder, next: {following}}}",
            "      - {label: Stop, next: einde}",
        ]
    lines += [
        "  - id: einde",
        "    type: outcome",
        "    title: Klaar",
        "    advice: Je bent klaar.",
        "    why: Er zijn geen vragen meer.",
        "    sources:",
        "      - {source: handreiking, section: Altijd reageren}",
    ]
    return "\n".join(lines) + "\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    target = tmp_path / "project"
    shutil.copytree(ROOTS / "test-handbook", target)
    return target


def run(*args: str) -> tuple[int, list[str]]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout.splitlines()


def test_a_tree_at_the_depth_limit_passes_and_walks(project: Path) -> None:
    write(project / "decisions" / "diepe-boom.yaml", deep_tree(MAX_DEPTH))
    code, lines = run("check", str(project))
    assert code == 0, lines
    answers = ",".join(["1"] * MAX_DEPTH)
    code, lines = run(
        "decide", "diepe-boom", "--answers", answers, "--json", "--project", str(project)
    )
    assert code == 0, lines
    assert '"einde"' in "\n".join(lines)


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 68, 600, 3000])
def test_a_deeper_tree_is_one_located_problem(project: Path, depth: int) -> None:
    path = write(project / "decisions" / "diepe-boom.yaml", deep_tree(depth))
    code, lines = run("check", str(project))
    assert code == 1
    assert len(lines) == 1, lines
    # Question MAX_DEPTH + 1 is node number MAX_DEPTH (0-based); each node has 6 lines.
    line = 8 + 6 * MAX_DEPTH
    assert lines[0].startswith(f"{path}:{line}:")
    assert f"'v{MAX_DEPTH + 1}' is question {MAX_DEPTH + 1}" in lines[0]
    assert f"the longest has {depth}" in lines[0]


def test_a_deep_cycle_is_reported_not_a_crash(project: Path) -> None:
    path = write(project / "decisions" / "diepe-boom.yaml", deep_tree(3000, cycle=True))
    code, lines = run("check", str(project))
    assert code == 1
    cycle = [line for line in lines if "making a cycle" in line]
    assert len(cycle) == 1
    assert cycle[0].startswith(f"{path}:")


def build(make_app: Any, srcdir: Path) -> tuple[Any, list[str]]:
    app = make_app("html", srcdir=srcdir, confoverrides={"guidegen_search": False})
    app.build()
    lines = strip_colors(app.warning.getvalue()).splitlines()
    return app, [line for line in lines if line and "[app.add_" not in line]


def test_a_tree_at_the_depth_limit_builds(make_app: Any, project: Path) -> None:
    write(project / "decisions" / "diepe-boom.yaml", deep_tree(MAX_DEPTH))
    app, found = build(make_app, project)
    assert found == []
    html = (Path(app.outdir) / "beslisbomen" / "diepe-boom.html").read_text(encoding="utf-8")
    assert html.count('class="gg-node gg-question') == MAX_DEPTH
    assert f'id="v{MAX_DEPTH}"' in html


def test_the_directive_checks_a_tree_and_warns_at_its_line(make_app: Any, project: Path) -> None:
    """A hand-written page naming a tree with a cycle: a located warning, no hang."""
    tree = write(project / "eigen" / "rondje.yaml", deep_tree(3, "rondje", cycle=True))
    write(project / "deep.md", "# Eigen boom\n\n```{guidegen-tree} eigen/rondje.yaml\n```\n")
    index = project / "index.md"
    index.write_text(
        index.read_text(encoding="utf-8").replace("```{toctree}", "```{toctree}\ndeep", 1),
        encoding="utf-8",
    )
    app, found = build(make_app, project)
    assert [line for line in found if "making a cycle" in line] == [
        f"{tree}:{8 + 6 * 2 + 4}: WARNING: answer leads back to 'v1', making a cycle; "
        "trees have no cycles [guidegen.tree]"
    ]
    html = (Path(app.outdir) / "deep.html").read_text(encoding="utf-8")
    assert "gg-tree" not in html
