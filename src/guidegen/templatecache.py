"""Compiled Jinja templates kept between runs (Jinja's bytecode cache, made tolerant)."""

from __future__ import annotations

import contextlib
import io
import marshal
import pickle

import jinja2
from jinja2.bccache import Bucket, bc_magic

from guidegen.cache import code_key, enabled, ensure_folder, folder


class TolerantBytecodeCache(jinja2.FileSystemBytecodeCache):
    """Jinja's file cache, but a corrupt or unwritable entry is a miss, not an error."""

    def load_bytecode(self, bucket: Bucket) -> None:
        """Jinja's entry (magic, pickled checksum, marshalled code) read in one go:
        ``marshal.load`` on a file reads it in tiny pieces, four times slower."""
        try:
            with open(self._get_cache_filename(bucket), "rb") as handle:
                data = handle.read()
            stream = io.BytesIO(data)
            if stream.read(len(bc_magic)) == bc_magic and pickle.load(stream) == bucket.checksum:
                bucket.code = marshal.loads(data[stream.tell() :])
            else:
                bucket.reset()
        except Exception:
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def template_bytecode(kind: str) -> jinja2.BytecodeCache | None:
    """A bytecode cache for one kind of Jinja environment, or None when caches are off.

    Jinja checks each template's source checksum itself. The folder is per
    :func:`guidegen.cache.code_key` as well, because the compiled code also depends
    on the environment's settings (escaping, filters), which guidegen's source sets.
    """
    if not enabled():
        return None
    path = folder() / "templates" / f"{kind}-{code_key()[:20]}-jinja{jinja2.__version__}"
    if not ensure_folder(path):
        return None
    return TolerantBytecodeCache(str(path))
