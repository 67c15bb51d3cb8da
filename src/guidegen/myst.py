"""Writing MyST Markdown safely: escape plain text, pass trusted Markdown through.

Generated pages are rendered from Jinja templates whose output is escaped by
default, the way HTML autoescaping works: every ``{{ value }}`` becomes literal
text (every ASCII punctuation character is backslash-escaped, which CommonMark
allows for all of them), unless the value is a :class:`Myst` string.  Markdown
fields from records are wrapped in :class:`Myst` only after the content model
has checked them (no raw HTML, images or unsafe directives).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jinja2

_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


class Myst(str):
    """A string that is already valid, trusted MyST and must not be escaped."""

    __slots__ = ()


def escape(value: object) -> Myst:
    """``value`` as literal inline text: punctuation escaped, whitespace collapsed."""
    if isinstance(value, Myst):
        return value
    text = " ".join(str(value).split())
    return Myst(_PUNCTUATION.sub(r"\\\1", text))


def _finalize(value: Any) -> Any:
    if value is None:
        return ""
    return escape(value)


def template_environment(folder: Path) -> jinja2.Environment:
    """A Jinja environment for MyST templates in ``folder``, escaping by default."""
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(folder),
        autoescape=False,
        finalize=_finalize,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["markdown"] = lambda text: Myst(text) if text else Myst("")
    # A directive option value is not parsed as markup: one line of plain text is safe.
    environment.filters["option"] = lambda text: Myst(" ".join(str(text).split()))
    # A quoted scalar for YAML front matter (JSON strings are valid YAML).
    environment.filters["yamlstr"] = lambda text: Myst(json.dumps(str(text), ensure_ascii=False))
    environment.filters["indent_md"] = lambda text, prefix="  ": Myst(
        "\n".join(prefix + line if line else line for line in str(text).splitlines())
    )
    return environment
