"""Writing MyST Markdown safely: escape plain text, never paste a Markdown field.

Generated pages are rendered from Jinja templates whose output is escaped by
default, the way HTML autoescaping works: every ``{{ value }}`` becomes literal
text (every ASCII punctuation character is backslash-escaped, which CommonMark
allows for all of them), unless the value is a :class:`Myst` string.  A Markdown
field reaches a page only through the ``field`` and ``inline_field`` filters: they
write a placeholder that names the text by its key, and the Sphinx extension
renders the text on its own (``guidegen.sphinx.fields``).  ``myst`` marks the
output of the templates' own macros as Markdown; ``target`` passes an id or a
relative link checked against a pattern, ``url`` a web address as an autolink.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Sequence
from pathlib import Path

import jinja2

_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
#: What ``url`` writes as an autolink: a web address without spaces, brackets or quotes.
_URL = re.compile(r"^https?://[^\s<>\"'`\\]+$")
#: What ``target`` passes: ids, docnames and relative links (no spaces, brackets, quotes).
_TARGET = re.compile(r"^[A-Za-z0-9_./#-]+$")


class Myst(str):
    """A string that is already valid, trusted MyST and must not be escaped."""

    __slots__ = ()


def escape(value: object) -> Myst:
    """``value`` as literal inline text: punctuation escaped, whitespace collapsed."""
    if isinstance(value, Myst):
        return value
    text = " ".join(str(value).split())
    return Myst(_PUNCTUATION.sub(r"\\\1", text))


def field_key(text: str) -> str:
    """The key a placeholder names a field's text by: a digest of the text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def field(text: str | None, indent: str = "") -> Myst:
    """The block placeholder of a Markdown field (nothing for an empty field).

    :param indent: put before its second line, for a placeholder in a list item.
    """
    return Myst(f"```{{guidegen-field}} {field_key(text)}\n{indent}```") if text else Myst("")


def inline_field(text: str | None) -> Myst:
    """The placeholder of a Markdown field inside a sentence."""
    return Myst(f"{{guidegen-field}}`{field_key(text)}`") if text else Myst("")


def target(value: object) -> Myst:
    """An id, docname or relative link to write as is; anything else is an error."""
    if not _TARGET.match(str(value)):
        raise ValueError(f"not a link target a template may write: {value!r}")
    return Myst(str(value))


def url(value: object) -> Myst:
    """A web address as an autolink (``<https://…>``); anything else is an error."""
    if not _URL.match(str(value)):
        raise ValueError(f"not a web address a template may link: {value!r}")
    return Myst(f"<{value}>")


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
    environment.filters["field"] = field
    environment.filters["inline_field"] = inline_field
    # The output of the templates' own macros (never a value from a record).
    environment.filters["myst"] = Myst
    environment.filters["target"] = target
    environment.filters["url"] = url
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
