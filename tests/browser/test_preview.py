"""``make preview`` in Chromium: a saved record reloads the open page with the change.

The test starts ``guidegen preview``, the command ``make preview`` runs, on a copy of
the small test handbook, opens a record's page and only edits files: the page in the
browser reloads itself (sphinx-autobuild's script). A record with a problem is reported
in the terminal, the preview keeps running and its last good page, and the fix reloads
the page again; so does a new ``site.yaml`` beside ``conf.py``.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from ..conftest import REPO, ROOTS

RECORD = Path("content", "practices", "luister-eerst.yaml")
PAGE = "kennisbank/luister-eerst.html"
#: A build of the small handbook takes seconds; on two cores shared by other jobs, minutes
#: (a guard against a hang, not a time limit).
BUILD_SECONDS = 600


#: Terminal colours and line erasing: Sphinx colours its output where it thinks a terminal
#: (or a CI service) reads it, and the test reads the words.
TERMINAL_CODES = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


class Preview:
    """``guidegen preview`` in a process group of its own, with its output collected."""

    def __init__(self, project: Path) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.process = subprocess.Popen(
            [sys.executable, "-m", "guidegen", "preview", "--port", str(self.port)],
            cwd=project,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        self.lines: list[str] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(TERMINAL_CODES.sub("", line))

    def output(self, since: int = 0) -> str:
        return "".join(self.lines[since:])

    def wait_for(self, text: str, since: int) -> str:
        """The output from line ``since`` on, once it contains ``text``."""
        deadline = time.monotonic() + BUILD_SECONDS
        while text not in self.output(since):
            assert self.process.poll() is None, f"the preview stopped:\n{self.output()}"
            assert time.monotonic() < deadline, f"no {text!r} in:\n{self.output(since)}"
            time.sleep(0.2)
        return self.output(since)

    def wait_until_listening(self) -> None:
        """Until the server accepts connections: sphinx-autobuild says "Serving on" before
        its web server has bound the port (seen on a loaded machine)."""
        deadline = time.monotonic() + BUILD_SECONDS
        while True:
            assert self.process.poll() is None, f"the preview stopped:\n{self.output()}"
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return
            except OSError:
                assert time.monotonic() < deadline, f"nothing listens on {self.port}"
                time.sleep(0.2)

    def stop(self) -> None:
        """Ctrl-C, as the editor stops it; then what is left of its group (a build)."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.reader.join(timeout=10)
        assert self.process.stdout is not None
        self.process.stdout.close()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The test handbook laid out as this repository: conf.py beside docs/ and content/."""
    root = tmp_path / "handbook"
    shutil.copytree(ROOTS / "test-handbook", root, ignore=shutil.ignore_patterns("index.md"))
    (root / "docs").mkdir()
    shutil.copy(ROOTS / "test-handbook" / "index.md", root / "docs" / "index.md")
    return root


@pytest.fixture
def preview(project: Path) -> Iterator[Preview]:
    running = Preview(project)
    try:
        running.wait_for("Serving on http://", since=0)
        running.wait_until_listening()
        yield running
    finally:
        running.stop()


def set_title(project: Path, line: str) -> None:
    """Save the record with ``line`` in place of its title line, as an editor does."""
    path = project / RECORD
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(?m)^(title|titel): .*$", line, text), encoding="utf-8")


@contextlib.contextmanager
def explained(preview: Preview) -> Iterator[None]:
    """Add the preview's output to an assertion that fails within."""
    try:
        yield
    except AssertionError as error:
        raise AssertionError(f"{error}\n\nguidegen preview:\n{preview.output()}") from None


def expect_title(page: Any, preview: Preview, title: str) -> None:
    """Wait until the page in the browser has ``title``."""
    with explained(preview):
        expect(page).to_have_title(
            re.compile(f"^{re.escape(title)} — "), timeout=BUILD_SECONDS * 1000
        )


def test_a_saved_record_reloads_its_open_page(
    browser: Any,
    project: Path,
    preview: Preview,
) -> None:
    page = browser.new_page()
    page.goto(f"http://127.0.0.1:{preview.port}/{PAGE}")
    expect_title(page, preview, "Luister eerst")

    since = len(preview.lines)
    # What is not part of the handbook is not watched: an editor's swap file, code.
    (project / RECORD.parent / ".luister-eerst.yaml.swp").write_bytes(b"b0VIM 9.0")
    (project / "tools").mkdir()
    (project / "tools" / "notes.py").write_text("print()\n", encoding="utf-8")
    set_title(project, "title: Luister eerst, dan pas plaatsen")
    expect_title(page, preview, "Luister eerst, dan pas plaatsen")
    # Sphinx read the record's page again, and not the whole handbook.
    rebuilt = preview.wait_for("Serving on http://", since)
    first = re.search(r"updating environment: \[new config\] (\d+) added", preview.output())
    assert first is not None, preview.output()
    read = re.findall(r"^reading sources\.\.\. \[ *\d+%\] (\S+)$", rebuilt, re.MULTILINE)
    assert PAGE.removesuffix(".html") in read
    assert "index" not in read
    assert len(read) < int(first[1])

    # A problem: reported in the terminal with its place; the preview keeps running and,
    # when the page reloads, still shows the last good version of it.
    page.evaluate("window.beforeTheProblem = true")
    since = len(preview.lines)
    set_title(project, "titel: Luister eerst")
    reported = preview.wait_for("problem(s) found", since)
    assert "content/practices/luister-eerst.yaml:1:1: error: missing required field 'title'" in (
        reported
    )
    page.wait_for_function("window.beforeTheProblem === undefined", timeout=BUILD_SECONDS * 1000)
    expect_title(page, preview, "Luister eerst, dan pas plaatsen")
    assert "sphinx build" not in preview.output(since)  # no build dropped the record's page
    assert preview.process.poll() is None

    # The fix reloads the page again, with the fixed title.
    set_title(project, "title: Luister eerst, opnieuw")
    expect_title(page, preview, "Luister eerst, opnieuw")

    # The publisher's settings beside conf.py are part of the handbook too.
    shutil.copy(REPO / "site.voorbeeld.yaml", project / "site.yaml")
    with explained(preview):
        expect(page.get_by_role("contentinfo")).to_contain_text(
            "Gemeente Heuvelrade", timeout=BUILD_SECONDS * 1000
        )
    page.close()
    # One build per save: the pages the builds write into docs/ start no other.
    detected = re.findall(r"Detected changes \((.*?)\)", preview.output())
    assert detected == [RECORD.as_posix()] * 3 + ["site.yaml"]
