"""Render a :class:`Guideline` to its master Markdown text with the guideline templates."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ..knowledge import KnowledgeBase
from ..model import KIND_LABELS, Consideration, Practice, Record, Source
from ..trees import Outcome, Question, Tree
from .assemble import Guideline
from .markdown import Md, guideline_environment, md_escape

#: The master template, relative to a templates folder.
MASTER_TEMPLATE = "richtlijn.md.jinja"
#: Dutch month names for dates in the text.
MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip
#: How the guideline names each removal reason, in the handreiking's order.
REMOVAL_WORDS: dict[str, str] = {
    "spam": "spam zijn",
    "kwetsend": "daadwerkelijk kwetsend zijn",
    "illegaal": "illegale inhoud bevatten",
}


class TemplateHelpers:
    """Functions the templates call as ``h.<name>``; they return escaped Markdown."""

    def __init__(self, guideline: Guideline, base: KnowledgeBase) -> None:
        self.guideline = guideline
        self.base = base

    def cite(self, record: Record | Tree | Outcome) -> Md:
        """The record's sources as ``(bron: [1] section; [2] section e.a.)``, in italics.

        Per source the first section the record cites is named; "e.a." says that the
        record cites more sections of it (the handbook page lists them all).
        """
        sections: dict[int, list[str]] = {}
        for number, citation in self.guideline.citations(record):
            where = citation.section + (f", p. {citation.pages}" if citation.pages else "")
            sections.setdefault(number, []).append(where)
        if not sections:
            return Md("")
        parts = [
            f"[{number}] {found[0]}{' e.a.' if len(found) > 1 else ''}"
            for number, found in sorted(sections.items())
        ]
        return Md(f"*{md_escape('(bron: ' + '; '.join(parts) + ')')}*")

    def cite_id(self, record_id: str) -> Md:
        """Like :meth:`cite`, for a record named by id (nothing if it does not exist)."""
        return self.cite(self.base.get(record_id)) if record_id in self.base else Md("")

    @staticmethod
    def kind(record: Practice | Consideration) -> str:
        return KIND_LABELS[record.kind]

    @staticmethod
    def node_ref(tree: Tree, node_id: str) -> str:
        """'vraag 3' or 'advies B: title' for a node of ``tree``."""
        node = tree.node(node_id)
        if isinstance(node, Question):
            return f"vraag {tree.questions.index(node) + 1}"
        letter = _letters(tree.outcomes.index(node))
        return f"advies {letter}: {node.title}"

    @staticmethod
    def removal_reasons(reasons: list[str]) -> str:
        words = [REMOVAL_WORDS[r] for r in REMOVAL_WORDS if r in reasons]
        return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} of {words[-1]}"

    @staticmethod
    def long_date(day: date) -> str:
        return f"{day.day} {MONTHS[day.month - 1]} {day.year}"

    @staticmethod
    def link(text: str, url: str) -> Md:
        """A link; ``url`` is a checked http(s) address, its text is escaped."""
        return Md(f"[{md_escape(text)}](<{url}>)")

    @staticmethod
    def mailto(address: str) -> Md:
        return Md(f"[{md_escape(address)}](<mailto:{address}>)")

    @staticmethod
    def source_line(source: Source) -> Md:
        authors = ", ".join(source.authors)
        parts = [f"{md_escape(authors)}," if authors else "", f"*{md_escape(source.title)}*"]
        if source.subtitle:
            parts.append(f"— {md_escape(source.subtitle)}")
        parts.append(f"{md_escape(source.publisher)}, {source.year}.")
        text = " ".join(p for p in parts if p)
        if source.url:
            text += f" <{source.url}>"
        return Md(text)


def _letters(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def render_markdown(guideline: Guideline, base: KnowledgeBase, folders: list[Path]) -> str:
    """The guideline as CommonMark, from the first of ``folders`` that has each template."""
    environment = guideline_environment(tuple(folders))
    template = environment.get_template(MASTER_TEMPLATE)
    text = template.render(
        g=guideline, profile=guideline.profile, h=TemplateHelpers(guideline, base)
    )
    return _tidy(text)


def _tidy(text: str) -> str:
    """Collapse runs of blank lines that conditional template blocks leave behind."""
    lines: list[str] = []
    for raw in text.splitlines():
        line = raw.rstrip()
        if line or (lines and lines[-1]):
            lines.append(line)
    return "\n".join(lines).strip() + "\n"
