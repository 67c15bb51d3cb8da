"""The Makefile's install works with the pip a fresh venv brings, whatever was released since.

The test makes a venv exactly as ``make site`` does (``python3 -m venv`` with its own pip)
and runs the Makefile's own install command, as a dry run, for both lock files. A lock
that today's installer cannot read (pip 23.2 refused ``fonttools[woff]`` once a newer
fonttools was out) fails here, in CI, and not on a user's machine.
"""

from __future__ import annotations

import re
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
