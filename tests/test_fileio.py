"""Writes are atomic and unchanged files are left alone (Sphinx rereads by mtime)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from guidegen.fileio import atomic_write, write_if_changed


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
