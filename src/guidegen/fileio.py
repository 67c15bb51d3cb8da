"""Safe file reading and writing: bounded reads, atomic replacement, no needless rewrite."""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import shutil
import stat
import tempfile
from collections.abc import Collection, Mapping
from pathlib import Path

#: How much :func:`read_bounded` reads at a time beyond the size the file had.
_READ_STEP = 65_536


class TooLarge(Exception):
    """A file is larger than the limit; ``size`` is its size in bytes."""

    def __init__(self, size: int) -> None:
        super().__init__(f"{size:,} bytes")
        self.size = size


def read_bounded(path: Path | str, max_bytes: int) -> bytes:
    """The bytes of the regular file ``path``, reading at most ``max_bytes`` plus one.

    A FIFO, device or folder is refused without reading from it (it is opened
    non-blocking, so a FIFO without a writer cannot hang the reader).

    :raises OSError: when the file cannot be opened or is not a regular file.
    :raises TooLarge: when it holds more than ``max_bytes``.
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise OSError(0, "not a regular file", str(path))
        # Ask for the size fstat gave (plus a byte, to see growth), then on in small
        # steps: a read allocates all it asks for, and the limit per file was slow.
        data = os.read(fd, min(info.st_size, max_bytes) + 1)
        while len(data) <= max_bytes:
            more = os.read(fd, min(_READ_STEP, max_bytes + 1 - len(data)))
            if not more:
                break
            data += more
    finally:
        os.close(fd)
    if len(data) > max_bytes:
        raise TooLarge(max(info.st_size, len(data)))
    return data


#: What a path is that is not a regular file, by the type bits of its mode.
_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def not_a_regular_file(path: Path) -> str | None:
    """What ``path`` is (following links), in words, if it is not a regular file; else None."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return "a symbolic link to nothing" if path.is_symlink() else "missing"
    except OSError as exc:
        return f"unreadable ({exc.strerror})"
    if stat.S_ISREG(mode):
        return None
    return next((kind for test, kind in _KINDS if test(mode)), "not a regular file")


def leaves_folder(path: Path, folder: Path) -> bool:
    """Whether ``path``, with every symbolic link followed, lies outside ``folder``."""
    return not path.resolve().is_relative_to(folder.resolve())


def private_folder(path: Path) -> bool:
    """Make the folder ``path`` (owner only) if it is missing; whether it is the user's own
    and nobody else may write to it (so what is read from it is what the user wrote)."""
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = path.stat()
    except OSError:
        return False
    others_write = info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
    return stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid() and not others_write


def folder_digest(folder: Path, suffixes: Collection[str]) -> str:
    """A SHA-256 of the names and bytes of the files below ``folder`` with one of ``suffixes``."""
    hasher = hashlib.sha256()
    for path in sorted(path for path in folder.rglob("*") if path.suffix in suffixes):
        if path.is_file():
            hasher.update(path.relative_to(folder).as_posix().encode() + b"\0")
            hasher.update(path.read_bytes() + b"\0")
    return hasher.hexdigest()


def atomic_write(path: Path, data: bytes | str, *, durable: bool = True) -> None:
    """Write ``data`` to ``path`` so that readers see the old or the new file, never half.

    The data goes to a temporary file in the same folder, is flushed to disk
    (unless ``durable`` is false: for files that can be made again) and then
    renamed over the target.  On any failure the temporary file is removed and
    the old file is left as it was.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.chmod(tmp_name, _mode_for(path))
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise


def _mode_for(path: Path) -> int:
    """The replaced file's permissions, or what a new file gets under the umask.

    ``mkstemp`` creates files readable by their owner only; a document or page
    must stay readable by whoever could read the file it replaces.
    """
    try:
        return path.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_if_changed(path: Path, text: str) -> bool:
    """Write ``text`` to ``path`` only if it differs; return whether it was written.

    Sphinx decides what to re-read from file modification times, so rewriting
    identical content would make every build a full build.  These are generated
    files, made again by the next build, so they are not forced to disk one by one
    (that took a third of the time of writing a handbook's pages).
    """
    try:
        if path.read_text(encoding="utf-8") == text:
            return False
    except (FileNotFoundError, UnicodeDecodeError):
        pass
    atomic_write(path, text, durable=False)
    return True


class WriteError(Exception):
    """``path`` could not be written; ``reason`` says why (the system's words)."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


def replace_together(files: Mapping[Path, bytes]) -> None:
    """Write all ``files`` or none: the old set stays whole if any write fails.

    Every file is first written in full to a temporary file next to its target
    and forced to disk; only then are they renamed over the targets. Should a
    rename fail, the targets already replaced get their old contents back (kept
    as hard links) and new ones are removed. Temporary files never stay.

    :raises WriteError: for the first file that could not be written.
    """
    temporary: dict[Path, str] = {}
    try:
        for path, data in files.items():
            temporary[path] = _write_temporary(path, data)
        _rename_all(temporary)
    finally:
        for name in temporary.values():
            with contextlib.suppress(FileNotFoundError):
                os.unlink(name)


def remove_stale_temporaries(folder: Path, names: list[str]) -> None:
    """Delete temporary files a killed run left for the files ``names`` in ``folder``."""
    for name in names:
        for path in folder.glob(f".{name}.*.tmp*"):
            with contextlib.suppress(OSError):
                path.unlink()


def _write_temporary(path: Path, data: bytes) -> str:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_dir():
            raise IsADirectoryError(errno.EISDIR, "there is a folder with this name")
        fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise WriteError(path, exc.strerror or str(exc)) from exc
    try:
        os.chmod(name, _mode_for(path))
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException as exc:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(name)
        if isinstance(exc, OSError):
            raise WriteError(path, exc.strerror or str(exc)) from exc
        raise
    return name


def _rename_all(temporary: dict[Path, str]) -> None:
    """Rename each temporary file over its target; on any failure undo the ones done."""
    kept: dict[Path, str | None] = {}  # target → hard link to its old contents, or None
    try:
        for path, name in temporary.items():
            kept[path] = _keep_old(path, name)
            try:
                os.replace(name, path)
            except OSError as exc:
                raise WriteError(path, exc.strerror or str(exc)) from exc
    except BaseException:
        for path, old in kept.items():
            with contextlib.suppress(OSError):
                if old is not None:
                    os.replace(old, path)
                elif not os.path.exists(temporary[path]):
                    path.unlink()
        raise
    finally:
        for old in kept.values():
            if old is not None:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(old)


def _keep_old(path: Path, name: str) -> str | None:
    """A hard link (or copy) of ``path``'s current contents, or None if it does not exist."""
    if not path.exists():
        return None
    old = f"{name}.old"
    try:
        os.link(path, old)
    except OSError:
        shutil.copy2(path, old)
    return old
