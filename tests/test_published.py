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

from guidegen.content.knowledge import KnowledgeBase
from guidegen.service.app import create_app
from guidegen.trees.decisiontree import Tree

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


def sphinx_build(project: Path, work: Path, *options: str) -> None:
    """Build as ``make site`` does (its Makefile's sphinx-build options)."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-W",
            "-q",
            *options,
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
    # Not even Sphinx's .buildinfo: it waits with the environment in the doctrees folder.
    assert hidden == []
    assert (built.parent / "doctrees" / "guidegen-html.buildinfo").is_file()
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


def page_times(html: Path) -> dict[str, int]:
    """Each page's modification time; search and genindex are written on every build."""
    return {
        path.relative_to(html).as_posix(): path.stat().st_mtime_ns
        for path in html.rglob("*.html")
        if path.name not in {"search.html", "genindex.html"}
    }


def test_the_kept_buildinfo_still_drives_the_incremental_build(
    handbook_project: Path, tmp_path: Path
) -> None:
    sphinx_build(handbook_project, tmp_path)
    html = tmp_path / "html"
    first = page_times(html)
    assert len(first) > 10

    # Nothing changed: no page is written again (a lost .buildinfo would not do that
    # either, but see below), and .buildinfo does not come back into the site.
    sphinx_build(handbook_project, tmp_path)
    assert page_times(html) == first
    assert not (html / ".buildinfo").exists()

    # An HTML option changed: Sphinx finds out from the kept .buildinfo and writes
    # every page again; its backup of the old one is not published either.
    sphinx_build(handbook_project, tmp_path, "-D", "html_title=Een andere titel")
    again = page_times(html)
    assert all(again[page] > first[page] for page in first)
    assert not list(html.glob(".buildinfo*"))
    assert "Een andere titel" in (html / "index.html").read_text(encoding="utf-8")


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


def test_a_removed_tree_takes_its_images_along_and_strays_go(
    handbook_project: Path, tmp_path: Path
) -> None:
    sphinx_build(handbook_project, tmp_path)
    html = tmp_path / "html"
    images = {p.name for p in (html / "_images").iterdir()}
    assert "moet-ik-reageren.svg" in images
    # Files the build never made: a left-over of an old build, or what a hostile field
    # or someone with write access once put there. None of them is published again.
    strays = [
        html / "_images" / "planted.html",
        html / "_images" / "deeper" / "planted.svg",
        html / "_downloads" / "0123abcd" / "planted.pdf",
    ]
    for stray in strays:
        stray.parent.mkdir(parents=True, exist_ok=True)
        stray.write_text("<script>alert(1)</script>", encoding="utf-8")

    (handbook_project / "decisions" / "moet-ik-reageren.yaml").unlink()
    sphinx_build(handbook_project, tmp_path)

    assert not (html / "beslisbomen" / "moet-ik-reageren.html").exists()
    assert not any(stray.exists() for stray in strays)
    assert not (html / "_images" / "deeper").exists()
    assert not (html / "_downloads" / "0123abcd").exists()
    left = {p.name for p in (html / "_images").iterdir()} if (html / "_images").exists() else set()
    assert "moet-ik-reageren.svg" not in left
    assert left < images
