"""Choose what goes into an organisation's guideline, and where.

:func:`assemble` turns a profile, the knowledge base and the decision trees into a
:class:`Guideline`: plain data that every output format renders the same way.
Nothing here writes text; the templates in ``templates/guideline/`` do.

Advice is chosen by the profile's organisation type, goals, platforms, audiences and
``include``/``exclude``; each record is placed in one chapter by its themes.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import TypeVar

from guidegen.content.currency import term_notes
from guidegen.content.knowledge import KnowledgeBase, knowledge_year
from guidegen.content.model import (
    Body,
    Case,
    Citation,
    Consideration,
    CurrencyNote,
    Faceted,
    Goal,
    LegalTopic,
    OrganisationTypeTerm,
    Practice,
    Record,
    Rule,
    Source,
    StepPlan,
    Strategy,
    TypeRelation,
    Vocabulary,
    VocabularyTerm,
)
from guidegen.guideline.profile import Profile
from guidegen.trees.decisiontree import Answer, Outcome, Question, Tree

RecordT = TypeVar("RecordT", bound=Record)
ItemT = TypeVar("ItemT")

#: Chapters that collect records by theme, in the order a record is assigned to them:
#: a record with the themes 'reageren' and 'crisis' goes to the crisis chapter.
THEME_CHAPTERS: tuple[tuple[str, str], ...] = (
    ("crisis", "crisis"),
    ("prive-en-functie", "private"),
    ("modereren", "moderation"),
    ("reageren", "response"),
    ("recht-en-privacy", "archiving"),
    ("evaluatie", "evaluation"),
    ("bereik-en-toegang", "reach"),
    ("toon", "tone"),
    ("organisatie", "roles"),
    ("strategie", "strategy"),
)
#: Records about accounts themselves, placed in the chapter on account management.
ACCOUNT_RECORDS = frozenset(
    {
        "leg-uw-profielnamen-vast",
        "geen-apart-account-per-afdeling",
        "laat-zien-wie-het-account-beheert",
    }
)
#: Words in a rule on law and privacy that make it an archiving and openness rule.
ARCHIVING_WORDS = re.compile(r"archi|dossier|registreer|\bwob\b|\bwoo\b|vastleg|leg .* vast", re.I)
#: Themes whose rules only go in when one of the profile's goals (through its
#: strategies) has that theme; every other theme's rules fit every organisation.
GOAL_THEMES = frozenset(
    {"participatie", "netwerken", "dienstverlening", "kennisdeling", "luisteren"}
)
#: The decision tree each chapter refers to, by tree id (printed in the annex).
CHAPTER_TREES: dict[str, str] = {
    "response": "moet-ik-reageren",
    "moderation": "mag-ik-deze-reactie-verwijderen",
    "private": "spreek-ik-prive-of-namens-de-organisatie",
}
#: The removal tree, its outcome that allows removal, and the house rule it must follow.
REMOVAL_TREE = "mag-ik-deze-reactie-verwijderen"
REMOVAL_OUTCOME = "verwijderen-mag"
REMOVAL_RULE = "verwijder-alleen-spam-kwetsend-illegaal"
#: Words in an answer of the removal tree that name a removal reason of the profile.
REMOVAL_ANSWER_WORDS: dict[str, str] = {
    "spam": "spam",
    "illegal": "illegaal",
    "kwetsend": "kwetsend",
}
#: Words in what an outdated term now is that make it a term of law (the Wob, the
#: webrichtlijnen): its notes concern the whole record, not only rules naming it.
LAW_WORDS = re.compile(r"\b(?:Wet|Besluit|verordening)\b", re.IGNORECASE)
#: The chapters in the order the guideline shows them (a note is printed once: under
#: the first rule it concerns, in this order).
CHAPTER_ORDER = (
    "roles",
    "strategy",
    "reach",
    "tone",
    "response",
    "moderation",
    "private",
    "crisis",
    "privacy",
    "archiving",
    "accessibility",
    "platforms",
    "campaigns",
    "ai",
    "threats",
    "security",
    "training",
    "evaluation",
)
#: The organisation type as a word a case's organisation may contain.
TYPE_WORDS: dict[str, tuple[str, ...]] = {
    "gemeente": ("gemeente", "burgemeester", "wethouder", "raad"),
    "provincie": ("provincie", "gedeputeerde", "staten"),
    "waterschap": ("waterschap", "hoogheemraadschap"),
    "ministerie": ("ministerie", "minister", "rijks"),
    "uitvoeringsorganisatie": ("rijkswaterstaat", "dienst"),
    "politie": ("politie",),
}


@dataclass(frozen=True)
class GoalChoice:
    """A goal of the organisation and the strategies that serve it."""

    id: str
    goal: Goal
    strategies: list[Strategy]


@dataclass(frozen=True)
class TreeRoute:
    """An answer of a tree as the guideline prints it: where it leads, or why it stops."""

    answer: Answer
    blocked: bool = False


@dataclass
class Guideline:
    """Everything a guideline shows, chosen for one profile."""

    profile: Profile
    issued: date
    platforms: list[VocabularyTerm]
    audiences: list[VocabularyTerm]
    goals: list[GoalChoice]
    strategies: list[Strategy]
    chapters: dict[str, list[Faceted]]
    general: list[tuple[VocabularyTerm, list[Faceted]]]
    cases: list[Case]
    trees: dict[str, Tree]
    sources: list[Source]
    knowledge_year: int | None
    platform_labels: dict[str, str]
    removal_rule: Practice | None = None
    cited: list[Record] = field(default_factory=list)
    #: The legal chapters (vocabulary ``legal_topics``), in order, by chapter key.
    legal: dict[str, LegalTopic] = field(default_factory=dict)
    #: The organisation type's entry in the vocabulary: its bodies and role words.
    kind: OrganisationTypeTerm | None = None
    #: The currency notes each shown record prints, by record id: dated on or before
    #: the document, each once, and a note on an outdated word only where the rule uses it.
    notes: dict[str, list[CurrencyNote]] = field(default_factory=dict)
    #: The notes of shown records written after the document's date: left out (a document
    #: holds nothing written after its date; a later version takes them in).
    later_notes: list[CurrencyNote] = field(default_factory=list)

    def dated(self, notes: Iterable[CurrencyNote]) -> list[CurrencyNote]:
        """``notes`` without those written after the document's date."""
        return [note for note in notes if date.fromisoformat(note.date) <= self.issued]

    def notes_of(self, record: Record) -> list[CurrencyNote]:
        """The notes printed under ``record``."""
        return self.notes.get(record.id, [])

    def audience_label(self, term: VocabularyTerm) -> str:
        """An audience's label, with the type's own word for a council member."""
        if term.label.casefold() == "raadslid" and self.kind is not None and self.kind.member:
            return self.kind.member
        return term.label

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

    def rules(self, chapter: str) -> list[Faceted]:
        """The records of ``chapter`` (empty if it has none)."""
        return self.chapters.get(chapter, [])

    def relations(self, chapter: str) -> list[TypeRelation]:
        """The facts about the organisation type's bodies that ``chapter`` states."""
        return [r for r in (self.kind.relations if self.kind else ()) if r.chapter == chapter]

    def routes(self, tree: Tree, answers: list[Answer]) -> list[TreeRoute]:
        """The answers of a question; in the removal tree, answers that would remove
        for a reason the profile's house rules do not name are marked blocked."""
        if tree.id != REMOVAL_TREE:
            return [TreeRoute(a) for a in answers]
        allowed = set(self.profile.moderation.remove)
        return [TreeRoute(a, _removal_reason(a) not in allowed | {None}) for a in answers]


