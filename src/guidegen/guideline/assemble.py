"""Choose what goes into an organisation's guideline, and where.

:func:`assemble` turns a profile, the knowledge base and the decision trees into a
:class:`Guideline`: plain data that every output format renders the same way.
Nothing here writes text; the templates in ``templates/guideline/`` do.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import TypeVar

from ..knowledge import KnowledgeBase, knowledge_year
from ..model import (
    Case,
    Citation,
    Consideration,
    Faceted,
    Goal,
    Practice,
    Record,
    Source,
    StepPlan,
    Strategy,
    VocabularyTerm,
)
from ..profile import Profile
from ..trees import Outcome, Tree

RecordT = TypeVar("RecordT", bound=Record)

#: Chapters that collect records by theme, in the order a record is assigned to them:
#: a record with the themes 'reageren' and 'crisis' goes to the crisis chapter.
THEME_CHAPTERS: tuple[tuple[str, str], ...] = (
    ("crisis", "crisis"),
    ("prive-en-functie", "private"),
    ("modereren", "moderation"),
    ("reageren", "response"),
    ("recht-en-privacy", "archiving"),
    ("organisatie", "roles"),
    ("strategie", "strategies"),
)
#: Chapters that show step plans by default (others only when a profile includes them).
STEPPLAN_CHAPTERS = frozenset({"crisis", "private", "moderation", "response"})
#: The decision tree each chapter walks through, by tree id.
CHAPTER_TREES: dict[str, str] = {
    "response": "moet-ik-reageren",
    "moderation": "mag-ik-deze-reactie-verwijderen",
    "private": "spreek-ik-prive-of-namens-de-organisatie",
}
#: Records the templates cite whatever the profile says (the house rule on removal).
ALWAYS_CITED = ("verwijder-alleen-spam-kwetsend-illegaal",)
#: The organisation type as a word a case's organisation may contain.
TYPE_WORDS: dict[str, tuple[str, ...]] = {
    "gemeente": ("gemeente", "burgemeester", "wethouder", "raad"),
    "provincie": ("provincie", "gedeputeerde", "staten"),
    "waterschap": ("waterschap", "hoogheemraadschap", "rijkswaterstaat"),
    "ministerie": ("ministerie", "minister", "rijks"),
    "uitvoeringsorganisatie": ("rijkswaterstaat", "dienst", "politie"),
}


@dataclass
class Chapter:
    """The records one chapter shows."""

    practices: list[Practice] = field(default_factory=list)
    stepplans: list[StepPlan] = field(default_factory=list)
    considerations: list[Consideration] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.practices or self.stepplans or self.considerations)


@dataclass(frozen=True)
class GoalChoice:
    """A goal of the organisation and the strategies that serve it."""

    id: str
    goal: Goal
    strategies: list[Strategy]


@dataclass
class Guideline:
    """Everything a guideline shows, chosen for one profile."""

    profile: Profile
    issued: date
    platforms: list[VocabularyTerm]
    audiences: list[VocabularyTerm]
    goals: list[GoalChoice]
    strategies: list[Strategy]
    chapters: dict[str, Chapter]
    general: list[tuple[VocabularyTerm, list[Practice]]]
    risks: list[Consideration]
    cases: list[Case]
    trees: dict[str, Tree]
    sources: list[Source]
    knowledge_year: int | None
    platform_labels: dict[str, str]

    def source_number(self, source_id: str) -> int:
        """The number of a source in the list of sources (1-based)."""
        return next(i for i, s in enumerate(self.sources, 1) if s.id == source_id)

    def citations(self, record: Record | Tree | Outcome) -> list[tuple[int, Citation]]:
        """A record's citations with their source numbers, without repeats."""
        seen: set[tuple[str, str]] = set()
        found = []
        for citation in _citations(record):
            key = (citation.source, citation.section)
            if key not in seen and any(s.id == citation.source for s in self.sources):
                seen.add(key)
                found.append((self.source_number(citation.source), citation))
        return found


