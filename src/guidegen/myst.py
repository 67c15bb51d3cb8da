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
from collections.abc import Callable, Sequence
from pathlib import Path

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


def escaping_environment(
    folders: Sequence[Path], escape_text: Callable[[object], str]
) -> jinja2.Environment:
    """A Jinja environment whose every ``{{ value }}`` goes through ``escape_text``.

    The first of ``folders`` that has a template wins; ``None`` renders as nothing.
    """
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(folder) for folder in folders]),
        autoescape=False,
        finalize=lambda value: "" if value is None else escape_text(value),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def template_environment(folder: Path) -> jinja2.Environment:
    """A Jinja environment for MyST templates in ``folder``, escaping by default."""
    environment = escaping_environment([folder], escape)
    environment.filters["markdown"] = lambda text: Myst(text) if text else Myst("")
    # A directive option value is not parsed as markup: one line of plain text is safe.
    environment.filters["option"] = lambda text: Myst(" ".join(str(text).split()))
    # A role's text is not parsed as markup either; it may not hold its own delimiters.
    environment.filters["role"] = lambda text: Myst(
        " ".join(str(text).replace("`", "'").replace("<", "‹").replace(">", "›").split())
    )
    # A quoted scalar for YAML front matter (JSON strings are valid YAML).
    environment.filters["yamlstr"] = lambda text: Myst(json.dumps(str(text), ensure_ascii=False))
    environment.filters["indent_md"] = lambda text, prefix="  ": Myst(
        "\n".join(prefix + line if line else line for line in str(text).splitlines())
    )
    return environment
