"""What the profile form needs to count a guideline's advice in the browser.

The form "Stel je richtlijn samen" shows per chapter how many rules the guideline would
hold for the current choices. :func:`advice_data` exports the facts :func:`assemble`
chooses by (each candidate's chapter or theme and facets, the goals' strategies, the
cases' facets, the profile's defaults); ``guidegen-advice-counts.js`` applies
``assemble``'s rules to them. The chapter titles are read from the guideline template.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from guidegen.content.knowledge import KnowledgeBase
from guidegen.content.model import Case, Faceted, Strategy
from guidegen.guideline.assemble import (
    GOAL_THEMES,
    foreign_words,
    general_theme,
    goal_strategies,
    replaced_rules,
    rule_candidates,
)
from guidegen.guideline.profile import DEFAULT_AUDIENCES, DEFAULT_GOALS, DEFAULT_PLATFORMS, Profile

#: The master template of the guideline, inside the templates' ``guideline`` folder.
MASTER = "richtlijn.md.jinja"
#: A chapter heading followed by the component it includes.
_CHAPTER = re.compile(r'^## (?P<title>[^\n]+)\n+\{% include "(?P<part>[^"]+)" %\}', re.M)
_RULES = re.compile(r'g\.rules\("(?P<key>\w+)"\)')
#: How the organisation's name is written in a heading, and how the form marks it.
_CALLED = re.compile(r"\{\{\s*org\.called\s*\}\}")
ORG_MARK = "{org}"


#: The heading of the legal chapters' loop in the master template.
_LEGAL = re.compile(r"^## \{\{\s*topic\.label\s*\}\}", re.M)


def chapter_titles(
    folder: Path, legal: Mapping[str, str] | None = None
) -> tuple[dict[str, str], list[Path]]:
    """Each chapter's title as the template names it, by the key its rules have
    (``g.rules("response")``), in the template's order, the legal chapters (``legal``:
    topic key → title, from the vocabulary) where the template loops over them; and the
    files read."""
    master = folder / MASTER
    text = master.read_text(encoding="utf-8")
    titles: dict[str, str] = {}
    read = [master]
    loop = _LEGAL.search(text)
    for match in _CHAPTER.finditer(text):
        if loop is not None and match.start() > loop.start():
            titles.update({key: title for key, title in (legal or {}).items()})
            loop = None
        part = folder / match["part"]
        if not part.is_file():
            continue
        read.append(part)
        title = _CALLED.sub(ORG_MARK, match["title"]).strip()
        if title.startswith("{{"):
            continue
        for found in _RULES.finditer(part.read_text(encoding="utf-8")):
            titles.setdefault(found["key"], title)
    return titles, read


def advice_data(base: KnowledgeBase, titles: dict[str, str]) -> dict[str, Any]:
    """The facts the form counts a profile's advice from, as plain JSON data."""
    vocabulary = base.vocabulary
    candidates = rule_candidates(base)
    used = {chapter for _record, chapter in candidates if chapter is not None}
    themes = vocabulary.themes if vocabulary else {}
    fields = Profile.model_fields
    kinds = vocabulary.organisation_types if vocabulary else {}
    foreign = {key: foreign_words(kinds, key) for key in kinds}

    replaced = replaced_rules(base)

    def not_for(text: str, record_id: str = "") -> dict[str, list[str]]:
        """The organisation types whose guideline leaves this text out: it names another
        type's bodies or roles, or a rule written for the type replaces its record."""
        types = [
            key
            for key, words in foreign.items()
            if (words and words.search(text)) or record_id in replaced.get(key, ())
        ]
        return {"notFor": types} if types else {}

    return {
        "legal": sorted(vocabulary.legal_topics) if vocabulary else [],
        "chapters": [[key, title] for key, title in titles.items() if key in used]
        + [[key, key] for key in sorted(used - set(titles))],
        "themes": {key: term.label for key, term in themes.items()},
        "rules": [
            _rule(record, chapter) | not_for(record.rule or record.title, record.id)
            for record, chapter in candidates
        ],
        "strategies": [
            {"id": s.id, "themes": s.themes} | _facets(s) for s in base.of_type(Strategy)
        ],
        "cases": [
            {"id": c.id} | _facets(c) | not_for(f"{c.title} {c.organisation}")
            for c in base.of_type(Case)
        ],
        "goals": {
            key: [s.id for s in goal_strategies(base, goal)]
            for key, goal in (vocabulary.goals if vocabulary else {}).items()
        },
        "defaults": {
            "goals": list(DEFAULT_GOALS),
            "platforms": list(DEFAULT_PLATFORMS),
            "audiences": {key: list(value) for key, value in DEFAULT_AUDIENCES.items()},
            "rulesPerChapter": fields["rules_per_chapter"].default,
            "maxCases": fields["max_cases"].default,
        },
    }


def _rule(record: Faceted, chapter: str | None) -> dict[str, Any]:
    """A candidate rule: its chapter, or (outside the chapters) the theme it is listed
    under; and the goal themes it is about (without one of them among the profile's
    goals' themes, it stays out)."""
    aimed = sorted(GOAL_THEMES & set(record.themes))
    goal = {"goalThemes": aimed} if aimed else {}
    placed = {"chapter": chapter} if chapter is not None else {"theme": general_theme(record)}
    return {"id": record.id} | placed | goal | _facets(record)


def _facets(record: Faceted) -> dict[str, list[str]]:
    """What :class:`assemble._Fit` checks: organisation types, platforms, audiences."""
    facets: dict[str, list[str]] = {
        "types": list(record.organisation_types),
        "platforms": list(record.platforms),
        "audiences": list(record.audiences),
    }
    return {key: value for key, value in facets.items() if value}
