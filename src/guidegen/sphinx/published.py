"""Keep the HTML folder to what the build produced: every other page, image or file goes.

Sphinx writes the pages of the documents it has and copies the images and downloads
they use, but never deletes anything: the page of a removed record, the diagram of a
removed tree, a download no page links any more, or a file that someone or something
once put in ``_images/`` stay published. After the build, before the search index is
made, every folder Sphinx writes is compared with the build's own list of what it
produced (its documents and extra pages, ``env.images``, ``env.dlfiles``, the copied
sources) and everything else in it is removed, so the published folder and the index
hold exactly the current site.

Sphinx's ``.buildinfo`` (the hash of the configuration the pages were written with)
is no part of the site either, but a plain static host would publish it. It is kept
with the environment in the doctrees folder between builds and put back in place
only while Sphinx builds, so the incremental build still compares it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.util import logging

from guidegen.sphinx.data import GuidegenData
from guidegen.sphinx.search import forget_search_index

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)

#: Folders of the HTML output that hold no pages of documents.
ASSET_FOLDERS = frozenset({"_static", "_images", "_downloads", "_sources", "_pagefind"})
#: Sphinx's build information in the output folder, and where it waits between builds.
BUILDINFO = ".buildinfo"
KEPT_BUILDINFO = "guidegen-html.buildinfo"


def note_rendered_page(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Remember each page the builder renders in this run (its own list of outputs).

    Pages written in parallel writers are the environment's documents, listed anyway;
    the pages of ``html-collect-pages`` (other extensions' too) are written here.
    """
    GuidegenData(app.env).rendered_pages.add(pagename)


def restore_buildinfo(app: Sphinx) -> None:
    """Put the last build's ``.buildinfo`` back for Sphinx to compare (builder-inited)."""
    if app.builder.format != "html":
        return
    kept = Path(app.doctreedir) / KEPT_BUILDINFO
    if kept.is_file():
        Path(app.outdir).mkdir(parents=True, exist_ok=True)
        os.replace(kept, Path(app.outdir) / BUILDINFO)


def keep_buildinfo_out(app: Sphinx, exception: Exception | None) -> None:
    """Move ``.buildinfo`` (and Sphinx's backup of a mismatching one) out of the site."""
    if app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    Path(app.outdir, BUILDINFO + ".bak").unlink(missing_ok=True)
    if (outdir / BUILDINFO).is_file():
        Path(app.doctreedir).mkdir(parents=True, exist_ok=True)
        os.replace(outdir / BUILDINFO, Path(app.doctreedir) / KEPT_BUILDINFO)


def remove_unpublished(app: Sphinx, exception: Exception | None) -> None:
    """Delete every page, image, download and source copy the build did not produce."""
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    removed = sorted(
        [
            *_stale_pages(app, outdir),
            *_stale_files(outdir / "_images", _published_images(app)),
            *_stale_files(outdir / "_downloads", _published_downloads(app)),
            *_stale_files(outdir / "_sources", _published_sources(app)),
        ]
    )
    for path in removed:
        path.unlink()
        _remove_empty_parents(path.parent, outdir)
    if removed:
        logger.info(f"guidegen: removed {len(removed)} page(s) and file(s) the build did not make")
        forget_search_index(app)  # the index may still hold removed pages


def _published_pages(app: Sphinx) -> set[str]:
    """Page names the builder writes: every document and its extra pages."""
    pages = set(app.env.all_docs) | {"genindex", "search"}
    pages |= set(app.config.html_additional_pages)
    pages |= {index[0] for index in getattr(app.builder, "domain_indices", [])}
    pages |= GuidegenData(app.env).rendered_pages
    return pages


def _published_images(app: Sphinx) -> set[str]:
    """``_images/`` names: every image of every document (``env.images``: file → (docs, name))."""
    names = {str(name) for _docs, name in app.env.images.values()}
    names |= {str(name) for name in getattr(app.builder, "images", {}).values()}
    return names


def _published_downloads(app: Sphinx) -> set[str]:
    """``_downloads/`` paths: every linked download (``env.dlfiles``: file → (docs, path))."""
    return {Path(str(dest)).as_posix() for _docs, dest in app.env.dlfiles.values()}


def _published_sources(app: Sphinx) -> set[str]:
    """``_sources/`` paths: the copy of each document's source, if sources are copied."""
    if not app.config.html_copy_source:
        return set()
    suffix = app.config.html_sourcelink_suffix
    names = set()
    for docname in app.env.all_docs:
        source_suffix = str(app.env.doc2path(docname, False))[len(docname) :]
        name = docname + source_suffix
        names.add(name if source_suffix == suffix else name + suffix)
    return names


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
    return stale


def _stale_files(folder: Path, published: set[str]) -> Iterator[Path]:
    """Files (and links) under ``folder`` whose relative path is not in ``published``."""
    if not folder.is_dir():
        return
    for path in folder.rglob("*"):
        if (path.is_symlink() or not path.is_dir()) and (
            path.relative_to(folder).as_posix() not in published
        ):
            yield path


def _remove_empty_parents(folder: Path, outdir: Path) -> None:
    while folder != outdir and folder.is_relative_to(outdir) and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def setup_published_folder(app: Sphinx) -> None:
    """Keep ``_build/html`` to what the build produced, without Sphinx's ``.buildinfo``."""
    app.connect("builder-inited", restore_buildinfo)
    app.connect("html-page-context", note_rendered_page)
    app.connect("build-finished", remove_unpublished, priority=400)
    app.connect("build-finished", keep_buildinfo_out, priority=900)
