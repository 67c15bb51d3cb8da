"""Full-text search with Pagefind: filters on every page, and the index after the build.

Pagefind splits its index into chunks that the browser loads as needed, stems
Dutch (``<html lang="nl">``) and ignores accents, and runs as a binary shipped in
the ``pagefind[bin]`` wheel (``pagefind_bin``), so nothing is fetched from elsewhere.
"""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.errors import ExtensionError
from sphinx.util import logging

from guidegen.content.model import RECORD_TYPES
from guidegen.handbook.pageurls import GENERATED_FOLDER, TREES_FOLDER, facet_docname, type_docname
from guidegen.handbook.searchfilters import decode_filters
from guidegen.handbook.searchwords import (
    CompoundSplitter,
    SearchWords,
    document_frequencies,
    model_text,
)
from guidegen.sphinx.data import GuidegenData
from guidegen.sphinx.searchmarks import add_compound_parts, mark_search_regions

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx

    from guidegen.content.knowledge import KnowledgeBase
    from guidegen.trees.decisiontree import Tree

logger = logging.getLogger(__name__)

#: Front-matter key of generated pages (:mod:`guidegen.searchfilters` encodes its value).
FILTERS_KEY = "guidegen-search"
#: Pagefind's output folder in the HTML folder; the stamp of its last complete run is
#: kept with Sphinx's environment (``doctreedir``), out of the published folder.
INDEX_FOLDER = "_pagefind"
INDEX_STAMP = "guidegen-indexed.txt"
#: Where Pagefind writes a new index, and where the old one waits to be deleted, while
#: the new one is swapped in (hidden, in the HTML folder so the renames stay on one disk).
NEW_INDEX = ".guidegen-pagefind-new"
OLD_INDEX = ".guidegen-pagefind-old"
#: Each indexed page's filter values by Pagefind id, for ranking and counting in the browser.
PAGE_FILTERS = "page-filters.json"
#: Pages that are not content, or only repeat other pages, stay out of the index.
UNINDEXED = frozenset({"search", "genindex", "beslisbomen/voor-trainers"})
#: Folders whose pages repeat the records' advice (the example guidelines).
UNINDEXED_FOLDERS = ("voorbeeldrichtlijnen/",)


def remember_search_words(app: Sphinx, base: KnowledgeBase, trees: list[Tree]) -> None:
    """Count the handbook's words and keep its synonyms for this build's pages.

    Called when the records are loaded (before any page is written, so parallel
    writers inherit it).
    """
    texts = [model_text(record) for record in base.records]
    texts += [model_text(tree) for tree in trees]
    texts += [path.read_text(encoding="utf-8") for path in sorted(Path(app.srcdir).glob("*.md"))]
    frequencies = dict(document_frequencies(texts))
    GuidegenData(app.env).search_words = SearchWords(
        frequencies=frequencies,
        splitter=CompoundSplitter(frequencies),
        synonyms=base.synonyms,
        trees=sorted((tree.title, tree.id) for tree in trees),
        kinds={
            kind.label: [kind.label, *kind.words]
            for kind in (base.vocabulary.organisation_types if base.vocabulary else {}).values()
        },
    )


def replace_sphinx_search(app: Sphinx) -> None:
    """Turn off Sphinx's own search index: no page loads it, and Pagefind replaces it.

    Sphinx's indexer splits and stems every page while writing; skipping it pays
    for Pagefind's run after the build.
    """
    if app.config.guidegen_search and isinstance(app.builder, StandaloneHTMLBuilder):
        app.builder.search = False


