"""The manifest of generated files: a file counts as current only as it was written."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from guidegen.handbook.manifest import MANIFEST_VERSION, Manifest


@pytest.fixture
def page(tmp_path: Path) -> Path:
    path = tmp_path / "kennisbank" / "pagina.md"
    path.parent.mkdir()
    path.write_text("# Pagina\n", encoding="utf-8")
    return path


def test_a_remembered_file_is_current_for_the_same_inputs_only(tmp_path: Path, page: Path) -> None:
    manifest = Manifest(tmp_path / "manifest.json")
    assert not manifest.is_current(page, "invoer-1")
    manifest.remember(page, "invoer-1")
    assert manifest.is_current(page, "invoer-1")
    assert not manifest.is_current(page, "invoer-2")
    manifest.save()
    assert Manifest(tmp_path / "manifest.json").is_current(page, "invoer-1")


@pytest.mark.parametrize("change", ["edit", "touch", "remove"])
def test_a_file_changed_by_hand_is_no_longer_current(
    tmp_path: Path, page: Path, change: str
) -> None:
    manifest = Manifest(tmp_path / "manifest.json")
    manifest.remember(page, "invoer")
    if change == "edit":
        page.write_text("# Met de hand bewerkt\n", encoding="utf-8")
    elif change == "touch":
        later = page.stat().st_mtime_ns + 1_000_000_000
        os.utime(page, ns=(later, later))
    else:
        page.unlink()
    assert not manifest.is_current(page, "invoer")


@pytest.mark.parametrize(
    "stored",
    [
        "{not json",
        json.dumps({"version": MANIFEST_VERSION + 1, "files": {}}),
        json.dumps({"version": MANIFEST_VERSION, "files": {"x": [1]}}),
        json.dumps([1, 2]),
        "",
    ],
)
def test_an_unreadable_or_older_manifest_counts_as_empty(
    tmp_path: Path, page: Path, stored: str
) -> None:
    path = tmp_path / "manifest.json"
    path.write_text(stored, encoding="utf-8")
    manifest = Manifest(path)
    assert not manifest.is_current(page, "invoer")
    manifest.remember(page, "invoer")
    manifest.save()
    assert Manifest(path).is_current(page, "invoer")


def test_save_writes_only_after_a_change_and_forgets_what_is_not_kept(
    tmp_path: Path, page: Path
) -> None:
    path = tmp_path / "manifest.json"
    other = page.with_name("weg.md")
    other.write_text("weg\n", encoding="utf-8")
    manifest = Manifest(path)
    manifest.remember(page, "invoer")
    manifest.remember(other, "invoer")
    manifest.save()
    written = path.stat().st_mtime_ns
    again = Manifest(path)
    again.remember(page, "invoer")
    again.keep_only({page, other})
    again.save()
    assert path.stat().st_mtime_ns == written
    again.keep_only({page})
    again.save()
    reread = Manifest(path)
    assert reread.is_current(page, "invoer")
    assert not reread.is_current(other, "invoer")
