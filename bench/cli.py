"""Benchmark of the ``guidegen`` command as a whole process: start-up included.

Run with ``make bench`` (or ``python bench/cli.py``). Prints a table and writes
``bench/results/cli.json``. Each command runs once to warm the file cache, then
``--runs`` times; the figures are medians of wall time and of CPU time (user +
system, steadier than wall time on a shared machine), with the target for each.
The first run also fills guidegen's cache of checked content and compiled templates,
so the targets are measured as an editor meets them when nothing changed; the
``--no-cache`` rows show a run that checks and compiles everything anew.
``--quick`` runs each command once (the test suite runs it: it proves the script works).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "bench" / "results"
GUIDEGEN = Path(sys.executable).with_name("guidegen")
#: The largest example profile (by size): the most chapters, accounts and rules.
PROFILE = max((REPO / "profiles").glob("*.yaml"), key=lambda path: path.stat().st_size)
#: Targets for the median wall time, in seconds (issue 12).
TARGETS = {"guidegen --help": 0.25, "guidegen check": 0.6, "guidegen generate md+html+docx": 0.8}


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure(command: list[str], runs: int) -> tuple[float, float]:
    """Median wall and CPU seconds of ``command`` (run from the repository)."""
    walls, cpus = [], []
    for run in range(runs + 1):
        cpu, start = children_cpu(), time.perf_counter()
        subprocess.run(command, cwd=REPO, check=True, stdout=subprocess.DEVNULL)
        if run:  # the first run only warms the file cache
            walls.append(time.perf_counter() - start)
            cpus.append(children_cpu() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="runs per command (median)")
    parser.add_argument("--results", type=Path, default=RESULTS, help="folder for cli.json")
    parser.add_argument("--quick", action="store_true", help="each command once")
    args = parser.parse_args()
    if args.quick:
        args.runs = 1
    with tempfile.TemporaryDirectory() as out:
        generate = ["generate", str(PROFILE), "-o", out, "--format", "md,html,docx"]
        commands = {
            "guidegen --help": [str(GUIDEGEN), "--help"],
            "guidegen check": [str(GUIDEGEN), "check"],
            "guidegen generate md+html+docx": [str(GUIDEGEN), *generate],
            "guidegen --no-cache check": [str(GUIDEGEN), "--no-cache", "check"],
            "guidegen --no-cache generate md+html+docx": [str(GUIDEGEN), "--no-cache", *generate],
        }
        load = os.getloadavg()[0]
        rows = {name: measure(command, args.runs) for name, command in commands.items()}

    width = max(len(name) for name in rows)
    print(f"{'whole process':<{width}}  wall s  CPU s  target")
    for name, (wall, cpu) in rows.items():
        target = TARGETS.get(name)
        mark = "" if target is None else f"< {target} {'met' if wall < target else 'MISSED'}"
        print(f"{name:<{width}}  {wall:6.3f} {cpu:6.3f}  {mark}")
    print(f"profile: {PROFILE.name}; load average at start: {load:.1f} on {os.cpu_count()} cores")
    args.results.mkdir(parents=True, exist_ok=True)
    result = {
        "runs": args.runs,
        "profile": PROFILE.name,
        "load_average_at_start": round(load, 2),
        "commands": {
            name: {"wall_seconds": wall, "cpu_seconds": cpu, "target_seconds": TARGETS.get(name)}
            for name, (wall, cpu) in rows.items()
        },
    }
    (args.results / "cli.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"saved {args.results / 'cli.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
