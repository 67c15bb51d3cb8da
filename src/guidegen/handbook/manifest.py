"""What each generated file was made from, so that an unchanged one is not made again."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from guidegen.fileio import atomic_write

#: Bump when the manifest's layout changes: an older manifest is then ignored.
MANIFEST_VERSION = 1


@dataclass(frozen=True)
class _Entry:
    inputs: str
    size: int
    mtime_ns: int


class Manifest:
    """A JSON file mapping each generated file to the digest of its inputs.

    An entry also holds the size and modification time the file had when it was
    written, so a file that was edited, touched or removed since then no longer
    counts as current and is made again.  A missing, unreadable or older manifest
    is treated as empty: the worst it can cost is one full rendering.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._entries = self._load(path)
        self._changed = False

    @staticmethod
    def _load(path: Path) -> dict[str, _Entry]:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("version") != MANIFEST_VERSION:
                return {}
            return {name: _Entry(*entry) for name, entry in data["files"].items()}
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            return {}

    def is_current(self, file: Path, inputs: str) -> bool:
        """Whether ``file`` exists as it was written from these same ``inputs``."""
        entry = self._entries.get(str(file))
        if entry is None or entry.inputs != inputs:
            return False
        try:
            stat = file.stat()
        except OSError:
            return False
        return (stat.st_size, stat.st_mtime_ns) == (entry.size, entry.mtime_ns)

    def remember(self, file: Path, inputs: str) -> None:
        """Note that ``file``, as it is now on disk, was made from ``inputs``."""
        stat = file.stat()
        entry = _Entry(inputs, stat.st_size, stat.st_mtime_ns)
        if self._entries.get(str(file)) != entry:
            self._entries[str(file)] = entry
            self._changed = True

    def keep_only(self, files: set[Path]) -> None:
        """Forget every file not in ``files`` (removed records, other projects)."""
        names = {str(file) for file in files}
        for name in [name for name in self._entries if name not in names]:
            del self._entries[name]
            self._changed = True

    def save(self) -> None:
        """Write the manifest if anything changed (atomically: never half a file)."""
        if not self._changed:
            return
        files = {
            name: [entry.inputs, entry.size, entry.mtime_ns]
            for name, entry in sorted(self._entries.items())
        }
        data = json.dumps({"version": MANIFEST_VERSION, "files": files}, indent=0)
        atomic_write(self.path, data + os.linesep, durable=False)
        self._changed = False
