"""Render a :class:`Guideline` to its master Markdown text with the guideline templates."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from guidegen.content.knowledge import KnowledgeBase
from guidegen.content.model import (
    KIND_LABELS,
    Citation,
    Consideration,
    CurrencyNote,
    Faceted,
    Practice,
    Record,
    Source,
    StepPlan,
)
from guidegen.content.myst import Myst, escape
from guidegen.dates import dutch_date
from guidegen.guideline.address import OWN_END, OWN_START, in_address, to_je
from guidegen.guideline.assemble import CHAPTER_TREES, Guideline, guideline_term_notes
from guidegen.guideline.markdown import guideline_environment
from guidegen.trees.decisiontree import Outcome, Question, Tree

if TYPE_CHECKING:
    from guidegen.guideline.compare import Changes

#: The master template, relative to a templates folder.
MASTER_TEMPLATE = "richtlijn.md.jinja"
#: How a rule names the organisation that adopts it; replaced by the organisation's name.
ORGANISATION_WORDS = re.compile(r"\b(?:de|je) organisatie\b(?!s)")
#: How the guideline names each removal reason, in the handreiking's order.
REMOVAL_WORDS: dict[str, str] = {
    "spam": "spam zijn",
    "kwetsend": "daadwerkelijk kwetsend zijn",
    "illegaal": "illegale inhoud bevatten",
}


@dataclass(frozen=True)
class NumberedStep:
    """A step of a step plan as a guideline lists it."""

    number: int
    title: str


class TemplateHelpers:
    """Functions the templates call as ``h.<name>``; they return escaped Markdown."""

    def __init__(self, guideline: Guideline, base: KnowledgeBase) -> None:
        self.guideline = guideline
        self.base = base
        #: Outdated terms whose note the guideline already shows (once, at the first mention).
        self.noted_terms: set[str] = set()

    def term_notes(self, item: Record | Tree) -> list[CurrencyNote]:
        """The notes of outdated terms (Twitter) that the guideline's text of ``item``
        mentions for the first time in this guideline (none written after its date)."""
        found = guideline_term_notes(self.base, item)
        new = [note for term_id, note in found.items() if term_id not in self.noted_terms]
        self.noted_terms.update(found)
        return self.guideline.dated(new)

    def notes(self, record: Record | Tree) -> list[CurrencyNote]:
        """The notes printed under ``record``: its own (as :meth:`Guideline.notes_of`
        chose them) and the first mention's note of an outdated term."""
        own = self.guideline.notes_of(record) if isinstance(record, Record) else []
        return [*own, *self.term_notes(record)]

    def note_label(self, note: CurrencyNote) -> str:
        """How a note opens: 'Stand van zaken 26 november 2026' (the guideline shows no
        note written after its own date)."""
        return f"Stand van zaken {self.day(note.date)}"

    @staticmethod
    def je(text: str) -> str:
        """Text quoted from a source in the u-form, in the je-form of the handbook's rules
        (a guideline in the u-form turns all of its text back at the end)."""
        return to_je(text)

    def organisation_named(self, text: str) -> str:
        """``text`` with 'de organisatie' as the organisation's name."""
        return ORGANISATION_WORDS.sub(self.guideline.profile.organisation.called, text)

    @staticmethod
    def join_and(items: list[str]) -> str:
        """'a, b en c'."""
        return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} en {items[-1]}"

    @staticmethod
    def step_groups(plan: StepPlan) -> list[tuple[str, list[NumberedStep]]]:
        """The steps of a plan, numbered, one line per group (one line if it has none):
        a rule that names steps shows them all."""
        groups: dict[str, list[NumberedStep]] = {}
        for number, step in enumerate(plan.steps, 1):
            # 'Stap 1: Draagvlak verwerven' in a grouped plan: the number says it already.
            title = re.sub(r"^Stap \d+:\s*", "", step.title).rstrip(".")
            groups.setdefault(step.group or "", []).append(NumberedStep(number, title))
        return list(groups.items())

    @staticmethod
    def own(text: str | None) -> Myst:
        """The organisation's own Markdown text, kept in its own words (form of address)."""
        return Myst(f"{OWN_START}{(text or '').strip()}{OWN_END}")

    @staticmethod
    def own_text(text: str) -> Myst:
        """The organisation's own plain text (escaped), kept in its own words."""
        return Myst(f"{OWN_START}{escape(text)}{OWN_END}")

    @property
    def decider(self) -> str:
        """Who decides what the profile leaves open: the department that answers for the
        accounts (``organisation.contact.department``, by default the Communication
        department), a name, where ``roles.approval`` may be a sentence about approvals."""
        return self.guideline.profile.organisation.contact.department

    @property
    def adopter(self) -> str:
        """Who decides on the guideline as a whole: who adopts it, else the body of the
        organisation type that decides on its own organisation (the vocabulary marks it),
        else the decider."""
        if self.guideline.profile.document.adopted_by:
            return self.guideline.profile.document.adopted_by
        kind = self.guideline.kind
        deciding = [b.name for b in kind.bodies if b.decides] if kind else []
        return deciding[0] if deciding else self.decider

    def cite(self, record: Record | Tree | Outcome) -> Myst:
        """The record's sources as ``(bron: [1] section; [2] section e.a.)``, in italics.

        Per source the first section the record cites is named; "e.a." says that the
        record cites more sections of it (the handbook page lists them all).
        """
        sections: dict[int, list[str]] = {}
        for number, citation in self.guideline.citations(record):
            where = citation.section + (f", p. {citation.pages}" if citation.pages else "")
            sections.setdefault(number, []).append(where)
        if not sections:
            return Myst("")
        parts = [
            f"[{number}] {found[0]}{' e.a.' if len(found) > 1 else ''}"
            for number, found in sorted(sections.items())
        ]
        return Myst(f"*{escape('(bron: ' + '; '.join(parts) + ')')}*")

    def mark(self, item: object) -> Myst:
        """A short source marker: ``[2, p. 18; 3]`` (source numbers, with pages if known)."""
        citations = _sources_of(item)
        parts: dict[int, list[str]] = {}
        for citation in citations:
            if any(s.id == citation.source for s in self.guideline.sources):
                pages = parts.setdefault(self.guideline.source_number(citation.source), [])
                if citation.pages and f"p. {citation.pages}" not in pages:
                    pages.append(f"p. {citation.pages}")
        if not parts:
            return Myst("")
        text = "; ".join(", ".join([str(n), *pages[:1]]) for n, pages in sorted(parts.items()))
        return Myst(f"\\[{text}\\]")

    def rule(self, record: Faceted) -> str:
        """The record's rule for guidelines (its title while it has none), naming the
        organisation where the rule says 'de organisatie' or 'je organisatie'."""
        called = self.guideline.profile.organisation.called
        return ORGANISATION_WORDS.sub(called, record.rule or record.title)

    @staticmethod
    def day(value: str | date) -> str:
        """A date, or an ISO date text (YYYY-MM-DD), as '1 oktober 2026'."""
        day = value if isinstance(value, date) else date.fromisoformat(value)
        return TemplateHelpers.long_date(day)

    #: The trees in the annex, in the order of their chapters.
    tree_order = tuple(CHAPTER_TREES.values())

    def cite_id(self, record_id: str) -> Myst:
        """Like :meth:`cite`, for a record named by id (nothing if it does not exist)."""
        return self.cite(self.base.get(record_id)) if record_id in self.base else Myst("")

    @staticmethod
    def kind(record: Practice | Consideration) -> str:
        return KIND_LABELS[record.kind]

    @staticmethod
    def node_ref(tree: Tree, node_id: str) -> str:
        """'vraag 3' or 'advies B' for a node of ``tree`` (the list of advice below the
        questions gives each title once)."""
        node = tree.node(node_id)
        if isinstance(node, Question):
            return f"vraag {tree.questions.index(node) + 1}"
        return f"advies {_letters(tree.outcomes.index(node))}"

    @classmethod
    def node_heading(cls, tree: Tree, node_id: str) -> str:
        """'Advies B: Title.' for an outcome, as the list of advice opens it."""
        node = tree.node(node_id)
        name = node.title if isinstance(node, Outcome) else node.text
        title = name if name.endswith((".", "?", "!")) else f"{name}."
        return f"{cls.upper_first(cls.node_ref(tree, node_id))}: {title}"

    @staticmethod
    def upper_first(text: str) -> str:
        """``text`` with a capital first letter (Jinja's capitalize lowercases the rest)."""
        return text[:1].upper() + text[1:]

    @staticmethod
    def removal_reasons(reasons: list[str]) -> str:
        words = [REMOVAL_WORDS[r] for r in REMOVAL_WORDS if r in reasons]
        return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} of {words[-1]}"

    @staticmethod
    def long_date(day: date) -> str:
        return dutch_date(day)

    @staticmethod
    def link(text: str, url: str) -> Myst:
        """A link; ``url`` is a checked http(s) address, its text is escaped."""
        return Myst(f"[{escape(text)}](<{url}>)")

    @staticmethod
    def mailto(address: str) -> Myst:
        return Myst(f"[{escape(address)}](<mailto:{address}>)")

    @property
    def accessed(self) -> str | None:
        """The day most of the listed web pages were read (ISO), said once above the
        list; a page read on another day says its own."""
        days = Counter(s.accessed for s in self.guideline.sources if s.accessed)
        return days.most_common(1)[0][0] if days else None

    def source_line(self, source: Source) -> Myst:
        """A source as the list gives it: authors, title, publisher, year, address, and
        the day it was read where that is not the day the list names once."""
        authors = ", ".join(source.authors)
        title = f"*{escape(source.title)}*"
        if source.subtitle:
            title += f" — {escape(source.subtitle)}"
        last = source.subtitle or source.title
        title += "" if last.endswith((".", "?", "!")) else "."
        parts = [f"{escape(authors)}," if authors else "", title, escape(source.publisher)]
        text = " ".join(p for p in parts if p) + f", {source.year}."
        if source.url:
            text += f" <{source.url}>"
        if source.accessed and source.accessed != self.accessed:
            # A page read online is dated: what it says held on the day it was read.
            text += f" Geraadpleegd op {self.day(source.accessed)}."
        return Myst(text)


