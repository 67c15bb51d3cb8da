"""The published folder holds the site and nothing else: no removed pages, no internals."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from guidegen.knowledge import KnowledgeBase
from guidegen.service.app import create_app
from guidegen.trees import Tree

from .conftest import REPO
from .service import knowledge_for, run


def fragments(outdir: Path) -> dict[str, str]:
    """Pagefind's indexed pages: URL → the page's indexed text (its fragments)."""
    found = {}
    for path in (outdir / "_pagefind" / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        fragment = json.loads(data[data.index(b"{") :])
        url = fragment["url"]
        found[url + "index.html" if url.endswith("/") else url] = fragment["content"]
    return found


def sphinx_build(project: Path, work: Path) -> None:
    """Build as ``make site`` does (its Makefile's sphinx-build options)."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-W",
            "-q",
            "-d",
            work / "doctrees",
            project,
            work / "html",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_make_site_keeps_doctrees_out_of_the_published_folder() -> None:
    dry = subprocess.run(
        ["make", "-n", "site"], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout
    build_line = next(line for line in dry.splitlines() if "sphinx-build" in line)
    assert " -d _build/doctrees " in build_line
    assert build_line.rstrip().endswith(" docs _build/html")


@pytest.fixture
def built(handbook_project: Path, tmp_path: Path) -> Path:
    sphinx_build(handbook_project, tmp_path)
    return tmp_path / "html"


def test_published_folder_holds_no_build_internals(built: Path) -> None:
    hidden = sorted(
        path.relative_to(built).as_posix()
        for path in built.rglob("*")
        if any(part.startswith(".") for part in path.relative_to(built).parts)
    )
    # Sphinx's own config hash (no paths, no content) is all that is hidden.
    assert hidden == [".buildinfo"]
    assert not list(built.rglob("guidegen-*.txt"))
    assert not list(built.rglob("guidegen-*.json"))
    assert not list(built.rglob("*.pickle"))
    assert not list(built.rglob("*.doctree"))


def test_a_removed_record_leaves_the_site_and_the_index(
    handbook_project: Path, tmp_path: Path
) -> None:
    sphinx_build(handbook_project, tmp_path)
    html = tmp_path / "html"
    before = fragments(html)
    assert "/kennisbank/informeren.html" in before
    files_before = {p.name for p in (html / "_pagefind").rglob("*") if p.is_file()}

    (handbook_project / "content" / "strategies" / "informeren.yaml").unlink()
    case = handbook_project / "content" / "cases" / "voorbeeldgemeente.yaml"
    case.write_text(case.read_text(encoding="utf-8").replace("strategies: [informeren]\n", ""))
    sphinx_build(handbook_project, tmp_path)

    assert not (html / "kennisbank" / "informeren.html").exists()
    after = fragments(html)
    assert "/kennisbank/informeren.html" not in after
    published = {
        "/" + path.relative_to(html).as_posix()
        for path in html.rglob("*.html")
        if not path.relative_to(html).parts[0].startswith("_")
    }
    # Exactly the published pages (less the ones left out on purpose) are in the index.
    assert set(after) <= published
    # The sources overview is all cards, which the index leaves out: no text to index.
    left_out = {"/search.html", "/beslisbomen/voor-trainers.html", "/kennisbank/bronnen/index.html"}
    assert published - set(after) == left_out
    # Every fragment and filter file is one of this run: nothing piles up.
    files = [p for p in (html / "_pagefind").rglob("*") if p.is_file()]
    assert len([p for p in files if p.suffix == ".pf_fragment"]) == len(after)
    assert {p.name for p in files} != files_before


@pytest.fixture
def served(built: Path, knowledge: tuple[KnowledgeBase, list[Tree]]) -> Iterator[str]:
    """The built site, served by ``guidegen serve``'s application."""
    for url in run(create_app(built, knowledge_for(knowledge))):
        yield url.rstrip("/")


def status(url: str) -> int:
    try:
        with urllib.request.urlopen(url) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return error.code


def test_serve_lists_no_folders_and_no_hidden_files(served: str) -> None:
    assert status(f"{served}/") == 200
    assert status(f"{served}/kennisbank/informeren.html") == 200
    assert status(f"{served}/_static/") == 404
    assert status(f"{served}/_pagefind/") == 404
    assert status(f"{served}/.buildinfo") == 404
    assert status(f"{served}/%2Ebuildinfo") == 404


def test_every_page_carries_the_content_security_policy(built: Path) -> None:
    pages = [p for p in built.rglob("*.html") if p.relative_to(built).parts[0] != "_static"]
    assert len(pages) > 10
    for path in pages:
        head = path.read_text(encoding="utf-8").split("</head>")[0]
        assert head.count('http-equiv="Content-Security-Policy"') == 1, path
        assert "script-src 'self' 'wasm-unsafe-eval'" in head
        assert head.index("Content-Security-Policy") < head.index("<script")
        assert "translations.js" not in head
