"""Make one guideline from an uploaded profile, checked as ``guidegen generate`` checks it.

The profile is read from memory, once, and nothing of the request is stored. Nothing
from the request becomes a path: a profile that names a logo or Word template file is
refused, since those can only come as uploads, and the download's file name is made
here from a slug.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from guidegen.content.knowledge import KnowledgeBase
from guidegen.content.problems import Problem
from guidegen.content.validation import worded
from guidegen.content.yamlsafe import KeyPath, YamlDocument, YamlError, read_yaml_bytes
from guidegen.guideline.form import field_label
from guidegen.guideline.generate import generate, later_knowledge
from guidegen.guideline.profile import PROFILE_WORDING, LoadedProfile, check_profile, logo_problem
from guidegen.trees.decisiontree import Tree

#: The formats the service makes, with their media types and Dutch names.
MEDIA_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "html": "text/html; charset=utf-8",
}
#: How messages name the uploaded profile, whatever its name was.
SHOWN_NAME = Path("profiel.yaml")
#: Fields that name a file next to the profile: on the service only uploads count.
NAMED_FILES: dict[KeyPath, str] = {
    ("organisation", "logo"): "logo: een bestandsnaam werkt hier niet; laat 'logo' weg uit "
    "het profiel en voeg het logo als bestand toe bij het formulier",
    ("house_style", "reference_docx"): "reference_docx: een bestandsnaam werkt hier niet; laat "
    "'reference_docx' weg uit het profiel (een eigen Word-sjabloon kan met guidegen generate)",
}


@dataclass(frozen=True)
class Knowledge:
    """What every generation needs, loaded and checked once when the service starts."""

    base: KnowledgeBase
    trees: Sequence[Tree]
    templates: Sequence[Path]


@dataclass(frozen=True)
class Made:
    """A generated document: the file name made here, its media type and bytes, and the
    Dutch notice for the profile's author when the document is dated before some of the
    knowledge (:func:`~guidegen.guideline.generate.later_knowledge`)."""

    file_name: str
    media_type: str
    data: bytes
    notice: str | None = None


class ProfileRefused(Exception):
    """The profile or logo is not usable; ``messages`` are the Dutch lines, all at once."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("\n".join(messages))
        self.messages = messages


def make_guideline(knowledge: Knowledge, profile: bytes, fmt: str, logo: bytes | None) -> Made:
    """The guideline of ``profile`` (YAML bytes) in ``fmt``, with the uploaded ``logo``.

    :raises ProfileRefused: with every problem of the profile and the logo.
    """
    if fmt not in MEDIA_TYPES:
        raise ValueError(f"unknown format {fmt!r}")
    loaded = checked_profile(profile, knowledge.base, logo)
    generated = generate(loaded, knowledge.base, knowledge.trees, knowledge.templates, [fmt])
    notice = later_knowledge(generated.guideline)
    return Made(f"{generated.stem}.{fmt}", MEDIA_TYPES[fmt], generated.files[fmt], notice)


def checked_profile(profile: bytes, base: KnowledgeBase, logo: bytes | None) -> LoadedProfile:
    """The ``profile`` (YAML bytes) with ``logo``, or :class:`ProfileRefused` with every problem."""
    document: YamlDocument | None = None
    try:
        document = read_yaml_bytes(SHOWN_NAME, profile)
    except YamlError as exc:
        loaded, problems = None, [worded(exc.problem, PROFILE_WORDING)]
    else:
        loaded, problems = check_profile(document, base, named_files=False)
        named = _named_files(document)
        spots = {(problem.line, problem.column) for problem in named}
        problems = sorted([p for p in problems if (p.line, p.column) not in spots] + named)
    messages = form_messages(document, problems)
    wrong_logo = logo_problem(logo) if logo is not None else None
    if wrong_logo is not None:
        messages.append(f"{PROFILE_WORDING.severity}: {wrong_logo}")
    if messages or loaded is None:
        raise ProfileRefused(messages or [f"{PROFILE_WORDING.severity}: het profiel is leeg"])
    return dataclasses.replace(loaded, logo=logo)


#: A message's own field name at its start ('house_style.colour: ...', 'logo: ...').
_FIELD_PREFIX = re.compile(r"^[a-z_][a-z0-9_.]*: ")


def form_messages(document: YamlDocument | None, problems: list[Problem]) -> list[str]:
    """The problems as the form's user reads them: each names the field by the form's
    labels ('Huisstijl › Huisstijlkleur: ...'), not a place in a file they never saw;
    a problem of the file as a whole (or of a ``document`` that could not be read)
    names its line."""
    places: dict[tuple[int, int], KeyPath] = {}
    if document is not None:
        for table in (document.key_locations, document.value_locations):
            for key_path, (line, column) in table.items():
                known = places.get((line, column))
                if known is None or len(key_path) > len(known):
                    places[(line, column)] = key_path
    messages = []
    for problem in problems:
        text = _FIELD_PREFIX.sub("", problem.message, count=1)
        found = places.get((problem.line, problem.column), ())
        keys = tuple(k for k in found if isinstance(k, str | int))
        if keys:
            messages.append(f"{problem.severity}: {field_label(keys)}: {text}")
        else:
            messages.append(f"{problem.severity}: regel {problem.line}: {text}")
    return messages


def _named_files(document: YamlDocument) -> list[Problem]:
    """A problem for each field that names a file on the server (a logo, a template)."""
    problems = []
    for where, message in NAMED_FILES.items():
        parent = document.data
        for key in where:
            parent = parent.get(key) if isinstance(parent, dict) else None
        if parent is not None:
            problem = document.problem(where, message)
            problems.append(dataclasses.replace(problem, severity=PROFILE_WORDING.severity))
    return problems
