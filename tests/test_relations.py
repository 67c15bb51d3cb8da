"""After an incremental build, every page's previous/next/up links show current titles."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup


def relation_links(outdir: Path) -> dict[str, list[tuple[str, str, str]]]:
    """Per page, its ``<link rel>`` and relation-bar links: (rel, href, title)."""
    found = {}
    for path in sorted(outdir.rglob("*.html")):
        name = path.relative_to(outdir).as_posix()
        if name.startswith("_"):
            continue
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        found[name] = [
            (" ".join(link["rel"]), link["href"], link.get("title", ""))
            for link in soup.select("link[rel=prev], link[rel=next], link[rel=up]")
        ] + [(" ", a["href"], a.get_text(" ", strip=True)) for a in soup.select(".related a")]
    return found


def build(make_app: Any, srcdir: Path, **kwargs: Any) -> Any:
    app = make_app("html", srcdir=srcdir, confoverrides={"guidegen_search": False}, **kwargs)
    app.build()
    return app


def same_links_as_a_fresh_build(make_app: Any, project: Path, tmp_path: Path) -> None:
    """An incremental build of ``project`` has the relation links a clean build has."""
    incremental = build(make_app, project)
    fresh_project = tmp_path / "fresh"
    shutil.copytree(project, fresh_project, ignore=shutil.ignore_patterns("_build"))
    fresh = build(make_app, fresh_project, freshenv=True)
    ours, theirs = relation_links(Path(incremental.outdir)), relation_links(Path(fresh.outdir))
    assert {name: ours.get(name) for name in theirs} == theirs


def test_relation_links_follow_a_title_change(
    make_app: Any, handbook_project: Path, tmp_path: Path
) -> None:
    build(make_app, handbook_project, freshenv=True)
    # Its next page (the overview of strategies) shows its title only in its relation links.
    practice = handbook_project / "content" / "practices" / "reageer-niet-altijd.yaml"
    practice.write_text(
        practice.read_text(encoding="utf-8").replace(
            "title: Reageer niet altijd", "title: Reageer lang niet altijd"
        ),
        encoding="utf-8",
    )
    same_links_as_a_fresh_build(make_app, handbook_project, tmp_path)


def test_relation_links_follow_a_removal(
    make_app: Any, handbook_project: Path, tmp_path: Path
) -> None:
    build(make_app, handbook_project, freshenv=True)
    (handbook_project / "content" / "strategies" / "informeren.yaml").unlink()
    case = handbook_project / "content" / "cases" / "voorbeeldgemeente.yaml"
    case.write_text(case.read_text(encoding="utf-8").replace("strategies: [informeren]\n", ""))
    same_links_as_a_fresh_build(make_app, handbook_project, tmp_path)
