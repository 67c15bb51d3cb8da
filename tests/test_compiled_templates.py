"""Compiled guideline templates kept between runs: the same guideline, from a cache that is
never stale, never trusted when damaged or in a folder others may write to."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import jinja2
import pytest

from guidegen.guideline.compiled import template_cache

from .conftest import REPO, write

PROFILE = REPO / "profiles" / "gemeente-heuvelrade.yaml"


def generate(tmp_path: Path, out: str, cache: Path) -> dict[str, bytes]:
    """The md and html guideline made by a process of its own, as on the command line."""
    args = ["generate", str(PROFILE), "-o", str(tmp_path / out), "--format", "md,html"]
    args += ["--date", "2026-01-01", "--project", str(REPO)]
    command = [sys.executable, "-c", "from guidegen.cli import main; main()", *args]
    done = subprocess.run(command, env={**os.environ, "XDG_CACHE_HOME": str(cache)}, check=False)
    assert done.returncode == 0
    return {path.name: path.read_bytes() for path in (tmp_path / out).iterdir()}


def test_compiled_templates_give_the_same_guideline(tmp_path: Path) -> None:
    """Compiled anew, from the cache and from a damaged cache: the same bytes."""
    cache = tmp_path / "cache"
    fresh = generate(tmp_path, "fresh", cache)
    compiled = sorted((cache / "guidegen" / "templates").rglob("*.cache"))
    assert {path.parent.name.split("-")[1] for path in compiled} == {"md", "html"}
    assert generate(tmp_path, "cached", cache) == fresh
    for path in compiled:
        path.write_bytes(path.read_bytes()[:40] + b"damaged")
    assert generate(tmp_path, "damaged", cache) == fresh
    assert generate(tmp_path, "elsewhere", tmp_path / "other") == fresh


def render(
    template: Path, monkeypatch: pytest.MonkeyPatch, *, compiling: bool, **names: str
) -> str:
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(template.parent))
    environment.bytecode_cache = template_cache("test")
    if not compiling:

        def fail(*args: object, **kwargs: object) -> None:
            raise AssertionError("compiled anew instead of using the cache")

        monkeypatch.setattr(environment, "compile", fail)
    return environment.get_template(template.name).render(**names)


def test_a_compiled_template_is_read_back_unless_its_source_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    template = write(tmp_path / "sjablonen" / "groet.jinja", "Hallo {{ naam }}!")
    assert render(template, monkeypatch, compiling=True, naam="Anna") == "Hallo Anna!"
    assert render(template, monkeypatch, compiling=False, naam="Bram") == "Hallo Bram!"
    template.write_text("Dag {{ naam }}.", encoding="utf-8")
    assert render(template, monkeypatch, compiling=True, naam="Cas") == "Dag Cas."
    assert render(template, monkeypatch, compiling=False, naam="Dirk") == "Dag Dirk."


@pytest.mark.parametrize("whose", ["others may write", "another owner"])
def test_a_cache_folder_that_is_not_the_users_own_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, whose: str
) -> None:
    """The cache holds code: from a folder someone else could fill, nothing is read."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    template = write(tmp_path / "sjablonen" / "groet.jinja", "Hallo {{ naam }}!")
    assert render(template, monkeypatch, compiling=True, naam="Anna") == "Hallo Anna!"
    (folder,) = (tmp_path / "cache" / "guidegen" / "templates").iterdir()
    assert folder.stat().st_mode & 0o777 == 0o700
    assert list(folder.glob("*.cache"))
    if whose == "others may write":
        folder.chmod(0o777)
    else:
        owner = folder.stat().st_uid
        monkeypatch.setattr(os, "getuid", lambda: owner + 1)
    assert template_cache("test") is None
    with pytest.raises(AssertionError, match="compiled anew"):
        render(template, monkeypatch, compiling=False, naam="Bram")