def assemble(
    profile: Profile, base: KnowledgeBase, trees: Iterable[Tree], today: date | None = None
) -> Guideline:
    """Select and place the records, trees and sources for ``profile``."""
    vocabulary = base.vocabulary
    if vocabulary is None:
        raise ValueError("the knowledge base has no vocabulary")
    fits = _Fit(profile)
    included = set(profile.include)

    goals = [
        GoalChoice(
            goal_id,
            vocabulary.goals[goal_id],
            _records(base, vocabulary.goals[goal_id].strategies, Strategy),
        )
        for goal_id in profile.goals
    ]
    strategies = _unique(s for choice in goals for s in choice.strategies)
    strategies += [s for s in base.of_type(Strategy) if s.id in included and s not in strategies]
    strategies = [s for s in strategies if s.id not in profile.exclude]

    chapters = {chapter: Chapter() for _, chapter in THEME_CHAPTERS}
    by_theme: dict[str, list[Practice]] = {theme: [] for theme in vocabulary.themes}
    for practice in base.of_type(Practice):
        if fits(practice):
            chapter = _chapter_of(practice)
            if chapter is not None:
                chapters[chapter].practices.append(practice)
            elif practice.themes:
                by_theme[practice.themes[0]].append(practice)
    for plan in base.of_type(StepPlan):
        chapter = _chapter_of(plan)
        wanted = chapter in STEPPLAN_CHAPTERS or plan.id in included
        if fits(plan) and chapter is not None and wanted:
            chapters[chapter].stepplans.append(plan)
    risks = []
    for consideration in base.of_type(Consideration):
        if not fits(consideration):
            continue
        if consideration.kind == "wettelijke-plicht" or "recht-en-privacy" in consideration.themes:
            chapters["archiving"].considerations.append(consideration)
        else:
            risks.append(consideration)
    for practices in (*(c.practices for c in chapters.values()), *by_theme.values()):
        practices.sort(key=lambda p: (p.kind != "do", p.title.casefold()))

    cases = _choose_cases(base, profile, strategies, fits)
    chosen_trees = {tree.id: tree for tree in trees if tree.id in CHAPTER_TREES.values()}
    shown: list[Record | Tree] = [
        *strategies,
        *cases,
        *risks,
        *(r for chapter in chapters.values() for r in _chapter_records(chapter)),
        *(p for practices in by_theme.values() for p in practices),
        *chosen_trees.values(),
        *(base.get(i) for i in ALWAYS_CITED if i in base),
    ]
    cited = {c.source for record in shown for c in _citations(record)}
    sources = sorted(
        (s for s in base.of_type(Source) if s.id in cited), key=lambda s: (s.year, s.title)
    )
    years = [
        y for r in shown if isinstance(r, Record) and (y := knowledge_year(base, r)) is not None
    ]
    return Guideline(
        profile=profile,
        issued=profile.issue_date(today),
        platforms=[vocabulary.platforms[p] for p in profile.platforms],
        audiences=[vocabulary.audiences[a] for a in profile.audience_ids],
        goals=goals,
        strategies=strategies,
        chapters=chapters,
        general=[(vocabulary.themes[t], ps) for t, ps in by_theme.items() if ps],
        risks=risks,
        cases=cases,
        trees=chosen_trees,
        sources=sources,
        knowledge_year=max(years) if years else None,
        platform_labels={key: term.label for key, term in vocabulary.platforms.items()},
    )


class _Fit:
    """Whether a record applies to the profile's platforms and audiences."""

    def __init__(self, profile: Profile) -> None:
        self.platforms = set(profile.platforms)
        self.audiences = set(profile.audience_ids)
        self.include = set(profile.include)
        self.exclude = set(profile.exclude)

    def __call__(self, record: Faceted) -> bool:
        if record.id in self.exclude:
            return False
        if record.id in self.include:
            return True
        platforms_fit = not record.platforms or bool(self.platforms & set(record.platforms))
        audiences_fit = not record.audiences or bool(self.audiences & set(record.audiences))
        return platforms_fit and audiences_fit


def _chapter_of(record: Faceted) -> str | None:
    return next((chapter for theme, chapter in THEME_CHAPTERS if theme in record.themes), None)


def _chapter_records(chapter: Chapter) -> list[Record]:
    return [*chapter.practices, *chapter.stepplans, *chapter.considerations]


def _choose_cases(
    base: KnowledgeBase, profile: Profile, strategies: list[Strategy], fits: _Fit
) -> list[Case]:
    """The practice examples closest to the profile: its strategies, type and platforms."""
    strategy_ids = {s.id for s in strategies}
    words = TYPE_WORDS[profile.organisation.type]

    def score(case: Case) -> tuple[int, ...]:
        forced = case.id in profile.include
        shared_strategies = len(strategy_ids & set(case.strategies))
        same_type = any(word in case.organisation.casefold() for word in words)
        shared_platforms = len(set(profile.platforms) & set(case.platforms))
        return (forced, shared_strategies, same_type, shared_platforms)

    candidates = [case for case in base.of_type(Case) if fits(case)]
    ranked = sorted(candidates, key=lambda c: tuple(-x for x in score(c)))
    forced = [case for case in ranked if case.id in profile.include]
    rest = [case for case in ranked if case.id not in profile.include]
    return forced + rest[: max(0, profile.max_cases - len(forced))]


def _records(base: KnowledgeBase, ids: Iterable[str], cls: type[RecordT]) -> list[RecordT]:
    return [record for i in ids if i in base and isinstance(record := base.get(i), cls)]


def _unique(items: Iterable[Strategy]) -> list[Strategy]:
    found: list[Strategy] = []
    for item in items:
        if item not in found:
            found.append(item)
    return found


def _citations(record: Record | Tree | Outcome) -> tuple[Citation, ...]:
    if isinstance(record, Tree):
        return (*record.sources, *(c for o in record.outcomes for c in o.sources))
    if isinstance(record, Outcome):
        return tuple(record.sources)
    return record.citations
