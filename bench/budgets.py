"""The command line's time budgets, measured on whole processes: start-up included.

Run with ``make bench`` (or ``python bench/budgets.py``). Prints a table and writes
``bench/results/budgets.json``. Each command runs once to warm the file cache and
write Python's bytecode (as a user's first run does), then ``--runs`` times; the
figures are medians of wall time and of CPU time (user + system of the process,
from ``getrusage``). The budgets (issue 25) are for wall time on an idle machine;
on a machine shared with other work wall time also counts the waits for a core,
so CPU time is shown beside it and each budget is marked against both. The
``--no-cache`` rows (no budget) show the commands when the content has to be checked
anew: what guidegen's cache of checked content saves.
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
#: Budgets for the median time of a whole process, in seconds (issue 25).
BUDGETS = {"guidegen --help": 0.25, "guidegen check .": 0.6, "guidegen generate": 0.8}


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure(command: list[str], runs: int, environment: dict[str, str]) -> tuple[float, float]:
    """Median wall and CPU seconds of ``command`` (run from the repository)."""
    walls, cpus = [], []
    for run in range(runs + 1):
        cpu, start = children_cpu(), time.perf_counter()
        subprocess.run(command, cwd=REPO, env=environment, check=True, stdout=subprocess.DEVNULL)
        if run:  # the first run warms the file cache and writes the bytecode
            walls.append(time.perf_counter() - start)
            cpus.append(children_cpu() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs per command (median)")
    parser.add_argument("--results", type=Path, default=RESULTS, help="folder for budgets.json")
    parser.add_argument("--quick", action="store_true", help="each command once")
    args = parser.parse_args()
    if args.quick:
        args.runs = 1
    environment = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    with tempfile.TemporaryDirectory() as out:
        generate = ["generate", str(PROFILE), "-o", out, "--format", "md,html,docx"]
        commands = {
            "guidegen --help": [str(GUIDEGEN), "--help"],
            "guidegen check .": [str(GUIDEGEN), "check", "."],
            "guidegen generate": [str(GUIDEGEN), *generate],
            "guidegen --no-cache check .": [str(GUIDEGEN), "--no-cache", "check", "."],
            "guidegen --no-cache generate": [str(GUIDEGEN), "--no-cache", *generate],
        }
        load = os.getloadavg()[0]
        rows = {name: measure(argv, args.runs, environment) for name, argv in commands.items()}
        load_after = os.getloadavg()[0]

    width = max(len(name) for name in rows)
    print(f"{'whole process':<{width}}  wall s  CPU s  budget  wall  CPU")
    for name, (wall, cpu) in rows.items():
        budget = BUDGETS.get(name)
        if budget is None:
            print(f"{name:<{width}}  {wall:6.3f} {cpu:6.3f}")
            continue
        marks = ["met" if value <= budget else "MISSED" for value in (wall, cpu)]
        print(f"{name:<{width}}  {wall:6.3f} {cpu:6.3f}  {budget:6.2f}  {marks[0]:<6} {marks[1]}")
    print(
        f"generate: {PROFILE.name}, md+html+docx; medians of {args.runs}; load average "
        f"{load:.1f} at the start, {load_after:.1f} at the end, on {os.cpu_count()} cores"
    )
    args.results.mkdir(parents=True, exist_ok=True)
    result = {
        "runs": args.runs,
        "profile": PROFILE.name,
        "load_average": {"start": round(load, 2), "end": round(load_after, 2)},
        "commands": {
            name: {"wall_seconds": wall, "cpu_seconds": cpu, "budget_seconds": BUDGETS.get(name)}
            for name, (wall, cpu) in rows.items()
        },
    }
    saved = args.results / "budgets.json"
    saved.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"saved {saved}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
