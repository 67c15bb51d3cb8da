"""The content model: one pydantic class per record type.

Every model forbids unknown fields (typos must not pass silently) and is strict
about types (a number is not silently turned into text).  Plain-text fields are
rendered escaped; Markdown fields accept the allow-list of ``safemarkdown`` (no raw
HTML, fences, directives or roles) and are rendered on their own, never as page source.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Iterator
from functools import cache
from typing import Annotated, ClassVar, Literal, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

from guidegen.content.safemarkdown import markdown_problem

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


def _single_line(value: str) -> str:
    if "\n" in value or "\r" in value:
        raise ValueError("must be a single line; move longer text to a Markdown field")
    return value


def _safe_markdown(value: str) -> str:
    problem = markdown_problem(value)
    if problem is not None:
        raise ValueError(problem)
    return value


Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=80)]
Line = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=200),
    AfterValidator(_single_line),
]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=1200)]
Markdown = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=20000),
    AfterValidator(_safe_markdown),
]
LineRange = Annotated[str, StringConstraints(pattern=r"^[0-9]+(?:-[0-9]+)?$")]
Url = Annotated[str, StringConstraints(pattern=r"^https?://[^\s<>\"']+$", max_length=500)]
#: The kinds of government organisation a guideline (and a record) can be for.
OrganisationType = Literal[
    "gemeente", "provincie", "waterschap", "ministerie", "uitvoeringsorganisatie", "politie"
]
#: The record types a guideline takes its rules from (practices, step plans, considerations).
RULE_TYPES = ("practice", "stepplan", "consideration")


def _mentions_markdown(annotation: object) -> bool:
    if isinstance(annotation, AfterValidator):
        return annotation.func is _safe_markdown
    return any(_mentions_markdown(arg) for arg in get_args(annotation))


@cache
def markdown_fields(cls: type[BaseModel]) -> frozenset[str]:
    """The fields of ``cls`` that hold Markdown (a text, an optional text or a list)."""
    return frozenset(
        name
        for name, info in cls.model_fields.items()
        if _mentions_markdown(info.annotation) or any(map(_mentions_markdown, info.metadata))
    )


def markdown_texts(value: object) -> Iterator[str]:
    """Every Markdown text in ``value`` (a model, or lists, iterables and dicts of them)."""
    if isinstance(value, BaseModel):
        markdown = markdown_fields(type(value))
        for name in type(value).model_fields:
            item = getattr(value, name)
            if name in markdown:
                yield from (item if isinstance(item, list) else [item] if item else [])
            else:
                yield from markdown_texts(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from markdown_texts(item)
    elif isinstance(value, Iterable) and not isinstance(value, str | bytes):
        for item in value:
            yield from markdown_texts(item)


class StrictModel(BaseModel):
    """Base for every YAML-backed model: unknown fields and type coercion fail."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Citation(StrictModel):
    """Where in a source document a record's knowledge comes from."""

    source: Id = Field(description="Id of a `source` record.")
    section: Line = Field(description="Section or chapter title as the source names it.")
    pages: LineRange | None = Field(
        None, description="Page(s) in the document, e.g. '12' or '12-13'."
    )
    lines: LineRange | None = Field(
        None, description="Line(s) in the seed text file, e.g. '35-41'."
    )
    quote: Text | None = Field(None, max_length=600, description="A short literal quote.")


