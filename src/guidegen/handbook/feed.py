"""The Atom feed (RFC 4287) of "Wat is er veranderd sinds de bronnen?".

One entry per dated note on the changes page (a record's note, a tree outcome's note,
the note of an outdated term), newest first, so that a communications department can
follow the changes in a feed reader. Nothing here imports Sphinx: the extension gives
:func:`atom_feed` the site's addresses and writes the text it returns.

Ids are ``tag:`` URIs (RFC 4151) made from the tagging entity the site configures
(``guidegen_feed_tag``, e.g. ``gemeente.example,2026``) and the note's place (record id,
tree and outcome, or term) and date: they do not change when the site moves to another
address, and they are absolute without a public address. Links are absolute with the
site's public address, and relative to the feed's own address without it (RFC 4287
resolves them against the feed document).
"""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from typing import TYPE_CHECKING

from guidegen.content.model import Source
from guidegen.dates import dutch_date
from guidegen.handbook.pageurls import CHANGES_DOCNAME, FEED_PATH, GENERATED_FOLDER

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

    from guidegen.content.knowledge import KnowledgeBase
    from guidegen.handbook.pages import NoteEntry

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
#: The tagging entity when the site names none: ``.invalid`` (RFC 2606) is nobody's
#: domain, so these ids say plainly that they are placeholders. Set ``guidegen_feed_tag``.
PLACEHOLDER_TAG = "guidegen.invalid,2026"
#: ``authority,date`` of RFC 4151: a domain or e-mail address, and a day, month or year.
_TAGGING_ENTITY = re.compile(
    r"^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*"
    r"|[^\s@,]+@[A-Za-z0-9.-]+),\d{4}(?:-\d{2}(?:-\d{2})?)?$"
)
#: What a tag's specific part may hold unescaped (RFC 4151 ``pchar`` and ``/``, ``?``).
_SPECIFIC = re.compile(r"[^A-Za-z0-9._~!$&'()*+,;=:@/?-]")


@dataclass(frozen=True)
class FeedSite:
    """What the feed says about the site that publishes it."""

    #: The handbook's name (``html_title``).
    title: str
    #: Who publishes it (the theme's ``owner``, else Sphinx's ``author``).
    author: str
    #: The tagging entity of the ids (``authority,date``); empty: :data:`PLACEHOLDER_TAG`.
    tag: str = ""
    #: The public address of the site's root; empty: relative links.
    base_url: str = ""


def valid_tag(tag: str) -> bool:
    """Whether ``tag`` is a tagging entity ``authority,date`` as RFC 4151 writes it."""
    return bool(_TAGGING_ENTITY.match(tag))


def entry_id(tag: str, entry: NoteEntry, occurrence: int = 1) -> str:
    """The entry's id: the note's place and date; the nth note of one day gets ``-n``."""
    specific = f"{entry.key}/stand-{entry.date}" + (f"-{occurrence}" if occurrence > 1 else "")
    return f"tag:{tag or PLACEHOLDER_TAG}:{_SPECIFIC.sub(_escape_char, specific)}"


def _escape_char(match: re.Match[str]) -> str:
    return "".join(f"%{byte:02X}" for byte in match.group().encode("utf-8"))


