"""Wiring: every configuration value and event handler of the extension, in one place."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes

from guidegen.sphinx.booklets import build_booklets
from guidegen.sphinx.cardtitles import setup_card_titles
from guidegen.sphinx.csp import setup_policy
from guidegen.sphinx.data import merge_data, purge_data
from guidegen.sphinx.dependencies import (
    note_record_dependency,
    pages_showing_changed_titles,
    remember_titles,
)
from guidegen.sphinx.feed import setup_feed
from guidegen.sphinx.fields import setup_fields
from guidegen.sphinx.filterdirective import filter_form, setup_filter_directive
from guidegen.sphinx.gcfreeze import freeze_loaded_environment, freeze_read_environment, unfreeze
from guidegen.sphinx.linkrole import setup_link_role
from guidegen.sphinx.navigation import navigation_context
from guidegen.sphinx.pages import generate_pages
from guidegen.sphinx.profileformpage import setup_profile_form
from guidegen.sphinx.published import setup_published_folder
from guidegen.sphinx.publisher import setup_publisher
from guidegen.sphinx.safety import harden_docutils, harden_myst
from guidegen.sphinx.search import (
    build_search_index,
    replace_sphinx_search,
    search_context,
    search_page,
)
from guidegen.sphinx.theming import (
    add_dutch_strings,
    last_updated,
    no_index_page,
    note_missing_base_url,
    theme_context,
    tokens_file,
)
from guidegen.sphinx.treedirective import setup_tree_directive, tree_root

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

THEME_DIR = Path(__file__).parent / "theme" / "guidegen"
STATIC_DIR = Path(__file__).parent / "static"
#: Node class → the script that brings it to life on the pages that contain it.
PAGE_SCRIPTS: dict[type[nodes.Element], str] = {
    tree_root: "guidegen-tree.js",
    filter_form: "guidegen-filter.js",
}


def setup_extension(app: Sphinx) -> None:
    """Register config values, the theme and the event handlers."""
    app.setup_extension("myst_parser")
    app.setup_extension("sphinx_design")

    # Where the records are (relative to the folder of conf.py) and where their
    # generated pages go (relative to the source folder; keep it out of git).
    app.add_config_value("guidegen_content", "content", "env", types=frozenset({str}))
    app.add_config_value("guidegen_decisions", "decisions", "env", types=frozenset({str}))
    # Example organisation profiles and the guideline templates: each profile's
    # guideline is published under voorbeeldrichtlijnen/ with Word and PDF downloads.
    app.add_config_value("guidegen_profiles", "profiles", "env", types=frozenset({str}))
    app.add_config_value("guidegen_templates", "templates", "env", types=frozenset({str}))
    # The handbook's public address: links and QR codes on the trainers page use it.
    app.add_config_value("guidegen_base_url", "", "env", types=frozenset({str}))

    # The theme's design tokens: a CSS file (relative to conf.py); empty: the example
    # tokens of NL Design System. The date in the footer: empty: the content's newest change.
    app.add_config_value("guidegen_design_tokens", "", "html", types=frozenset({str}))
    app.add_config_value("guidegen_last_updated", "", "html", types=frozenset({str}))
    app.add_config_value("guidegen_tokens", [], "html", types=frozenset({list}))

    # Route booklets (PDF) of the trees, printed with the site when a tree changed and
    # linked from the trainers page; False leaves them out (a quicker build).
    app.add_config_value("guidegen_booklets", True, "html", types=frozenset({bool}))
    # Full-text search with Pagefind (run after the build); False leaves it out.
    app.add_config_value("guidegen_search", True, "html", types=frozenset({bool}))
    app.add_html_theme("guidegen", str(THEME_DIR))
    setup_fields(app)
    setup_tree_directive(app)
    setup_filter_directive(app)
    setup_link_role(app)
    setup_profile_form(app)
    # Who publishes the handbook (site.yaml): header, footer, colofon, statement.
    setup_publisher(app)
    # Card headers become headings (h2/h3 by where the cards stand).
    setup_card_titles(app)

    # config-inited: MyST must not pass raw HTML from record fields through.
    app.connect("config-inited", harden_myst)
    app.connect("config-inited", add_static_path)
    app.connect("config-inited", tokens_file)
    app.connect("config-inited", last_updated)
    app.connect("config-inited", no_index_page)
    app.connect("builder-inited", note_missing_base_url)
    add_dutch_strings(app)
    # The collector skips the long-lived environment during the build (gcfreeze.py):
    # after the last builder-inited handler (nothing can fail between it and the build,
    # whose build-finished undoes it), again after reading, undone after everything else.
    app.connect("builder-inited", freeze_loaded_environment, priority=999)
    app.connect("env-updated", freeze_read_environment, priority=900)
    app.connect("build-finished", unfreeze, priority=999)
    # builder-inited: load and check the records and trees (once: GuidegenData keeps
    # them for the build, data.py), write their pages (only the changed ones) before
    # Sphinx looks for outdated documents.
    app.connect("builder-inited", harden_docutils)
    app.connect("builder-inited", generate_pages)
    app.connect("builder-inited", add_static_files)
    # doctree-read: a generated page depends on the YAML file of its record.
    app.connect("doctree-read", note_record_dependency)
    # A tree page links records with their titles, filled in at write time: write
    # it again when one of those titles changed (noted per page).
    app.connect("env-get-outdated", remember_titles)
    app.connect("env-updated", pages_showing_changed_titles)
    # What readers note about a page (GuidegenData) goes with the page and comes
    # back from -j readers.
    app.connect("env-purge-doc", purge_data)
    app.connect("env-merge-info", merge_data)
    # html-page-context: the Content-Security-Policy meta tag on every page.
    setup_policy(app)
    # html-page-context: a component's script only on pages that show the component.
    app.connect("html-page-context", add_page_scripts)
    # html-page-context: the sidebar's sections, without Sphinx's O(pages) toctree().
    app.connect("html-page-context", navigation_context)
    # html-page-context: the theme's tokens and the date of the last content change.
    app.connect("html-page-context", theme_context)
    # html-page-context: search filters per page; build-finished: the search index.
    app.connect("html-page-context", search_context)
    app.connect("builder-inited", replace_sphinx_search)
    app.connect("html-collect-pages", search_page)
    # build-finished: whatever the build did not produce goes first (removed records'
    # pages, removed trees' diagrams, unlinked downloads; Sphinx's .buildinfo waits in
    # the doctrees folder between builds), then the index is made.
    setup_published_folder(app)
    app.connect("build-finished", build_search_index)
    # The changes page's Atom feed (its tag setting, head link and writing).
    setup_feed(app)
    app.connect("build-finished", build_booklets)


def add_static_path(app: Sphinx, config: Config) -> None:
    """Ship the extension's scripts and styles.

    Done at config-inited, so the configuration saved with the environment has the
    same value on the next build (else Sphinx reports a changed configuration).
    """
    if str(STATIC_DIR) not in config.html_static_path:
        config.html_static_path.append(str(STATIC_DIR))


def add_static_files(app: Sphinx) -> None:
    """Load the styles of trees, search and filters (scripts are added per page)."""
    if app.builder.format == "html":
        app.add_css_file("guidegen-components.css")
        app.add_js_file("guidegen-theme.js", defer="defer")


def add_page_scripts(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """Load each component's script on the pages that contain that component only."""
    if doctree is None:
        return
    components = tuple(PAGE_SCRIPTS)
    found = {type(node) for node in doctree.findall(lambda n: isinstance(n, components))}
    for node_class, script in PAGE_SCRIPTS.items():
        if node_class in found:
            app.add_js_file(script, defer="defer")
