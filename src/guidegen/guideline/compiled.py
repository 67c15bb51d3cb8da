"""The guideline templates, compiled once and kept between runs: Jinja's own bytecode cache.

Compiling the guideline's templates takes 0.09 s of CPU in every ``guidegen generate``;
without keeping them, a generate of one profile (md, html and docx) is over its budget
of 0.8 s (0.81 s against 0.72 s, ``bench/budgets.py``, 7 December 2026). Jinja checks
each template's source itself; the folder is per kind of environment and per version
of guidegen's code, because the compiled code also depends on the environment's
settings, which that code sets. It is the user's cache folder (platformdirs), used only
while nobody else may write to it (the cache holds code). A damaged entry is compiled
anew, and one that cannot be written is skipped.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import jinja2
import platformdirs
from jinja2.bccache import Bucket

from guidegen.fileio import folder_digest, private_folder

#: The guidegen package's folder: its code is part of the cache folder's name.
PACKAGE = Path(__file__).resolve().parents[1]


class _TolerantCache(jinja2.FileSystemBytecodeCache):
    """Jinja's file cache; an entry that cannot be read or written is a miss, not an error."""

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def template_cache(kind: str) -> jinja2.BytecodeCache | None:
    """A bytecode cache for one kind of Jinja environment, or None without a safe folder."""
    code = folder_digest(PACKAGE, {".py"})[:20]
    folder = platformdirs.user_cache_path("guidegen") / "templates" / f"{kind}-{code}"
    return _TolerantCache(str(folder)) if private_folder(folder) else None
