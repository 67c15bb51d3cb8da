"""The sidebar navigation: the handbook's top-level sections, the current one marked.

Alabaster's sidebar calls Sphinx's ``toctree()``, which copies the whole toctree for
every page: with 1,000 pages it took half of the writing time, and its cost grows
with the square of the number of pages.  The handbook's sidebar only ever showed
the top-level sections, so this builds that list directly, in constant time per page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx


def navigation_context(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """Give the sidebar the root document's toctree entries: (title, link, state)."""
    env = app.env
    entries = []
    for docname in env.toctree_includes.get(app.config.root_doc, []):
        title = env.titles.get(docname)
        folder = docname.rpartition("/")[0]
        if pagename == docname:
            state = "page"
        elif folder and pagename.startswith(f"{folder}/"):
            state = "true"
        else:
            state = ""
        text = title.astext() if title is not None else docname
        entries.append((text, app.builder.get_relative_uri(pagename, docname), state))
    context["guidegen_navigation"] = entries
