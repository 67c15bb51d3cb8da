"""Where guidegen keeps its caches, and the key of the code that fills them.

Caches live outside the project and the published site: in ``$GUIDEGEN_CACHE_DIR``,
else ``$XDG_CACHE_HOME/guidegen`` (default ``~/.cache/guidegen``). Nothing in them is
trusted for its age: every entry is keyed by a hash of the bytes of its inputs and
of :func:`code_key` (guidegen's own source, the Python version and the name and
version of every installed package). ``GUIDEGEN_NO_CACHE=1`` (or ``guidegen
--no-cache``) turns them off: nothing is read or written.

The caches hold pickles and compiled templates, so they are read only from a folder
of the user's own (created with mode 700); do not point ``GUIDEGEN_CACHE_DIR`` at a
folder that others can write to.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path

#: Set to anything but ``0`` or nothing to turn every cache off.
NO_CACHE_VARIABLE = "GUIDEGEN_NO_CACHE"
#: A folder for the caches, instead of ``$XDG_CACHE_HOME/guidegen``.
CACHE_DIR_VARIABLE = "GUIDEGEN_CACHE_DIR"


#: Set by :func:`turned_off` (``guidegen --no-cache``) for the rest of a command.
_turned_off: list[bool] = []


def enabled() -> bool:
    """Whether the caches may be read and written (``GUIDEGEN_NO_CACHE`` unset or ``0``)."""
    return not _turned_off and os.environ.get(NO_CACHE_VARIABLE, "").strip() in ("", "0")


@contextlib.contextmanager
def turned_off() -> Iterator[None]:
    """Every cache off inside the block."""
    _turned_off.append(True)
    try:
        yield
    finally:
        _turned_off.pop()


def folder() -> Path:
    """The folder that holds guidegen's caches (not created here)."""
    explicit = os.environ.get(CACHE_DIR_VARIABLE, "")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    # The XDG specification says to ignore a relative path.
    root = Path(xdg) if os.path.isabs(xdg) else Path.home() / ".cache"
    return root / "guidegen"


def ensure_folder(path: Path) -> bool:
    """Create the cache folder ``path`` (owner only); False if that is not possible."""
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return False
    return path.is_dir()


@functools.cache
def code_key() -> str:
    """A SHA-256 of what, besides its inputs, decides a cached result.

    guidegen's own source files (so an edit to a check is never answered from the
    cache), the Python version, and the name and version of every installed
    package (so an upgrade of pydantic, PyYAML or MyST is not either).
    """
    digest = hashlib.sha256()
    digest.update(sys.version.encode())
    for name in _installed():
        digest.update(name.encode() + b"\0")
    digest.update(package_digest(frozenset({".py"})).encode())
    return digest.hexdigest()


@functools.cache
def package_digest(suffixes: frozenset[str]) -> str:
    """A SHA-256 of guidegen's own files whose suffix is in ``suffixes`` (names and bytes)."""
    digest = hashlib.sha256()
    package = os.path.dirname(__file__)
    for parts in sorted(_files(package, suffixes)):
        digest.update("/".join(parts).encode() + b"\0")
        with open(os.path.join(package, *parts), "rb") as handle:
            digest.update(handle.read() + b"\0")
    return digest.hexdigest()


def _files(
    folder: str, suffixes: frozenset[str], parts: tuple[str, ...] = ()
) -> Iterator[tuple[str, ...]]:
    """The files below ``folder`` whose suffix is in ``suffixes``, as parts of their path.

    As ``Path.rglob``, but cheaper (no Path per file, no stat for most): links to
    folders are not followed.
    """
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                yield from _files(entry.path, suffixes, (*parts, entry.name))
            elif os.path.splitext(entry.name)[1] in suffixes and entry.is_file():
                yield (*parts, entry.name)


def _installed() -> list[str]:
    """The installed distributions, as their metadata folders name them (name and version)."""
    names = []
    for entry in sys.path:
        try:
            listing = os.listdir(entry or ".")
        except OSError:
            continue
        names += [f"{entry}/{name}" for name in listing if name.endswith(("-info", ".pth"))]
    return sorted(names)
