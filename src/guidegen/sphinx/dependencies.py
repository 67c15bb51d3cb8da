"""What a page depends on beyond its own source: its record's YAML file, other pages' titles."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: Front-matter key of a generated page: the YAML file, relative to the confdir.
SOURCE_KEY = "guidegen-source"
#: Environment attribute: per docname, the docnames whose titles its links show.
SHOWN_TITLES = "guidegen_shown_titles"


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
    _shown_titles(env).setdefault(env.docname, set()).update(docnames)


def remember_titles(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Before reading: note the titles of the pages about to be read again, and which go,
    and every page's parent, previous and next page (its relation links show their titles).
    """
    app.builder._guidegen_titles_before = {  # type: ignore[attr-defined]
        docname: env.titles[docname].astext() if docname in env.titles else None
        for docname in added | changed | removed
    }
    app.builder._guidegen_relations_before = env.collect_relations()  # type: ignore[attr-defined]
    return []


def pages_showing_changed_titles(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """After reading: pages to write again because a title they show changed or went,
    or because their parent, previous or next page is another one now.
    """
    before: dict[str, str | None] = getattr(app.builder, "_guidegen_titles_before", {})
    relations_before: dict[str, list[str | None]] = getattr(
        app.builder, "_guidegen_relations_before", {}
    )
    app.builder._guidegen_titles_before = {}  # type: ignore[attr-defined]
    app.builder._guidegen_relations_before = {}  # type: ignore[attr-defined]
    retitled = {
        docname
        for docname, title in before.items()
        if title != (env.titles[docname].astext() if docname in env.titles else None)
    }
    showing = {
        docname
        for docname, shown in _shown_titles(env).items()
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


def purge_shown_titles(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    _shown_titles(env).pop(docname, None)


def merge_shown_titles(
    app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment
) -> None:
    """Take the notes of the pages a parallel reader read."""
    theirs = _shown_titles(other)
    ours = _shown_titles(env)
    for docname in docnames:
        if docname in theirs:
            ours[docname] = theirs[docname]


def _shown_titles(env: BuildEnvironment) -> dict[str, set[str]]:
    if not hasattr(env, SHOWN_TITLES):
        setattr(env, SHOWN_TITLES, {})
    shown: dict[str, set[str]] = getattr(env, SHOWN_TITLES)
    return shown
