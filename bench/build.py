"""Benchmark of handbook builds: clean, plain Sphinx, incremental, parallel, memory, size.

Run with ``make bench`` (or ``python bench/build.py``). For each size it makes a
synthetic project (``bench/corpus.py``: copies of the real records with real Dutch
text, facets, sources and cross-references, plus the six trees) and measures:

- a clean guidegen build (generated pages removed, fresh environment);
- plain Sphinx on the same pages: the Markdown guidegen generated, copied into a
  project with the same theme, MyST and sphinx-design but without the extension
  (the trees and the do's and don'ts filter are guidegen directives, so those
  pages are left out there). The theme's layout reads values the extension gives
  each page (the tokens file, the menu, the search filters); the plain project gives
  the layout fixed ones (:data:`PLAIN_CONTEXT`), so it pays for none of that work;
- at the middle sizes: an edit of one record's body (time, pages re-read and
  written, generated files rewritten, with ``-j auto`` and ``-j 1``), a no-op
  build, and a clean build with ``-j 1`` against ``-j auto``.

Times are medians of ``--runs`` runs (the largest size runs once: see the README).
Prints a table and writes ``bench/results/build.json`` (``--results``: another folder).
``--quick`` runs every step once at a tiny size: it proves the script works (the
test suite runs it), its figures mean nothing.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import yaml
from corpus import make_corpus  # type: ignore[import-not-found]

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "bench" / "results"
THEME_PATH = REPO / "src" / "guidegen" / "sphinx" / "theme"
GENERATED = ("kennisbank", "beslisbomen", "voorbeeldrichtlijnen")
TREE_PAGE = "beslisbomen/moet-ik-reageren.html"
#: What the theme's layout takes from the extension, fixed for the plain Sphinx build:
#: the example tokens, no menu, no search filters, no "last updated".
PLAIN_CONTEXT = {
    "guidegen_site_name": "Handboek sociale media",
    "guidegen_tokens_css": "nlds/voorbeeld-tokens.css",
    "guidegen_tokens_class": "voorbeeld-theme",
    "guidegen_navigation": [],
    "guidegen_last_updated": None,
    "guidegen_indexed": False,
    "guidegen_search_filters": [],
    "guidegen_search_data": "{}",
    "guidegen_search_trees": [],
    "guidegen_search_overviews": [],
    "guidegen_publisher": None,
    "guidegen_home_href": "index.html",
    "guidegen_colofon_href": "colofon.html",
    "guidegen_statement_href": "toegankelijkheid.html",
    "guidegen_contact_href": "colofon.html#contact",
    "guidegen_page_url": "",
    "guidegen_has_base_url": False,
}
#: ``--quick``: the smallest corpus (one record of each type), every step once.
QUICK = {"records": "6", "runs": 1, "incremental_at": 6, "serial_at": 6}


@dataclass
class Build:
    """One sphinx-build run."""

    seconds: float
    cpu_seconds: float
    peak_rss_mb: float
    read: int
    written: int


def sphinx_build(confdir: Path, out: Path, jobs: str, fresh: bool) -> Build:
    """Run sphinx-build in a child process; time it and read its peak memory."""
    args = [sys.executable, "-m", "sphinx", "-b", "html", "-c", str(confdir), "-j", jobs]
    if fresh:
        args.append("-E")
    args += ["-d", str(out.parent / f"{out.name}-doctrees"), str(confdir / "docs"), str(out)]
    start = time.perf_counter()
    process = subprocess.Popen(
        args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=_env()
    )
    assert process.stdout is not None
    output = process.stdout.read()
    process.stdout.close()
    # wait4 gives the child's own resource usage: its peak memory (ru_maxrss, KB).
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - start
    if process.returncode:
        raise SystemExit(f"sphinx-build failed:\n{output[-3000:]}")
    rss = usage.ru_maxrss
    read = set(re.findall(r"reading sources\.\.\. \[\s*\d+%\] (\S+)", output))
    written = set(re.findall(r"writing output\.\.\. \[\s*\d+%\] (\S+)", output))
    # CPU time of sphinx-build and the workers it waited for: steadier than wall time
    # on a shared machine.
    cpu = usage.ru_utime + usage.ru_stime
    return Build(seconds, cpu, rss / 1024, len(read), len(written))


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO / "bench")
    return env


def clean(project: Path, out: Path) -> None:
    shutil.rmtree(out, ignore_errors=True)
    for folder in GENERATED:
        shutil.rmtree(project / "docs" / folder, ignore_errors=True)


def make_plain(project: Path, target: Path) -> int:
    """The generated pages as a plain Sphinx project (no guidegen); returns its page count."""
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(project / "docs", target / "docs", ignore=shutil.ignore_patterns("beslisbomen"))
    index = target / "docs" / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("beslisbomen/index\n", ""))
    overview = target / "docs" / "kennisbank" / "dos-en-donts" / "index.md"
    text = overview.read_text(encoding="utf-8")
    overview.write_text(re.sub(r"```\{guidegen-filter\}.*?```\n", "", text, flags=re.S))
    conf = (REPO / "conf.py").read_text(encoding="utf-8")
    conf = conf.replace('"guidegen.sphinx"', "").replace(
        'html_theme = "guidegen"',
        (f'html_theme = "guidegen"\nhtml_theme_path = [{str(THEME_PATH)!r}]'),
    )
    conf += f"\n# The theme's values from the extension, fixed.\nhtml_context = {PLAIN_CONTEXT!r}\n"
    (target / "conf.py").write_text(conf, encoding="utf-8")
    return len(list((target / "docs").rglob("*.md")))


def median_build(
    runs: int, prepare: Callable[[], None], confdir: Path, out: Path, jobs: str
) -> tuple[Build, list[float]]:
    """The median of ``runs`` clean builds (each after ``prepare``), and all their times."""
    builds = []
    for _ in range(runs):
        prepare()
        builds.append(sphinx_build(confdir, out, jobs, fresh=True))
    times = [b.seconds for b in builds]
    middle = sorted(builds, key=lambda b: b.seconds)[len(builds) // 2]
    return middle, times


def tree_page_assets(out: Path) -> dict[str, int]:
    """Bytes (and gzipped bytes) of the JavaScript and CSS the tree page loads."""
    html = (out / TREE_PAGE).read_text(encoding="utf-8")
    urls = re.findall(r'<script[^>]* src="([^"]+)"', html) + re.findall(
        r'<link rel="stylesheet"[^>]* href="([^"]+)"', html
    )
    total = gzipped = 0
    for url in urls:
        path = (out / TREE_PAGE).parent / url.split("?")[0]
        data = path.read_bytes()
        total += len(data)
        gzipped += len(gzip.compress(data, 9))
    return {"files": len(urls), "bytes": total, "gzip_bytes": gzipped}


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--records",
        default="100,500,1000,5000",
        help="sizes: total numbers of records, comma-separated",
    )
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (median)")
    parser.add_argument(
        "--single-run-above",
        type=int,
        default=2000,
        help="sizes above this run once (a clean build takes minutes)",
    )
    parser.add_argument("--jobs", default="auto", help="-j for the size series")
    parser.add_argument(
        "--incremental-at",
        type=int,
        default=1000,
        help="size at which one record is edited and rebuilt",
    )
    parser.add_argument(
        "--serial-at",
        type=int,
        default=500,
        help="size at which -j 1 is compared with the series' -j",
    )
    parser.add_argument("--results", type=Path, default=RESULTS, help="folder for build.json")
    parser.add_argument("--quick", action="store_true", help="tiny size, every step once")
    args = parser.parse_args()
    if args.quick:
        vars(args).update(QUICK)
    sizes = [int(s) for s in args.records.split(",")]
    results: dict[str, object] = {"jobs": args.jobs, "cpus": os.cpu_count(), "sizes": []}
    rows = []
    with tempfile.TemporaryDirectory(prefix="guidegen-bench-") as tmp:
        for total in sizes:
            per_type = max(1, round(total / 6))
            project = Path(tmp) / f"n{total}"
            counts = make_corpus(project, per_type)
            records = sum(v for k, v in counts.items() if k != "decisions") + 4
            out = project / "_build"
            runs = 1 if total > args.single_run_above else args.runs
            reset = functools.partial(clean, project, out)
            guidegen, g_times = median_build(runs, reset, project, out, args.jobs)
            pages = len(list(out.rglob("*.html")))
            plain_dir = Path(tmp) / f"plain{total}"
            plain_pages = make_plain(project, plain_dir)
            reset_plain = functools.partial(shutil.rmtree, plain_dir / "_build", True)
            plain, p_times = median_build(
                runs, reset_plain, plain_dir, plain_dir / "_build", args.jobs
            )
            entry: dict[str, object] = {
                "jobs": args.jobs,
                "records": records,
                "per_type": per_type,
                "pages": pages,
                "plain_pages": plain_pages,
                "runs": runs,
                "guidegen": asdict(guidegen),
                "guidegen_times": g_times,
                "plain": asdict(plain),
                "plain_times": p_times,
                "ms_per_page": 1000 * guidegen.seconds / pages,
                "plain_ms_per_page": 1000 * plain.seconds / plain_pages,
                "output_mb": folder_bytes(out) / 2**20,
                "tree_page_assets": tree_page_assets(out),
            }
            entry["overhead_per_page"] = entry["ms_per_page"] / entry["plain_ms_per_page"] - 1
            if total == args.serial_at:
                one, _ = median_build(args.runs, reset, project, out, "1")
                entry["jobs_1_seconds"] = one.seconds
                sphinx_build(project, out, args.jobs, fresh=True)
            if total == args.incremental_at:
                entry["incremental"] = incremental(project, out, args.runs, args.jobs)
                entry["incremental_jobs_1"] = incremental(project, out, args.runs, "1")
            results["sizes"].append(entry)  # type: ignore[union-attr]
            rows.append(entry)
            print(f"... {records} records done", file=sys.stderr, flush=True)
    print_table(rows)
    args.results.mkdir(parents=True, exist_ok=True)
    saved = args.results / "build.json"
    saved.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"saved {saved}")
    return 0


def incremental(project: Path, out: Path, runs: int, jobs: str) -> dict[str, object]:
    """Edit one record's body, rebuild, and count what was re-read, re-written, regenerated."""
    path = sorted((project / "content" / "practices").glob("*.yaml"))[0]
    builds = []
    rewritten = []
    for run in range(runs):
        record = yaml.safe_load(path.read_text(encoding="utf-8"))
        record["body"] = f"Bewerkt ({run}). {record['body']}"
        path.write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False), "utf-8")
        before = {p: p.stat().st_mtime_ns for p in (project / "docs").rglob("*.md")}
        builds.append(sphinx_build(project, out, jobs, fresh=False))
        rewritten.append(sum(p.stat().st_mtime_ns != m for p, m in before.items()))
    middle = sorted(builds, key=lambda b: b.seconds)[len(builds) // 2]
    noop = sphinx_build(project, out, jobs, fresh=False)
    return {
        **asdict(middle),
        "times": [b.seconds for b in builds],
        "generated_files_rewritten": max(rewritten),
        "noop": asdict(noop),
    }


def print_table(rows: list[dict[str, Any]]) -> None:
    print()
    print(
        "| records | pages | runs | guidegen clean | plain Sphinx | ms/page guidegen / plain "
        "| overhead | peak RSS | output |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        g, p = r["guidegen"], r["plain"]
        print(
            f"| {r['records']} | {r['pages']} | {r['runs']} | {g['seconds']:.1f} s "
            f"| {p['seconds']:.1f} s | {r['ms_per_page']:.1f} / {r['plain_ms_per_page']:.1f} "
            f"| {100 * r['overhead_per_page']:+.0f} % | {g['peak_rss_mb']:.0f} MB "
            f"| {r['output_mb']:.0f} MB |"
        )
    for r in rows:
        if "jobs_1_seconds" in r:
            print(
                f"\nAt {r['records']} records, clean build with -j 1: {r['jobs_1_seconds']:.1f} s; "
                f"with -j {args_jobs(rows)}: {r['guidegen']['seconds']:.1f} s."
            )
        if "incremental" in r:
            inc = r["incremental"]
            print(
                f"\nAt {r['records']} records: editing one record's body rebuilt in "
                f"{inc['seconds']:.1f} s (re-read {inc['read']}, wrote {inc['written']} pages, "
                f"{inc['generated_files_rewritten']} generated file(s) rewritten); "
                f"a no-op build took {inc['noop']['seconds']:.1f} s."
            )
        if "incremental_jobs_1" in r:
            one = r["incremental_jobs_1"]
            print(
                f"With -j 1 the same edit rebuilt in {one['seconds']:.1f} s "
                f"(no-op {one['noop']['seconds']:.1f} s): Sphinx's parallel reader sends the "
                "whole environment back from its worker, which costs more than one page."
            )
    assets = rows[-1]["tree_page_assets"]
    print(
        f"\nA tree page loads {assets['files']} JS/CSS files: {assets['bytes'] // 1024} KB "
        f"({assets['gzip_bytes'] // 1024} KB gzipped)."
    )
    if len(rows) > 1:
        first = next((r for r in rows if r["records"] >= 500), rows[0])
        last = rows[-1]
        for name, key in [("guidegen", "guidegen"), ("plain Sphinx", "plain")]:
            wall, cpu = (
                (last[key][unit] / last["records"]) / (first[key][unit] / first["records"])
                for unit in ("seconds", "cpu_seconds")
            )
            print(
                f"{name}: time per record at {last['records']} records is {wall:.2f}× "
                f"(CPU time {cpu:.2f}×) that at {first['records']}."
            )


def args_jobs(rows: list[dict[str, Any]]) -> str:
    return str(rows[0].get("jobs", "auto"))


if __name__ == "__main__":
    sys.exit(main())
