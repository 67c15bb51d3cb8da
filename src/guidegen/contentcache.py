"""The loaded, checked content of a project, kept between runs of the command line.

Reading the YAML, validating every record (MyST's parser on each Markdown field)
and scanning for outdated terms is most of what ``guidegen check`` does. Its
result (the problems, the warnings, the counts, and the records and trees
themselves) is kept in one file per project in :func:`guidegen.cache.folder`,
keyed by a SHA-256 of the bytes and names of everything under ``content/`` and
``decisions/`` and of :func:`guidegen.cache.code_key`; never by modification
times. A file with another key or format, or one that cannot be read or
unpickled, is ignored and replaced. Warnings about review dates depend on the
day, so the cache keeps the dates and :meth:`CheckedContent.warnings` computes
them on every run.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from guidegen import cache
from guidegen.content.problems import Problem
from guidegen.content.reviews import ReviewDate, due_reviews

if TYPE_CHECKING:
    from guidegen.content.knowledge import KnowledgeBase
    from guidegen.content.project import Project
    from guidegen.trees.decisiontree import LoadedTree

#: A file bigger than this is not read for the key (its result is never cached).
MAX_HASHED_BYTES = 16_000_000
#: The first line of a cache file; a file that starts otherwise is not ours (or too old).
FORMAT = b"guidegen content cache 1\n"

Loaded = tuple["KnowledgeBase", list["LoadedTree"]]


@dataclass
class CheckedContent:
    """What checking a project found, and (when it found no problem) what it loaded."""

    problems: list[Problem]
    #: Warnings that do not depend on the day (outdated terms without a note).
    outdated: list[Problem] = field(default_factory=list)
    reviews: list[ReviewDate] = field(default_factory=list)
    #: Number of records per type name, and of decision trees.
    counts: dict[str, int] = field(default_factory=dict)
    tree_count: int = 0
    #: The records and trees: in memory after a check, pickled when read from the cache.
    _loaded: Loaded | None = field(default=None, repr=False)
    _pickled: bytes = field(default=b"", repr=False)

    def warnings(self, today: date | None = None) -> list[Problem]:
        """Outdated terms without a note, and notes whose review date has come."""
        return sorted(self.outdated + due_reviews(self.reviews, today))

    def loaded(self) -> Loaded:
        """The knowledge base and the decision trees (only when there were no problems)."""
        if self._loaded is None:
            assert self._pickled, "the content had problems; nothing was loaded"
            self._loaded = pickle.loads(self._pickled)
        return self._loaded


def checked_content(project: Project) -> CheckedContent:
    """The project's content checked: from the cache when its key matches, else anew."""
    if not cache.enabled():
        return check_content(project)
    key = content_key(project)
    if key is None:
        return check_content(project)
    path = cache.folder() / f"content-{hashlib.sha256(bytes(project.root)).hexdigest()[:24]}"
    found = _read(path, key)
    if found is not None:
        return found
    checked = check_content(project)
    _write(path, key, checked)
    return checked


def check_content(project: Project) -> CheckedContent:
    """Load and check every record and tree of ``project`` (no cache)."""
    from guidegen.content.currency import outdated_mentions, review_dates  # noqa: PLC0415
    from guidegen.content.knowledge import load_knowledge_base  # noqa: PLC0415
    from guidegen.trees.decisiontree import load_trees  # noqa: PLC0415

    base, problems = load_knowledge_base(project.content)
    trees, tree_problems = load_trees(project.decisions, base)
    if problems or tree_problems:
        return CheckedContent(problems + tree_problems)
    return CheckedContent(
        [],
        outdated_mentions(base, trees),
        review_dates(base, trees),
        dict(base.counts()),
        len(trees),
        (base, trees),
    )


def content_key(project: Project) -> bytes | None:
    """A SHA-256 of every name and byte under ``content/`` and ``decisions/``, and the code.

    None when something there cannot be hashed (see :func:`_entries`): then the content
    is checked anew and nothing is cached.
    """
    digest = hashlib.sha256(FORMAT + cache.code_key().encode() + b"\0")
    digest.update(bytes(project.root) + b"\0")
    for top in (project.content, project.decisions):
        entries = _entries(top)
        if entries is None:
            return None
        digest.update(b"top\0" + bytes(top) + b"\0")
        for kind, path, data in entries:
            digest.update(b"%s\0%s\0%d\0" % (kind, os.fsencode(path), len(data)) + data)
    return digest.hexdigest().encode()


def _entries(top: Path) -> list[tuple[bytes, str, bytes]] | None:
    """Every folder and file below ``top`` (sorted), with each file's bytes.

    Symbolic links are followed as the loader follows them, each real folder once (a
    link cycle cannot loop). Only regular files are read, and at most
    :data:`MAX_HASHED_BYTES` of each; anything else (a FIFO, a folder that cannot be
    listed, a bigger file) gives None: such content is not cached. Paths stay strings
    (a Path per file was a third of the time).
    """
    from guidegen.fileio import TooLarge, read_bounded  # noqa: PLC0415

    if not top.exists():
        return [(b"missing", str(top), b"")]
    found: list[tuple[bytes, str, bytes]] = []
    seen: set[tuple[int, int]] = set()
    failed: list[OSError] = []
    for folder, folders, files in os.walk(top, followlinks=True, onerror=failed.append):
        try:
            info = os.stat(folder)
        except OSError:
            return None
        found.append((b"folder", folder, os.fsencode(os.path.realpath(folder))))
        if (info.st_dev, info.st_ino) in seen:
            folders.clear()
            continue
        seen.add((info.st_dev, info.st_ino))
        folders.sort()
        for name in sorted(files):
            path = os.path.join(folder, name)
            try:
                found.append((b"file", path, read_bounded(path, MAX_HASHED_BYTES)))
            except (OSError, TooLarge):
                return None
    return None if failed else found


def _read(path: Path, key: bytes) -> CheckedContent | None:
    """The cached result at ``path`` if it has ``key``; None for anything else."""
    header = FORMAT + key + b"\n"
    try:
        with path.open("rb") as handle:
            if handle.read(len(header)) != header:
                return None
            data = handle.read()
        result, pickled = pickle.loads(data)
    except Exception:
        return None
    if not isinstance(result, CheckedContent) or not isinstance(pickled, bytes):
        return None
    result._pickled = pickled
    return result


def _write(path: Path, key: bytes, checked: CheckedContent) -> None:
    """Keep ``checked`` at ``path``, atomically; a cache that cannot be written is skipped."""
    from guidegen.fileio import atomic_write  # noqa: PLC0415

    plain = CheckedContent(
        checked.problems, checked.outdated, checked.reviews, checked.counts, checked.tree_count
    )
    try:
        pickled = b""
        if checked._loaded is not None:
            pickled = pickle.dumps(checked._loaded, protocol=pickle.HIGHEST_PROTOCOL)
        data = pickle.dumps((plain, pickled), protocol=pickle.HIGHEST_PROTOCOL)
        if cache.ensure_folder(path.parent):
            atomic_write(path, FORMAT + key + b"\n" + data, durable=False)
    except Exception:
        pass
