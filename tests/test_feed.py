"""The Atom feed of the changes page: valid RFC 4287, one entry per dated note."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import datetime
from pathlib import Path
from typing import Any

import feedparser
import pytest
from sphinx.testing.util import SphinxTestApp

from guidegen.content.knowledge import KnowledgeBase
from guidegen.content.model import CurrencyNote
from guidegen.content.myst import Myst
from guidegen.handbook.feed import (
    PLACEHOLDER_TAG,
    FeedSite,
    atom_feed,
    entry_id,
    plain_text,
    valid_tag,
)
from guidegen.handbook.pagecontext import PageContext, SharedIndex
from guidegen.handbook.pages import NoteEntry, note_entries
from guidegen.handbook.pageurls import CHANGES_DOCNAME, FEED_PATH
from guidegen.trees.decisiontree import Tree

from .conftest import write

A = "{http://www.w3.org/2005/Atom}"
#: RFC 3339 date-time, as RFC 4287 (3.3) requires it: upper-case T and Z, a time zone.
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$")
#: An absolute IRI: a scheme, a colon, something after it (RFC 3987; RFC 4287 4.2.6).
ABSOLUTE_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:\S+$")
SITE = FeedSite("Handboek sociale media", "de makers van guidegen")
PUBLIC = FeedSite(
    "Handboek sociale media",
    "de makers van guidegen",
    tag="handboek.example.nl,2026",
    base_url="https://handboek.example.nl/",
)


def entries_of(base: KnowledgeBase, trees: list[Tree]) -> list[NoteEntry]:
    return note_entries(base, trees, PageContext(base, CHANGES_DOCNAME, SharedIndex(base)))


def html(docname: str) -> str:
    return f"{docname}.html"


def assert_valid_atom(text: str) -> ET.Element:
    """The elements RFC 4287 requires, and a real feed parser that reads it cleanly."""
    parsed = feedparser.parse(text)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    feed = ET.fromstring(text.encode("utf-8"))
    assert feed.tag == f"{A}feed"
    for name in ("id", "title", "updated"):  # 4.1.1: exactly one each
        assert len(feed.findall(f"{A}{name}")) == 1, name
    assert ABSOLUTE_IRI.match(feed.findtext(f"{A}id") or "")
    assert RFC3339.match(feed.findtext(f"{A}updated") or "")
    assert feed.find(f"{A}author/{A}name") is not None  # or an author in every entry
    rels = {link.get("rel"): link for link in feed.findall(f"{A}link")}
    assert rels["self"].get("type") == "application/atom+xml"
    assert rels["alternate"].get("type") == "text/html"
    ids = []
    for entry in feed.findall(f"{A}entry"):
        for name in ("id", "title", "updated"):  # 4.1.2: exactly one each
            assert len(entry.findall(f"{A}{name}")) == 1, name
        identifier = entry.findtext(f"{A}id") or ""
        assert ABSOLUTE_IRI.match(identifier), identifier
        ids.append(identifier)
        updated = entry.findtext(f"{A}updated") or ""
        assert RFC3339.match(updated), updated
        datetime.fromisoformat(updated)
        links = entry.findall(f"{A}link")
        alternates = [link for link in links if link.get("rel", "alternate") == "alternate"]
        assert len(alternates) == 1
        assert alternates[0].get("href")
        # No content element, so a summary is required (4.1.1.1, 4.1.2).
        assert entry.find(f"{A}content") is None
        assert (entry.findtext(f"{A}summary") or "").strip()
    assert len(ids) == len(set(ids))
    return feed


def test_the_feed_of_the_real_notes_is_valid_atom_with_an_entry_per_note(
    knowledge: tuple[KnowledgeBase, list[Tree]],
) -> None:
    base, trees = knowledge
    entries = entries_of(base, trees)
    assert len(entries) >= 25
    for site in (SITE, PUBLIC):
        feed = assert_valid_atom(atom_feed(base, entries, site, html))
        items = feed.findall(f"{A}entry")
        assert len(items) == len(entries)
        dates = [(item.findtext(f"{A}updated") or "")[:10] for item in items]
        assert dates == sorted((e.date for e in entries), reverse=True)  # newest first
        assert feed.findtext(f"{A}updated") == f"{dates[0]}T00:00:00Z"
        newest = sorted(entries, key=lambda e: e.date, reverse=True)
        for entry, item in zip(newest, items, strict=True):
            assert (item.findtext(f"{A}title") or "").startswith(f"{entry.title} (")
            assert plain_text(entry.note.text) in (item.findtext(f"{A}summary") or "")
            assert (item.findtext(f"{A}id") or "").split(":", 2)[2].startswith(f"{entry.key}/")


def test_links_are_relative_to_the_feed_without_a_public_address_and_absolute_with_one(
    knowledge: tuple[KnowledgeBase, list[Tree]],
) -> None:
    base, trees = knowledge
    entries = entries_of(base, trees)
    record = next(e for e in entries if e.key == "archiefwet-en-wob-bij-sociale-media")
    outcome = next(e for e in entries if "/" in e.key and not e.key.startswith("begrip/"))
    local = feedparser.parse(atom_feed(base, entries, SITE, html))
    public = feedparser.parse(atom_feed(base, entries, PUBLIC, html))
    assert local.feed.id == f"tag:{PLACEHOLDER_TAG}:kennisbank/veranderd/index"
    assert public.feed.id == "tag:handboek.example.nl,2026:kennisbank/veranderd/index"
    feed_links = {link.rel: link.href for link in public.feed.links}
    assert feed_links == {
        "self": f"https://handboek.example.nl/{FEED_PATH}",
        "alternate": "https://handboek.example.nl/kennisbank/veranderd/index.html",
    }
    links = {e.id: e.link for e in public.entries}
    tag = "tag:handboek.example.nl,2026:"
    assert (
        links[f"{tag}archiefwet-en-wob-bij-sociale-media/stand-{record.date}"]
        == "https://handboek.example.nl/kennisbank/archiefwet-en-wob-bij-sociale-media.html"
    )
    tree, node = outcome.key.split("/")
    assert links[f"{tag}{outcome.key}/stand-{outcome.date}"] == (
        f"https://handboek.example.nl/beslisbomen/{tree}.html#{node}"
    )
    raw = atom_feed(base, entries, SITE, html)
    assert 'href="../archiefwet-en-wob-bij-sociale-media.html"' in raw
    assert f'href="../../beslisbomen/{tree}.html#{node}"' in raw
    assert 'rel="self" href="atom.xml"' in raw


def test_ids_stay_the_same_when_the_site_moves_and_differ_per_note() -> None:
    note = CurrencyNote.model_validate(
        {
            "date": "2026-12-07",
            "review": "2027-12-07",
            "text": "Zie [de wet](https://wetten.overheid.nl/) en **dit**.",
            "sources": [{"source": "x", "section": "y"}],
        }
    )
    entry = NoteEntry("2026-12-07", "Titel", Myst(""), "Doe", note, "een-record", "kennisbank/a")
    assert entry_id("a.example,2026", entry) == "tag:a.example,2026:een-record/stand-2026-12-07"
    assert entry_id("a.example,2026", entry, 2).endswith("/stand-2026-12-07-2")
    assert entry_id("", entry).startswith(f"tag:{PLACEHOLDER_TAG}:")
    assert plain_text(note.text) == "Zie de wet en dit."
    assert valid_tag("handboek.example.nl,2026")
    assert valid_tag("redactie@example.nl,2026-12-07")
    assert not valid_tag("https://handboek.example.nl/")
    assert not valid_tag("example.nl")


NOTE = """notes:
  - date: "2026-12-07"
    review: "2027-12-07"
    text: Dit geldt nu, met een [link](https://www.rijksoverheid.nl/).
    sources:
      - source: handreiking
        section: Luister
"""


@pytest.fixture
def with_note(handbook_project: Path) -> Path:
    record = handbook_project / "content" / "practices" / "luister-eerst.yaml"
    write(record, record.read_text(encoding="utf-8") + NOTE)
    return handbook_project


def test_the_build_writes_the_feed_names_it_in_every_head_and_links_it_visibly(
    make_app: Any, with_note: Path
) -> None:
    app: SphinxTestApp = make_app("html", srcdir=with_note, freshenv=True)
    app.build()
    out = Path(app.outdir)
    feed_file = out / FEED_PATH
    feed = assert_valid_atom(feed_file.read_text(encoding="utf-8"))
    (entry,) = feed.findall(f"{A}entry")
    assert entry.findtext(f"{A}title") == "Luister eerst (Doe)"
    assert entry.findtext(f"{A}id") == f"tag:{PLACEHOLDER_TAG}:luister-eerst/stand-2026-12-07"
    assert (entry.findtext(f"{A}summary") or "").startswith(
        "Stand van 7 december 2026: Dit geldt nu, met een link. Bron: Testhandreiking"
    )
    for page, href in (
        ("index.html", FEED_PATH),
        ("kennisbank/luister-eerst.html", "veranderd/atom.xml"),
        ("kennisbank/veranderd/index.html", "atom.xml"),
    ):
        text = (out / page).read_text(encoding="utf-8")
        assert (
            '<link rel="alternate" type="application/atom+xml" '
            f'title="Wat is er veranderd sinds de bronnen? (Atom-feed)" href="{href}">'
        ) in text, page
    changes = (out / "kennisbank/veranderd/index.html").read_text(encoding="utf-8")
    assert re.search(r'<a class="reference internal" href="atom.xml">[^<]*Atom-feed', changes)

    # An unchanged build leaves the feed alone; a changed note makes it again.
    before = feed_file.stat().st_mtime_ns
    again: SphinxTestApp = make_app("html", srcdir=with_note)
    again.build()
    assert feed_file.stat().st_mtime_ns == before
    record = with_note / "content" / "practices" / "luister-eerst.yaml"
    text = record.read_text(encoding="utf-8")
    write(record, text.replace("Dit geldt nu", "Dit geldt sinds kort"))
    third: SphinxTestApp = make_app("html", srcdir=with_note)
    third.build()
    assert "Dit geldt sinds kort" in feed_file.read_text(encoding="utf-8")
