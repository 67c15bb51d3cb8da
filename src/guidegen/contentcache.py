"""The checked content of a project: what ``guidegen check`` finds, kept between runs.

Every command that uses the content checks all of it first: reading the YAML,
validating each record (MyST's parser on each Markdown field), loading the trees
and scanning for outdated terms. That is most of a command's time, and it is why
this cache exists: without it ``guidegen generate`` of one profile (md, html and
docx) is over its budget of 0.8 s (``bench/budgets.py`` measures both).

The result is kept in one file per project in the user's cache folder (platformdirs:
``$XDG_CACHE_HOME/guidegen``, default ``~/.cache/guidegen``), keyed by a SHA-256 of
the names and bytes of everything under ``content/`` and ``decisions/``, of
guidegen's own source, and of the Python version and installed packages; never by
modification times. A file with another key, or one that cannot be read or
unpickled, is ignored and replaced. The file is a pickle, so the folder is used only
when it belongs to the user and nobody else can write to it. ``guidegen --no-cache``
(or ``GUIDEGEN_NO_CACHE=1``) neither reads nor writes it.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import platformdirs

from guidegen.content.currency import outdated_mentions, past_review
from guidegen.content.knowledge import KnowledgeBase, load_knowledge_base
from guidegen.content.problems import Problem
from guidegen.content.project import Project
from guidegen.fileio import TooLarge, atomic_write, folder_digest, read_bounded
from guidegen.trees.decisiontree import LoadedTree, load_trees

#: A file bigger than this is not read for the key (the content is then not cached).
MAX_HASHED_BYTES = 16_000_000
#: The first line of a cache file; a file that starts otherwise is not ours (or too old).
FORMAT = b"guidegen content cache 2\n"
#: The guidegen package's folder: its source is part of the key.
PACKAGE = Path(__file__).resolve().parent


@dataclass
class CheckedContent:
    """What checking a project found and, when it found no problem, what it loaded."""

    problems: list[Problem]
    base: KnowledgeBase | None = None
    trees: list[LoadedTree] = field(default_factory=list)
    #: The warnings that do not depend on the day: outdated terms without a note.
    outdated: list[Problem] = field(default_factory=list)

    def loaded(self) -> tuple[KnowledgeBase, list[LoadedTree]]:
        """The knowledge base and the decision trees (only when there were no problems)."""
        assert self.base is not None, "the content had problems; nothing was loaded"
        return self.base, self.trees

    def warnings(self, today: date | None = None) -> list[Problem]:
        """Outdated terms without a note, and notes whose review date has come."""
        base, trees = self.loaded()
        return sorted(self.outdated + past_review(base, trees, today))


def checked_content(project: Project, *, use_cache: bool = True) -> CheckedContent:
    """The project's content checked: from the cache when its key matches, else anew."""
    folder = cache_folder() if use_cache else None
    key = content_key(project) if folder is not None else None
    if folder is None or key is None:
        return check_content(project)
    path = folder / f"content-{hashlib.sha256(bytes(project.root)).hexdigest()[:24]}"
    found = _read(path, key)
    if found is not None:
        return found
    checked = check_content(project)
    _write(path, key, checked)
    return checked


def check_content(project: Project) -> CheckedContent:
    """Load and check every record and tree of ``project`` (no cache)."""
    base, problems = load_knowledge_base(project.content)
    trees, tree_problems = load_trees(project.decisions, base)
    if problems or tree_problems:
        return CheckedContent(problems + tree_problems)
    return CheckedContent([], base, trees, outdated_mentions(base, trees))


def cache_folder() -> Path | None:
    """The user's cache folder for guidegen, made if missing (owner only).

    None when it cannot be made, is not the user's own, or others may write to it:
    a pickle from there could run anyone's code.
    """
    folder = platformdirs.user_cache_path("guidegen")
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = folder.stat()
    except OSError:
        return None
    own = info.st_uid == os.getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
    return folder if own and stat.S_ISDIR(info.st_mode) else None


def content_key(project: Project) -> bytes | None:
    """A SHA-256 of every name and byte under ``content/`` and ``decisions/``, and the code.

    None when something there cannot be hashed (see :func:`_entries`): then the content
    is checked anew and nothing is cached.
    """
    digest = hashlib.sha256(FORMAT + _code_key().encode() + b"\0")
    digest.update(bytes(project.root) + b"\0")
    for top in (project.content, project.decisions):
        entries = _entries(top)
        if entries is None:
            return None
        digest.update(b"top\0" + bytes(top) + b"\0")
        for kind, path, data in entries:
            digest.update(b"%s\0%s\0%d\0" % (kind, os.fsencode(path), len(data)) + data)
    return digest.hexdigest().encode()


def _code_key() -> str:
    """A SHA-256 of what, besides the content, decides the result.

    guidegen's own source (so an edit to a check is never answered from the cache),
    the Python version, and the name and version of every installed package (so an
    upgrade of pydantic, PyYAML or MyST is not either), as their metadata folders
    name them.
    """
    digest = hashlib.sha256(sys.version.encode() + b"\0")
    for entry in sys.path:
        try:
            names = sorted(os.listdir(entry or "."))
        except OSError:
            continue
        for name in names:
            if name.endswith(("-info", ".pth")):
                digest.update(f"{entry}/{name}\0".encode())
    digest.update(folder_digest(PACKAGE, {".py"}).encode())
    return digest.hexdigest()


def _entries(top: Path) -> list[tuple[bytes, str, bytes]] | None:
    """Every folder and file below ``top`` (sorted), with each file's bytes.

    Symbolic links are followed as the loader follows them, each real folder once (a
    link cycle cannot loop). Only regular files are read, and at most
    :data:`MAX_HASHED_BYTES` of each; anything else (a FIFO, a folder that cannot be
    listed, a bigger file) gives None: such content is not cached.
    """
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
            found = pickle.load(handle)
    except Exception:
        return None
    return found if isinstance(found, CheckedContent) else None


def _write(path: Path, key: bytes, checked: CheckedContent) -> None:
    """Keep ``checked`` at ``path``, atomically; a cache that cannot be written is skipped."""
    try:
        data = pickle.dumps(checked, protocol=pickle.HIGHEST_PROTOCOL)
        atomic_write(path, FORMAT + key + b"\n" + data, durable=False)
    except Exception:
        pass
