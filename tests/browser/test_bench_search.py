"""The search benchmark (``bench/search.py``, in Chromium) runs to its end."""

from __future__ import annotations

from pathlib import Path

from ..test_bench import run_to_the_end


def test_the_benchmark_of_the_search_runs_to_its_end(tmp_path: Path, real_site: Path) -> None:
    run_to_the_end("search.py", tmp_path, "--site", str(real_site))
