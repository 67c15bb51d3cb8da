"""The guideline's master text: CommonMark from Jinja templates, escaped by default.

Every ``{{ value }}`` in a guideline template is literal text: the characters that
mean something in CommonMark (and in MyST, where the handbook shows the same text)
are backslash-escaped, and whitespace is collapsed to single spaces.  Only values
passed through the ``markdown`` filter stay Markdown; those are record fields and
profile fields that the models have checked (no raw HTML, images or headings).
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import jinja2

from guidegen.content.myst import escaping_environment
from guidegen.guideline.compiled import template_cache

#: Characters that start inline or block constructs anywhere in a line.
_SPECIAL = re.compile(r"([\\`*_\[\]<>&!|~#{}$])")
#: Two colons start a MyST colon fence; one is harmless (and frequent in Dutch).
_COLONS = re.compile(r":(?=:)")
#: A list marker, block quote, or setext underline at the start of a line.
_LINE_START = re.compile(r"^([-+=>])|^(\d+)([.)])")


class Md(str):
    """Text that is already Markdown and must not be escaped again."""

    __slots__ = ()


def md_escape(value: object) -> Md:
    """``value`` as literal inline Markdown text."""
    if isinstance(value, Md):
        return value
    text = " ".join(str(value).split())
    text = _COLONS.sub(r"\\:", _SPECIAL.sub(r"\\\1", text))
    text = _LINE_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", text)
    return Md(text)


def _trusted(text: str | None) -> Md:
    """A Markdown field the content model has already checked."""
    return Md(text.strip()) if text else Md("")


def _indent(text: str, width: int = 2) -> Md:
    """Indent every line after the first, so a Markdown block stays inside a list item."""
    prefix = " " * width
    lines = str(text).splitlines()
    return Md("\n".join(lines[:1] + [prefix + line if line else line for line in lines[1:]]))


@functools.lru_cache(maxsize=8)
def guideline_environment(folders: tuple[Path, ...]) -> jinja2.Environment:
    """A Jinja environment for guideline templates; the first folder that has a file wins.

    Cached per folder list, so a batch compiles each template once (Jinja still
    reloads a template whose file changed), and compiled templates are kept between
    runs (:mod:`guidegen.guideline.compiled`).
    """
    environment = escaping_environment(folders, md_escape)
    environment.bytecode_cache = template_cache("guideline-md")
    environment.filters["markdown"] = _trusted
    environment.filters["indent_md"] = _indent
    return environment
