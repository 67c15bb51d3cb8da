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
import re
import struct
import threading
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal, get_args

import PIL.Image
import PIL.ImageFile
from pydantic import AfterValidator, Field, StringConstraints, model_validator

from guidegen.content.checks import Checker
from guidegen.content.jsonschema import schema_for
from guidegen.content.knowledge import KnowledgeBase
from guidegen.content.model import (
    ID_PATTERN,
    Id,
    Line,
    Markdown,
    OrganisationType,
    StrictModel,
    Text,
    Url,
    Vocabulary,
)
from guidegen.content.problems import Problem
from guidegen.content.validation import validate_document, worded
from guidegen.content.wording import DUTCH
from guidegen.content.yamlsafe import YamlDocument, YamlError, read_yaml
from guidegen.fileio import TooLarge, read_bounded

RemovalReason = Literal["spam", "kwetsend", "illegaal"]
IsoDate = Annotated[str, StringConstraints(pattern=r"^\d{4}-\d{2}-\d{2}$")]
Email = Annotated[str, StringConstraints(pattern=r"^[^@\s<>\"']+@[^@\s<>\"']+\.[a-z]{2,}$")]
LogoPath = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_./-]+\.(?:png|jpe?g)$")]


def _pattern(annotated: Any) -> str:
    """The regular expression of an ``Annotated[str, StringConstraints(pattern=...)]``."""
    pattern: str = next(m.pattern for m in annotated.__metadata__ if getattr(m, "pattern", None))
    return pattern


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
    "politie": ("ambtenaar", "communicatieadviseur", "bestuurder"),
}


class Contact(StrictModel):
    """How people reach the organisation about social media."""

    department: Line = Field(
        "de afdeling Communicatie",
        description="Who answers questions; also who decides what the guideline leaves open.",
    )
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
        default_factory=lambda: list(get_args(RemovalReason)),
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


class ChapterText(StrictModel):
    """The organisation's own text for a chapter; without it the chapter says what to decide."""

    note: Markdown | None = None


class Tone(ChapterText):
    """The tone chapter: the organisation's own text and its form of address."""

    address: Literal["je", "u"] = Field(
        "je",
        description="How the guideline and the accounts address people: 'je' or 'u'. "
        "The whole guideline uses it, the rules from the handbook included.",
    )


class Security(StrictModel):
    """Account management and security arrangements."""

    administrators: Text | None = Field(
        None, description="Who manages the accounts, passwords and two-step verification."
    )
    note: Markdown | None = None


def _contrast_on_white(colour: str) -> str:
    """Refuse a house colour that is too light for text on white (WCAG 4.5:1)."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    ratio = 1.05 / (luminance + 0.05)
    if ratio < 4.5:
        raise ValueError(
            f"de huiskleur {colour} is te licht voor tekst op wit (contrast {ratio:.1f}:1, "
            "minimaal 4,5:1); kies een donkerdere kleur"
        )
    return colour


HexColour = Annotated[
    str, StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$"), AfterValidator(_contrast_on_white)
]
#: A Word document (.docx) or Word template (.dotx) next to the profile.
DocxPath = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_./-]+\.(?:docx|dotx)$")]


class HouseStyle(StrictModel):
    """The organisation's house style for the HTML, PDF and Word documents."""

    colour: HexColour = Field(
        "#154273", description="House colour for headings and lines, e.g. '#00689e'."
    )
    reference_docx: DocxPath | None = Field(
        None,
        description="The organisation's own Word file (.docx or .dotx) next to the profile, "
        "used as style template for the .docx (like pandoc's --reference-doc).",
    )


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
    tone: Tone = Field(default_factory=Tone)
    privacy: ChapterText = Field(default_factory=ChapterText)
    accessibility: ChapterText = Field(default_factory=ChapterText)
    security: Security = Field(default_factory=Security)
    training: ChapterText = Field(default_factory=ChapterText)
    evaluation: ChapterText = Field(default_factory=ChapterText)
    house_style: HouseStyle = Field(default_factory=HouseStyle)
    include: list[Id] = Field(default_factory=list, description="Records to add.")
    exclude: list[Id] = Field(default_factory=list, description="Records to leave out.")
    max_cases: int = Field(6, ge=0, le=40, description="How many practice examples to show.")
    rules_per_chapter: int = Field(
        4, ge=1, le=60, description="How many rules from the handbook each chapter shows at most."
    )
    sections: list[ExtraSection] = Field(default_factory=list)

    @model_validator(mode="after")
    def _include_and_exclude_differ(self) -> Profile:
        both = sorted(set(self.include) & set(self.exclude))
        if both:
            raise ValueError(
                f"{', '.join(both)} staat zowel bij include als bij exclude; kies één van beide"
            )
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
def profile_schema(vocabulary: Vocabulary | None) -> dict[str, Any]:
    """The profile's schema; goals, platforms and audiences list the vocabulary's values."""
    schema = schema_for(Profile)
    if vocabulary is None:
        return schema
    properties = schema["properties"]
    allowed = {
        "goals": list(vocabulary.goals),
        "platforms": [key for key, term in vocabulary.platforms.items() if not term.historical],
        "audiences": list(vocabulary.audiences),
    }
    for name, values in allowed.items():
        items = {"type": "string", "enum": values}
        if "anyOf" in properties[name]:  # optional list: [list, null]
            for option in properties[name]["anyOf"]:
                if option.get("type") == "array":
                    option["items"] = items
        else:
            properties[name]["items"] = items
    return schema