def assemble(
    profile: Profile, base: KnowledgeBase, trees: Iterable[Tree], today: date | None = None
) -> Guideline:
    """Select and place the records, trees and sources for ``profile``."""
    vocabulary = base.vocabulary
    if vocabulary is None:
        raise ValueError("the knowledge base has no vocabulary")
    kind = vocabulary.organisation_types.get(profile.organisation.type)
    own = profile.organisation.type
    fits = _Fit(
        profile,
        foreign_words(vocabulary.organisation_types, own),
        replaced_rules(base).get(own, frozenset()),
    )
    goals = _goals(profile, base)
    strategies = _strategies(profile, base, goals, fits)
    cases = _choose_cases(base, profile, strategies, fits)
    relevance = _Relevance(profile, base, strategies)
    chapters, general = _place_rules(base, fits, relevance, profile.rules_per_chapter)
    legal = dict(vocabulary.legal_topics)
    removal_rule = base.get(REMOVAL_RULE) if REMOVAL_RULE in base else None
    chosen_trees = {
        tree.id: adapt_tree(tree, kind, fits.foreign)
        for tree in trees
        if tree.id in CHAPTER_TREES.values()
    }
    issued = profile.issue_date(today)
    notes, later = _notes(strategies, chapters, general, issued, vocabulary)
    shown: list[Record | Tree] = [
        *strategies,
        *(r for records in chapters.values() for r in records),
        *(r for records in general.values() for r in records),
        *cases,
        *chosen_trees.values(),
        *([removal_rule] if isinstance(removal_rule, Practice) else []),
    ]
    # Notes of outdated terms (Twitter) written after the document are left out too.
    later += _unique(
        note
        for item in shown
        for note in guideline_term_notes(base, item).values()
        if date.fromisoformat(note.date) > issued
    )
    # The notes of outdated terms (Twitter) that the guideline's texts mention cite sources too.
    noted = term_note_sources(base, shown, issued) | {
        c.source for found in notes.values() for note in found for c in note.sources
    }
    # The bodies of the organisation type and the facts about them cite theirs.
    facts: list[Body | TypeRelation] = [*kind.bodies, *kind.relations] if kind else []
    noted |= {c.source for fact in facts for c in fact.sources}
    # Each legal chapter names its law, with a source.
    noted |= {c.source for topic in legal.values() for c in topic.sources}
    return Guideline(
        profile=profile,
        issued=issued,
        platforms=[vocabulary.platforms[p] for p in profile.platforms],
        audiences=[vocabulary.audiences[a] for a in profile.audience_ids],
        goals=goals,
        strategies=strategies,
        chapters=chapters,
        general=[(vocabulary.themes[t], rs) for t, rs in general.items() if rs],
        cases=cases,
        trees=chosen_trees,
        sources=_sources(base, shown, noted, cited_notes=False, issued=issued),
        knowledge_year=_knowledge_year(base, shown),
        platform_labels={key: term.label for key, term in vocabulary.platforms.items()},
        removal_rule=removal_rule if isinstance(removal_rule, Practice) else None,
        cited=[r for r in shown if isinstance(r, Record)],
        kind=kind,
        notes=notes,
        later_notes=later,
        legal=legal,
    )


