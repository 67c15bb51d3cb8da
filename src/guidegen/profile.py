"""An organisation's profile: the input of ``guidegen generate``.

A profile is user input.  It is read with the hardened YAML loader, validated
like a record (unknown fields, wrong types and unknown vocabulary values are
errors with file, line and column), and every value in it is escaped when a
guideline is rendered.  Everything but the organisation's name and type has a
default, so a profile of five lines already yields a complete guideline.
"""

from __future__ import annotations

import difflib
import io
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Annotated, Literal

import PIL.Image
from pydantic import Field, StringConstraints, model_validator

from .fileio import TooLarge, read_bounded
from .knowledge import KnowledgeBase
from .model import Id, Line, Markdown, StrictModel, Text, Url
from .problems import Problem
from .validation import read_model
from .yamlsafe import YamlDocument

OrganisationType = Literal[
    "gemeente", "provincie", "waterschap", "ministerie", "uitvoeringsorganisatie"
]
RemovalReason = Literal["spam", "kwetsend", "illegaal"]
IsoDate = Annotated[str, StringConstraints(pattern=r"^\d{4}-\d{2}-\d{2}$")]
Email = Annotated[str, StringConstraints(pattern=r"^[^@\s<>\"']+@[^@\s<>\"']+\.[a-z]{2,}$")]
LogoPath = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_./-]+\.(?:png|jpe?g)$")]

#: Platforms a profile gets when it names none: the current platforms in the vocabulary.
DEFAULT_PLATFORMS = ("x-twitter", "facebook", "linkedin", "instagram", "youtube")
#: Goals a profile gets when it names none.
DEFAULT_GOALS = ("transparantie", "dienstverlening")
#: Audiences per organisation type when a profile names none: only organisations
#: with an elected council (raad, staten, algemeen bestuur) get the advice for its members.
DEFAULT_AUDIENCES: dict[str, tuple[str, ...]] = {
    "gemeente": ("ambtenaar", "communicatieadviseur", "bestuurder", "raadslid"),
    "provincie": ("ambtenaar", "communicatieadviseur", "bestuurder", "raadslid"),
    "waterschap": ("ambtenaar", "communicatieadviseur", "bestuurder", "raadslid"),
    "ministerie": ("ambtenaar", "communicatieadviseur", "bestuurder"),
    "uitvoeringsorganisatie": ("ambtenaar", "communicatieadviseur", "bestuurder"),
}


class Contact(StrictModel):
    """How people reach the organisation about social media."""

    department: Line = Field("de afdeling Communicatie", description="Who answers questions.")
    email: Email | None = None
    phone: Line | None = None
    address: Line | None = None


class Organisation(StrictModel):
    """Who the guideline is for."""

    name: Line = Field(description="Full name, e.g. 'Gemeente Heuvelrade'.")
    type: OrganisationType
    short_name: Line | None = Field(None, description="How the text refers to it; default: name.")
    website: Url | None = None
    logo: LogoPath | None = Field(
        None, description="PNG or JPEG next to the profile, e.g. 'logo.png' (max 1 MB)."
    )
    contact: Contact = Field(default_factory=Contact)

    @property
    def called(self) -> str:
        return self.short_name or self.name


class DocumentInfo(StrictModel):
    """Version and status of the guideline."""

    version: Line = "1.0"
    date: IsoDate | None = Field(None, description="YYYY-MM-DD; default: the day it is generated.")
    status: Literal["concept", "vastgesteld"] = "concept"
    adopted_by: Line | None = Field(None, description="Who adopted it, e.g. 'het college'.")
    review: Line | None = Field(None, description="When it is reviewed, e.g. 'jaarlijks'.")


class Account(StrictModel):
    """One of the organisation's own accounts."""

    platform: Id
    name: Line
    url: Url | None = None


class Roles(StrictModel):
    """Who does what on behalf of the organisation."""

    posting: Text = Field(
        "medewerkers die de afdeling Communicatie daarvoor heeft aangewezen",
        description="Who may post on behalf of the organisation.",
    )
    moderation: Text = Field(
        "de afdeling Communicatie", description="Who watches and moderates the accounts."
    )
    approval: Text = Field(
        "het hoofd van de afdeling Communicatie",
        description="Who approves new accounts and sensitive messages.",
    )
    spokespeople: Text | None = Field(
        None, description="Who speaks for the organisation on politically sensitive matters."
    )