MAX_LOGO_BYTES = 1_000_000
#: Widest or highest logo, in pixels (a logo is printed a few centimetres wide).
MAX_LOGO_SIDE = 4000
#: The first bytes of the images a logo may be: PNG and JPEG.
IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")
#: The Pillow formats a logo may have.
IMAGE_FORMATS = ("PNG", "JPEG")
#: What Pillow raises for a file it cannot read (besides its decompression-bomb error).
UNREADABLE = (OSError, SyntaxError, ValueError, IndexError, TypeError, struct.error)


@dataclass(frozen=True)
class LoadedProfile:
    """A valid profile, its document (for locations) and its logo, read and checked."""

    profile: Profile
    document: YamlDocument
    logo: bytes | None = None
    reference_docx: bytes | None = None

    @property
    def path(self) -> Path:
        return self.document.path


#: The words a profile author gets, in Dutch, for the forms a profile's text must have.
PROFILE_WORDING = DUTCH.describing(
    {
        ID_PATTERN: "alleen kleine letters, cijfers en streepjes, bijvoorbeeld 'facebook'",
        _pattern(IsoDate): "een datum als JJJJ-MM-DD, bijvoorbeeld 2026-03-01",
        _pattern(Email): "een e-mailadres, bijvoorbeeld communicatie@gemeente.nl",
        _pattern(LogoPath): "de naam van een PNG- of JPEG-bestand, bijvoorbeeld logo.png",
        _pattern(Url): "een webadres dat begint met https://",
    }
)


def missing_profile(path: Path) -> Problem:
    """A profile path that does not exist, said in Dutch, with the closest profile next to it."""
    folder = path.parent
    if not folder.is_dir():
        message = f"het profiel bestaat niet: de map {str(folder)!r} bestaat niet"
    else:
        names = sorted(p.name for p in folder.glob("*.yaml"))
        close = difflib.get_close_matches(path.name, names, n=1, cutoff=0.6)
        hint = f" (bedoelde je {str(folder / close[0])!r}?)" if close else ""
        message = f"het profiel bestaat niet: in deze map is geen bestand {path.name!r}{hint}"
    return Problem(path, 1, 1, message, severity="fout")


def load_profile(path: Path, base: KnowledgeBase) -> tuple[LoadedProfile | None, list[Problem]]:
    """Read and check the profile at ``path`` against the knowledge base's vocabulary.

    The logo and Word style template it names are read from its folder.
    """
    try:
        document = read_yaml(path)
    except YamlError as exc:
        return None, [worded(exc.problem, PROFILE_WORDING)]
    return check_profile(document, base)


