"""The offline workshop bundle: the built handbook, the route booklets and a start page, zipped.

The bundle works from the file system, without a server: unpack it and open
``start.html``. The trees, their pages and the booklets work offline; the search box
needs a server (browsers do not let a page on disk load Pagefind's files).
"""

from __future__ import annotations

import zipfile
from html import escape
from pathlib import Path

FOLDER = "guidegen-workshop"
#: Build internals that are no part of the published site.
SKIPPED = frozenset({".doctrees", ".buildinfo", "_sources"})
#: A fixed time for every entry, so the same inputs give the same zip.
ZIP_TIME = (2020, 1, 1, 0, 0, 0)


def _files(folder: Path) -> list[Path]:
    return sorted(
        path
        for path in folder.rglob("*")
        if path.is_file() and not SKIPPED.intersection(path.relative_to(folder).parts)
    )


def start_page(trees: list[tuple[str, str]], booklets: list[str]) -> str:
    """The bundle's start page: links to every tree page and every booklet."""
    tree_items = "\n".join(
        f'<li><a href="handboek/beslisbomen/{escape(tree_id)}.html">{escape(title)}</a></li>'
        for tree_id, title in trees
    )
    booklet_items = "\n".join(
        f'<li><a href="routeboekjes/{escape(name)}">{escape(name)}</a></li>' for name in booklets
    )
    return f"""<!DOCTYPE html>
<html lang="nl">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Workshop sociale media: beslisbomen</title>
<style>body{{font-family:"DejaVu Sans",Arial,sans-serif;max-width:40rem;margin:2rem auto;
padding:0 1rem;line-height:1.5;color:#1d1d1d}}a{{color:#0b5394}}</style></head>
<body><main>
<h1>Workshop sociale media: beslisbomen</h1>
<p>Deze map werkt zonder internet en zonder server. Open een beslisboom, of druk een
routeboekje af. Zoeken werkt alleen als het handboek via een webserver wordt geopend.</p>
<h2>Beslisbomen</h2>
<ul>
{tree_items}
</ul>
<p><a href="handboek/beslisbomen/voor-trainers.html">Voor trainers: links, QR-codes en
handouts</a> · <a href="handboek/index.html">Het hele handboek</a></p>
<h2>Routeboekjes</h2>
<ul>
{booklet_items}
</ul>
</main></body>
</html>
"""


def write_bundle(
    site: Path, booklets: Path, trees: list[tuple[str, str]], target: Path
) -> list[str]:
    """Zip ``site`` (as handboek/), ``booklets`` (as routeboekjes/) and a start page.

    :param trees: (id, title) of every tree, in the order of the start page.
    :return: the names in the zip.
    """
    names = sorted(path.name for path in _files(booklets))
    entries: list[tuple[str, bytes]] = [
        (f"{FOLDER}/start.html", start_page(trees, names).encode("utf-8"))
    ]
    for root, prefix in ((site, "handboek"), (booklets, "routeboekjes")):
        for path in _files(root):
            relative = path.relative_to(root).as_posix()
            entries.append((f"{FOLDER}/{prefix}/{relative}", path.read_bytes()))
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".tmp")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as bundle:
        for name, data in entries:
            bundle.writestr(zipfile.ZipInfo(name, ZIP_TIME), data, zipfile.ZIP_DEFLATED)
    partial.replace(target)
    return [name for name, _ in entries]
