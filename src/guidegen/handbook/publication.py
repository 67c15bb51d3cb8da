"""Who publishes the handbook: the publisher's name, logo, contact and accessibility statement.

An organisation that publishes the handbook describes itself in one YAML file (by
default ``site.yaml`` beside ``conf.py``; ``site.voorbeeld.yaml`` shows every field).
Without that file the handbook is an example publication and says so: it names no
owner that does not exist. The file is read with the same hardened reader as the
records and checked field by field; its messages are Dutch and point at the line.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, StringConstraints, model_validator

from guidegen.content.model import Date, IsoDate, Line, StrictModel, Text, Url
from guidegen.content.problems import Problem
from guidegen.content.validation import read_model, worded
from guidegen.content.wording import DUTCH
from guidegen.content.yamlsafe import YamlDocument
from guidegen.fileio import TooLarge, read_bounded

Email = Annotated[str, StringConstraints(pattern=r"^[^@\s<>\"':/]+@[^@\s<>\"'/]+\.[a-z]{2,}$")]
Phone = Annotated[str, StringConstraints(pattern=r"^\+?[0-9][0-9 ()-]{5,24}$")]
#: An image next to the settings file: letters, digits, '-', '_', '.', '/' and a known type.
ImagePath = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_./-]+\.(?:svg|png|ico)$")]
#: Images are small: a logo or favicon larger than this is a mistake.
MAX_IMAGE_BYTES = 512 * 1024

#: The compliance statuses of a Dutch accessibility statement (digitoegankelijk.nl,
#: "De status"): A and B rest on a complete audit of at most three years old, C on an
#: audit planned within six months; D means neither. Status E is "no statement".
STATUS_TEXT = {
    "A": "A – voldoet volledig",
    "B": "B – voldoet gedeeltelijk",
    "C": "C – eerste maatregelen genomen",
    "D": "D – er is een verklaring, maar geen recent onderzoek en geen onderzoek gepland",
}

#: What makes an SVG more than a picture: script, event handlers, embedded HTML.
_ACTIVE_SVG = re.compile(r"<script|javascript:|\son[a-z]+\s*=|<foreignobject", re.IGNORECASE)


def _pattern(annotated: Any) -> str:
    """The regular expression of an ``Annotated[str, StringConstraints(pattern=...)]``."""
    pattern: str = next(m.pattern for m in annotated.__metadata__ if getattr(m, "pattern", None))
    return pattern


SETTINGS_WORDING = DUTCH.describing(
    {
        _pattern(Email): "een e-mailadres, bijvoorbeeld communicatie@gemeente.nl",
        _pattern(Phone): "een telefoonnummer, bijvoorbeeld '14 030' of '+31 30 123 45 67'",
        _pattern(ImagePath): "de naam van een bestand naast dit bestand, eindigend op .svg, "
        ".png of .ico, bijvoorbeeld huisstijl/logo.svg",
        _pattern(Url): "een webadres dat begint met https://",
        _pattern(IsoDate): "een datum als JJJJ-MM-DD, bijvoorbeeld 2026-11-30",
    }
)


class PublisherContact(StrictModel):
    """How readers reach the publisher: at least one way."""

    email: Email | None = None
    phone: Phone | None = None
    form: Url | None = Field(None, description="Address of a contact form.")

    @model_validator(mode="after")
    def _one_way_at_least(self) -> PublisherContact:
        if not (self.email or self.phone or self.form):
            raise ValueError("noem minstens één manier: email, phone of form")
        return self


class AccessibilityStatement(StrictModel):
    """The publisher's accessibility statement, after the official model."""

    status: Literal["A", "B", "C", "D"] = Field(description="Nalevingsstatus (A–D).")
    date: Date = Field(description="Datum van de verklaring (JJJJ-MM-DD).")
    register_url: Url = Field(description="De verklaring in het register van verklaringen.")
    not_yet_accessible: list[Text] = Field(
        default_factory=list, description="Wat nog niet toegankelijk is, per onderdeel."
    )

    @property
    def status_text(self) -> str:
        return STATUS_TEXT[self.status]


class Publisher(StrictModel):
    """The organisation that publishes the handbook."""

    name: Line = Field(description="Naam van de organisatie, zoals 'Gemeente Heuvelrade'.")
    website: Url | None = None
    logo: ImagePath | None = Field(None, description="Logo (SVG of PNG) naast dit bestand.")
    favicon: ImagePath | None = Field(None, description="Pictogram voor het browsertabblad.")
    contact: PublisherContact
    accessibility: AccessibilityStatement | None = None


class SiteSettings(StrictModel):
    """The contents of ``site.yaml``."""

    publisher: Publisher


def read_settings(path: Path) -> tuple[SiteSettings | None, list[Problem]]:
    """The publisher's settings from ``path`` with every problem (Dutch, located)."""
    settings, document, problems = read_model(SiteSettings, path, SETTINGS_WORDING)
    if settings is None or document is None:
        return None, problems
    for field_name in ("logo", "favicon"):
        name = getattr(settings.publisher, field_name)
        if name is not None:
            problems.extend(_image_problems(document, field_name, name))
    return (None if problems else settings), problems


def image_path(settings_file: Path, name: str) -> Path:
    """Where an image named in the settings is: next to the settings file."""
    return settings_file.parent / name


def _image_problems(document: YamlDocument, field_name: str, name: str) -> list[Problem]:
    folder = document.path.parent.resolve()
    path = (folder / name).resolve()
    message = None
    if not path.is_relative_to(folder):
        message = f"{field_name}: het bestand moet in de map van het instellingenbestand staan"
    elif not path.is_file():
        message = f"{field_name}: het bestand {name!r} bestaat niet"
    else:
        try:
            data = read_bounded(path, MAX_IMAGE_BYTES)
        except TooLarge:
            limit = MAX_IMAGE_BYTES // 1024
            message = f"{field_name}: groter dan {limit} kB; kies een kleiner bestand"
        except OSError as exc:
            message = f"{field_name}: {name!r} kan niet gelezen worden ({exc.strerror})"
        else:
            message = _image_kind_problem(field_name, name, data)
    if message is None:
        return []
    return [worded(document.problem(("publisher", field_name), message), SETTINGS_WORDING)]


def _image_kind_problem(field_name: str, name: str, data: bytes) -> str | None:
    """A file whose content is not what its name says (an SVG must be an SVG, and
    carry no script: it is published as it is)."""
    suffix = name.rsplit(".", 1)[-1]
    if suffix == "png" and not data.startswith(b"\x89PNG\r\n\x1a\n"):
        return f"{field_name}: {name!r} is geen PNG-afbeelding"
    if suffix == "ico" and not data.startswith(b"\x00\x00\x01\x00"):
        return f"{field_name}: {name!r} is geen ICO-pictogram"
    if suffix == "svg":
        head = data[:4096].decode("utf-8", "replace").casefold()
        if "<svg" not in head:
            return f"{field_name}: {name!r} is geen SVG-afbeelding"
        if _ACTIVE_SVG.search(data.decode("utf-8", "replace")):
            return (
                f"{field_name}: {name!r} bevat script of ingebedde HTML; gebruik een SVG "
                "met alleen vormen en tekst, of een PNG"
            )
    return None