def check_profile(
    document: YamlDocument, base: KnowledgeBase, *, named_files: bool = True
) -> tuple[LoadedProfile | None, list[Problem]]:
    """Check a read profile against the knowledge base's vocabulary.

    Every problem is reported at once, in Dutch: the vocabulary values, references
    and the logo are checked on the document's data even when other fields are wrong.

    :param named_files: read the logo and Word template the profile names from the
        document's folder; when false (an uploaded profile has no folder) nothing is read.
    """
    profile, problems = validate_document(Profile, document, PROFILE_WORDING)
    if not isinstance(document.data, dict):
        return None, problems
    checked = list(_check_values(document, base))
    logo = _read_logo(document, checked) if named_files else None
    reference = _read_reference_docx(document, checked) if named_files else None
    # The checker's message about a value (with its suggestion) replaces the model's.
    spots = {(problem.line, problem.column) for problem in checked}
    problems = [p for p in problems if (p.line, p.column) not in spots] + checked
    if problems or profile is None:
        return None, sorted(problems)
    return LoadedProfile(profile, document, logo, reference), []


def _check_values(document: YamlDocument, base: KnowledgeBase) -> Iterator[Problem]:
    """Vocabulary values, references, account platforms and the date, on the raw data."""
    data = document.data
    checker = Checker(base, document, PROFILE_WORDING)
    vocabulary = base.vocabulary
    if vocabulary is not None:
        current = {k: v for k, v in vocabulary.platforms.items() if not v.historical}
        allowed: dict[str, Mapping[str, object]] = {
            "goals": vocabulary.goals,
            "platforms": current,
            "audiences": vocabulary.audiences,
        }
        retired = {
            key: f"platforms: {term.label} bestaat niet meer en kan niet gekozen worden; "
            "kies een platform dat nu bestaat"
            for key, term in vocabulary.platforms.items()
            if term.historical
        }
        for field_name, values in allowed.items():
            if isinstance(data.get(field_name), list):
                yield from checker.values((field_name,), data[field_name], values, retired=retired)
    platforms = data.get("platforms", DEFAULT_PLATFORMS)
    for index, account in enumerate(_list(data.get("accounts"))):
        platform = account.get("platform") if isinstance(account, dict) else None
        if (
            isinstance(platform, str)
            and isinstance(platforms, list | tuple)
            and (platform not in platforms)
        ):
            yield checker.problem(
                ("accounts", index, "platform"),
                f"accounts: het platform {platform!r} staat niet bij 'platforms'; "
                "zet het daar ook bij",
            )
    for field_name in ("include", "exclude"):
        yield from checker.references((field_name,), _list(data.get(field_name)), SELECTABLE_TYPES)
    issued = (
        data.get("document", {}).get("date") if isinstance(data.get("document"), dict) else None
    )
    if isinstance(issued, str) and re.fullmatch(_pattern(IsoDate), issued):
        try:
            date.fromisoformat(issued)
        except ValueError:
            yield checker.problem(
                ("document", "date"),
                f"document.date: {issued!r} bestaat niet als datum; controleer de dag en de maand",
            )


def _list(value: object) -> list[object]:
    return value if isinstance(value, list) else []


#: Record types a profile may include or leave out by id.
SELECTABLE_TYPES = ("practice", "strategy", "case", "consideration", "stepplan")


def _logo_problem(document: YamlDocument, message: str) -> Problem:
    return worded(document.problem(("organisation", "logo"), message), PROFILE_WORDING)


def _read_logo(document: YamlDocument, problems: list[Problem]) -> bytes | None:
    """The logo's bytes, if it is a PNG or JPEG of at most 1 MB inside the profile's folder."""
    organisation = document.data.get("organisation")
    name = organisation.get("logo") if isinstance(organisation, dict) else None
    if not isinstance(name, str) or not re.fullmatch(_pattern(LogoPath), name):
        return None  # no logo, or one the model already reports
    folder = document.path.parent.resolve()
    path = (folder / name).resolve()
    if not path.is_relative_to(folder):
        problems.append(
            _logo_problem(document, "logo: het bestand moet in de map van het profiel staan")
        )
        return None
    if not path.is_file():
        problems.append(_logo_problem(document, f"logo: het bestand {name!r} bestaat niet"))
        return None
    try:
        data = read_bounded(path, MAX_LOGO_BYTES)
    except TooLarge:
        problems.append(
            _logo_problem(document, "logo: groter dan 1 MB; kies een kleinere afbeelding")
        )
        return None
    except OSError as exc:
        reason = f"logo: {name!r} kan niet gelezen worden ({exc.strerror})"
        problems.append(_logo_problem(document, reason))
        return None
    wrong = logo_problem(data)
    if wrong is not None:
        problems.append(_logo_problem(document, wrong))
        return None
    return data


