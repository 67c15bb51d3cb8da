"""Declare that a generated page depends on its record's YAML file."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx

#: Front-matter key of a generated page: the YAML file, relative to the confdir.
SOURCE_KEY = "guidegen-source"


def note_record_dependency(app: Sphinx, doctree: nodes.document) -> None:
    """If the page was generated from a record, re-read it when that file changes."""
    env = app.env
    source = env.metadata.get(env.docname, {}).get(SOURCE_KEY)
    if source:
        env.note_dependency(str(app.confdir / source))
