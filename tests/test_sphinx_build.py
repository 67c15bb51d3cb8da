"""Building a small handbook with the extension: pages, links, warnings, incrementality."""

from __future__ import annotations

import dataclasses
import gc
import gzip
import os
import pickle
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_colors

from guidegen.content import knowledge
from guidegen.handbook.pages import PlannedPage, plan_pages
from guidegen.sphinx import pages as pages_module
from guidegen.sphinx.data import GuidegenData

from .conftest import REPO, ROOTS, write


def build(make_app: Any, srcdir: Path, **kwargs: Any) -> Any:
    app = make_app("html", srcdir=srcdir, **kwargs)
    app.build()
    return app


def page(app: Any, name: str) -> BeautifulSoup:
    return BeautifulSoup((Path(app.outdir) / name).read_text(encoding="utf-8"), "html.parser")


def main_of(app: Any, name: str) -> Any:
    """The main landmark of an output page."""
    return page(app, name).find(attrs={"role": "main"})


def warnings(app: Any) -> list[str]:
    """Warnings of a build, without the re-registration noise of several apps in one process."""
    lines = strip_colors(app.warning.getvalue()).splitlines()
    return [line for line in lines if line and "[app.add_" not in line]


def sphinx_build(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """Run sphinx-build in its own process, as ``make site`` does."""
    return subprocess.run(
        [sys.executable, "-m", "sphinx", *map(str, args)],
        capture_output=True,
        text=True,
        check=False,
    )


def links_in(element: Any, selector: str) -> list[str]:
    """hrefs of the links under ``selector``, without heading permalinks."""
    return [a["href"] for a in element.select(f"{selector} a[href]:not(.headerlink)")]


def _docnames_in_status(app: Any, step: str) -> list[str]:
    """Docnames of one step of the last build ("reading sources", ...), from its status."""
    status = strip_colors(app.status.getvalue())
    return sorted(set(re.findall(rf"{step}\.\.\. \[\s*\d+%\] (\S+)", status)))


def reread(app: Any) -> list[str]:
    """Docnames Sphinx read in the last build."""
    return _docnames_in_status(app, "reading sources")


def written(app: Any) -> list[str]:
    """Docnames Sphinx wrote in the last build."""
    return _docnames_in_status(app, "writing output")


def links_text(app: Any, name: str) -> str:
    """The text of the "read more" links of a tree page's outcomes."""
    return " ".join(box.get_text(" ") for box in page(app, name).select(".gg-links"))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """One clean build of the test handbook, shared by the tests that only read its output
    (with the route booklets, which the test handbook leaves out)."""
    srcdir = tmp_path_factory.mktemp("built") / "handbook"
    shutil.copytree(ROOTS / "test-handbook", srcdir)
    booklets = {"guidegen_booklets": True}
    app = SphinxTestApp("html", srcdir=srcdir, freshenv=True, confoverrides=booklets)
    try:
        app.build()
        assert warnings(app) == []
        yield app
    finally:
        app.cleanup()


def test_every_record_gets_a_page(built: Any) -> None:
    out = Path(built.outdir) / "kennisbank"
    for record_id in (
        "luister-eerst",
        "reageer-niet-altijd",
        "informeren",
        "voorbeeldgemeente",
        "handreiking",
    ):
        assert (out / f"{record_id}.html").is_file(), record_id


def test_record_page_shows_title_badge_summary_body_facets_sources_related(built: Any) -> None:
    html = page(built, "kennisbank/reageer-niet-altijd.html")
    main = html.find(attrs={"role": "main"})
    assert main.find("h1").get_text(strip=True).startswith("Reageer niet altijd")
    assert "Doe niet" in main.find(class_="sd-badge").get_text()
    assert "Soms is observeren beter dan reageren." in main.find(class_="gg-summary").get_text()
    assert [li.get_text(strip=True) for li in main.select("#wat-houdt-het-in li")] == [
        "reacties emotioneel zijn;",
        "het geïsoleerde negatieve ervaringen zijn.",
    ]
    links = {a.get_text(strip=True): a["href"] for a in main.find_all("a", href=True)}
    assert links["Reageren"] == "themas/reageren.html"
    assert links["Facebook"] == "platforms/facebook.html"
    assert links["Ambtenaar"] == "doelgroepen/ambtenaar.html"
    assert links["Testhandreiking"] == "handreiking.html"
    assert "Altijd reageren" in main.select_one("#bronnen").get_text()
    # luister-eerst names this record as related: the link shows on both pages.
    assert links["Luister eerst"] == "luister-eerst.html"
    assert "Stand van zaken 2020" in main.get_text()


def test_case_page_links_practices_strategies_and_cited_results(built: Any) -> None:
    main = main_of(built, "kennisbank/voorbeeldgemeente.html")
    text = main.get_text(" ", strip=True)
    assert "A. Jansen , webredacteur" in text or "A. Jansen, webredacteur" in text
    assert "Er kwamen 12 vragen per week binnen." in text
    assert "p. 12" in text
    assert set(links_in(main, "#dit-voorbeeld-laat-zien")) == {
        "informeren.html",
        "luister-eerst.html",
    }


def test_strategy_page_lists_the_cases_that_illustrate_it(built: Any) -> None:
    main = main_of(built, "kennisbank/informeren.html")
    assert links_in(main, "#praktijkvoorbeelden-bij-deze-strategie") == ["voorbeeldgemeente.html"]


def test_source_page_lists_every_record_citing_it(built: Any) -> None:
    main = main_of(built, "kennisbank/handreiking.html")
    hrefs = sorted(links_in(main, "#wat-het-handboek-uit-deze-bron-haalt"))
    assert hrefs == [
        "informeren.html",
        "luister-eerst.html",
        "reageer-niet-altijd.html",
        "voorbeeldgemeente.html",
    ]


def test_overviews_per_type_and_facet(built: Any) -> None:
    practices = main_of(built, "kennisbank/dos-en-donts/index.html")
    assert [a.get_text(strip=True) for a in practices.select(".sd-card-header a")] == [
        "Luister eerst",
        "Reageer niet altijd",
    ]
    theme = main_of(built, "kennisbank/themas/reageren.html")
    assert sorted(a["href"] for a in theme.select(".sd-card-header a")) == [
        "../luister-eerst.html",
        "../reageer-niet-altijd.html",
    ]
    unused = main_of(built, "kennisbank/themas/modereren.html")
    assert "nog geen onderdelen" in unused.get_text()
    index = main_of(built, "kennisbank/index.html")
    hrefs = {a["href"] for a in index.find_all("a", href=True)}
    assert {"dos-en-donts/index.html", "themas/index.html", "bronnen/index.html"} <= hrefs


def test_pages_are_dutch_accessible_and_load_nothing_from_other_hosts(built: Any) -> None:
    paths = sorted(Path(built.outdir).rglob("*.html"))
    assert len(paths) >= 20  # every record, overview, facet value and tree page
    for path in paths:
        html = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        assert html.html["lang"] == "nl", path
        skip = html.find("a", class_="gg-skip-link")
        assert skip is not None, path
        assert skip["href"] == "#inhoud", path
        assert html.find(attrs={"role": "main", "id": "inhoud"}) is not None, path
        for tag, attribute in (("script", "src"), ("link", "href"), ("img", "src")):
            for element in html.find_all(tag):
                url = element.get(attribute) or ""
                assert not re.match(r"(https?:)?//", url), (path, url)


def test_broken_record_fails_the_build_with_every_problem_located(
    handbook_project: Path, tmp_path: Path
) -> None:
    practice = handbook_project / "content" / "practices" / "luister-eerst.yaml"
    practice.write_text(
        practice.read_text()
        .replace("themes: [reageren]", "themes: [crisis]")
        .replace("related: [reageer-niet-altijd]", "related: [bestaat-niet]")
    )
    result = sphinx_build(
        "-W", "--keep-going", "-q", "-d", tmp_path / "doctrees", handbook_project, tmp_path / "out"
    )
    assert result.returncode != 0
    err = strip_colors(result.stderr)
    assert f"{practice}:6: WARNING: themes: unknown value 'crisis'" in err
    assert f"{practice}:7: WARNING: related.0: no record has the id 'bestaat-niet'" in err
    assert "[guidegen.content]" in err


def test_hostile_text_is_escaped_not_rendered(make_app: Any, handbook_project: Path) -> None:
    # A real javascript: link in a Markdown field is refused (test_hostile_markdown.py);
    # escaped it is text, and plain-text fields escape everything.
    write(
        handbook_project / "content" / "practices" / "vijandig.yaml",
        """\
id: vijandig
kind: do
title: "<script>alert('titel')</script> {raw}`html <b>x</b>`"
summary: "[klik](javascript:alert(1)) <img src=x onerror=alert(2)> :::{raw} html"
body: "Tekst met \\\\[link\\\\](javascript:alert(3)) en &lt;b&gt;."
sources:
  - source: handreiking
    section: "<script>alert('sectie')</script>"
    quote: "</blockquote><script>alert('quote')</script>"
""",
    )
    app = build(make_app, handbook_project, freshenv=True)
    assert warnings(app) == []
    raw = (Path(app.outdir) / "kennisbank" / "vijandig.html").read_text(encoding="utf-8")
    html = BeautifulSoup(raw, "html.parser")
    scripts = [s for s in html.find_all("script") if not s.get("src")]
    assert all("alert" not in (s.string or "") for s in scripts)
    assert html.find("img", src="x") is None
    assert "javascript:" not in " ".join(a.get("href", "") for a in html.find_all("a"))
    assert not html.select("[role=main] b")
    assert html.find("h1").get_text().startswith("<script>alert(")
    assert "<script>alert(" in html.select_one("#bronnen").get_text()
    assert "</blockquote><script>" in html.select_one("#bronnen blockquote").get_text()


def test_unchanged_build_rewrites_and_rereads_nothing(
    make_app: Any, handbook_project: Path
) -> None:
    build(make_app, handbook_project, freshenv=True)
    generated = handbook_project / "kennisbank"
    before = {p: p.stat().st_mtime_ns for p in generated.rglob("*.md")}
    again = build(make_app, handbook_project)
    assert reread(again) == []
    assert {p: p.stat().st_mtime_ns for p in generated.rglob("*.md")} == before


def test_editing_one_record_rereads_only_its_page(make_app: Any, handbook_project: Path) -> None:
    build(make_app, handbook_project, freshenv=True)
    path = handbook_project / "content" / "practices" / "reageer-niet-altijd.yaml"
    path.write_text(path.read_text().replace("Reageer niet als:", "Reageer liever niet als:"))
    again = build(make_app, handbook_project)
    assert reread(again) == ["kennisbank/reageer-niet-altijd"]
    assert (
        "Reageer liever niet als" in page(again, "kennisbank/reageer-niet-altijd.html").get_text()
    )


def test_editing_a_title_rereads_the_pages_that_show_it(
    make_app: Any, handbook_project: Path
) -> None:
    build(make_app, handbook_project, freshenv=True)
    path = handbook_project / "content" / "practices" / "luister-eerst.yaml"
    path.write_text(path.read_text().replace("title: Luister eerst", "title: Luister altijd eerst"))
    again = build(make_app, handbook_project)
    assert reread(again) == [
        "kennisbank/dos-en-donts/index",
        "kennisbank/handreiking",
        "kennisbank/luister-eerst",
        "kennisbank/reageer-niet-altijd",
        "kennisbank/themas/reageren",
        "kennisbank/voorbeeldgemeente",
    ]


def test_a_tree_page_shows_the_new_title_of_a_record_it_links(
    make_app: Any, handbook_project: Path
) -> None:
    first = build(make_app, handbook_project, freshenv=True)
    tree_page = "beslisbomen/moet-ik-reageren.html"
    assert "Luister eerst" in links_text(first, tree_page)
    body = handbook_project / "content" / "practices" / "reageer-niet-altijd.yaml"
    body.write_text(body.read_text().replace("Reageer niet als:", "Reageer liever niet als:"))
    unchanged_title = build(make_app, handbook_project)
    assert "beslisbomen/moet-ik-reageren" not in written(unchanged_title)
    path = handbook_project / "content" / "practices" / "luister-eerst.yaml"
    path.write_text(path.read_text().replace("title: Luister eerst", "title: Luister altijd eerst"))
    again = build(make_app, handbook_project)
    assert "beslisbomen/moet-ik-reageren" in written(again)
    assert "Luister altijd eerst" in links_text(again, tree_page)


def test_only_pages_whose_inputs_changed_are_rendered(
    make_app: Any, handbook_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(make_app, handbook_project, freshenv=True)
    rendered: list[str] = []

    def counted(page: PlannedPage) -> PlannedPage:
        def render() -> str:
            rendered.append(page.name)
            return page.render()

        return dataclasses.replace(page, render=render)

    def plan_and_count(*args: Any) -> list[PlannedPage]:
        return [counted(page) for page in plan_pages(*args)]

    monkeypatch.setattr(pages_module, "plan_pages", plan_and_count)
    build(make_app, handbook_project)
    assert rendered == []
    path = handbook_project / "content" / "practices" / "reageer-niet-altijd.yaml"
    path.write_text(path.read_text().replace("Reageer niet als:", "Reageer liever niet als:"))
    build(make_app, handbook_project)
    assert rendered == ["reageer-niet-altijd.md"]


def test_a_generated_page_changed_by_hand_is_made_again(
    make_app: Any, handbook_project: Path
) -> None:
    build(make_app, handbook_project, freshenv=True)
    edited = handbook_project / "kennisbank" / "luister-eerst.md"
    removed = handbook_project / "kennisbank" / "informeren.md"
    original = edited.read_text(encoding="utf-8"), removed.read_text(encoding="utf-8")
    edited.write_text("# Met de hand bewerkt\n", encoding="utf-8")
    removed.unlink()
    build(make_app, handbook_project)
    assert (edited.read_text(encoding="utf-8"), removed.read_text(encoding="utf-8")) == original


def test_search_index_is_made_again_only_after_pages_were_written(
    make_app: Any, handbook_project: Path
) -> None:
    first = build(make_app, handbook_project, freshenv=True)
    stamp = Path(first.doctreedir) / "guidegen-indexed.txt"
    entry = Path(first.outdir) / "_pagefind" / "pagefind-entry.json"
    indexed = stamp.stat().st_mtime_ns, entry.stat().st_mtime_ns
    unchanged = build(make_app, handbook_project)
    assert "search index in _pagefind/ is up to date" in strip_colors(unchanged.status.getvalue())
    assert (stamp.stat().st_mtime_ns, entry.stat().st_mtime_ns) == indexed
    path = handbook_project / "content" / "practices" / "reageer-niet-altijd.yaml"
    path.write_text(path.read_text().replace("Reageer niet als:", "Reageer liever niet als:"))
    build(make_app, handbook_project)
    assert entry.stat().st_mtime_ns > indexed[1]
    assert stamp.stat().st_mtime_ns > indexed[0]
    stamp.unlink()
    build(make_app, handbook_project)
    assert stamp.is_file()


def test_touching_a_yaml_file_rereads_its_page(make_app: Any, handbook_project: Path) -> None:
    build(make_app, handbook_project, freshenv=True)
    path = handbook_project / "content" / "strategies" / "informeren.yaml"
    later = time.time_ns() + 10_000_000_000
    os.utime(path, ns=(later, later))
    again = build(make_app, handbook_project)
    assert reread(again) == ["kennisbank/informeren"]


def test_removed_record_loses_its_page(make_app: Any, handbook_project: Path) -> None:
    build(make_app, handbook_project, freshenv=True)
    (handbook_project / "content" / "strategies" / "informeren.yaml").unlink()
    case = handbook_project / "content" / "cases" / "voorbeeldgemeente.yaml"
    case.write_text(case.read_text().replace("strategies: [informeren]\n", ""))
    again = build(make_app, handbook_project)
    assert warnings(again) == []
    assert not (handbook_project / "kennisbank" / "informeren.md").exists()
    assert (
        not (Path(again.outdir) / "kennisbank" / "informeren.html").exists()
        or "kennisbank/informeren" not in again.env.found_docs
    )


def test_parallel_build_gives_the_same_pages(
    make_app: Any, handbook_project: Path, tmp_path: Path
) -> None:
    serial = build(make_app, handbook_project, freshenv=True)
    serial_text = main_of(serial, "kennisbank/voorbeeldgemeente.html").get_text()
    result = sphinx_build(
        "-W",
        "-q",
        "-E",
        "-j",
        "2",
        "-d",
        tmp_path / "doctrees",
        handbook_project,
        tmp_path / "parallel",
    )
    assert result.returncode == 0, result.stderr
    parallel = BeautifulSoup(
        (tmp_path / "parallel" / "kennisbank" / "voorbeeldgemeente.html").read_text(
            encoding="utf-8"
        ),
        "html.parser",
    )
    assert parallel.find(attrs={"role": "main"}).get_text() == serial_text
    # What -j readers note about the titles a tree page shows is merged back.
    path = handbook_project / "content" / "practices" / "luister-eerst.yaml"
    path.write_text(path.read_text().replace("title: Luister eerst", "title: Luister altijd eerst"))
    again = sphinx_build(
        "-W", "-q", "-j", "2", "-d", tmp_path / "doctrees", handbook_project, tmp_path / "parallel"
    )
    assert again.returncode == 0, again.stderr
    tree_page = tmp_path / "parallel" / "beslisbomen" / "moet-ik-reageren.html"
    assert "Luister altijd eerst" in tree_page.read_text(encoding="utf-8")


FORM_PAGE = "# Stel je richtlijn samen\n\n```{profile-form}\n```\n"


def test_a_build_reads_the_records_once(
    make_app: Any, handbook_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every page and step that uses the records (the form page and its files too)
    shares the one knowledge base loaded at build start."""
    write(handbook_project / "formulier.md", FORM_PAGE)
    index = handbook_project / "index.md"
    index.write_text(
        index.read_text().replace("beslisbomen/index\n", "beslisbomen/index\nformulier\n")
    )
    loads: list[Path] = []
    original = knowledge.load_knowledge_base

    def counted(root: Path) -> Any:
        loads.append(root)
        return original(root)

    for module in list(sys.modules.values()):
        if module is not None and vars(module).get("load_knowledge_base") is original:
            monkeypatch.setattr(module, "load_knowledge_base", counted)
    overrides = {"guidegen_templates": str(REPO / "templates")}
    app = build(make_app, handbook_project, freshenv=True, confoverrides=overrides)
    assert warnings(app) == []
    assert main_of(app, "formulier.html").select_one("form#gg-profile-form") is not None
    assert (Path(app.outdir) / "schemas" / "profile.schema.json").is_file()
    assert loads == [handbook_project / "content"]


def test_the_saved_environment_keeps_the_titles_pages_show_not_the_records(built: Any) -> None:
    """The records are read again on every build: neither the saved environment nor a
    parallel reader's reply carries them; what readers noted about pages is kept."""
    saved = pickle.dumps(built.env, pickle.HIGHEST_PROTOCOL)
    assert b"Soms is observeren beter dan reageren." not in saved
    shown = GuidegenData(pickle.loads(saved)).shown_titles
    assert shown["beslisbomen/moet-ik-reageren"] >= {
        "kennisbank/luister-eerst",
        "kennisbank/handreiking",
    }


def test_tree_page_outline_anchors_diagram_and_script(built: Any) -> None:
    html = page(built, "beslisbomen/moet-ik-reageren.html")
    main = html.find(attrs={"role": "main"})
    assert main.find("h1").get_text(strip=True).startswith("Moet ik reageren?")
    tree = main.select_one("div.gg-tree")
    assert tree["data-start"] == "soort-reactie"
    ids = [node["id"] for node in tree.select(".gg-node")]
    assert ids == [
        "soort-reactie",
        "niet-reageren",
        "huisregels",
        "direct-reageren",
        "inhoudelijk-reageren",
    ]
    answers = [a["href"] for a in tree.select("#soort-reactie > ul > li > p > a.gg-answer")]
    assert answers == ["#niet-reageren", "#huisregels"]
    outcome = tree.select_one("#inhoudelijk-reageren")
    assert [a["href"] for a in outcome.select("a")] == [
        "../kennisbank/luister-eerst.html",
        "../kennisbank/handreiking.html",
    ]
    svg = main.select_one("svg.gg-diagram")
    assert svg["role"] == "group"  # its boxes are links to their steps (issue 29)
    assert svg.find("title").get_text() == "Schema: Moet ik reageren?"
    assert [g["id"] for g in svg.select("g.node")] == [f"gg-d-{node_id}" for node_id in ids]
    legend = [li.p.get_text(" ", strip=True) for li in main.select(".gg-legend > li")]
    assert legend[0] == "V1 Wat voor reactie is het?"
    assert legend[-1] == "A3 Ga in op de inhoud"
    scripts = [s["src"] for s in html.find_all("script", src=True)]
    assert any("guidegen-tree.js" in src for src in scripts)
    other = page(built, "kennisbank/luister-eerst.html")
    assert not any("guidegen-tree.js" in s["src"] for s in other.find_all("script", src=True))


def test_tree_script_stays_small() -> None:
    script = REPO / "src" / "guidegen" / "sphinx" / "static" / "guidegen-tree.js"
    size = len(gzip.compress(script.read_bytes(), 9))
    assert size <= 5120, size


def test_trainers_page_links_within_the_site_without_a_public_address(built: Any) -> None:
    main = main_of(built, "beslisbomen/voor-trainers.html")
    hrefs = [a["href"] for a in main.find_all("a", href=True)]
    assert "moet-ik-reageren.html" in hrefs
    # A step's link carries its first route, so it opens with a trail (issue 29).
    assert "moet-ik-reageren.html?antwoorden=2#huisregels" in hrefs
    assert main.find("img", class_="gg-qr") is None
    assert "routeboekjes/routeboekje-moet-ik-reageren.pdf" in hrefs
    assert "routeboekjes/routeboekje-alle-beslisbomen.pdf" not in hrefs, "one tree: no combined"
    assert "geen openbaar webadres" in main.select_one(".gg-handout").get_text(" ")
    assert "gebouwd zonder zijn openbare webadres" in main.get_text(" ")
    assert main.select(".gg-handout")
    assert "geen openbaar adres" in strip_colors(built.status.getvalue())
    for path in Path(built.outdir).rglob("*"):
        if path.is_file() and path.suffix in {".html", ".svg", ".js", ".txt"}:
            assert "127.0.0.1" not in path.read_text(encoding="utf-8", errors="replace"), path


def test_trainers_qr_codes_and_handouts_use_the_public_address(
    make_app: Any, handbook_project: Path
) -> None:
    app = build(
        make_app,
        handbook_project,
        freshenv=True,
        confoverrides={"guidegen_base_url": "https://handboek.example.nl/"},
    )
    main = main_of(app, "beslisbomen/voor-trainers.html")
    url = "https://handboek.example.nl/beslisbomen/moet-ik-reageren.html"
    hrefs = [a["href"] for a in main.find_all("a", href=True)]
    assert url in hrefs
    assert "moet-ik-reageren.html?antwoorden=2#huisregels" in hrefs
    assert f"{url}?antwoorden=2#huisregels" in hrefs
    qr = main.find("img", alt="QR-code met de link naar de beslisboom: Moet ik reageren?")
    assert qr is not None
    assert "gg-qr" in qr["class"]
    svg = (Path(app.outdir) / "_images" / Path(qr["src"]).name).read_text()
    assert "<svg" in svg
    assert url in svg  # segno writes the encoded link as the SVG's title
    assert "openbaar adres" not in main.get_text(" ")
    assert "geen openbaar adres" not in strip_colors(app.status.getvalue())


EXAMPLE_PROFILE = """\
organisation:
  name: Gemeente Proefdorp
  type: gemeente
goals: []
platforms: [facebook]
audiences: [ambtenaar]
"""


def with_examples(project: Path) -> None:
    index = project / "index.md"
    index.write_text(
        index.read_text().replace(
            "beslisbomen/index\n", "beslisbomen/index\nvoorbeeldrichtlijnen/index\n"
        )
    )


def test_example_guidelines_get_a_page_and_downloads_made_only_when_changed(
    make_app: Any, handbook_project: Path
) -> None:
    with_examples(handbook_project)
    profile = write(handbook_project / "profiles" / "proefdorp.yaml", EXAMPLE_PROFILE)
    overrides = {"guidegen_templates": str(REPO / "templates")}
    app = build(make_app, handbook_project, freshenv=True, confoverrides=overrides)
    assert warnings(app) == []
    name = "voorbeeldrichtlijnen/richtlijn-sociale-media-gemeente-proefdorp"
    content = main_of(app, f"{name}.html")
    assert content.find("h1").get_text().startswith("Richtlijn sociale media — Gemeente Proefdorp")
    downloads = [a["href"] for a in content.select("a.download")]
    assert [Path(href).suffix for href in downloads] == [".docx", ".pdf"]
    for href in downloads:
        assert (Path(app.outdir) / "voorbeeldrichtlijnen" / href).resolve().is_file()
    assert "type: gemeente" in content.select_one("div.highlight-yaml").get_text()
    index = main_of(app, "voorbeeldrichtlijnen/index.html")
    assert links_in(index, "ul") == ["richtlijn-sociale-media-gemeente-proefdorp.html"]

    documents = sorted((handbook_project / "voorbeeldrichtlijnen").glob("*.[dp][od][cf]*"))
    assert [p.suffix for p in documents] == [".docx", ".pdf"]
    before = {p: p.stat().st_mtime_ns for p in documents}
    again = build(make_app, handbook_project, confoverrides=overrides)
    assert reread(again) == []
    assert {p: p.stat().st_mtime_ns for p in documents} == before

    profile.write_text(EXAMPLE_PROFILE + "response: {within: binnen een uur}\n")
    edited = build(make_app, handbook_project, confoverrides=overrides)
    assert reread(edited) == [name]
    assert all(p.stat().st_mtime_ns != before[p] for p in documents)
    assert "we reageren binnen een uur" in main_of(edited, f"{name}.html").get_text()

    profile.unlink()
    removed = build(make_app, handbook_project, confoverrides=overrides)
    assert not list((handbook_project / "voorbeeldrichtlijnen").glob("richtlijn-*"))
    assert links_in(main_of(removed, "voorbeeldrichtlijnen/index.html"), "ul") == []


def test_a_broken_example_profile_is_a_located_warning(
    make_app: Any, handbook_project: Path
) -> None:
    with_examples(handbook_project)
    write(handbook_project / "profiles" / "kapot.yaml", EXAMPLE_PROFILE + "kleur: blauw\n")
    overrides = {"guidegen_templates": str(REPO / "templates")}
    app = build(make_app, handbook_project, freshenv=True, confoverrides=overrides)
    assert any(
        "profiles/kapot.yaml:7: WARNING: onbekend veld 'kleur'" in line for line in warnings(app)
    )


def test_main_menu_lists_the_top_sections_and_marks_the_current_one(built: Any) -> None:
    nav = page(built, "kennisbank/luister-eerst.html").select_one("nav#gg-menu")
    assert nav["aria-label"] == "Hoofdmenu"
    links = nav.select("a")
    assert [a["href"] for a in links] == ["index.html", "../beslisbomen/index.html"]
    assert [a.get("aria-current") for a in links] == ["true", None]
    home = page(built, "kennisbank/index.html").select_one("nav#gg-menu a")
    assert home["aria-current"] == "page"


def test_the_environment_is_frozen_for_the_collector_during_the_build_only(
    make_app: Any, handbook_project: Path
) -> None:
    app = make_app("html", srcdir=handbook_project, freshenv=True)
    frozen_while_writing: list[int] = []
    app.connect(
        "write-started", lambda app, builder: frozen_while_writing.append(gc.get_freeze_count())
    )
    app.build()
    assert len(frozen_while_writing) == 1
    assert frozen_while_writing[0] > 10_000
    assert gc.get_freeze_count() == 0


def test_a_freeze_that_is_not_guidegens_is_left_alone(
    make_app: Any, handbook_project: Path
) -> None:
    gc.freeze()
    try:
        theirs = gc.get_freeze_count()
        build(make_app, handbook_project, freshenv=True)
        # Not unfrozen, and nothing added (frozen objects may still be freed).
        assert 0 < gc.get_freeze_count() <= theirs
    finally:
        gc.unfreeze()
