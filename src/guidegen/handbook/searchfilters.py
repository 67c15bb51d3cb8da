"""The search filters of a page as one front-matter string, and back: one place for both.

A page's filters travel from its generated Markdown (front matter
``guidegen-search``) to the page template as ``name=value|value;name=value``.
Names and values are percent-encoded where they hold ``%``, ``;``, ``|`` or
``=``, so a vocabulary label with one of those stays one filter value.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import unquote

_ENCODED = {"%": "%25", ";": "%3B", "|": "%7C", "=": "%3D"}


def _encode(text: str) -> str:
    return "".join(_ENCODED.get(character, character) for character in text)


def encode_filters(filters: Iterable[tuple[str, Iterable[str]]]) -> str:
    """``[("soort", ["Do"]), ("thema", ["A", "B"])]`` → ``soort=Do;thema=A|B``.

    A filter without values is left out.
    """
    parts = []
    for name, values in filters:
        encoded = "|".join(_encode(value) for value in values)
        if encoded:
            parts.append(f"{_encode(name)}={encoded}")
    return ";".join(parts)


def decode_filters(raw: str) -> list[tuple[str, str]]:
    """The (name, value) pairs of an :func:`encode_filters` string, in order."""
    pairs: list[tuple[str, str]] = []
    for part in raw.split(";"):
        name, _, values = part.partition("=")
        pairs.extend((unquote(name), unquote(value)) for value in values.split("|") if value)
    return pairs