IsoDate = Annotated[str, StringConstraints(pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")]


def _real_date(value: str) -> str:
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{value!r} is not a date that exists; write YYYY-MM-DD") from None
    return value


Date = Annotated[IsoDate, AfterValidator(_real_date)]


class CurrencyNote(StrictModel):
    """A dated note on what holds now, beside the advice of an older source."""

    date: Date = Field(description="'Stand van': the date the note was written (YYYY-MM-DD).")
    review: Date = Field(description="Review the note before this date (YYYY-MM-DD).")
    text: Markdown = Field(description="What holds now, in a sentence or two.")
    sources: list[Citation] = Field(min_length=1, description="Public sources for the note.")

    @property
    def year(self) -> int:
        return int(self.date[:4])


class Record(StrictModel):
    """Fields every record has."""

    type_name: ClassVar[str]
    folder: ClassVar[str]
    label: ClassVar[str]
    plural_label: ClassVar[str]
    #: Fields shown on the record's own page only, never on another page (cards,
    #: lists, links show the rest). An edit to them re-renders that one page; a field
    #: left out of this set only makes an edit to it re-render more pages.
    page_only_fields: ClassVar[frozenset[str]] = frozenset()

    id: Id = Field(description="Stable kebab-case id; equals the file name without '.yaml'.")
    title: Line

    @property
    def reference_fields(self) -> dict[str, tuple[str, ...]]:
        """Fields holding ids of other records, with the record types they may name."""
        return {}

    @property
    def citations(self) -> tuple[Citation, ...]:
        return ()


class Source(Record):
    """A source document the handbook's knowledge comes from."""

    type_name = "source"
    folder = "sources"
    label = "Bron"
    plural_label = "Bronnen"
    page_only_fields = frozenset(
        {"subtitle", "authors", "date", "licence", "url", "description", "not_found_online"}
    )

    subtitle: Line | None = None
    authors: list[Line] = Field(default_factory=list)
    publisher: Line
    year: int = Field(ge=1990, le=2100)
    date: Line | None = Field(None, description="Publication date as the document gives it.")
    files: list[Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_.-]+$")]] = Field(
        default_factory=list,
        description="File name(s) of the text in the seeds folder; required without a url.",
    )
    licence: Text = Field(description="Licence or reuse note.")
    url: Url | None = Field(None, description="Official address of the document.")
    description: Markdown | None = None
    accessed: Date | None = Field(
        None, description="Date the page at `url` was read (YYYY-MM-DD); required without files."
    )
    language: Literal["nl", "en", "de", "fr"] = Field(
        "nl",
        description="Language of the source's text (ISO 639-1): pages mark its title and "
        "quotes with it, so a screen reader reads them in that language.",
    )
    not_found_online: Date | None = Field(
        None,
        description="Date a public copy of a seed document was searched for and none found "
        "(YYYY-MM-DD); only without a url. The page says so.",
    )

    @model_validator(mode="after")
    def _text_or_address(self) -> Source:
        if not self.files and not self.url:
            raise ValueError("a source needs 'files' (its seed text) or a 'url'")
        if not self.files and not self.accessed:
            raise ValueError("a source read online needs 'accessed': the date it was read")
        if self.url and self.not_found_online:
            raise ValueError("a source with a 'url' was found online: drop 'not_found_online'")
        return self


class Faceted(Record):
    """A record that carries the shared facets and cites sources."""

    summary: Text = Field(description="One or two sentences, plain text.")
    rule: Line | None = Field(
        None,
        description="The advice as an organisation adopts it in its guideline: one line, "
        "imperative, positive, 'je'-form, with a short reason.",
    )
    organisation_types: list[OrganisationType] = Field(
        default_factory=list,
        description="Organisation types the record applies to; empty means: every type.",
    )
    themes: list[str] = Field(default_factory=list)
    platforms: list[str] = Field(
        default_factory=list, description="Empty means: applies to every platform."
    )
    audiences: list[str] = Field(default_factory=list)
    phases: list[str] = Field(default_factory=list)
    participation_levels: list[str] = Field(default_factory=list)
    related: list[Id] = Field(default_factory=list)
    sources: list[Citation] = Field(min_length=1, description="At least one citation.")
    notes: list[CurrencyNote] = Field(
        default_factory=list, description="Dated notes on what holds now (last field)."
    )

    @property
    def reference_fields(self) -> dict[str, tuple[str, ...]]:
        return {"related": ()}

    @property
    def citations(self) -> tuple[Citation, ...]:
        return tuple(self.sources)


class Rule(Faceted):
    """A record a guideline takes as a rule: a practice, step plan or consideration."""

    replaces: list[Id] = Field(
        default_factory=list,
        description="Rules this record replaces in the guideline of the organisation types "
        "it names, because their advice does not hold there (a police unit does use local "
        "accounts); only with organisation_types.",
    )

    @property
    def reference_fields(self) -> dict[str, tuple[str, ...]]:
        return {"related": (), "replaces": RULE_TYPES}


class Practice(Rule):
    """A do or a don't."""

    type_name = "practice"
    folder = "practices"
    label = "Do of don't"
    plural_label = "Do's en don'ts"
    page_only_fields = frozenset({"sources", "body", "rationale", "examples"})

    kind: Literal["do", "dont"]
    body: Markdown
    rationale: Markdown | None = None
    examples: list[Markdown] = Field(default_factory=list)


class Strategy(Faceted):
    """A way to deploy social media for a goal."""

    type_name = "strategy"
    folder = "strategies"
    label = "Strategie"
    plural_label = "Strategieën"
    page_only_fields = frozenset({"sources", "goal", "fits_when", "conditions", "risks", "body"})

    goal: Markdown
    fits_when: Markdown
    conditions: list[Markdown] = Field(min_length=1)
    risks: list[Markdown] = Field(default_factory=list)
    body: Markdown | None = None


class Person(StrictModel):
    """Someone in a case, as the source names them."""

    name: Line | None = None
    role: Line


class Result(StrictModel):
    """One result of a case; figures need a citation."""

    text: Markdown
    source: Citation | None = None

    @model_validator(mode="after")
    def _figures_need_a_source(self) -> Result:
        if self.source is None and re.search(r"[0-9]", self.text):
            raise ValueError("a result with figures needs a 'source' citation; add one")
        return self


class Case(Faceted):
    """A case study or practice example."""

    type_name = "case"
    folder = "cases"
    label = "Praktijkvoorbeeld"
    plural_label = "Praktijkvoorbeelden"
    page_only_fields = frozenset(
        {"sources", "organisation", "people", "period", "what_was_done", "results", "lessons"}
    )

    organisation: Line
    people: list[Person] = Field(default_factory=list)
    period: Line | None = None
    what_was_done: Markdown
    results: list[Result] = Field(default_factory=list)
    lessons: list[Markdown] = Field(default_factory=list)
    practices: list[Id] = Field(default_factory=list)
    strategies: list[Id] = Field(default_factory=list)

    @property
    def reference_fields(self) -> dict[str, tuple[str, ...]]:
        return {"related": (), "practices": ("practice",), "strategies": ("strategy",)}

    @property
    def citations(self) -> tuple[Citation, ...]:
        return (*self.sources, *(r.source for r in self.results if r.source))


class Step(StrictModel):
    """One step of a step plan or checklist."""

    title: Line
    body: Markdown | None = None
    group: Line | None = Field(None, description="Optional group, e.g. 'Intern'.")


class StepPlan(Rule):
    """An ordered step plan or checklist."""

    type_name = "stepplan"
    folder = "stepplans"
    label = "Stappenplan"
    plural_label = "Stappenplannen"
    page_only_fields = frozenset({"sources", "intro", "steps"})

    intro: Markdown | None = None
    steps: list[Step] = Field(min_length=2)


class Consideration(Rule):
    """A limitation, risk or legal duty to keep in mind."""

    type_name = "consideration"
    folder = "considerations"
    label = "Aandachtspunt"
    plural_label = "Beperkingen, risico's en plichten"
    page_only_fields = frozenset({"sources", "body", "mitigations"})

    kind: Literal["beperking", "risico", "wettelijke-plicht"]
    body: Markdown
    mitigations: list[Markdown] = Field(default_factory=list)


class Term(Record):
    """A glossary entry."""

    type_name = "term"
    folder = "terms"
    label = "Begrip"
    plural_label = "Begrippen"
    page_only_fields = frozenset({"sources", "synonyms"})

    definition: Markdown
    synonyms: list[Line] = Field(default_factory=list)
    related: list[Id] = Field(default_factory=list)
    sources: list[Citation] = Field(min_length=1)
    notes: list[CurrencyNote] = Field(
        default_factory=list, description="Dated notes on what holds now (last field)."
    )

    @property
    def reference_fields(self) -> dict[str, tuple[str, ...]]:
        return {"related": ()}

    @property
    def citations(self) -> tuple[Citation, ...]:
        return tuple(self.sources)


#: Every record type, in the order the handbook presents them.
RECORD_TYPES: tuple[type[Record], ...] = (
    Practice,
    Strategy,
    Case,
    StepPlan,
    Consideration,
    Term,
    Source,
)
TYPE_BY_FOLDER: dict[str, type[Record]] = {cls.folder: cls for cls in RECORD_TYPES}
TYPE_BY_NAME: dict[str, type[Record]] = {cls.type_name: cls for cls in RECORD_TYPES}

#: Facet fields, in display order; their values come from the vocabulary.
FACETS: tuple[str, ...] = ("themes", "platforms", "audiences", "phases", "participation_levels")

KIND_LABELS: dict[str, str] = {
    "do": "Doe",
    "dont": "Doe niet",
    "beperking": "Beperking",
    "risico": "Risico",
    "wettelijke-plicht": "Wettelijke plicht",
}


class VocabularyTerm(StrictModel):
    """One allowed facet value."""

    label: Line
    description: Text


class PlatformTerm(VocabularyTerm):
    """A platform; a historical one (closed) may be named by records, not by profiles."""

    historical: bool = Field(
        False, description="The platform no longer exists; profiles cannot choose it."
    )


def _regex(value: str) -> str:
    try:
        re.compile(value)
    except re.error as exc:
        raise ValueError(f"not a valid regular expression: {exc}") from None
    return value


class OutdatedTerm(StrictModel):
    """A word from the sources that is outdated today; a mention needs a currency note."""

    label: Line
    pattern: Annotated[str, StringConstraints(min_length=1, max_length=200)] = Field(
        description="Regular expression (case-insensitive) that finds a mention."
    )
    now: Line = Field(description="In a few words: what holds now (for the warning).")
    note: CurrencyNote | None = Field(
        None,
        description="One dated note that applies wherever the term appears: pages that "
        "mention it show the note once, and mentions need no note of their own.",
    )

    @model_validator(mode="after")
    def _valid_pattern(self) -> OutdatedTerm:
        _regex(self.pattern)
        return self

    def finds(self, text: str) -> bool:
        return re.search(self.pattern, text, re.IGNORECASE) is not None


class Goal(VocabularyTerm):
    """A communication goal an organisation can name in its profile."""

    strategies: list[Id] = Field(
        min_length=1, description="Ids of the strategy records that serve this goal."
    )


class Body(StrictModel):
    """A body or office of an organisation type, as an official page describes it."""

    name: Line = Field(description="Its name as the text uses it, e.g. 'de gemeenteraad'.")
    role: Line = Field(description="What it does, in a short clause from the cited page.")
    sources: list[Citation] = Field(min_length=1, description="The official page(s).")
    decides: bool = Field(
        False,
        description="It decides on the organisation's own arrangements (its daily "
        "administration or management): a guideline without 'adopted_by' names it as "
        "the one who takes the guideline's open decisions on the whole.",
    )


class TypeRelation(StrictModel):
    """A fact about an organisation type that one chapter of its guideline states: how
    its bodies relate (who informs whom, whose meetings are public), or a duty the law
    gives one of them (who keeps the archives), as an official page says it."""

    chapter: Id = Field(
        description="The guideline chapter that states it: roles, crisis, privacy, "
        "archiving, threats (the keys of the guideline's chapters)."
    )
    text: Text = Field(description="The fact in one Dutch sentence, naming the bodies.")
    sources: list[Citation] = Field(min_length=1, description="The official page(s).")


class OrganisationTypeTerm(StrictModel):
    """An organisation type a profile can name: its bodies and the words for its roles.

    A guideline uses these words instead of another type's: a province's text names
    Provinciale Staten, never a 'raadslid'. ``words`` are what only this type has; a rule
    or tree answer that names another type's word stays out of this type's guideline."""

    label: Line
    description: Text
    bodies: list[Body] = Field(min_length=1)
    member: Line | None = Field(
        None,
        description="The elected member of its representative body ('raadslid'); "
        "none for a type without one.",
    )
    members: Line | None = Field(None, description="The plural of ``member`` ('raadsleden').")
    officeholders: Line | None = Field(
        None,
        description="Its political office holders, plural ('wethouders'); none for a "
        "type whose leaders are not politicians.",
    )
    words: list[Line] = Field(
        default_factory=list, description="Words that name this type's own bodies and roles."
    )
    relations: list[TypeRelation] = Field(
        default_factory=list,
        description="Facts about this type's bodies that its guideline's chapters state.",
    )


class LegalTopic(StrictModel):
    """A legal chapter of a guideline: the law it follows and how its records are found.

    A record is this topic's when it cites one of ``evidence`` (the official pages on this
    law that the current-law records cite); the chapter shows every such record that fits
    the profile. Without any, it says what the organisation still has to decide."""

    label: Line = Field(description="The chapter's heading.")
    law: Line = Field(description="The law, as the chapter names it.")
    sources: list[Citation] = Field(min_length=1, description="Where the law is described.")
    evidence: list[Id] = Field(min_length=1, description="Source ids that mark its records.")
    decide: Line = Field(
        description="What the organisation still has to decide while no record covers "
        "the topic: a clause after 'Nog te besluiten door ...:'."
    )


class Vocabulary(StrictModel):
    """The controlled vocabulary for the facets, and the goals profiles may name."""

    themes: dict[Id, VocabularyTerm]
    platforms: dict[Id, PlatformTerm]
    audiences: dict[Id, VocabularyTerm]
    phases: dict[Id, VocabularyTerm]
    participation_levels: dict[Id, VocabularyTerm]
    organisation_types: dict[Id, OrganisationTypeTerm] = Field(
        default_factory=dict,
        description="The organisation types of profiles, with their bodies (cited).",
    )
    legal_topics: dict[Id, LegalTopic] = Field(
        default_factory=dict,
        description="The legal chapters of a guideline, in their order.",
    )
    goals: dict[Id, Goal] = Field(default_factory=dict)
    outdated_terms: dict[Id, OutdatedTerm] = Field(
        default_factory=dict,
        description="Words that are outdated today: a record or tree outcome mentioning "
        "one needs a currency note (guidegen check warns).",
    )

    def values(self, facet: str) -> dict[str, VocabularyTerm]:
        """The allowed values of ``facet``, in the vocabulary's order."""
        terms: dict[str, VocabularyTerm] = getattr(self, facet)
        return terms


#: One value's kind, as a facet value's page names it ("Platform: Facebook").
FACET_SINGULAR: dict[str, str] = {
    "themes": "Thema",
    "platforms": "Platform",
    "audiences": "Doelgroep",
    "phases": "Beleidsfase",
    "participation_levels": "Participatieniveau",
}
FACET_LABELS: dict[str, str] = {
    "themes": "Thema's",
    "platforms": "Platforms",
    "audiences": "Doelgroepen",
    "phases": "Beleidsfasen",
    "participation_levels": "Participatieniveaus",
}