def _sources_of(item: object) -> tuple[Citation, ...]:
    """The citations of a record, tree outcome or currency note."""
    if isinstance(item, Record):
        return item.citations
    return tuple(getattr(item, "sources", ()) or ())


def _letters(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def render_markdown(
    guideline: Guideline,
    base: KnowledgeBase,
    folders: list[Path],
    changes: Changes | None = None,
) -> str:
    """The guideline as CommonMark, from the first of ``folders`` that has each template;
    with ``changes``, a section on what changed since an earlier version."""
    environment = guideline_environment(tuple(folders))
    template = environment.get_template(MASTER_TEMPLATE)
    text = template.render(
        g=guideline, profile=guideline.profile, h=TemplateHelpers(guideline, base), changes=changes
    )
    text = in_address(_tidy(text), guideline.profile.tone.address)
    return _with_decisions(text)


#: An open decision as the templates write it (``besluit.md.jinja``).
_DECISION = re.compile(r"^> \*\*Nog te besluiten door (.+?):\*\* (.+)$")
#: Where the annex lists every open decision.
DECISIONS_MARK = "<!-- besluitenlijst -->"


def _with_decisions(text: str) -> str:
    """The text with the list of open decisions, per chapter, where the master template
    put :data:`DECISIONS_MARK` (a guideline without the mark gets no list)."""
    chapter = ""
    found: list[str] = []
    for line in text.splitlines():
        if line.startswith("## "):
            chapter = line[3:].strip()
        match = _DECISION.match(line)
        if match:
            found.append(f"{len(found) + 1}. *{chapter}* — {match.group(1)}: {match.group(2)}")
    if found:
        listing = "\n".join(found)
    else:
        listing = "Er staan geen besluiten meer open: elk hoofdstuk is ingevuld."
    return text.replace(DECISIONS_MARK, listing)


def _tidy(text: str) -> str:
    """Collapse runs of blank lines that conditional template blocks leave behind."""
    lines: list[str] = []
    for raw in text.splitlines():
        line = raw.rstrip()
        if line or (lines and lines[-1]):
            lines.append(line)
    return "\n".join(lines).strip() + "\n"
