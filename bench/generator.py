"""Benchmark of ``guidegen generate``: one profile per format, and a batch of 100 profiles.

Run with ``make bench`` (or ``python bench/generator.py``). Prints a table and
writes ``bench/results/generator.json``. Times are medians of several runs, in
one process, after one warm-up run (templates compiled, WeasyPrint loaded).
``--quick`` measures once and makes a batch of two (the test suite runs it: it
proves the script works).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import get_args

import yaml

from guidegen.content.knowledge import load_knowledge_base
from guidegen.content.model import OrganisationType
from guidegen.guideline.generate import FORMATS, generate, template_folders, write_generated
from guidegen.guideline.profile import LoadedProfile, load_profile
from guidegen.trees.decisiontree import load_trees

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "bench" / "results"
DAY = date(2026, 11, 23)
#: The example profile used for the per-format figures (the richest one).
PROFILE = REPO / "profiles" / "gemeente-maasstad.yaml"


def median_seconds(action: Callable[[], object], runs: int) -> float:
    action()  # warm-up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def batch_profiles(folder: Path, count: int) -> list[Path]:
    """``count`` different profiles: the examples with other names, types and platforms."""
    examples = sorted((REPO / "profiles").glob("*.yaml"))
    platforms = ["facebook", "x-twitter", "linkedin", "instagram", "youtube"]
    types = get_args(OrganisationType)
    paths = []
    for index in range(count):
        data = yaml.safe_load(examples[index % len(examples)].read_text(encoding="utf-8"))
        data["organisation"]["name"] = f"Organisatie {index:03d}"
        data["organisation"]["type"] = types[index % len(types)]
        data["organisation"].pop("logo", None)
        data["platforms"] = platforms[: 1 + index % len(platforms)]
        data.pop("accounts", None)
        data.pop("audiences", None)
        path = folder / f"profiel-{index:03d}.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per figure (median)")
    parser.add_argument("--batch", type=int, default=100, help="profiles in the batch")
    parser.add_argument("--results", type=Path, default=RESULTS, help="folder for the JSON")
    parser.add_argument("--quick", action="store_true", help="one run, a batch of two")
    args = parser.parse_args()
    if args.quick:
        args.runs, args.batch = 1, 2

    start = time.perf_counter()
    base, problems = load_knowledge_base(REPO / "content")
    loaded_trees, tree_problems = load_trees(REPO / "decisions", base)
    if problems or tree_problems:
        print("the knowledge base has problems; run guidegen check", file=sys.stderr)
        return 1
    load_seconds = time.perf_counter() - start
    trees = [loaded.tree for loaded in loaded_trees]
    folders = template_folders(REPO / "templates")
    loaded, _ = load_profile(PROFILE, base)
    assert loaded is not None

    def one(formats: tuple[str, ...], profile: LoadedProfile = loaded) -> Callable[[], object]:
        return lambda: generate(profile, base, trees, folders, formats, DAY)

    rows: dict[str, float] = {"load content and trees (once)": load_seconds}
    for fmt in FORMATS:
        needs = ("html", "pdf") if fmt == "pdf" else (fmt,)
        rows[f"one profile: {fmt}"] = median_seconds(one(needs), args.runs)
    rows["one profile: md+html+docx"] = median_seconds(one(("md", "html", "docx")), args.runs)
    rows["one profile: all four"] = median_seconds(one(FORMATS), max(1, args.runs // 2))

    with tempfile.TemporaryDirectory() as tmp:
        paths = batch_profiles(Path(tmp), args.batch)
        out = Path(tmp) / "uit"
        start = time.perf_counter()
        for path in paths:
            profile, found = load_profile(path, base)
            assert profile is not None, found
            write_generated(
                generate(profile, base, trees, folders, ("md", "html", "docx"), DAY), out
            )
        rows[f"batch of {args.batch}: md+html+docx, written"] = time.perf_counter() - start
        sizes = {
            fmt: sum(p.stat().st_size for p in out.glob(f"*.{fmt}")) // args.batch
            for fmt in ("md", "html", "docx")
        }

    width = max(len(name) for name in rows)
    print(f"{'guideline generator':<{width}}  seconds")
    for name, seconds in rows.items():
        print(f"{name:<{width}}  {seconds:8.3f}")
    print(
        f"average size per document: {', '.join(f'{k} {v // 1024} KB' for k, v in sizes.items())}"
    )
    args.results.mkdir(parents=True, exist_ok=True)
    result = {"seconds": rows, "runs": args.runs, "batch": args.batch, "bytes_per_document": sizes}
    saved = args.results / "generator.json"
    saved.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"saved {saved}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