def logo_problem(data: bytes) -> str | None:
    """What is wrong with a logo's bytes (in Dutch, starting 'logo: '), or None if it is fine.

    It must be at most 1 MB, a PNG or JPEG, at most :data:`MAX_LOGO_SIDE` pixels on a
    side, and decode completely.
    """
    if len(data) > MAX_LOGO_BYTES:
        return "logo: groter dan 1 MB; kies een kleinere afbeelding"
    if not data.startswith(IMAGE_MAGIC):
        return "logo: dit is geen PNG- of JPEG-afbeelding"
    # WeasyPrint lets Pillow accept truncated images once it is imported (a PDF was made).
    with _STRICT_PILLOW:
        lenient = PIL.ImageFile.LOAD_TRUNCATED_IMAGES
        PIL.ImageFile.LOAD_TRUNCATED_IMAGES = False
        try:
            with PIL.Image.open(io.BytesIO(data), formats=IMAGE_FORMATS) as image:
                if max(image.size) > MAX_LOGO_SIDE:  # before decoding: no memory spent on it
                    width, height = image.size
                    return (
                        f"logo: de afbeelding is {width} × {height} pixels, meer dan "
                        f"{MAX_LOGO_SIDE} pixels op een zijde; maak haar kleiner"
                    )
                image.load()  # decodes every pixel: a truncated or corrupt file fails here
        except PIL.Image.DecompressionBombError:  # Pillow's check, before any pixel is read
            return (
                "logo: de afbeelding heeft veel te veel pixels; maak haar kleiner (hoogstens "
                f"{MAX_LOGO_SIDE} pixels op een zijde)"
            )
        except UNREADABLE:
            return "logo: de afbeelding is niet te lezen; sla haar opnieuw op als PNG of JPEG"
        finally:
            PIL.ImageFile.LOAD_TRUNCATED_IMAGES = lenient
    return None


_STRICT_PILLOW = threading.Lock()


#: Largest Word style template a profile may name.
MAX_REFERENCE_BYTES = 10_000_000


def _read_reference_docx(document: YamlDocument, problems: list[Problem]) -> bytes | None:
    """The bytes of the profile's Word style template, if it is a .docx in its folder."""
    house_style = document.data.get("house_style")
    name = house_style.get("reference_docx") if isinstance(house_style, dict) else None
    if not isinstance(name, str) or not re.fullmatch(_pattern(DocxPath), name):
        return None  # no template, or one the model already reports
    where = ("house_style", "reference_docx")
    folder = document.path.parent.resolve()
    path = (folder / name).resolve()
    if not path.is_relative_to(folder):
        message = "reference_docx: moet in de map van het profiel staan"
        problems.append(document.problem(where, message))
        return None
    try:
        return read_reference_docx(path)
    except ValueError as exc:
        problems.append(document.problem(where, f"reference_docx: {exc}"))
        return None


def read_reference_docx(path: Path) -> bytes:
    """Read a Word style template and check that it is a .docx; ValueError (Dutch) says
    what is wrong. Whether the Word writer can use it, the writer checks
    (:func:`guidegen.guideline.generate.word_template_problems`)."""
    if not path.is_file():
        raise ValueError(f"het bestand {path.name!r} bestaat niet")
    if path.stat().st_size > MAX_REFERENCE_BYTES:
        raise ValueError("het bestand is groter dan 10 MB")
    data = path.read_bytes()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if "word/document.xml" not in archive.namelist():
                raise ValueError("dit is geen Word-document (.docx)")
    except zipfile.BadZipFile as exc:
        raise ValueError("dit is geen Word-document (.docx)") from exc
    return data
