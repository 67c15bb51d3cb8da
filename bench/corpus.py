"""A synthetic handbook of N records of each type, made from the real records.

Record ``i`` of a type is a copy of real record ``i mod count``, renamed to
``<id>-<i // count>``; its references point to the copy in the same group when
that exists, else to group 0, else they are dropped. The text stays the real,
realistic Dutch text, so build costs are those of real pages. The six real
decision trees come along, pointing at group 0.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[1]
REFERENCE_FIELDS = ("related", "practices", "strategies")
#: The home page of a benchmark corpus: only the generated parts, no hand-picked links.
BENCH_HOME = """# Benchmarkhandboek

```{toctree}
kennisbank/index
beslisbomen/index
```
"""


def _load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


def make_corpus(target: Path, per_type: int) -> dict[str, int]:
    """Write a project (conf.py, docs/, content/, decisions/) with ``per_type`` records per type."""
    if target.exists():
        shutil.rmtree(target)
    (target / "docs").mkdir(parents=True)
    (target / "docs" / "index.md").write_text(BENCH_HOME, encoding="utf-8")
    shutil.copy(REPO / "conf.py", target / "conf.py")
    content = target / "content"
    content.mkdir(parents=True)
    # Sources and the passages they are quoted from are copied as they are.
    for kept in ("sources", "passages"):
        shutil.copytree(REPO / "content" / kept, content / kept)

    originals = {
        folder.name: [_load(p) for p in sorted(folder.glob("*.yaml"))]
        for folder in sorted((REPO / "content").iterdir())
        if folder.is_dir() and folder.name not in ("sources", "passages")
    }
    planned: dict[str, list[tuple[dict[str, Any], int]]] = {
        folder: [(records[i % len(records)], i // len(records)) for i in range(per_type)]
        for folder, records in originals.items()
    }
    new_ids = {f"{record['id']}-{group}" for plan in planned.values() for record, group in plan}
    source_ids = {p.stem for p in (content / "sources").glob("*.yaml")}

    def remap(ref: str, group: int) -> str | None:
        for candidate in (f"{ref}-{group}", f"{ref}-0"):
            if candidate in new_ids:
                return candidate
        return ref if ref in source_ids else None

    counts: dict[str, int] = {}
    for folder, plan in planned.items():
        (content / folder).mkdir()
        for record, group in plan:
            copy = dict(record)
            copy["id"] = f"{record['id']}-{group}"
            if group:
                copy["title"] = f"{record['title']} ({group})"
            for field in REFERENCE_FIELDS:
                if field in copy:
                    mapped = [remap(r, group) for r in copy[field]]
                    copy[field] = [m for m in mapped if m and m != copy["id"]]
            _write(content / folder / f"{copy['id']}.yaml", copy)
        counts[folder] = len(plan)

    vocabulary = _load(REPO / "content" / "vocabulary.yaml")
    for goal in vocabulary.get("goals", {}).values():
        goal["strategies"] = [m for m in (remap(r, 0) for r in goal["strategies"]) if m]
    _write(content / "vocabulary.yaml", vocabulary)

    decisions = target / "decisions"
    decisions.mkdir()
    for path in sorted((REPO / "decisions").glob("*.yaml")):
        tree = _load(path)
        for node in tree["nodes"]:
            if "records" in node:
                node["records"] = [m for m in (remap(r, 0) for r in node["records"]) if m]
        _write(decisions / path.name, tree)
    counts["decisions"] = len(list(decisions.glob("*.yaml")))
    return counts


def _write(path: Path, data: dict[str, Any]) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
