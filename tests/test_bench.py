"""Every benchmark script runs to its end: ``make bench`` cannot break unseen again.

Each script in ``bench/`` runs once with ``--quick`` (a tiny size, every step once) and
writes its JSON into a folder of the test, not ``bench/results/``. No time is asserted:
the figures of a quick run mean nothing.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import REPO

BENCH = REPO / "bench"
#: Each script and the JSON file it writes.
RESULTS = {
    "budgets.py": "budgets.json",
    "build.py": "build.json",
    "generator.py": "generator.json",
    "overlap.py": "overlap.json",
    "search.py": "search.json",
    "serve.py": "serve.json",
}
#: Scripts that measure a built handbook: they get the session's build (search.py runs
#: Chromium: tests/browser/test_bench_search.py).
NEEDS_SITE = frozenset({"search.py", "serve.py"})


def test_every_script_of_make_bench_is_run_here() -> None:
    scripts = {p.name for p in BENCH.glob("*.py") if '__name__ == "__main__"' in p.read_text()}
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\nbench:", 1)[1].split("\n\n", 1)[0]
    assert set(re.findall(r"bench/(\w+\.py)", recipe)) == scripts
    assert set(RESULTS) == scripts


def run_to_the_end(script: str, results: Path, *options: str) -> None:
    """Run ``bench/<script> --quick`` into ``results``: it ends well and saves its JSON."""
    command = [sys.executable, str(BENCH / script), "--quick", "--results", str(results)]
    # A guard against a hang, not a time limit: build.py takes about a minute on an idle
    # 2-core machine and over 150 s when other jobs share it.
    done = subprocess.run(
        [*command, *options], cwd=REPO, capture_output=True, text=True, timeout=900, check=False
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
    saved = results / RESULTS[script]
    assert json.loads(saved.read_text(encoding="utf-8"))
    assert f"saved {saved}" in done.stdout
    assert not any((BENCH / "results").glob("*.tmp"))


@pytest.mark.slow
@pytest.mark.parametrize("script", sorted(set(RESULTS) - NEEDS_SITE))
def test_the_benchmark_runs_to_its_end(script: str, tmp_path: Path) -> None:
    run_to_the_end(script, tmp_path)


def test_the_benchmark_of_the_service_runs_to_its_end(tmp_path: Path, real_site: Path) -> None:
    run_to_the_end("serve.py", tmp_path, "--site", str(real_site))
