"""How many lines guidelines of different organisation types share (issue 27).

Every example profile and the test profiles in tests/data/profiles are generated as
Markdown; names of the organisation and source markers are removed; for each pair of
different types the share of the shorter guideline's lines found in the other is printed.
Run: .venv/bin/python bench/overlap.py
"""

from __future__ import annotations

import itertools
import sys
from datetime import date
from pathlib import Path

from guidegen.guideline.generate import generate, template_folders
from guidegen.guideline.overlap import shared_lines
from guidegen.knowledge import load_knowledge_base
from guidegen.profile import load_profile
from guidegen.trees import load_trees

REPO = Path(__file__).resolve().parent.parent


def main() -> int:
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
        out = generate(loaded, base, trees, template_folders(REPO / "templates"), ("md",),
                       date(2026, 12, 7))
        made[path.stem] = (loaded.profile, out.files["md"].decode())
    worst = 0.0
    for (a, (pa, ta)), (b, (pb, tb)) in itertools.combinations(made.items(), 2):
        if pa.organisation.type == pb.organisation.type:
            continue
        ratio = shared_lines(ta, pa, tb, pb)
        worst = max(worst, ratio)
        print(f"{ratio:5.0%}  {a} / {b}")
    print(f"worst: {worst:.0%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