def foreign_words(kinds: dict[str, OrganisationTypeTerm], own: str) -> re.Pattern[str] | None:
    """The words of the other organisation types that ``own`` does not share, as one
    pattern (case-insensitive, whole words); None if there are none."""
    mine = {w.casefold() for w in kinds[own].words} if own in kinds else set()
    words = {w.casefold() for key, kind in kinds.items() if key != own for w in kind.words} - mine
    if not words:
        return None
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives})\b", re.IGNORECASE)


def adapt_tree(
    tree: Tree, kind: OrganisationTypeTerm | None, foreign: re.Pattern[str] | None
) -> Tree:
    """``tree`` with only the answers that fit the organisation type.

    An answer naming a council member ('raadslid') names the type's own member instead,
    or drops the word where the type has none; an answer about a political office holder
    goes where the type has none; an answer naming another type's body goes. Questions
    and outcomes that no answer leads to any more go too."""
    questions: dict[str, Question] = {}
    for question in tree.questions:
        answers = []
        for answer in question.answers:
            label = _fitting_label(answer.label, kind, foreign)
            if label is not None:
                answers.append(answer.model_copy(update={"label": label}))
        questions[question.id] = question.model_copy(update={"answers": answers})
    reachable: set[str] = set()
    todo = [tree.start]
    while todo:
        node_id = todo.pop()
        if node_id in reachable:
            continue
        reachable.add(node_id)
        if node_id in questions:
            todo.extend(a.next for a in questions[node_id].answers)
    nodes = [questions.get(node.id, node) for node in tree.nodes if node.id in reachable]
    return tree.model_copy(update={"nodes": nodes})


