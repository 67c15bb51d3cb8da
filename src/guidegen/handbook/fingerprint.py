"""Digests of what a generated page is made from, to skip rendering unchanged pages.

A record page shows its own record in full and, of every other record, only
what cards, lists and links show (:attr:`Record.page_only_fields` names the
rest). So a page is made from three things: guidegen's own code and templates,
the *shared* view of the knowledge base, and, for a record page, its record.
"""

from __future__ import annotations

import functools
import hashlib
import json
from pathlib import Path

from guidegen.content.knowledge import KnowledgeBase
from guidegen.content.model import Record
from guidegen.fileio import folder_digest

#: Files of the package that decide how pages look.
RENDERER_SUFFIXES = frozenset({".py", ".jinja"})
#: The guidegen package's folder.
PACKAGE = Path(__file__).resolve().parents[1]


def digest(*parts: str) -> str:
    """One hex digest of several strings (kept apart, so ``"ab", "c"`` ≠ ``"a", "bc"``)."""
    hasher = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8")
        hasher.update(len(data).to_bytes(8, "big"))
        hasher.update(data)
    return hasher.hexdigest()


# Once per process: the digest describes the code this process runs, even when its
# files are edited while it runs (a live preview); the next process sees the edit.
@functools.cache
def renderer_digest() -> str:
    """Digest of guidegen's code and templates: another version renders every page again."""
    return folder_digest(PACKAGE, RENDERER_SUFFIXES)


def record_digest(record: Record) -> str:
    """Digest of everything a record holds: what its own page shows."""
    return digest(record.type_name, record.model_dump_json())


def shared_digest(base: KnowledgeBase) -> str:
    """Digest of what pages show of records other than their own, and of the vocabulary.

    That is every field but the page-only ones, plus the ids of the sources a
    record cites (source pages list the records citing them; record pages show
    the year of their newest source).
    """
    views = [
        {
            "type": record.type_name,
            "fields": record.model_dump(mode="json", exclude=set(record.page_only_fields)),
            "cites": sorted({citation.source for citation in record.citations}),
        }
        for record in base.records
    ]
    vocabulary = base.vocabulary.model_dump(mode="json") if base.vocabulary else None
    return digest(json.dumps([views, vocabulary], sort_keys=True, ensure_ascii=False))
