"""What a handbook page template may use while it renders: :class:`PageContext`.

It links to records, facets and types, labels and groups records for cards and
overviews, and looks records up through :class:`SharedIndex`, the cross-record
lookups computed once per rendering.
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from guidegen.content.currency import shown_texts, term_notes
from guidegen.content.knowledge import KnowledgeBase, backlinks, citing_records, knowledge_year
from guidegen.content.model import (
    FACET_LABELS,
    FACETS,
    KIND_LABELS,
    RECORD_TYPES,
    Case,
    Citation,
    CurrencyNote,
    Faceted,
    Record,
    Source,
    Step,
    StepPlan,
    Term,
)
from guidegen.content.myst import Myst, escape
from guidegen.content.safemarkdown import plain_text
from guidegen.dates import dutch_date
from guidegen.handbook.fingerprint import digest, renderer_digest, shared_digest
from guidegen.handbook.pageurls import facet_docname, record_docname, relative_href, type_docname
from guidegen.handbook.searchfilters import encode_filters
from guidegen.trees.decisiontree import Tree

#: Facets offered as search filters, with their (Dutch) filter names.
SEARCH_FACETS: dict[str, str] = {
    "themes": "thema",
    "platforms": "platform",
    "audiences": "doelgroep",
    # Advice written for one kind of organisation: a filter, and the search ranks general
    # advice before it unless the question names that kind.
    "organisation_types": "organisatie",
}
#: Facets an overview can be filtered on in place ("soort": the kind or type).
FILTER_FACETS = ("soort", "themes", "platforms", "audiences")
#: sphinx-design badge colour per record type or kind.
BADGE_COLOURS: dict[str, str] = {
    "do": "success",
    "dont": "danger",
    "beperking": "warning",
    "risico": "warning",
    "wettelijke-plicht": "info",
}


@dataclass
class PageContext:
    """What a template may use while rendering the page ``docname``."""

    base: KnowledgeBase
    docname: str
    _shared: SharedIndex
    #: Outdated terms whose own note this page already shows (each once per page).
    _noted_terms: set[str] = field(default_factory=set)

    def term_notes(
        self, *items: str | Record | Tree, of: Record | None = None
    ) -> list[CurrencyNote]:
        """The notes of outdated terms that ``items`` mention, but only those this page
        does not show yet: a term's note appears once per page.

        :param of: the record the texts are from, if ``items`` are texts (its own notes
            may already cover a term).
        """
        texts = [t for i in items for t in ([i] if isinstance(i, str) else shown_texts(i))]
        own = [note for item in (*items, of) for note in getattr(item, "notes", ())]
        found = term_notes(self.base.vocabulary, texts, own)
        new = [note for term_id, note in found.items() if term_id not in self._noted_terms]
        self._noted_terms.update(found)
        return new

    def href(self, target_docname: str) -> str:
        """Relative link from this page to ``target_docname`` (a ``.md`` path).

        Docnames are relative to the generated folder; a page elsewhere in the
        source folder (a tree page) has a docname such as ``../beslisbomen/x``.
        """
        return relative_href(posixpath.dirname(self.docname), target_docname)

    def get(self, record_id: str) -> Record | None:
        """The record with ``record_id``, or None if it does not exist."""
        return self.base.get(record_id) if record_id in self.base else None

    def link(self, record_id: str) -> Myst:
        """A Markdown link to a record, titled with its (escaped) title.

        A missing record (already reported as a content problem) gives plain text,
        so that one broken reference does not stop the rest of the build.
        """
        if record_id not in self.base:
            return escape(record_id)
        record = self.base.get(record_id)
        link = Myst(f"[{escape(record.title)}]({self.href(record_docname(record_id))})")
        return in_language(link, record)

    def quote(self, citation: Citation) -> Myst:
        """A citation's quote between quotation marks, in its source's language."""
        quoted = Myst(f"“{escape(citation.quote)}”")
        return in_language(quoted, self.get(citation.source))

    def section(self, citation: Citation) -> Myst:
        """The part of a source a citation names (its own heading), in its language."""
        return in_language(escape(citation.section), self.get(citation.source))

    def title(self, record: Record) -> Myst:
        """A record's title as a page heading's text, in its source's language."""
        return in_language(escape(record.title), record)

    def facet_link(self, facet: str, value: str) -> Myst:
        if self.base.vocabulary is None or value not in self.base.vocabulary.values(facet):
            return escape(value)
        label = self.facet_label(facet, value)
        return Myst(f"[{escape(label)}]({self.href(facet_docname(facet, value))})")

    def type_link(self, type_name: str) -> Myst:
        cls = next(c for c in RECORD_TYPES if c.type_name == type_name)
        return Myst(f"[{escape(cls.plural_label)}]({self.href(type_docname(type_name))})")

    def facet_label(self, facet: str, value: str) -> str:
        vocabulary = self.base.vocabulary
        terms = vocabulary.values(facet) if vocabulary else {}
        return terms[value].label if value in terms else value

    def badges(self, record: Record) -> Myst:
        """sphinx-design badges for the type and, where it has one, the kind."""
        kind = getattr(record, "kind", None)
        parts = []
        if kind:
            parts.append(f"{{bdg-{BADGE_COLOURS[kind]}}}`{KIND_LABELS[kind]}`")
        else:
            parts.append(f"{{bdg-primary}}`{record.label}`")
        return Myst(" ".join(parts))

    def type_label(self, record: Record) -> str:
        """What a record is, in one word: its kind ("Doe", "Doe niet", "Risico") or type."""
        kind = getattr(record, "kind", None)
        return KIND_LABELS[kind] if kind else record.label

    def step_sections(self, plan: StepPlan) -> list[StepSection]:
        """The steps of a plan as sections, each a list numbered from 1.

        Steps titled "Stap 1: …" (a scheme with several parts per step) get a section
        per step number, listing the parts; otherwise a section per group, in order.
        """
        numbered = [_STEP_NUMBER.match(step.title) for step in plan.steps]
        if plan.steps and all(numbered):
            sections: dict[str, StepSection] = {}
            for step, match in zip(plan.steps, numbered, strict=True):
                assert match is not None
                key = f"Stap {match.group(1)}"
                title = f"{step.group}: {match.group(2)}" if step.group else match.group(2)
                sections.setdefault(key, StepSection(key, False, [])).steps.append(
                    Step(title=title, body=step.body)
                )
            return list(sections.values())
        grouped: dict[str | None, StepSection] = {}
        for step in plan.steps:
            grouped.setdefault(step.group, StepSection(step.group, True, [])).steps.append(step)
        return list(grouped.values())

    def blurb(self, record: Record) -> str:
        """A short plain-text description for cards."""
        if isinstance(record, Faceted):
            return record.summary
        if isinstance(record, Term):
            text = plain_text(record.definition)
            return text if len(text) <= 200 else text[:197].rsplit(" ", 1)[0] + " …"
        if isinstance(record, Source):
            return f"{record.publisher}, {record.year}"
        return ""

    def facets(self, record: Record) -> list[tuple[str, str, list[str]]]:
        """The record's facets that have values: (facet, Dutch label, values)."""
        return [
            (facet, FACET_LABELS[facet], list(getattr(record, facet)))
            for facet in FACETS
            if getattr(record, facet, None)
        ]

    def replaces(self, record: Record) -> list[Record]:
        """The rules this one replaces for the organisation types it names."""
        return [self.base.get(i) for i in getattr(record, "replaces", []) if i in self.base]

    def replaced_by(self, record: Record) -> list[Record]:
        """The rules written for some organisation types that replace this one for them."""
        return [r for r in self.references_to(record.id) if record.id in getattr(r, "replaces", ())]

    def organisation_labels(self, record: Record) -> str:
        """The organisation types a record is written for, by their labels ("Provincie")."""
        types = getattr(record, "organisation_types", [])
        return ", ".join(self.facet_label("organisation_types", t) for t in types)

    def related(self, record: Record) -> list[Record]:
        """Records this one names in ``related``, then records that refer to it (those
        that replace it are named apart: :meth:`replaced_by`)."""
        outgoing = [self.base.get(i) for i in getattr(record, "related", []) if i in self.base]
        seen = {r.id for r in outgoing} | {record.id} | {r.id for r in self.replaced_by(record)}
        illustrated = set(getattr(record, "practices", [])) | set(getattr(record, "strategies", []))
        incoming = [
            r for r in self.references_to(record.id) if r.id not in seen and r.id not in illustrated
        ]
        return outgoing + incoming

    def cases_illustrating(self, record_id: str) -> list[Record]:
        """Cases that list ``record_id`` among the practices or strategies they show."""
        return [r for r in self.references_to(record_id) if isinstance(r, Case)]

    def card_classes(self, record: Record) -> str:
        """CSS classes naming a card's kind or type and facet values, for in-place filters."""
        return " ".join(
            f"gg-f-{facet}-{value}"
            for facet in FILTER_FACETS
            for value in self._values(record, facet)
        )

    def _values(self, record: Record, facet: str) -> list[str]:
        if facet == "soort":
            return [getattr(record, "kind", None) or record.type_name]
        return list(getattr(record, facet, []))

    def filter_options(
        self, records: list[Record], skip: str | None = None
    ) -> list[tuple[str, str, str, int]]:
        """(facet, value, label, count) of every value the records use, per filter facet.

        The kind or type is offered only when the records have more than one;
        ``skip`` leaves out the facet a page is about.
        """
        options = []
        for facet in FILTER_FACETS:
            counts: dict[str, int] = defaultdict(int)
            labels: dict[str, str] = {}
            for record in records:
                for value in self._values(record, facet):
                    counts[value] += 1
                    if facet == "soort":
                        labels[value] = self.type_label(record)
            if facet == skip or (facet == "soort" and len(counts) < 2):
                continue
            if facet == "soort":
                options += [(facet, value, labels[value], counts[value]) for value in counts]
                continue
            terms = self.base.vocabulary.values(facet) if self.base.vocabulary else {}
            options += [
                (facet, value, terms[value].label, counts[value])
                for value in terms
                if counts.get(value)
            ]
        return options

    def alphabet(self, records: list[Record]) -> dict[str, list[Record]]:
        """Records by the first letter of their title (accents ignored), A to Z."""
        letters: dict[str, list[Record]] = defaultdict(list)
        for record in records:
            first = unicodedata.normalize("NFKD", record.title.strip()[:1])[:1].upper()
            letters[first if first.isalpha() else "#"].append(record)
        return {letter: _by_title(letters[letter]) for letter in sorted(letters)}

    def search_filters(self, record: Record) -> str:
        """Search filters of a record page: ``name=value|value;name=value`` (vocabulary labels)."""
        kind = getattr(record, "kind", None)
        filters = [("soort", [KIND_LABELS[kind] if kind else record.label])]
        for facet, name in SEARCH_FACETS.items():
            filters.append((name, [self.facet_label(facet, v) for v in getattr(record, facet, [])]))
        return encode_filters(filters)

    def year(self, record: Record) -> int | None:
        return knowledge_year(self.base, record)

    @staticmethod
    def date_nl(iso: str) -> str:
        """``2026-11-26`` as ``26 november 2026``."""
        return dutch_date(iso)

    def references_to(self, record_id: str) -> list[Record]:
        """Records that refer to ``record_id``, sorted by title."""
        return self._shared.records(self._shared.backlinks.get(record_id, []))

    def citing(self, source_id: str) -> dict[str, list[Record]]:
        """Records citing a source, grouped by type name in presentation order."""
        grouped: dict[str, list[Record]] = defaultdict(list)
        for record in self._shared.records(self._shared.citing.get(source_id, [])):
            grouped[record.type_name].append(record)
        return {
            cls.type_name: grouped[cls.type_name] for cls in RECORD_TYPES if grouped[cls.type_name]
        }


