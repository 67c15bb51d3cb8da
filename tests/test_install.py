"""The Makefile's install works with the pip a fresh venv brings, whatever was released since.

The test makes a venv exactly as ``make site`` does (``python3 -m venv`` with its own pip)
and runs the Makefile's own install command, as a dry run, for both lock files. A lock
that today's installer cannot read (pip 23.2 refused ``fonttools[woff]`` once a newer
fonttools was out) fails here, in CI, and not on a user's machine.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import REPO

LOCKS = ("requirements-site.txt", "requirements-test.txt", "installer.txt")


@pytest.mark.slow
def test_the_makefile_installs_both_lock_files_in_a_fresh_venv(tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    result = subprocess.run(
        ["make", "--no-print-directory", f"VENV={venv}", "install-dry-run"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    # The dry runs named what they would install: every package of both locks.
    would_install = " ".join(
        line for line in result.stdout.splitlines() if line.startswith("Would install")
    )
    for name in ("sphinx", "weasyprint", "fonttools", "pytest", "playwright"):
        assert re.search(rf"\b{name}-[0-9]", would_install, re.IGNORECASE), name
    # The venv's pip was replaced by the pinned one before anything else.
    pinned = re.search(r"^pip==(\S+)", (REPO / "requirements" / "installer.txt").read_text(), re.M)
    assert pinned is not None
    version = subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pip", "--version"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert version.startswith(f"pip {pinned.group(1)} "), version


def test_every_lock_pins_exact_versions_with_hashes() -> None:
    """--require-hashes with --no-deps installs exactly what the lock lists, nothing more."""
    for name in LOCKS:
        text = (REPO / "requirements" / name).read_text(encoding="utf-8")
        requirements = re.findall(r"^([A-Za-z0-9_.\[\],-]+)(==|>=|<|~=|@)?(\S*) \\$", text, re.M)
        assert requirements, name
        for package, operator, version in requirements:
            assert operator == "==", f"{name}: {package} is not pinned exactly"
            assert version, f"{name}: {package} has no version"


def test_make_site_with_a_broken_record_leaves_the_published_handbook_alone(
    tmp_path: Path,
) -> None:
    """A broken record stops ``make site`` before Sphinx writes anything: the folder that
    is published keeps the last good handbook, never half of a new one."""
    project = tmp_path / "project"
    for part in ("content", "decisions", "docs", "templates"):
        shutil.copytree(REPO / part, project / part)
    for name in ("Makefile", "conf.py"):
        shutil.copy2(REPO / name, project / name)
    record = project / "content" / "practices" / "begin-een-weblog.yaml"
    record.write_text(
        record.read_text(encoding="utf-8").replace("\ntitle:", "\ntitel:", 1), encoding="utf-8"
    )
    published = project / "_build" / "html"
    published.mkdir(parents=True)
    (published / "index.html").write_text("de vorige, goede versie", encoding="utf-8")
    result = subprocess.run(
        # `install` counts as done: the project's own venv is used, nothing installed.
        ["make", "--no-print-directory", "-o", "install", f"VENV={REPO / '.venv'}", "site"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode != 0, result.stdout
    assert "content/practices/begin-een-weblog.yaml:" in result.stdout + result.stderr
    assert [p.name for p in published.iterdir()] == ["index.html"]
    assert (published / "index.html").read_text(encoding="utf-8") == "de vorige, goede versie"
    assert not (project / "_build" / "doctrees").exists()
