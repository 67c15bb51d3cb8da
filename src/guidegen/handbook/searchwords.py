"""The handbook's own words, for the search: their frequencies and compound splitting.

Nothing here imports Sphinx. The search page receives the words (for "Bedoelde je"
suggestions and for splitting compounds typed in a query), and every page gets the
parts of the compounds it uses as extra index words, so that "crisisplan" finds a
page about a "crisiscommunicatieplan". The browser splits queries with the same
rules (``guidegen-search.js``: ``splitCompound``).
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

#: A word: a run of letters (accents included).
_WORD = re.compile(r"[^\W\d_]+")
_URL = re.compile(r"https?://\S+|\]\([^)]*\)")
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)+$")
#: Shortest part of a compound, and the sounds Dutch puts between parts.
MIN_PART = 4
LINKS = ("", "s", "e", "en")
#: Words that start verbs and nouns without being a part of a compound ("overheid").
NOT_A_PART = frozenset(
    {"aan", "achter", "door", "mede", "onder", "over", "rond", "samen", "tegen", "terug"}
    | {"tussen", "voor", "weer"}
)


def fold(word: str) -> str:
    """Lower case without accents: how Pagefind matches words (privé = prive)."""
    decomposed = unicodedata.normalize("NFD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    """The words of ``text`` in lower case, without link targets and addresses."""
    return _WORD.findall(_URL.sub(" ", text).casefold())


def model_text(model: BaseModel) -> str:
    """Every text a record or tree shows, as one string (ids and addresses left out)."""
    return " ".join(_strings(model.model_dump()))


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        if not _ID.match(value):
            yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def document_frequencies(documents: Iterable[str]) -> Counter[str]:
    """For each word, the number of documents that use it."""
    counts: Counter[str] = Counter()
    for text in documents:
        counts.update(set(words(text)))
    return counts


class CompoundSplitter:
    """Splits Dutch compounds into words the handbook uses (``known``, folded)."""

    def __init__(self, known: Iterable[str]) -> None:
        self.known = frozenset(w for w in (fold(k) for k in known) if len(w) >= MIN_PART)
        self._split = functools.lru_cache(maxsize=65536)(self._split_uncached)

    def parts(self, word: str) -> list[str]:
        """The fewest known words ``word`` is made of (two or more), else ``[]``.

        Between two parts may stand an ``s``, ``e`` or ``en`` ("omgeving-s-visie");
        the longest first part wins a tie.
        """
        split = self._split(fold(word), True)
        return list(split) if split and len(split) > 1 else []

    def all_parts(self, word: str) -> list[str]:
        """The parts of ``word`` and, recursively, the parts of those parts."""
        found: list[str] = []
        for part in self.parts(word):
            found.append(part)
            found.extend(self.all_parts(part))
        return found

    def _split_uncached(self, word: str, whole: bool) -> tuple[str, ...] | None:
        best: tuple[str, ...] | None = None
        for end in range(len(word), MIN_PART - 1, -1):
            head = word[:end]
            if head not in self.known or head in NOT_A_PART or (whole and end == len(word)):
                continue
            if end == len(word):
                return (head,)
            for link in LINKS:
                if not word.startswith(link, end) or len(word) - end - len(link) < MIN_PART:
                    continue
                rest = self._split(word[end + len(link) :], False)
                if rest and (best is None or len(rest) + 1 < len(best)):
                    best = (head, *rest)
        return best


@dataclass(frozen=True)
class SearchWords:
    """What the search knows of the handbook's words, made once per build."""

    #: Each word the records, trees and hand-written pages use, and in how many.
    frequencies: dict[str, int]
    splitter: CompoundSplitter
    synonyms: list[list[str]]
    #: The decision trees (title, id), offered when a search finds nothing.
    trees: list[tuple[str, str]]
    #: Each kind of organisation's filter label with the words that name it (its label and
    #: its bodies and roles): a question using one of them asks about that kind.
    kinds: dict[str, list[str]] = field(default_factory=dict)

    def page_data(self) -> str:
        """The search page's data block: JSON that cannot close its ``<script>``."""
        ordered = sorted(self.frequencies)
        data = {
            "words": ordered,
            "counts": [self.frequencies[word] for word in ordered],
            "synonyms": self.synonyms,
            "kinds": self.kinds,
        }
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        return text.replace("</", "<\\/")