def atom_feed(
    base: KnowledgeBase,
    entries: Sequence[NoteEntry],
    site: FeedSite,
    target_uri: Callable[[str], str],
) -> str:
    """The Atom document of ``entries`` (oldest first, as :func:`note_entries` gives them).

    :param target_uri: a docname's page in the HTML folder (``kennisbank/x.html``).
    """
    href = _linker(site.base_url)
    tag = site.tag or PLACEHOLDER_TAG
    newest = sorted(entries, key=lambda e: e.date, reverse=True)
    updated = _timestamp(newest[0].date) if newest else _today()

    feed = ET.Element(f"{{{ATOM}}}feed", {XML_LANG: "nl"})
    _text(feed, "id", f"tag:{tag}:{GENERATED_FOLDER}/{CHANGES_DOCNAME}")
    _text(feed, "title", f"Wat is er veranderd sinds de bronnen? – {site.title}")
    _text(
        feed,
        "subtitle",
        "Gedateerde noten bij de adviezen van het handboek: wat sinds de bronnen is "
        "veranderd, elk met een eigen bron.",
    )
    _text(feed, "updated", updated)
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    _text(author, "name", site.author)
    _link(feed, "self", href(FEED_PATH), "application/atom+xml")
    changes = target_uri(f"{GENERATED_FOLDER}/{CHANGES_DOCNAME}")
    _link(feed, "alternate", href(changes), "text/html")
    _text(feed, "generator", "guidegen")

    seen: Counter[tuple[str, str]] = Counter()
    ids = []
    for entry in entries:  # oldest first, so a day's second note keeps its number
        seen[entry.key, entry.date] += 1
        ids.append(entry_id(tag, entry, seen[entry.key, entry.date]))
    for entry, identifier in sorted(
        zip(entries, ids, strict=True), key=lambda pair: pair[0].date, reverse=True
    ):
        item = ET.SubElement(feed, f"{{{ATOM}}}entry")
        _text(item, "id", identifier)
        kind = "verouderd woord" if entry.key.startswith("begrip/") else entry.label
        _text(item, "title", f"{entry.title} ({kind})")
        _text(item, "updated", _timestamp(entry.date))
        page = target_uri(entry.docname) if entry.docname else changes
        _link(item, "alternate", href(page + (f"#{entry.anchor}" if entry.anchor else "")))
        _text(item, "summary", summary(base, entry))
    ET.indent(feed)
    # ElementTree's prefixes are global: another library (docutils' HTML writer,
    # WeasyPrint) may have taken the default one since import, so claim it right here.
    ET.register_namespace("", ATOM)
    return ET.tostring(feed, encoding="unicode", xml_declaration=True) + "\n"


def summary(base: KnowledgeBase, entry: NoteEntry) -> str:
    """The note as plain Dutch text, with its date and sources."""
    sources = []
    for citation in entry.note.sources:
        source = base.get(citation.source) if citation.source in base else None
        name = source.title if source else citation.source
        if isinstance(source, Source):
            name += f" ({source.publisher})"
        if name not in sources:
            sources.append(name)
    label = "Bronnen" if len(sources) > 1 else "Bron"
    return (
        f"Stand van {dutch_date(entry.date)}: {plain_text(entry.note.text)} "
        f"{label}: {'; '.join(sources)}."
    )


def plain_text(markdown: str) -> str:
    """A Markdown field's text without its markup: link texts, not their addresses."""
    parts: list[str] = []
    for token in _markdown().parse(markdown):
        for child in token.children or ():
            if child.type in {"text", "code_inline"}:
                parts.append(child.content)
            elif child.type in {"softbreak", "hardbreak"}:
                parts.append(" ")
        if token.type.endswith("_close") and token.block:
            parts.append(" ")
    return " ".join("".join(parts).split())


@cache
def _markdown() -> MarkdownIt:
    from markdown_it import MarkdownIt  # noqa: PLC0415 - only a build that writes the feed

    return MarkdownIt("commonmark")


def _linker(base_url: str) -> Callable[[str], str]:
    """A page's address as the feed writes it: absolute, or relative to the feed."""
    root = base_url.rstrip("/")
    if root:
        return lambda path: f"{root}/{path}"
    here = posixpath.dirname(FEED_PATH)
    return lambda path: (
        posixpath.relpath(path.partition("#")[0], here)
        + ("#" + path.partition("#")[2] if "#" in path else "")
    )


def _text(parent: ET.Element, name: str, text: str) -> None:
    ET.SubElement(parent, f"{{{ATOM}}}{name}").text = text


def _link(parent: ET.Element, rel: str, href: str, media_type: str | None = None) -> None:
    attributes = {"rel": rel, "href": href}
    if media_type:
        attributes["type"] = media_type
    ET.SubElement(parent, f"{{{ATOM}}}link", attributes)


def _timestamp(day: str) -> str:
    """A note's date as an RFC 3339 date-time: the start of that day, UTC."""
    return f"{day}T00:00:00Z"


def _today() -> str:
    return _timestamp(datetime.now(UTC).date().isoformat())
