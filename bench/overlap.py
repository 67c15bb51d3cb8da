"""How many lines guidelines of different organisation types share (issue 27).

Every example profile and the test profiles in tests/data/profiles are generated as
Markdown; names of the organisation and source markers are removed; for each pair of
different types the share of the shorter guideline's lines found in the other is printed.
Prints the pairs and writes ``bench/results/overlap.json`` (``--results``: another folder);
``--quick`` does the same work (it is small): the test suite runs it to prove it works.
Run: .venv/bin/python bench/overlap.py
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from datetime import date
from pathlib import Path

from guidegen.content.knowledge import load_knowledge_base
from guidegen.guideline.generate import generate, template_folders
from guidegen.guideline.overlap import shared_lines
from guidegen.guideline.profile import load_profile
from guidegen.trees.decisiontree import load_trees

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "bench" / "results"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--results", type=Path, default=RESULTS, help="folder for overlap.json")
    parser.add_argument("--quick", action="store_true", help="the same (the work is small)")
    args = parser.parse_args()
    base, _ = load_knowledge_base(REPO / "content")
    loaded_trees, _ = load_trees(REPO / "decisions", base)
    trees = [t.tree for t in loaded_trees]
    paths = sorted((REPO / "profiles").glob("*.yaml")) + sorted(
        (REPO / "tests/data/profiles").glob("*.yaml")
    )
    made = {}
    for path in paths:
        loaded, problems = load_profile(path, base)
        if loaded is None:
            print(path, problems)
            return 1
        out = generate(
            loaded, base, trees, template_folders(REPO / "templates"), ("md",), date(2026, 12, 7)
        )
        made[path.stem] = (loaded.profile, out.files["md"].decode())
    worst = 0.0
    pairs = {}
    for (a, (pa, ta)), (b, (pb, tb)) in itertools.combinations(made.items(), 2):
        if pa.organisation.type == pb.organisation.type:
            continue
        ratio = shared_lines(ta, pa, tb, pb)
        worst = max(worst, ratio)
        pairs[f"{a} / {b}"] = round(ratio, 3)
        print(f"{ratio:5.0%}  {a} / {b}")
    print(f"worst: {worst:.0%}")
    args.results.mkdir(parents=True, exist_ok=True)
    saved = args.results / "overlap.json"
    result = {"worst": round(worst, 3), "pairs": pairs}
    saved.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"saved {saved}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
