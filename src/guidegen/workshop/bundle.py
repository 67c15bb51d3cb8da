"""The offline workshop bundle: the built handbook, the route booklets and a start page, zipped.

The bundle works from the file system, without a server: unpack it and open
``start.html``. The trees, their pages and the booklets work offline. The search box
needs a server (browsers do not let a page on disk load Pagefind's files), so the
start page offers what works instead: an A-Z of every page (``a-z.html``, in which
the browser's own find, Ctrl+F, searches the titles) and the overviews by type and
theme. The zip holds the site (without build internals), the booklets of the trees
it lists and nothing else from the booklets' folder.
"""

from __future__ import annotations

import html
import re
import zipfile
from html import escape
from pathlib import Path

FOLDER = "guidegen-workshop"
#: Build internals that are no part of the published site.
SKIPPED = frozenset({".doctrees", ".buildinfo", "_sources"})
#: A fixed time for every entry, so the same inputs give the same zip.
ZIP_TIME = (2020, 1, 1, 0, 0, 0)
#: Where the site keeps its booklets when it prints them (``guidegen_booklets``).
SITE_BOOKLETS = "beslisbomen/routeboekjes"
ALL_TREES = "routeboekje-alle-beslisbomen.pdf"
_TITLE = re.compile(r"<title>(.*?)</title>", re.DOTALL)
#: The site's own suffix of page titles (" — Handboek sociale media").
_SUFFIX = re.compile(r"\s+\u2014\s+[^\u2014]*$")

STYLE = """body{font-family:"DejaVu Sans",Arial,sans-serif;max-width:40rem;margin:2rem auto;
padding:0 1rem;line-height:1.5;color:#1d1d1d}a{color:#0b5394}"""


def _files(folder: Path) -> list[Path]:
    return sorted(
        path
        for path in folder.rglob("*")
        if path.is_file()
        and not SKIPPED.intersection(path.relative_to(folder).parts)
        and not any(part.startswith(".") for part in path.relative_to(folder).parts)
    )


def booklet_titles(trees: list[tuple[str, str]]) -> dict[str, str]:
    """File name → title of every booklet the bundle may hold, in start-page order."""
    titles = {f"routeboekje-{tree_id}.pdf": f"Routeboekje: {title}" for tree_id, title in trees}
    if len(trees) > 1:
        titles[ALL_TREES] = "Routeboekje: alle beslisbomen in één boekje"
    return titles


def page_titles(site: Path) -> list[tuple[str, str]]:
    """(title, path) of every page of the site's knowledge base, A to Z."""
    found = []
    for path in sorted((site / "kennisbank").rglob("*.html")):
        match = _TITLE.search(path.read_text(encoding="utf-8", errors="replace")[:4000])
        if match is None:
            continue
        title = _SUFFIX.sub("", html.unescape(" ".join(match.group(1).split())))
        found.append((title, path.relative_to(site).as_posix()))
    return sorted(found, key=lambda item: (item[0].casefold(), item[1]))


def a_to_z_page(pages: list[tuple[str, str]]) -> str:
    """Every page of the knowledge base by title: the offline stand-in for search."""
    items = "\n".join(
        f'<li><a href="handboek/{escape(path)}">{escape(title)}</a></li>' for title, path in pages
    )
    return f"""<!DOCTYPE html>
<html lang="nl">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Alle pagina's van A tot Z</title>
<style>{STYLE}</style></head>
<body><main>
<h1>Alle pagina's van A tot Z</h1>
<p><a href="start.html">Terug naar de startpagina</a>. Zoek op deze pagina met de zoekfunctie
van je browser (Ctrl+F, op een Mac Cmd+F): die werkt ook zonder internet.</p>
<ul>
{items}
</ul>
</main></body>
</html>
"""