class Response(StrictModel):
    """The response times the organisation commits to."""

    within: Line | None = Field(None, description="E.g. 'binnen één werkdag'.")
    hours: Line | None = Field(None, description="When accounts are watched.")
    outside_hours: Text | None = Field(None, description="What happens outside those hours.")
    note: Markdown | None = None


class Moderation(StrictModel):
    """What the organisation removes from its own pages."""

    remove: list[RemovalReason] = Field(
        default_factory=lambda: ["spam", "kwetsend", "illegaal"],
        min_length=1,
        description="Only spam, truly offensive or illegal content (the handreiking's rule).",
    )
    house_rules: list[Text] = Field(
        default_factory=list, description="Extra house rules for the organisation's pages."
    )
    note: Markdown | None = None


class PrivateUse(StrictModel):
    """The organisation's own rules for private use by its staff."""

    rules: list[Text] = Field(default_factory=list)
    note: Markdown | None = None


class Crisis(StrictModel):
    """Crisis communication arrangements."""

    team: Text | None = Field(None, description="Who leads communication in a crisis.")
    plan: Line | None = Field(None, description="The name of the crisis communication plan.")
    note: Markdown | None = None


class Archiving(StrictModel):
    """Archiving and privacy arrangements."""

    system: Line | None = Field(None, description="Where messages are archived.")
    responsible: Text | None = Field(None, description="Who archives them.")
    privacy_contact: Line | None = Field(None, description="E.g. the data protection officer.")
    note: Markdown | None = None


class ExtraSection(StrictModel):
    """A chapter of the organisation's own, in safe Markdown."""

    title: Line
    body: Markdown


class Profile(StrictModel):
    """An organisation's profile for its social media guideline."""

    organisation: Organisation
    document: DocumentInfo = Field(default_factory=DocumentInfo)
    goals: list[Id] = Field(
        default_factory=lambda: list(DEFAULT_GOALS), description="Goal ids from the vocabulary."
    )
    platforms: list[Id] = Field(
        default_factory=lambda: list(DEFAULT_PLATFORMS), description="Platform ids it uses."
    )
    accounts: list[Account] = Field(default_factory=list)
    audiences: list[Id] | None = Field(
        None, description="Who the guideline addresses; default depends on the type."
    )
    purpose: Markdown | None = Field(None, description="Why the organisation uses social media.")
    roles: Roles = Field(default_factory=Roles)
    response: Response = Field(default_factory=Response)
    moderation: Moderation = Field(default_factory=Moderation)
    private_use: PrivateUse = Field(default_factory=PrivateUse)
    crisis: Crisis = Field(default_factory=Crisis)
    archiving: Archiving = Field(default_factory=Archiving)
    include: list[Id] = Field(default_factory=list, description="Records to add.")
    exclude: list[Id] = Field(default_factory=list, description="Records to leave out.")
    max_cases: int = Field(6, ge=0, le=40, description="How many practice examples to show.")
    sections: list[ExtraSection] = Field(default_factory=list)

    @model_validator(mode="after")
    def _include_and_exclude_differ(self) -> Profile:
        both = sorted(set(self.include) & set(self.exclude))
        if both:
            raise ValueError(f"{', '.join(both)} is both included and excluded; keep one")
        return self

    @property
    def audience_ids(self) -> tuple[str, ...]:
        if self.audiences is not None:
            return tuple(self.audiences)
        return DEFAULT_AUDIENCES[self.organisation.type]

    def issue_date(self, today: date | None = None) -> date:
        """The document's date: the profile's, or ``today``."""
        if self.document.date is not None:
            return date.fromisoformat(self.document.date)
        return today or date.today()


#: Largest logo a profile may embed.
MAX_LOGO_BYTES = 1_000_000
_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")


@dataclass(frozen=True)
class LoadedProfile:
    """A valid profile, its document (for locations) and its logo, read and checked."""

    profile: Profile
    document: YamlDocument
    logo: bytes | None = None

    @property
    def path(self) -> Path:
        return self.document.path


