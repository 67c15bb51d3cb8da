"""The trainers' route booklet: every route through each tree, with advice and sources."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pypdf
import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner

from guidegen.cli import main
from guidegen.content.knowledge import KnowledgeBase, load_knowledge_base
from guidegen.guideline.pdf import render_pdf
from guidegen.trees.booklet import booklet_html, routes
from guidegen.trees.decisiontree import Tree, load_trees, walk

from .conftest import REPO, ROOTS


@pytest.fixture(scope="module")
def knowledge() -> tuple[KnowledgeBase, list[Tree]]:
    base, _ = load_knowledge_base(REPO / "content")
    loaded, problems = load_trees(REPO / "decisions", base)
    assert problems == []
    return base, [item.tree for item in loaded]


def count_paths(tree: Tree, node_id: str) -> int:
    node = tree.node(node_id)
    if not hasattr(node, "answers"):
        return 1
    return sum(count_paths(tree, answer.next) for answer in node.answers)


def test_routes_are_every_path_and_walk_to_their_outcome(
    knowledge: tuple[KnowledgeBase, list[Tree]],
) -> None:
    _, trees = knowledge
    for tree in trees:
        found = routes(tree)
        assert len(found) == count_paths(tree, tree.start), tree.id
        assert [route.number for route in found] == list(range(1, len(found) + 1))
        assert {route.outcome.id for route in found} == {o.id for o in tree.outcomes}
        for route in found:
            numbers = [q.answers.index(a) + 1 for q, a in route.steps]
            assert walk(tree, numbers)[1] is route.outcome


def test_booklet_shows_each_route_with_advice_and_sources(
    knowledge: tuple[KnowledgeBase, list[Tree]],
) -> None:
    base, trees = knowledge
    html = BeautifulSoup(booklet_html(trees, base, date(2026, 1, 2)), "html.parser")
    assert html.html["lang"] == "nl"
    assert html.title.get_text() == "Routeboekje: Alle beslisbomen"
    assert "Stand: 02-01-2026" in html.get_text()
    assert len(html.select("section.tree")) == len(trees)
    assert len(html.select("section.route")) == sum(len(routes(t)) for t in trees)
    assert len(html.select("svg.gg-diagram")) == len(trees)
    route = html.select_one("section.route")
    assert route.h4.get_text().startswith("Route 1 (antwoorden 1.1): V1 (1) → ")
    assert route.select_one(".outcome-title").get_text().startswith("Advies (A1): ")
    assert route.select(".sources li")
    assert "*" not in html.get_text().replace("*Moet", "")
    assert html.find(src=True) is None, "the booklet loads nothing"


def test_cli_writes_a_pdf_per_tree(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main,
        [
            "booklet",
            "twitteren-tijdens-de-raadsvergadering",
            "--project",
            str(REPO),
            "-o",
            str(tmp_path),
        ],
    )
    assert result.exit_code == 0, result.output
    pdf = (tmp_path / "routeboekje-twitteren-tijdens-de-raadsvergadering.pdf").read_bytes()
    assert pdf.startswith(b"%PDF")
    assert pdf.rstrip().endswith(b"%%EOF")
    assert len(pdf) > 20_000, "the diagram and seven routes"


def test_cli_without_trees_adds_a_booklet_of_all_trees(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["booklet", "--html", "--project", str(REPO), "-o", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in tmp_path.iterdir())
    trees = sorted(f"routeboekje-{p.stem}.html" for p in (REPO / "decisions").glob("*.yaml"))
    assert names == sorted([*trees, "routeboekje-alle-beslisbomen.html"])


def test_cli_refuses_an_unknown_tree(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["booklet", "bestaat-niet", "--project", str(REPO), "-o", str(tmp_path)]
    )
    assert result.exit_code == 2
    assert "geen beslisboom bestaat-niet; kies uit " in result.output
    assert list(tmp_path.iterdir()) == []


def test_routes_show_the_answers_chosen_in_the_address_form(
    knowledge: tuple[KnowledgeBase, list[Tree]],
) -> None:
    """Issue 29: three routes into one advice no longer read alike ("V1→…→V6→A6")."""
    base, trees = knowledge
    tree = next(t for t in trees if t.id == "moet-ik-reageren")
    html = BeautifulSoup(booklet_html([tree], base, date(2026, 1, 2)), "html.parser")
    headings = [h.get_text() for h in html.select("section.route h4")]
    assert len(set(headings)) == len(headings) == len(routes(tree))
    for route, heading in zip(routes(tree), headings, strict=True):
        numbers = [q.answers.index(a) + 1 for q, a in route.steps]
        assert f"(antwoorden {'.'.join(map(str, numbers))})" in heading
        assert walk(tree, numbers)[1] is route.outcome
        for number in numbers:
            assert f"({number}) →" in heading
    first = html.select_one("section.route .steps li").get_text()
    assert first.startswith("V1 ")
    assert "1. " in first


def test_the_first_page_has_contents_with_page_numbers(
    knowledge: tuple[KnowledgeBase, list[Tree]],
) -> None:
    """Issue 29: page 1 lists every tree and route and, in the PDF, its page."""
    base, trees = knowledge
    tree = next(t for t in trees if t.id == "twitteren-tijdens-de-raadsvergadering")
    html = booklet_html([tree], base, date(2026, 1, 2))
    soup = BeautifulSoup(html, "html.parser")
    links = soup.select(".contents a")
    assert [a["href"] for a in links][1:] == [
        f"#route-{tree.id}-{route.number}" for route in routes(tree)
    ]
    assert "&#34;" not in soup.style.get_text(), "the style sheet is not entity-escaped"
    reader = pypdf.PdfReader(io.BytesIO(render_pdf(html)))
    first = reader.pages[0].extract_text()
    assert first.count(" p. ") >= len(routes(tree)) + 1
    assert "Route 1 (antwoorden 1)" in first
    assert f"Pagina 1 van {len(reader.pages)}" in first


def sphinx(*args: str | Path) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", *map(str, args)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_the_site_prints_booklets_only_when_a_tree_changed(tmp_path: Path) -> None:
    """Issue 29: booklets are built with the site, incrementally, next to the trainers page."""
    shutil.copytree(ROOTS / "test-handbook", tmp_path / "src")
    out, doctrees = tmp_path / "html", tmp_path / "doctrees"
    build = ("-Dguidegen_booklets=1", "-d", doctrees, tmp_path / "src", out)
    first = sphinx(*build)
    booklet = out / "beslisbomen" / "routeboekjes" / "routeboekje-moet-ik-reageren.pdf"
    assert "printed 1 route booklet(s)" in first
    assert booklet.read_bytes().startswith(b"%PDF")
    made = booklet.stat().st_mtime_ns
    stray = booklet.with_name("routeboekje-weg.pdf")
    stray.write_bytes(b"%PDF")
    second = sphinx(*build)
    assert "route booklet" not in second
    assert booklet.stat().st_mtime_ns == made, "an unchanged tree is not printed again"
    assert not stray.exists(), "the booklet of a tree that is gone goes"
    tree = tmp_path / "src" / "decisions" / "moet-ik-reageren.yaml"
    tree.write_text(
        tree.read_text(encoding="utf-8").replace("Reageer niet, observeer", "Reageer niet"),
        encoding="utf-8",
    )
    third = sphinx(*build)
    assert "printed 1 route booklet(s)" in third
    assert booklet.stat().st_mtime_ns != made
    trainers = (out / "beslisbomen" / "voor-trainers.html").read_text(encoding="utf-8")
    assert 'href="routeboekjes/routeboekje-moet-ik-reageren.pdf"' in trainers