#: A council member in a tree's answer, with the words that join it to another role.
_MEMBER = re.compile(r"(?:\s+of\s+)?\braadslid\b(?:\s+of\s+)?", re.IGNORECASE)


def _fitting_label(
    label: str, kind: OrganisationTypeTerm | None, foreign: re.Pattern[str] | None
) -> str | None:
    """An answer's label for the organisation type, or None if it does not fit."""
    if kind is not None and _MEMBER.search(label):
        if kind.member:
            label = re.sub(r"\braadslid\b", kind.member, label, flags=re.IGNORECASE)
        else:
            label = _MEMBER.sub(lambda m: " " if m.group(0).strip() != m.group(0) else "", label)
            label = " ".join(label.split())
    politician = re.search(r"\bbestuurder\b|\bpoliticus\b", label, re.IGNORECASE)
    if kind is not None and not kind.officeholders and not kind.member and politician:
        return None
    if foreign is not None and foreign.search(label):
        return None
    return label


def _notes(
    strategies: list[Strategy],
    chapters: dict[str, list[Faceted]],
    general: dict[str, list[Faceted]],
    issued: date,
    vocabulary: Vocabulary,
) -> tuple[dict[str, list[CurrencyNote]], list[CurrencyNote]]:
    """The notes each rule prints, in the guideline's order: each note once, and one on
    an outdated name of a platform or service (Google+, Hyves) only under a rule that
    uses it; a note on outdated law (Wob, webrichtlijnen) concerns every rule of its
    record. A note written after the document's date is left out (issue 27: no note is
    dated after the document); those are returned second."""
    ordered: list[Faceted] = [*strategies]
    ordered += [r for chapter in CHAPTER_ORDER for r in chapters.get(chapter, [])]
    ordered += [r for records in general.values() for r in records]
    patterns = [
        re.compile(term.pattern, re.IGNORECASE)
        for term in vocabulary.outdated_terms.values()
        if not LAW_WORDS.search(term.now)
    ]
    seen: set[str] = set()
    found: dict[str, list[CurrencyNote]] = {}
    later: list[CurrencyNote] = []
    for record in ordered:
        text = record.rule or record.title
        for note in record.notes:
            if note.text in seen:
                continue
            words = [p for p in patterns if p.search(note.text)]
            if words and not any(p.search(text) for p in words):
                continue
            seen.add(note.text)
            if date.fromisoformat(note.date) > issued:
                later.append(note)
            else:
                found.setdefault(record.id, []).append(note)
    return found, later


class _Fit:
    """Whether a record applies to the profile's type, platforms and audiences, and is
    not replaced by a rule written for the type (``replaced``: their ids)."""

    def __init__(
        self,
        profile: Profile,
        foreign: re.Pattern[str] | None = None,
        replaced: frozenset[str] = frozenset(),
    ) -> None:
        self.type = profile.organisation.type
        self.foreign = foreign
        self.replaced = replaced
        self.platforms = set(profile.platforms)
        self.audiences = set(profile.audience_ids)
        self.include = set(profile.include)
        self.exclude = set(profile.exclude)

    def __call__(self, record: Faceted) -> bool:
        if record.id in self.exclude:
            return False
        if record.id in self.include:
            return True
        if record.id in self.replaced:
            return False
        type_fits = not record.organisation_types or self.type in record.organisation_types
        platforms_fit = not record.platforms or bool(self.platforms & set(record.platforms))
        audiences_fit = not record.audiences or bool(self.audiences & set(record.audiences))
        # A rule that names another type's bodies or roles ('raadslid' for a province).
        words_fit = self.foreign is None or not self.foreign.search(
            getattr(record, "rule", None) or record.title
        )
        return type_fits and platforms_fit and audiences_fit and words_fit


