"""What checking a project's content found, kept between runs: the content cache.

Every command that uses the content checks all of it first: reading the YAML,
validating each record (MyST's parser on each Markdown field), loading the trees
and scanning for outdated terms. That is most of a command's time, and it is why
this cache exists: without it ``guidegen check`` and ``guidegen generate`` are at
the edge of their budgets of 0.6 s and 0.8 s (``bench/budgets.py`` measures both).

The result is kept in one file per project in the user's cache folder (platformdirs:
``$XDG_CACHE_HOME/guidegen``, default ``~/.cache/guidegen``), keyed by a SHA-256 of
the names and bytes of everything under ``content/`` and ``decisions/``, of
guidegen's own source, and of the Python version and installed packages; never by
modification times. A file with another key, or one that cannot be read or
unpickled, is ignored and replaced. The file is a pickle, so the folder is used only
when it belongs to the user and nobody else can write to it
(:func:`guidegen.fileio.private_folder`).

What is kept is the caller's: this module knows the key and the file, not what
checking means (that needs the decision trees, a layer above).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import platformdirs

from guidegen.content.project import Project
from guidegen.fileio import TooLarge, atomic_write, folder_digest, private_folder, read_bounded

#: A file bigger than this is not read for the key (the content is then not cached).
MAX_HASHED_BYTES = 16_000_000
#: The first line of a cache file; a file that starts otherwise is not ours (or too old).
FORMAT = b"guidegen content cache 3\n"
#: The guidegen package's folder: its source is part of the key.
PACKAGE = Path(__file__).resolve().parents[1]

T = TypeVar("T")


def remembered(project: Project, check: Callable[[Project], T], kind: type[T]) -> T:
    """``check(project)``, from the cache when its key matches, else anew (and kept).

    :param kind: the type of what ``check`` returns; a cached value of another type is
        not used.
    """
    folder = cache_folder()
    key = content_key(project) if folder is not None else None
    if folder is None or key is None:
        return check(project)
    path = folder / f"content-{hashlib.sha256(bytes(project.root)).hexdigest()[:24]}"
    found = _read(path, key)
    if isinstance(found, kind):
        return found
    checked = check(project)
    _write(path, key, checked)
    return checked


def cache_folder() -> Path | None:
    """The user's cache folder for guidegen, or None when it is not the user's alone.

    A pickle from a folder someone else may write to could run their code.
    """
    folder = platformdirs.user_cache_path("guidegen")
    return folder if private_folder(folder) else None


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


def _read(path: Path, key: bytes) -> object:
    """The value cached at ``path`` if it has ``key``; None for anything else."""
    header = FORMAT + key + b"\n"
    try:
        with path.open("rb") as handle:
            if handle.read(len(header)) != header:
                return None
            return pickle.load(handle)
    except Exception:
        return None


def _write(path: Path, key: bytes, value: object) -> None:
    """Keep ``value`` at ``path``, atomically; a cache that cannot be written is skipped."""
    try:
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        atomic_write(path, FORMAT + key + b"\n" + data, durable=False)
    except Exception:
        pass
