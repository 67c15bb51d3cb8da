"""The Atom feed of the changes page: made when the records are loaded, written after the build.

The feed's text is made in the main process at ``builder-inited`` (from the notes the
changes page lists) and written at ``build-finished`` only when it changed, so an
unchanged build leaves the file alone and parallel writers never touch it. Every page
names it in its ``<head>`` (``<link rel="alternate" type="application/atom+xml">``).
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from sphinx.util import logging

from guidegen.fileio import write_if_changed
from guidegen.handbook.feed import PLACEHOLDER_TAG, FeedSite, atom_feed, valid_tag
from guidegen.handbook.pagecontext import PageContext, SharedIndex
from guidegen.handbook.pages import note_entries
from guidegen.handbook.pageurls import CHANGES_DOCNAME, FEED_PATH
from guidegen.sphinx.data import GuidegenData
from guidegen.sphinx.warning_types import Subtype, warn

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx

    from guidegen.content.knowledge import KnowledgeBase
    from guidegen.trees.decisiontree import Tree

logger = logging.getLogger(__name__)

#: The feed's title in the pages' ``<head>``.
LINK_TITLE = "Wat is er veranderd sinds de bronnen? (Atom-feed)"


def remember_feed(app: Sphinx, base: KnowledgeBase, trees: list[Tree], shared: SharedIndex) -> None:
    """Make the feed's text for this build (HTML builds only)."""
    if app.builder.format != "html":
        return
    tag = app.config.guidegen_feed_tag
    if tag and not valid_tag(tag):
        warn(
            Subtype.FEED,
            f"guidegen_feed_tag {tag!r} is geen 'domein,datum' zoals RFC 4151 het schrijft "
            "(bijvoorbeeld 'gemeente.example,2026'); de feed gebruikt nu "
            f"{PLACEHOLDER_TAG!r}",
            None,
        )
        tag = ""
    if not tag:
        logger.info(
            "guidegen: geen guidegen_feed_tag (GUIDEGEN_FEED_TAG): de Atom-feed van de "
            f"wijzigingen krijgt voorlopige ids ({PLACEHOLDER_TAG})"
        )
    options = app.config.html_theme_options or {}
    site = FeedSite(
        title=app.config.html_title or app.config.project,
        author=options.get("owner") or app.config.author,
        tag=tag,
        base_url=_public_root(app.config.guidegen_base_url),
    )
    page = PageContext(base, CHANGES_DOCNAME, shared)
    entries = note_entries(base, trees, page)
    GuidegenData(app.env).feed = atom_feed(base, entries, site, app.builder.get_target_uri)


def _public_root(base_url: str) -> str:
    """The public address if it is an absolute http(s) address, else "" (relative links)."""
    parts = urlsplit(base_url)
    return base_url if parts.scheme in {"http", "https"} and parts.netloc else ""


def write_feed(app: Sphinx, exception: Exception | None) -> None:
    """Write the feed into the HTML folder, if it changed."""
    text = GuidegenData(app.env).feed
    if exception is not None or text is None:
        return
    path = Path(app.outdir, FEED_PATH)
    path.parent.mkdir(parents=True, exist_ok=True)
    if write_if_changed(path, text):
        logger.info(f"guidegen: Atom-feed geschreven: {FEED_PATH}")


def add_feed_link(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """Name the feed in every page's ``<head>``, for browsers and feed readers."""
    if GuidegenData(app.env).feed is None:
        return
    href = context["pathto"](FEED_PATH, 1)
    tag = (
        f'<link rel="alternate" type="application/atom+xml" '
        f'title="{escape(LINK_TITLE)}" href="{escape(href)}">'
    )
    context["metatags"] = context.get("metatags", "") + "\n" + tag


def setup_feed(app: Sphinx) -> None:
    """The feed's setting and events: made with the pages (``builder-inited``,
    ``generate_pages``), named in every page's head, written after the build when it
    changed."""
    # The tagging entity ('domain,date', RFC 4151) of the ids in the changes page's Atom
    # feed: set once, never changed; empty: placeholder ids (and the build says so).
    app.add_config_value("guidegen_feed_tag", "", "html", types=frozenset({str}))
    app.connect("html-page-context", add_feed_link)
    app.connect("build-finished", write_feed)
