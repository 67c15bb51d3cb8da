"""The guideline's master text: CommonMark from Jinja templates, escaped by default.

Every ``{{ value }}`` in a guideline template is literal text, escaped by the one
escaper the handbook's pages use too (:func:`guidegen.content.myst.escape`). Only
values passed through the ``markdown`` filter stay Markdown; those are record fields
and profile fields that the models have checked (no raw HTML, images or headings).
"""

from __future__ import annotations

import functools
from pathlib import Path

import jinja2

from guidegen.content.myst import Myst, escaping_environment
from guidegen.guideline.compiled import template_cache


def _trusted(text: str | None) -> Myst:
    """A Markdown field the content model has already checked."""
    return Myst(text.strip()) if text else Myst("")


def _indent(text: str, width: int = 2) -> Myst:
    """Indent every line after the first, so a Markdown block stays inside a list item."""
    prefix = " " * width
    lines = str(text).splitlines()
    return Myst("\n".join(lines[:1] + [prefix + line if line else line for line in lines[1:]]))


@functools.lru_cache(maxsize=8)
def guideline_environment(folders: tuple[Path, ...]) -> jinja2.Environment:
    """A Jinja environment for guideline templates; the first folder that has a file wins.

    Cached per folder list, so a batch compiles each template once (Jinja still
    reloads a template whose file changed), and compiled templates are kept between
    runs (:mod:`guidegen.guideline.compiled`).
    """
    environment = escaping_environment(folders)
    environment.bytecode_cache = template_cache("guideline-md")
    environment.filters["markdown"] = _trusted
    environment.filters["indent_md"] = _indent
    return environment