def search_page(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    """The search page, which Sphinx only writes when its own index is on."""
    if app.config.guidegen_search:
        found = GuidegenData(app.env).search_words
        overviews = [
            (cls.plural_label, f"{GENERATED_FOLDER}/{type_docname(cls.type_name)}")
            for cls in RECORD_TYPES
        ] + [("Thema's", f"{GENERATED_FOLDER}/{facet_docname('themes')}")]
        yield (
            "search",
            {
                "guidegen_search_data": found.page_data(),
                "guidegen_search_trees": [
                    (title, f"{TREES_FOLDER}/{tree_id}") for title, tree_id in found.trees
                ],
                "guidegen_search_overviews": overviews,
            },
            "search.html",
        )


def search_context(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """Give the page template its search filters (a hand-written page is a "Pagina")."""
    raw = app.env.metadata.get(pagename, {}).get(FILTERS_KEY, "soort=Pagina")
    context["guidegen_search_filters"] = decode_filters(str(raw))
    indexed = pagename not in UNINDEXED and not (
        pagename.startswith(UNINDEXED_FOLDERS) and pagename.rsplit("/", 1)[-1] != "index"
    )
    context["guidegen_indexed"] = indexed
    if indexed and "body" in context:
        splitter = GuidegenData(app.env).search_words.splitter
        body = mark_search_regions(context["body"])
        context["body"] = add_compound_parts(body, doctree, splitter)
    if pagename == "search":
        app.add_js_file("guidegen-search.js", type="module")


def build_search_index(app: Sphinx, exception: Exception | None) -> None:
    """Run Pagefind over the finished HTML; a failure fails the build.

    Pagefind has no incremental mode: it indexes the whole site each time (a
    second at 1,000 pages). So it runs only when an indexed page was written
    since its last complete run: a build that wrote no page keeps the index.
    """
    if exception is not None or app.builder.format != "html" or not app.config.guidegen_search:
        return
    outdir = Path(app.outdir)
    # The binary itself: ``python -m pagefind`` would start another interpreter first
    # (0.2 s of every build).
    from pagefind_bin import get_executable  # noqa: PLC0415 - only HTML builds with search

    command = [
        str(get_executable()),
        "--site",
        str(outdir),
        "--exclude-selectors",
        "a.headerlink",
        "--output-path",
        str(outdir / NEW_INDEX),
        "--quiet",
    ]
    stamp = _stamp(app)
    if _index_is_current(outdir, stamp, command):
        logger.info(f"guidegen: search index in {INDEX_FOLDER}/ is up to date")
        return
    stamp.unlink(missing_ok=True)
    _remove_tree(outdir / NEW_INDEX)
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        _remove_tree(outdir / NEW_INDEX)
        raise ExtensionError(
            f"pagefind failed ({result.returncode}): {(result.stderr or result.stdout).strip()}"
        )
    write_page_filters(outdir / NEW_INDEX)
    _swap_in(outdir / NEW_INDEX, outdir / INDEX_FOLDER, outdir / OLD_INDEX)
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.write_text(" ".join(command), encoding="utf-8")
    logger.info(f"guidegen: search index written to {INDEX_FOLDER}/")


def forget_search_index(app: Sphinx) -> None:
    """Make the next search step index the site again (pages were removed)."""
    _stamp(app).unlink(missing_ok=True)


def _stamp(app: Sphinx) -> Path:
    return Path(app.doctreedir) / INDEX_STAMP


def _swap_in(new: Path, target: Path, old: Path) -> None:
    """Replace the index folder ``target`` by ``new``: no fragment of the old one stays."""
    _remove_tree(old)
    if target.exists():
        target.rename(old)
    new.rename(target)
    _remove_tree(old)


def _remove_tree(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)


def write_page_filters(bundle: Path) -> None:
    """Write each page's filter values, by the id Pagefind gave it, next to the index.

    The search page ranks records above overviews and counts filter values for the
    results of a query; asking Pagefind for every filter's pages would load the
    whole index. Values are numbered per filter: ``{"filters": {"soort": ["Doe",
    ...]}, "pages": {"nl_5c39d2f": {"soort": [0], ...}}}``.
    """
    values: dict[str, dict[str, int]] = {}
    pages: dict[str, dict[str, list[int]]] = {}
    for fragment in sorted((bundle / "fragment").glob("*.pf_fragment")):
        data = json.loads(gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd"))
        pages[fragment.stem] = {
            name: [values.setdefault(name, {}).setdefault(v, len(values[name])) for v in found]
            for name, found in sorted(data.get("filters", {}).items())
        }
    filters = {name: list(numbered) for name, numbered in sorted(values.items())}
    text = json.dumps(
        {"filters": filters, "pages": pages}, ensure_ascii=False, separators=(",", ":")
    )
    (bundle / PAGE_FILTERS).write_text(text, encoding="utf-8")


def _index_is_current(outdir: Path, stamp: Path, command: list[str]) -> bool:
    """Whether Pagefind completed with ``command`` after every indexed page was written."""
    try:
        if stamp.read_text(encoding="utf-8") != " ".join(command):
            return False
        indexed_at = stamp.stat().st_mtime_ns
    except OSError:
        return False
    # Unindexed pages (search and genindex are written on every build) do not count.
    unindexed = {f"{name}.html" for name in UNINDEXED}
    for path in outdir.rglob("*.html"):
        relative = path.relative_to(outdir).as_posix()
        if relative not in unindexed and path.stat().st_mtime_ns >= indexed_at:
            return False
    return True
