"""Counts that make gaps in the knowledge base visible."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from guidegen.content.knowledge import KnowledgeBase, backlinks, citing_records, knowledge_year
from guidegen.content.model import FACETS, RECORD_TYPES, Faceted, Source


@dataclass
class Stats:
    """Counts per type, source and facet value, plus the gaps."""

    per_type: dict[str, int]
    per_source: dict[str, int]
    per_facet: dict[str, dict[str, int]]
    unrelated: list[str] = field(default_factory=list)
    unused_values: dict[str, list[str]] = field(default_factory=dict)
    #: Records (all but sources) per year of their newest source, oldest year first.
    per_knowledge_year: dict[str, int] = field(default_factory=dict)
    #: Records that carry at least one currency note, and how many notes there are.
    with_notes: int = 0
    notes: int = 0


def compute_stats(base: KnowledgeBase) -> Stats:
    """Collect the statistics of ``base``."""
    counts = base.counts()
    per_type = {cls.type_name: counts.get(cls.type_name, 0) for cls in RECORD_TYPES}
    cited = citing_records(base)
    per_source = {source.id: len(cited.get(source.id, [])) for source in base.of_type(Source)}
    linked = backlinks(base)
    per_facet: dict[str, dict[str, int]] = {}
    unused: dict[str, list[str]] = {}
    faceted = [r for r in base.records if isinstance(r, Faceted)]
    for facet in FACETS:
        tally = Counter(value for record in faceted for value in getattr(record, facet))
        allowed = list(base.vocabulary.values(facet)) if base.vocabulary else sorted(tally)
        per_facet[facet] = {value: tally.get(value, 0) for value in allowed}
        unused[facet] = [value for value in allowed if not tally.get(value)]
    unrelated = sorted(
        record.id
        for record in faceted
        if not record.related
        and not linked.get(record.id)
        and not getattr(record, "practices", None)
        and not getattr(record, "strategies", None)
    )
    knowledge = [r for r in base.records if not isinstance(r, Source)]
    years = Counter(str(knowledge_year(base, r) or "onbekend") for r in knowledge)
    noted = [len(getattr(r, "notes", [])) for r in knowledge]
    return Stats(
        per_type,
        per_source,
        per_facet,
        unrelated,
        unused,
        per_knowledge_year=dict(sorted(years.items())),
        with_notes=sum(1 for n in noted if n),
        notes=sum(noted),
    )


def format_stats(stats: Stats) -> str:
    """Plain-text report of ``stats``."""
    lines = ["Records per type:"]
    lines += [f"  {name:<16}{count:>5}" for name, count in stats.per_type.items()]
    lines.append("Records citing each source:")
    lines += [f"  {name:<40}{count:>5}" for name, count in stats.per_source.items()]
    for facet, values in stats.per_facet.items():
        lines.append(f"Records per {facet}:")
        lines += [f"  {value:<28}{count:>5}" for value, count in values.items()]
    lines.append(f"Records without related records ({len(stats.unrelated)}):")
    lines += [f"  {record_id}" for record_id in stats.unrelated] or ["  none"]
    empty = [(f, v) for f, values in stats.unused_values.items() for v in values]
    lines.append(f"Facet values without records ({len(empty)}):")
    lines += [f"  {facet}: {value}" for facet, value in empty] or ["  none"]
    lines.append("Records by year of their newest source:")
    lines += [f"  {year:<16}{count:>5}" for year, count in stats.per_knowledge_year.items()]
    lines.append(f"Records with currency notes: {stats.with_notes} ({stats.notes} notes)")
    return "\n".join(lines)


def check_summary(base: KnowledgeBase, tree_count: int, warning_count: int) -> str:
    """The last line of ``guidegen check``: records per type, trees and warnings."""
    counts = base.counts()
    summary = ", ".join(f"{count} {name}" for name, count in sorted(counts.items()))
    warnings = f", {warning_count} warning(s)." if warning_count else "."
    return (
        f"OK: {sum(counts.values())} records ({summary or 'none'}), "
        f"{tree_count} decision tree(s){warnings}"
    )
