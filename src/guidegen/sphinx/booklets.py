"""Route booklets built with the site: one PDF per tree and one of all trees.

They are written to ``beslisbomen/routeboekjes/`` of the HTML output, where the
trainers page links to them, and only when their inputs changed: each booklet's
digest (its trees, the titles of the records and sources they name, the booklet's
templates and code) is kept in the doctrees folder, next to Sphinx's environment.
Printing the PDFs with WeasyPrint is slow (tens of seconds for all trees), so an
unchanged tree is not printed again. ``guidegen_booklets = False`` leaves them out.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util import logging

from guidegen.dates import reproducible_today
from guidegen.fileio import atomic_write
from guidegen.guideline.pdf import render_pdf
from guidegen.handbook.pageurls import TREES_FOLDER
from guidegen.sphinx.data import GuidegenData
from guidegen.trees import booklet, diagram
from guidegen.trees.booklet import booklet_groups, booklet_html, booklet_stem

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from guidegen.content.knowledge import KnowledgeBase
    from guidegen.trees.decisiontree import Tree

logger = logging.getLogger(__name__)

#: Where the booklets go, relative to the HTML output (the trainers page links here).
BOOKLETS_FOLDER = f"{TREES_FOLDER}/routeboekjes"
DIGESTS = "guidegen-booklets.json"


def _code_digest() -> str:
    folder = Path(booklet.__file__).parent
    parts = [Path(booklet.__file__), Path(diagram.__file__), Path(__file__)]
    parts += sorted((folder / "booklet_templates").iterdir())
    sha = hashlib.sha256()
    for path in parts:
        sha.update(path.read_bytes())
    return sha.hexdigest()


def booklet_digest(group: list[Tree], base: KnowledgeBase, code: str) -> str:
    """What a booklet shows: its trees and the titles of the records it names."""
    sha = hashlib.sha256(code.encode())
    for tree in group:
        sha.update(tree.model_dump_json().encode())
        named = {record_id for outcome in tree.outcomes for record_id in outcome.records}
        named |= {c.source for outcome in tree.outcomes for c in outcome.sources}
        for record_id in sorted(named):
            sha.update(f"{record_id}={getattr(base.get(record_id), 'title', '')}".encode())
    return sha.hexdigest()


def build_booklets(app: Sphinx, exception: Exception | None) -> None:
    """Print the booklets whose trees changed into the HTML output; drop stale ones."""
    if exception is not None or app.builder.format != "html" or not app.config.guidegen_booklets:
        return
    content = GuidegenData(app.env).content
    base, trees = content.base, content.trees
    if not trees:
        return
    folder = Path(app.outdir) / BOOKLETS_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    digests_file = Path(app.doctreedir) / DIGESTS
    try:
        known = json.loads(digests_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        known = {}
    code = _code_digest()
    wanted: dict[str, str] = {}
    printed = 0
    for group in booklet_groups(sorted(trees, key=lambda tree: tree.id)):
        name = f"{booklet_stem(group)}.pdf"
        wanted[name] = booklet_digest(group, base, code)
        if known.get(name) == wanted[name] and (folder / name).is_file():
            continue
        atomic_write(folder / name, render_pdf(booklet_html(group, base, reproducible_today())))
        printed += 1
    for path in folder.iterdir():
        if path.name not in wanted:
            path.unlink()
    atomic_write(digests_file, json.dumps(wanted, indent=1, sort_keys=True))
    if printed:
        logger.info(f"guidegen: printed {printed} route booklet(s) in {BOOKLETS_FOLDER}/")
