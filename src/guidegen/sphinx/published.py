"""Keep the HTML folder to what the site holds: pages and downloads of removed sources go.

Sphinx writes the pages of the documents it has, but never deletes the page of a
document that is gone (a removed record), nor a download no page links any more.
After the build, before the search index is made, those files are removed, so
the published folder and the index hold exactly the current site.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util import logging

from .search import forget_search_index

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)

#: Folders of the HTML output that hold no pages of documents.
ASSET_FOLDERS = frozenset({"_static", "_images", "_downloads", "_sources", "_pagefind"})


def remove_unpublished(app: Sphinx, exception: Exception | None) -> None:
    """Delete pages of documents that no longer exist and downloads nothing links."""
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    removed = _stale_pages(app, outdir) + _stale_downloads(app, outdir)
    for path in removed:
        path.unlink()
        _remove_empty_parents(path.parent, outdir)
    if removed:
        logger.info(f"guidegen: removed {len(removed)} page(s) and file(s) of removed sources")
        forget_search_index(app)  # the index still holds the removed pages


def _published_pages(app: Sphinx) -> set[str]:
    """Page names the builder writes: every document and its extra pages."""
    pages = set(app.env.all_docs) | {"genindex", "search"}
    pages |= set(app.config.html_additional_pages)
    pages |= {index[0] for index in getattr(app.builder, "domain_indices", [])}
    return pages


def _stale_pages(app: Sphinx, outdir: Path) -> list[Path]:
    suffix = getattr(app.builder, "out_suffix", ".html")
    published = _published_pages(app)
    stale = []
    for path in outdir.rglob(f"*{suffix}"):
        relative = path.relative_to(outdir)
        if relative.parts[0] in ASSET_FOLDERS or relative.parts[0].startswith("."):
            continue
        name = relative.as_posix()[: -len(suffix)]
        if name not in published and not name.startswith("genindex-"):
            stale.append(path)
    return sorted(stale)


def _stale_downloads(app: Sphinx, outdir: Path) -> list[Path]:
    folder = outdir / "_downloads"
    if not folder.is_dir():
        return []
    linked = {Path(str(dest)).as_posix() for _, dest in app.env.dlfiles.values()}
    return sorted(
        path
        for path in folder.rglob("*")
        if path.is_file() and path.relative_to(folder).as_posix() not in linked
    )


def _remove_empty_parents(folder: Path, outdir: Path) -> None:
    while folder != outdir and folder.is_relative_to(outdir) and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
