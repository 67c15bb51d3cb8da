"""The cache of checked content: never stale, never trusted when damaged or in a folder
others can write to, and the same messages as a check anew."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from guidegen import cli
from guidegen.cli import main
from guidegen.content import cache

from .conftest import ROOTS, write
from .test_currency import NOTE, OUTDATED, PRACTICE, WEB_SOURCE

RECORD = Path("content") / "practices" / "luister-eerst.yaml"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the test handbook, with a cache folder of its own."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    target = tmp_path / "project"
    shutil.copytree(ROOTS / "test-handbook", target)
    return target


def check(project: Path, *options: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, [*options, "check", str(project)], catch_exceptions=False)
    return result.exit_code, result.stdout


def cache_files(project: Path) -> list[Path]:
    folder = Path(os.environ["XDG_CACHE_HOME"]) / "guidegen"
    return sorted(folder.glob("content-*")) if folder.is_dir() else []


def forbid_checking(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make a run that would check the content anew fail, to prove it used the cache."""

    def fail(project: object) -> None:
        raise AssertionError("checked anew instead of using the cache")

    monkeypatch.setattr(cli, "check_content", fail)


def test_a_second_check_is_answered_from_the_cache(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = check(project)
    assert first[0] == 0
    assert len(cache_files(project)) == 1
    forbid_checking(monkeypatch)
    assert check(project) == first


def test_an_edit_of_the_same_size_and_time_is_seen(project: Path) -> None:
    assert check(project)[0] == 0
    record = project / RECORD
    before = record.stat()
    text = record.read_text(encoding="utf-8")
    assert "themes: [reageren]" in text
    record.write_text(text.replace("themes: [reageren]", "themes: [reagerem]"), encoding="utf-8")
    os.utime(record, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert record.stat().st_size == before.st_size
    assert record.stat().st_mtime_ns == before.st_mtime_ns
    code, out = check(project)
    assert code == 1
    assert "luister-eerst.yaml:6:" in out
    assert "'reagerem'" in out


def test_a_new_file_is_seen(project: Path) -> None:
    assert check(project)[0] == 0
    write(project / "content" / "practices" / "notes.txt", "geen record\n")
    code, out = check(project)
    assert code == 1
    assert "notes.txt:1:1: error: not a record file" in out


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: b"",
        lambda data: b"\x80\x04garbage" * 50,
        lambda data: data[: len(data) // 2],  # right header, cut-off pickle
        lambda data: data.replace(cache.FORMAT, b"guidegen content cache 0\n", 1),
    ],
    ids=["empty", "garbage", "truncated", "other-format"],
)
def test_a_damaged_cache_is_ignored_and_replaced(project: Path, damage) -> None:  # type: ignore[no-untyped-def]
    first = check(project)
    (cached,) = cache_files(project)
    good = cached.read_bytes()
    cached.write_bytes(damage(good))
    assert check(project) == first
    assert cached.read_bytes() == good


def test_a_cache_of_other_content_is_not_used(project: Path, tmp_path: Path) -> None:
    """Another project's cache file, put where this project's belongs, is ignored."""
    check(project)
    (cached,) = cache_files(project)
    other = tmp_path / "other"
    shutil.copytree(project, other)
    write(other / "content" / "practices" / "notes.txt", "geen record\n")
    assert check(other)[0] == 1
    (theirs,) = [path for path in cache_files(project) if path != cached]
    shutil.copyfile(theirs, cached)
    assert check(project)[0] == 0


def test_warnings_from_the_cache_are_the_same(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = project / "content"
    write(content / "vocabulary.yaml", (content / "vocabulary.yaml").read_text() + OUTDATED)
    write(content / "sources" / "woo-pagina.yaml", WEB_SOURCE)
    write(content / "practices" / "vraag-het-archief.yaml", PRACTICE)
    note = NOTE.format(review="2020-01-01", source="woo-pagina")
    write(content / "practices" / "oude-archief.yaml", PRACTICE.replace("vraag-het", "oude") + note)
    uncached = check(project, "--no-cache")
    assert uncached[0] == 0
    assert "warning: mentions 'Wob'" in uncached[1]
    assert "warning: note of 2026-11-26 was to be reviewed" in uncached[1]
    assert not cache_files(project)  # --no-cache writes nothing
    assert check(project) == uncached  # fills the cache
    forbid_checking(monkeypatch)
    assert check(project) == uncached  # from the cache


def test_no_cache_variable_turns_the_cache_off(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GUIDEGEN_NO_CACHE", "1")
    assert check(project)[0] == 0
    assert not cache_files(project)


def test_a_fifo_or_a_link_cycle_in_the_content_cannot_hang_the_key(project: Path) -> None:
    """The key reads only regular files and each real folder once; the loader reports both."""
    practices = project / "content" / "practices"
    os.mkfifo(practices / "pijp.yaml")
    (practices / "rondje").symlink_to(practices, target_is_directory=True)
    command = [sys.executable, "-c", "from guidegen.cli import main; main()", "check", str(project)]
    for _ in range(2):  # the second run must not answer from a cache either
        done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
        assert done.returncode == 1
        assert "pijp.yaml:1:1: error:" in done.stdout
        assert "rondje:1:1: error: not a record file" in done.stdout
    assert not cache_files(project)


@pytest.mark.parametrize("whose", ["others may write", "another owner"])
def test_a_cache_folder_that_is_not_the_users_own_is_not_used(
    project: Path, monkeypatch: pytest.MonkeyPatch, whose: str
) -> None:
    """The cache holds pickles: from a folder someone else could fill, nothing is read."""
    assert check(project)[0] == 0
    (cached,) = cache_files(project)
    folder = cached.parent
    assert folder.stat().st_mode & 0o777 == 0o700
    if whose == "others may write":
        folder.chmod(0o777)
    else:
        owner = folder.stat().st_uid
        monkeypatch.setattr(os, "getuid", lambda: owner + 1)
    forbid_checking(monkeypatch)
    with pytest.raises(AssertionError, match="checked anew"):
        check(project)  # the cache file is there, with the right key: not read
