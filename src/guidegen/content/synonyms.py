"""Synonyms for the search: ``content/synonyms.yaml`` plus the glossary's own synonyms.

One mechanism: a group is a set of words or phrases that mean the same to someone
searching the handbook. The search page looks up every word of a query in these
groups and also searches the other members (ranked a little below the typed word).
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Annotated

from pydantic import Field, StringConstraints

from guidegen.content.model import StrictModel, Term
from guidegen.content.problems import Problem
from guidegen.content.validation import validate_document
from guidegen.content.yamlsafe import YamlError, read_yaml
from guidegen.fileio import leaves_folder

SYNONYMS_FILE = "synonyms.yaml"
#: A synonym: letters, digits, spaces, hyphens and apostrophes (what a query can hold).
_TERM = r"^[^\W_](?:[\w' -]*[^\W_])?$"
_PARENTHESES = re.compile(r"\s*\([^)]*\)")

SynonymTerm = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=60, pattern=_TERM)
]


class Synonyms(StrictModel):
    """The synonyms file: groups of words that mean the same for the search."""

    groups: list[Annotated[list[SynonymTerm], Field(min_length=2)]] = Field(
        description="Each group lists two or more words or phrases that mean the same; "
        "a query with one of them also finds pages that use another."
    )


def normalise(term: str) -> str:
    """How search compares words: lower case, accents off, single spaces."""
    decomposed = unicodedata.normalize("NFD", term.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.replace("-", " ").split())


def load_synonyms(path: Path, terms: list[Term]) -> tuple[list[list[str]], list[Problem]]:
    """The synonym groups of ``path`` (optional) merged with the glossary's.

    A glossary term's title (without a part in brackets) and its ``synonyms`` form
    a group; groups that share a word become one. Returns the groups (each in the
    order written) and the problems of the file, located at their line.
    """
    groups: list[list[str]] = []
    problems: list[Problem] = []
    if path.is_file() and leaves_folder(path, path.parent):
        message = "symbolic link to a file outside the content folder; make it a file inside it"
        problems.append(Problem(path, 1, 1, message))
    elif path.is_file():
        groups, problems = _read_file(path)
    for term in terms:
        title = _PARENTHESES.sub("", term.title).strip()
        groups.append([title, *term.synonyms])
    return _merge(groups), problems


def _read_file(path: Path) -> tuple[list[list[str]], list[Problem]]:
    try:
        document = read_yaml(path)
    except YamlError as exc:
        return [], [exc.problem]
    synonyms, problems = validate_document(Synonyms, document)
    if synonyms is None:
        return [], problems
    seen: dict[str, int] = {}
    for index, group in enumerate(synonyms.groups):
        for position, term in enumerate(group):
            key = normalise(term)
            if key in seen:
                line = document.locate(("groups", seen[key]))[0]
                where = (
                    "earlier in this group"
                    if seen[key] == index
                    else f"in the group on line {line}"
                )
                problems.append(
                    document.problem(
                        ("groups", index, position),
                        f"synonym {term!r} is already listed {where}; a word belongs to one group",
                    )
                )
            seen[key] = index
    return [list(group) for group in synonyms.groups], problems


def _merge(groups: list[list[str]]) -> list[list[str]]:
    """Join groups that share a (normalised) word; keep each word's first spelling."""
    merged: list[dict[str, str]] = []
    for group in groups:
        words: dict[str, str] = {}
        for term in group:
            words.setdefault(normalise(term), term)
        for other in [m for m in merged if m.keys() & words.keys()]:
            merged.remove(other)
            joined = dict(other)
            for word, term in words.items():
                joined.setdefault(word, term)
            words = joined
        merged.append(words)
    # Each group keeps its words in the order written: the search tries the first ones.
    return [list(m.values()) for m in merged if len(m) > 1]
