"""What a page depends on beyond its own source: its record's YAML file, other pages' titles."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from guidegen.sphinx.data import GuidegenData

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: Front-matter key of a generated page: the YAML file, relative to the confdir.
SOURCE_KEY = "guidegen-source"


def note_record_dependency(app: Sphinx, doctree: nodes.document) -> None:
    """If the page was generated from a record, re-read it when that file changes."""
    env = app.env
    source = env.metadata.get(env.docname, {}).get(SOURCE_KEY)
    if source:
        env.note_dependency(str(app.confdir / source))


def note_shown_titles(env: BuildEnvironment, docnames: Iterable[str]) -> None:
    """Note that the page being read links to ``docnames`` with their titles as text.

    Sphinx fills in such titles when it writes the page, but does not write the
    page again when a title changes; :func:`pages_showing_changed_titles` does.
    """
    GuidegenData(env).shown_titles.setdefault(env.docname, set()).update(docnames)


def remember_titles(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Before reading: note the titles of the pages about to be read again, and which go,
    and every page's parent, previous and next page (its relation links show their titles).
    """
    data = GuidegenData(env)
    data.titles_before = {
        docname: env.titles[docname].astext() if docname in env.titles else None
        for docname in added | changed | removed
    }
    data.relations_before = env.collect_relations()
    return []


def pages_showing_changed_titles(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """After reading: pages to write again because a title they show changed or went,
    or because their parent, previous or next page is another one now.
    """
    data = GuidegenData(env)
    before, relations_before = data.titles_before, data.relations_before
    data.titles_before, data.relations_before = {}, {}
    retitled = {
        docname
        for docname, title in before.items()
        if title != (env.titles[docname].astext() if docname in env.titles else None)
    }
    showing = {
        docname
        for docname, shown in data.shown_titles.items()
        if docname in env.found_docs and not shown.isdisjoint(retitled)
    }
    relations = env.collect_relations() if relations_before else {}
    related = {
        docname
        for docname, linked in relations.items()
        if docname in env.found_docs
        and (linked != relations_before.get(docname) or not retitled.isdisjoint(linked))
    }
    return sorted(showing | related)