def _goals(profile: Profile, base: KnowledgeBase) -> list[GoalChoice]:
    """The profile's goals with the strategy records that serve them."""
    goals = base.vocabulary.goals if base.vocabulary else {}
    return [
        GoalChoice(goal_id, goals[goal_id], goal_strategies(base, goals[goal_id]))
        for goal_id in profile.goals
    ]


def goal_strategies(base: KnowledgeBase, goal: Goal) -> list[Strategy]:
    """The strategy records a goal of the vocabulary names (unknown ids left out)."""
    return _records(base, goal.strategies, Strategy)


def _strategies(
    profile: Profile, base: KnowledgeBase, goals: list[GoalChoice], fits: _Fit
) -> list[Strategy]:
    """The strategies of the goals, plus included ones, minus excluded and unfitting ones."""
    chosen = _unique(s for choice in goals for s in choice.strategies)
    chosen += [s for s in base.of_type(Strategy) if s.id in profile.include and s not in chosen]
    return [s for s in chosen if fits(s)]


class _Relevance:
    """How closely a record fits the profile: its type, goals, audiences and platforms.

    Within a chapter the most relevant rules are kept (``rules_per_chapter``); the
    others stay in the handbook. So two organisations of different types, goals or
    audiences get different rules, not the same long list.
    """

    def __init__(self, profile: Profile, base: KnowledgeBase, strategies: list[Strategy]) -> None:
        self.type = profile.organisation.type
        self.include = set(profile.include)
        self.audiences = set(profile.audience_ids)
        self.platforms = set(profile.platforms)
        self.goal_themes = {theme for s in strategies for theme in s.themes}
        self.goal_records = {i for s in strategies for i in s.related}
        words = TYPE_WORDS[self.type]
        self.type_records = {
            i
            for case in base.of_type(Case)
            if any(word in case.organisation.casefold() for word in words)
            for i in case.practices
        }

    def off_goal(self, record: Faceted) -> bool:
        """A rule about a goal theme (participation, networks, ...) that none of the
        profile's goals has: it stays out, of the chapters and of "Overige regels"."""
        aimed = GOAL_THEMES & set(record.themes)
        return bool(aimed) and not aimed & self.goal_themes

    def __call__(self, record: Faceted) -> tuple[bool, bool, float]:
        """Higher is closer: included records first, then the rules written for the
        profile's organisation type (they say what a general rule cannot), then by score."""
        aimed = set(record.audiences)
        score = (
            2.0 * (record.id in self.type_records)
            + 2 * (record.id in self.goal_records)
            + len(self.goal_themes & set(record.themes))
            + (bool(record.platforms) and bool(self.platforms & set(record.platforms)))
            + (2 * len(aimed & self.audiences) / len(aimed) if aimed else 0)
        )
        return record.id in self.include, self.type in record.organisation_types, score


