"""Writes are atomic and unchanged files are left alone (Sphinx rereads by mtime)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from guidegen.fileio import (
    TooLarge,
    atomic_write,
    folder_digest,
    read_bounded,
    write_if_changed,
)

from .conftest import ROOTS


def test_failed_replace_keeps_the_old_file_and_leaves_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "pagina.md"
    target.write_text("oud en goed\n", encoding="utf-8")

    def broken_replace(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        atomic_write(target, "nieuw\n")
    assert target.read_text(encoding="utf-8") == "oud en goed\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pagina.md"]


def test_write_if_changed_keeps_the_mtime_of_identical_content(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "pagina.md"
    assert write_if_changed(target, "tekst\n") is True
    os.utime(target, ns=(1_000_000_000, 1_000_000_000))
    assert write_if_changed(target, "tekst\n") is False
    assert target.stat().st_mtime_ns == 1_000_000_000
    assert write_if_changed(target, "andere tekst\n") is True
    assert target.read_text(encoding="utf-8") == "andere tekst\n"


def test_written_files_keep_the_permissions_of_the_file_they_replace(tmp_path: Path) -> None:
    fresh = tmp_path / "nieuw.md"
    atomic_write(fresh, "tekst\n")
    umask = os.umask(0)
    os.umask(umask)
    assert fresh.stat().st_mode & 0o777 == 0o666 & ~umask
    existing = tmp_path / "bestaand.md"
    existing.write_text("oud\n")
    existing.chmod(0o640)
    atomic_write(existing, "nieuw\n")
    assert existing.stat().st_mode & 0o777 == 0o640


def test_bounded_read_refuses_what_is_not_a_regular_file(tmp_path: Path) -> None:
    fifo = tmp_path / "boom.yaml"
    os.mkfifo(fifo)
    for path in (fifo, tmp_path, Path("/dev/zero")):
        with pytest.raises(OSError, match="not a regular file"):
            read_bounded(path, 100)


def test_bounded_read_reads_at_most_the_limit_plus_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "groot.yaml"
    path.write_bytes(b"x" * 5000)
    sizes: list[int] = []
    real_read = os.read

    def recording_read(fd: int, size: int) -> bytes:
        sizes.append(size)
        return real_read(fd, size)

    monkeypatch.setattr(os, "read", recording_read)
    with pytest.raises(TooLarge) as raised:
        read_bounded(path, 100)
    assert raised.value.size == 5000
    assert sizes == [101]
    sizes.clear()
    assert read_bounded(path, 5000) == b"x" * 5000
    assert sizes == [5001, 1]  # the second read finds the end
    sizes.clear()
    # A small file under a big limit: it asks for the file's size, not the limit.
    assert read_bounded(path, 16_000_000) == b"x" * 5000
    assert max(sizes) <= 65_536


def test_bounded_read_reads_a_file_whose_size_is_not_known_whole() -> None:
    """Files in /proc say they are empty; the read goes on to the end (or the limit)."""
    status = Path("/proc/self/status")
    assert status.stat().st_size == 0
    data = read_bounded(status, 100_000)
    assert data.startswith(b"Name:")
    assert data.endswith(b"\n")
    with pytest.raises(TooLarge):
        read_bounded(status, 10)


def test_check_and_generate_refuse_a_fifo_and_a_device(tmp_path: Path) -> None:
    """A FIFO among the trees and /dev/zero as a profile: a located error, no hang."""
    project = tmp_path / "project"
    shutil.copytree(ROOTS / "test-handbook", project)
    fifo = project / "decisions" / "pijp.yaml"
    os.mkfifo(fifo)
    guidegen = [str(Path(sys.executable).parent / "guidegen")]
    check = subprocess.run(
        [*guidegen, "check", str(project)], check=False, capture_output=True, text=True, timeout=120
    )
    assert check.returncode == 1
    assert check.stdout.splitlines() == [
        f"{fifo}:1:1: error: not a regular file but a FIFO (named pipe); a tree is a plain "
        "'.yaml' file"
    ]
    fifo.unlink()
    generate = subprocess.run(
        [*guidegen, "generate", "/dev/zero", "--project", str(project), "-o", str(tmp_path)],
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert generate.returncode == 1
    assert generate.stdout == (
        "/dev/zero:1:1: fout: het bestand kan niet worden gelezen: het is geen gewoon bestand\n"
    )


def test_a_folder_digest_changes_with_a_files_bytes_or_name_only(tmp_path: Path) -> None:
    """The digest that tells pages and the content cache that guidegen's code changed."""
    write_if_changed(tmp_path / "a.py", "x = 1\n")
    write_if_changed(tmp_path / "sub" / "page.jinja", "{{ x }}\n")
    write_if_changed(tmp_path / "notes.txt", "not code\n")
    suffixes = {".py", ".jinja"}
    first = folder_digest(tmp_path, suffixes)
    (tmp_path / "notes.txt").write_text("still not code\n", encoding="utf-8")
    assert folder_digest(tmp_path, suffixes) == first
    (tmp_path / "sub" / "page.jinja").write_text("{{ y }}\n", encoding="utf-8")
    edited = folder_digest(tmp_path, suffixes)
    assert edited != first
    (tmp_path / "a.py").rename(tmp_path / "b.py")
    assert folder_digest(tmp_path, suffixes) not in {first, edited}
    assert folder_digest(tmp_path, {".py"}) != folder_digest(tmp_path, suffixes)
