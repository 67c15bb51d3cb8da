"""Writing Markdown safely: escape plain text, never paste a Markdown field.

Generated text is rendered from Jinja templates whose output is escaped by default,
the way HTML autoescaping works: every ``{{ value }}`` becomes literal text unless
the value is a :class:`Myst` string. :func:`escape` is the one escaper, for the
handbook's MyST pages and the guideline's CommonMark alike: it backslash-escapes
(as CommonMark allows for any ASCII punctuation) each character that could start
markup there, and leaves the rest as it is, so a guideline's Markdown stays
readable. A Markdown field reaches a handbook page only through the ``field`` and
``inline_field`` filters: they write a placeholder that names the text by its key,
and the Sphinx extension renders the text on its own (``guidegen.sphinx.fields``).
``myst`` marks the output of the templates' own macros as Markdown; ``target``
passes an id or a relative link checked against a pattern, ``url`` a web address as
an autolink.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from pathlib import Path

import jinja2

#: Characters that start inline markup (or a block) anywhere in a line: emphasis, code,
#: links, HTML and entities, tables, headings, MyST's roles, attributes and math.
_SPECIAL = re.compile(r"([\\`*_\[\]<>&!|~#{}$])")
#: ``)=`` ends a MyST target line, ``(name)=``.
_TARGET_END = re.compile(r"(?<=\))=")
#: What starts a block at the start of a line, where a value may stand: a list marker,
#: block quote or setext underline (CommonMark), a definition, comment or block break
#: (MyST).
_LINE_START = re.compile(r"^([-+=>:%])|^(\d+)([.)])")
#: What ``url`` writes as an autolink: a web address without spaces, brackets or quotes.
_URL = re.compile(r"^https?://[^\s<>\"'`\\]+$")
#: What ``target`` passes: ids, docnames and relative links (no spaces, brackets, quotes).
_TARGET = re.compile(r"^[A-Za-z0-9_./#-]+$")


class Myst(str):
    """A string that is already valid, trusted Markdown (MyST, or a guideline's
    CommonMark) and must not be escaped."""

    __slots__ = ()


def escape(value: object) -> Myst:
    """``value`` as literal inline text: markup characters escaped, whitespace collapsed.

    One line, so it cannot start a block of its own except where it begins: there a
    list marker, quote or the like is escaped too (a value may start a template's line).
    """
    if isinstance(value, Myst):
        return value
    text = " ".join(str(value).split())
    text = _SPECIAL.sub(r"\\\1", text)
    text = _TARGET_END.sub(r"\\=", text)
    text = _LINE_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", text)
    return Myst(text)


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


def escaping_environment(folders: Sequence[Path]) -> jinja2.Environment:
    """A Jinja environment whose every ``{{ value }}`` goes through :func:`escape`.

    The first of ``folders`` that has a template wins; ``None`` renders as nothing.
    """
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(folder) for folder in folders]),
        autoescape=False,
        finalize=lambda value: "" if value is None else escape(value),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def template_environment(folder: Path) -> jinja2.Environment:
    """A Jinja environment for MyST templates in ``folder``, escaping by default."""
    environment = escaping_environment([folder])
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