def _place_rules(
    base: KnowledgeBase, fits: _Fit, relevance: _Relevance, limit: int
) -> tuple[dict[str, list[Faceted]], dict[str, list[Faceted]]]:
    """The most relevant fitting practices, step plans and considerations of each chapter,
    or of each theme outside the chapters."""
    chapters: dict[str, list[Faceted]] = {}
    general: dict[str, list[Faceted]] = {}
    themes = base.vocabulary.themes if base.vocabulary else {}
    for record, chapter in rule_candidates(base):
        if not fits(record):
            continue
        if relevance.off_goal(record) and record.id not in fits.include:
            continue
        if chapter is not None:
            chapters.setdefault(chapter, []).append(record)
        elif (theme := general_theme(record)) in themes:
            # A rule without a theme stands under "strategie"; a vocabulary without that
            # theme has no section for it.
            general.setdefault(theme, []).append(record)
    legal = set(base.vocabulary.legal_topics) if base.vocabulary else set()
    for group, size in ((chapters, limit), (general, max(1, limit // 2))):
        for key, records in group.items():
            ranked = sorted(records, key=lambda r: (*(-x for x in relevance(r)), r.id))
            # A legal chapter shows all of its law's rules that fit: none is optional.
            keep = len(ranked) if group is chapters and key in legal else size
            group[key] = sorted(ranked[: max(keep, _forced(ranked, fits))], key=_order)
    return chapters, general


def _forced(records: list[Faceted], fits: _Fit) -> int:
    """How many of ``records`` the profile includes by id (they are always kept)."""
    return sum(1 for r in records if r.id in fits.include)


def rule_candidates(base: KnowledgeBase) -> list[tuple[Faceted, str | None]]:
    """The records that may become rules, each with its chapter (``None``: outside the
    chapters, under "Overige regels" by :func:`general_theme` when a goal needs it).

    An older record on law that a current-law record of the same legal chapter names
    among its related records is left out: the current one says what holds now (the
    handbook keeps both). The profile form counts a guideline's advice from these too
    (``advicedata.py``)."""
    topics = base.vocabulary.legal_topics if base.vocabulary else {}
    placed = [(r, _chapter_of(r, topics)) for r in _candidates(base) if r.id != REMOVAL_RULE]
    superseded = {
        (related, chapter)
        for record, chapter in placed
        if chapter in topics and legal_topic(record, topics) == chapter
        for related in record.related
    }
    return [
        (record, chapter)
        for record, chapter in placed
        if (record.id, chapter) not in superseded or legal_topic(record, topics) is not None
    ]


def general_theme(record: Faceted) -> str:
    """The theme under which a rule outside the chapters is listed."""
    return record.themes[0] if record.themes else "strategie"


def _candidates(base: KnowledgeBase) -> list[Rule]:
    return [*base.of_type(Practice), *base.of_type(StepPlan), *base.of_type(Consideration)]


def replaced_rules(base: KnowledgeBase) -> dict[str, frozenset[str]]:
    """For each organisation type, the rules that records written for it replace
    (``replaces``): their advice does not hold for that type, so its guideline leaves
    them out unless the profile includes them by id."""
    found: dict[str, set[str]] = defaultdict(set)
    for record in _candidates(base):
        for kind in record.organisation_types:
            found[kind].update(record.replaces)
    return {kind: frozenset(ids) for kind, ids in found.items()}


def legal_topic(record: Faceted, topics: dict[str, LegalTopic]) -> str | None:
    """The legal topic of a current-law record: the first whose evidence it cites."""
    cited = {citation.source for citation in record.sources}
    return next((key for key, topic in topics.items() if cited & set(topic.evidence)), None)


def _chapter_of(record: Faceted, topics: dict[str, LegalTopic]) -> str | None:
    """The chapter a record belongs in: its legal topic, else by its id or its first
    chapter theme. An older record on law goes to the archiving chapter when it is about
    archiving, else to the chapter of its next theme (the legal chapters hold the law)."""
    topic = legal_topic(record, topics)
    if topic is not None:
        return topic
    if record.id in ACCOUNT_RECORDS:
        return "security"
    for theme, chapter in THEME_CHAPTERS:
        if theme not in record.themes:
            continue
        if chapter == "archiving" and not ARCHIVING_WORDS.search(
            f"{record.title} {record.rule or ''}"
        ):
            continue
        return chapter
    return None


def _order(record: Faceted) -> tuple[int, str]:
    """Rules first, then considerations, then step plans; by rule text within each."""
    rank = {"practice": 0, "consideration": 1, "stepplan": 2}[record.type_name]
    return rank, (record.rule or record.title).casefold()


def _removal_reason(answer: Answer) -> str | None:
    """The removal reason an answer of the removal tree names, if it leads to removal."""
    if answer.next != REMOVAL_OUTCOME:
        return None
    label = answer.label.casefold()
    return next((r for word, r in REMOVAL_ANSWER_WORDS.items() if word in label), None)


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
        return (forced, same_type, shared_strategies, shared_platforms)

    # A practice example of another type's body ('Gemeenteraad van Rotterdam') stays out.
    candidates = [
        case
        for case in base.of_type(Case)
        if fits(case)
        and (
            case.id in fits.include
            or not (fits.foreign and fits.foreign.search(f"{case.title} {case.organisation}"))
        )
    ]
    ranked = sorted(candidates, key=lambda c: tuple(-x for x in score(c)))
    forced = [case for case in ranked if case.id in profile.include]
    rest = [case for case in ranked if case.id not in profile.include]
    return forced + rest[: max(0, profile.max_cases - len(forced))]


def _sources(
    base: KnowledgeBase,
    shown: list[Record | Tree],
    also: Iterable[str] = (),
    cited_notes: bool = True,
    issued: date | None = None,
) -> list[Source]:
    """The sources the shown records and trees cite, and ``also``, oldest first; with
    ``cited_notes`` False, the records' own notes only count through ``also``."""
    cited = {
        c.source
        for record in shown
        for c in _citations(record, with_notes=cited_notes, issued=issued)
    } | set(also)
    return sorted(
        (s for s in base.of_type(Source) if s.id in cited), key=lambda s: (s.year, s.title)
    )


def guideline_texts(item: Record | Tree) -> list[str]:
    """What a guideline shows of a record (a practice example: title and organisation;
    else its rule or title) or a decision tree (title, questions, answers, advice titles):
    where it may mention an outdated term."""
    if isinstance(item, Tree):
        questions = item.questions
        answers = [answer.label for question in questions for answer in question.answers]
        outcomes = [outcome.title for outcome in item.outcomes]
        return [item.title, *(q.text for q in questions), *answers, *outcomes]
    if isinstance(item, Case):
        return [item.title, item.organisation]
    return [getattr(item, "rule", None) or item.title]


def guideline_term_notes(base: KnowledgeBase, item: Record | Tree) -> dict[str, CurrencyNote]:
    """The notes of outdated terms (Twitter) that a guideline's text of ``item`` mentions
    (unless a note of the record itself, shown beside it, covers the term)."""
    own = () if isinstance(item, Case | Tree) else getattr(item, "notes", ())
    return term_notes(base.vocabulary, guideline_texts(item), own)


def term_note_sources(
    base: KnowledgeBase, items: Iterable[Record | Tree], issued: date | None = None
) -> set[str]:
    """The sources of the term notes that the rules and trees of a guideline show (with
    ``issued``, only those of notes dated on or before it)."""
    notes = [
        note
        for item in items
        for note in guideline_term_notes(base, item).values()
        if issued is None or date.fromisoformat(note.date) <= issued
    ]
    return {citation.source for note in notes for citation in note.sources}


def _knowledge_year(base: KnowledgeBase, shown: list[Record | Tree]) -> int | None:
    years = [
        y for r in shown if isinstance(r, Record) and (y := knowledge_year(base, r)) is not None
    ]
    return max(years) if years else None


def _records(base: KnowledgeBase, ids: Iterable[str], cls: type[RecordT]) -> list[RecordT]:
    return [record for i in ids if i in base and isinstance(record := base.get(i), cls)]


def _unique(items: Iterable[ItemT]) -> list[ItemT]:
    """``items`` without repeats, in their order (models are compared by value: a term's
    note is the same under every rule naming it)."""
    found: list[ItemT] = []
    for item in items:
        if item not in found:
            found.append(item)
    return found


def _citations(
    record: Record | Tree | Outcome, with_notes: bool = True, issued: date | None = None
) -> tuple[Citation, ...]:
    """A record's citations and its notes'; with ``issued``, not those of notes dated
    after it (the guideline does not print them)."""
    if isinstance(record, Tree):
        return (
            *record.sources,
            *(c for o in record.outcomes for c in _citations(o, issued=issued)),
        )
    own = tuple(record.sources) if isinstance(record, Outcome) else record.citations
    # A practice example is listed by its title only: notes on its text are not shown.
    notes = (
        ()
        if isinstance(record, Case) or (not with_notes and isinstance(record, Faceted))
        else getattr(record, "notes", ())
    )
    shown = [n for n in notes if issued is None or date.fromisoformat(n.date) <= issued]
    return (*own, *(c for note in shown for c in note.sources))