def start_page(
    trees: list[tuple[str, str]], booklets: list[tuple[str, str]], overviews: bool = True
) -> str:
    """The bundle's start page: every tree, every booklet by title, and ways to find a page.

    :param booklets: (title, path in the bundle) of each booklet.
    """
    tree_items = "\n".join(
        f'<li><a href="handboek/beslisbomen/{escape(tree_id)}.html">{escape(title)}</a></li>'
        for tree_id, title in trees
    )
    booklet_items = "\n".join(
        f'<li><a href="{escape(path)}">{escape(title)}</a> (PDF)</li>' for title, path in booklets
    )
    booklet_part = (
        f"<ul>\n{booklet_items}\n</ul>"
        if booklets
        else "<p>Deze bundel heeft geen routeboekjes.</p>"
    )
    finding = (
        """<h2>Een pagina vinden zonder zoekfunctie</h2>
<p>Het zoekvak van het handboek werkt alleen als het via een webserver wordt geopend, niet
vanuit deze map. Zo vind je toch wat je zoekt:</p>
<ul>
<li><a href="a-z.html">Alle pagina's van A tot Z</a>: zoek daarin met Ctrl+F (Cmd+F).</li>
<li><a href="handboek/kennisbank/index.html">De kennisbank</a>: overzichten per soort
(do's en don'ts, aandachtspunten, strategieën, praktijkvoorbeelden, stappenplannen,
begrippen, bronnen) en per kenmerk.</li>
<li><a href="handboek/kennisbank/themas/index.html">Per thema</a> en
<a href="handboek/kennisbank/platforms/index.html">per platform</a>.</li>
</ul>"""
        if overviews
        else ""
    )
    return f"""<!DOCTYPE html>
<html lang="nl">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Workshop sociale media: beslisbomen</title>
<style>{STYLE}</style></head>
<body><main>
<h1>Workshop sociale media: beslisbomen</h1>
<p>Deze map werkt zonder internet en zonder server. Open een beslisboom, of druk een
routeboekje af.</p>
<h2>Beslisbomen</h2>
<ul>
{tree_items}
</ul>
<p><a href="handboek/beslisbomen/voor-trainers.html">Voor trainers: links, QR-codes en
handouts</a> · <a href="handboek/index.html">Het hele handboek</a></p>
<h2>Routeboekjes</h2>
{booklet_part}
{finding}
</main></body>
</html>
"""


def write_bundle(
    site: Path, booklets: Path | None, trees: list[tuple[str, str]], target: Path
) -> list[str]:
    """Zip ``site`` (as handboek/), the trees' booklets and a start page.

    :param booklets: a folder with booklets made by ``guidegen booklet`` (put in
        routeboekjes/), or ``None``: those the site printed (``beslisbomen/routeboekjes``).
        Only the booklets of ``trees`` are taken, never other files of that folder.
    :param trees: (id, title) of every tree, in the order of the start page.
    :return: the names in the zip.
    """
    titles = booklet_titles(trees)
    site_files = [
        path
        for path in _files(site)
        if path.parent.relative_to(site).as_posix() != SITE_BOOKLETS or path.name in titles
    ]
    entries: list[tuple[str, bytes]] = []
    for path in site_files:
        entries.append(
            (f"{FOLDER}/handboek/{path.relative_to(site).as_posix()}", path.read_bytes())
        )
    folder = site / SITE_BOOKLETS if booklets is None else booklets
    prefix = f"handboek/{SITE_BOOKLETS}" if booklets is None else "routeboekjes"
    listed = [
        (title, f"{prefix}/{name}") for name, title in titles.items() if (folder / name).is_file()
    ]
    if booklets is not None:
        for _, where in listed:
            entries.append((f"{FOLDER}/{where}", (folder / Path(where).name).read_bytes()))
    pages = page_titles(site)
    extra = [(f"{FOLDER}/start.html", start_page(trees, listed, bool(pages)))]
    if pages:
        extra.append((f"{FOLDER}/a-z.html", a_to_z_page(pages)))
    entries = [(name, text.encode("utf-8")) for name, text in extra] + entries
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".tmp")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as bundle:
        for name, data in sorted(entries):
            bundle.writestr(zipfile.ZipInfo(name, ZIP_TIME), data, zipfile.ZIP_DEFLATED)
    partial.replace(target)
    return sorted(name for name, _ in entries)