_STEP_NUMBER = re.compile(r"Stap (\d+)[:.]?\s+(.+)")


@dataclass
class StepSection:
    """Steps of a plan under one heading (None: no heading); ``ordered``: a numbered list."""

    heading: str | None
    ordered: bool
    steps: list[Step]


class SharedIndex:
    """Cross-record lookups computed once per rendering."""

    def __init__(self, base: KnowledgeBase) -> None:
        self.base = base

    @cached_property
    def inputs(self) -> str:
        """Digest of what every page is made from: guidegen's renderer, the shared view."""
        return digest(renderer_digest(), shared_digest(self.base))

    @cached_property
    def backlinks(self) -> dict[str, list[str]]:
        return backlinks(self.base)

    @cached_property
    def citing(self) -> dict[str, list[str]]:
        return citing_records(self.base)

    @cached_property
    def by_facet_value(self) -> dict[tuple[str, str], list[Record]]:
        found: dict[tuple[str, str], list[Record]] = defaultdict(list)
        for record in self.base.records:
            if isinstance(record, Faceted):
                for facet in FACETS:
                    for value in getattr(record, facet):
                        found[facet, value].append(record)
        return {key: _by_title(records) for key, records in found.items()}

    def records(self, ids: list[str]) -> list[Record]:
        return _by_title(self.base.get(record_id) for record_id in ids if record_id in self.base)


def _by_title(records: Iterable[Record]) -> list[Record]:
    return sorted(records, key=lambda r: (r.title.casefold(), r.id))


def in_language(text: Myst, record: Record | None) -> Myst:
    """``text`` marked with the language of a source read in another language than Dutch.

    The span's class ``language-en`` becomes ``lang="en"`` in the HTML (docutils), so
    a screen reader reads the words in that language (WCAG 3.1.2).
    """
    if isinstance(record, Source) and record.language != "nl":
        return Myst(f"[{text}]{{.language-{record.language}}}")
    return text