def load_profile(path: Path, base: KnowledgeBase) -> tuple[LoadedProfile | None, list[Problem]]:
    """Read and check the profile at ``path`` against the knowledge base's vocabulary."""
    profile, document, problems = read_model(Profile, path)
    if profile is None or document is None:
        return None, problems
    problems.extend(_check_values(profile, document, base))
    logo = _read_logo(profile, document, problems)
    if problems:
        return None, sorted(problems)
    return LoadedProfile(profile, document, logo), []


def _check_values(
    profile: Profile, document: YamlDocument, base: KnowledgeBase
) -> Iterator[Problem]:
    vocabulary = base.vocabulary
    if vocabulary is not None:
        lists: dict[str, tuple[Sequence[str], Mapping[str, object]]] = {
            "goals": (profile.goals, vocabulary.goals),
            "platforms": (profile.platforms, vocabulary.platforms),
            "audiences": (profile.audiences or (), vocabulary.audiences),
        }
        for field_name, (values, allowed) in lists.items():
            yield from _check_list(document, field_name, values, allowed)
    for index, account in enumerate(profile.accounts):
        if account.platform not in profile.platforms:
            yield document.problem(
                ("accounts", index, "platform"),
                f"accounts: platform {account.platform!r} is not in 'platforms'; add it there",
            )
    for field_name in ("include", "exclude"):
        for index, record_id in enumerate(getattr(profile, field_name)):
            if record_id not in base:
                close = difflib.get_close_matches(record_id, list(base.entries), n=1)
                hint = f"; did you mean {close[0]!r}?" if close else ""
                yield document.problem(
                    (field_name, index), f"{field_name}: no record has the id {record_id!r}{hint}"
                )
            elif base.get(record_id).type_name not in SELECTABLE_TYPES:
                yield document.problem(
                    (field_name, index),
                    f"{field_name}: {record_id!r} is a {base.get(record_id).type_name}; only "
                    f"{', '.join(SELECTABLE_TYPES)} records can be included or left out",
                )
    if profile.document.date is not None:
        try:
            date.fromisoformat(profile.document.date)
        except ValueError:
            yield document.problem(
                ("document", "date"), f"document.date: {profile.document.date!r} is not a date"
            )


#: Record types a profile may include or leave out by id.
SELECTABLE_TYPES = ("practice", "strategy", "case", "consideration", "stepplan")


def _check_list(
    document: YamlDocument, field_name: str, values: Sequence[str], allowed: Mapping[str, object]
) -> Iterator[Problem]:
    for index, value in enumerate(values):
        if value not in allowed:
            yield document.problem(
                (field_name, index),
                f"{field_name}: unknown value {value!r}; use one of {', '.join(allowed)}",
            )
    for value in sorted({v for v in values if values.count(v) > 1}):
        yield document.problem((field_name,), f"{field_name}: {value!r} is listed more than once")


def _read_logo(profile: Profile, document: YamlDocument, problems: list[Problem]) -> bytes | None:
    """The logo's bytes, if it is a PNG or JPEG of at most 1 MB inside the profile's folder."""
    name = profile.organisation.logo
    if name is None:
        return None
    folder = document.path.parent.resolve()
    path = (folder / name).resolve()
    where = ("organisation", "logo")
    if not path.is_relative_to(folder):
        problems.append(document.problem(where, "logo: must be a file in the profile's folder"))
        return None
    if not path.is_file():
        problems.append(document.problem(where, f"logo: file {name!r} does not exist"))
        return None
    try:
        data = read_bounded(path, MAX_LOGO_BYTES)
    except TooLarge:
        problems.append(document.problem(where, "logo: larger than 1 MB; use a smaller image"))
        return None
    except OSError as exc:
        reason = f"logo: {name!r} kan niet gelezen worden ({exc.strerror})"
        problems.append(document.problem(where, reason))
        return None
    if not data.startswith(_IMAGE_MAGIC):
        problems.append(document.problem(where, "logo: not a PNG or JPEG image"))
        return None
    try:
        with PIL.Image.open(io.BytesIO(data)) as image:
            image.load()  # decodes every pixel: a truncated or corrupt file fails here
    except (OSError, SyntaxError, ValueError, PIL.Image.DecompressionBombError):
        problems.append(
            document.problem(where, "logo: the image cannot be read; save it again as PNG or JPEG")
        )
        return None
    return data
