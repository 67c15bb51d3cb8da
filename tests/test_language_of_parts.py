"""Language of parts (WCAG 3.1.2): English passages are marked as English.

A word count decides what is English here: a text with more English than Dutch
function words, and at least three of them. The test finds such texts among the
stored passages, the quotes and the pages, and checks that they carry their language.
"""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup

from guidegen.content.knowledge import KnowledgeBase
from guidegen.content.model import Source
from guidegen.content.passages import passages_path

from .conftest import REPO

ENGLISH = frozenset(
    {
        "the",
        "and",
        "of",
        "to",
        "is",
        "in",
        "that",
        "for",
        "on",
        "with",
        "are",
        "was",
        "by",
        "as",
        "it",
        "be",
        "this",
        "from",
        "at",
        "have",
        "has",
        "or",
        "an",
        "which",
        "can",
        "their",
        "not",
        "will",
        "shall",
    }
)
DUTCH = frozenset(
    {
        "de",
        "het",
        "een",
        "en",
        "van",
        "in",
        "is",
        "dat",
        "op",
        "te",
        "met",
        "voor",
        "zijn",
        "niet",
        "die",
        "aan",
        "er",
        "door",
        "als",
        "bij",
        "ook",
        "worden",
        "wordt",
        "of",
        "uit",
        "naar",
        "om",
        "kan",
    }
)


def looks_english(text: str) -> bool:
    words = re.findall(r"[a-z]+", text.casefold())
    english = sum(word in ENGLISH for word in words)
    return english >= 3 and english > sum(word in DUTCH for word in words)


def test_the_word_count_tells_english_from_dutch() -> None:
    assert looks_english("Posts on X can contain up to 280 characters and that is the limit.")
    assert not looks_english("Vanaf 1 mei 2022 geldt in Nederland de nieuwe Wet open overheid.")
    assert not looks_english("Counting Characters")  # too short to tell: the field decides


def test_every_source_with_english_passages_says_it_is_english(
    knowledge: tuple[KnowledgeBase, object],
) -> None:
    base, _ = knowledge
    wrong = []
    for source in base.of_type(Source):
        path = passages_path(REPO / "content", source.id)
        if path.is_file():
            english = looks_english(path.read_text(encoding="utf-8"))
            if english != (source.language == "en"):
                wrong.append(f"{source.id}: language {source.language}")
    assert wrong == []


def test_every_english_quote_comes_from_a_source_marked_english(
    knowledge: tuple[KnowledgeBase, object],
) -> None:
    base, _ = knowledge
    wrong = []
    for record in base.records:
        citations = list(record.citations) + [
            c for note in getattr(record, "notes", ()) for c in note.sources
        ]
        for citation in citations:
            source = base.get(citation.source)
            english_source = isinstance(source, Source) and source.language == "en"
            if citation.quote and looks_english(citation.quote) and not english_source:
                wrong.append(f"{record.id}: {citation.quote[:60]}")
    assert wrong == []


def test_english_text_on_the_pages_carries_lang_en(real_site: Path) -> None:
    unmarked = []
    for path in sorted((real_site / "kennisbank").glob("*.html")):
        main = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").select_one("main")
        for element in main.find_all(["p", "li", "blockquote", "h1"]):
            own = " ".join(element.find_all(string=True, recursive=False))
            if looks_english(own) and element.find_parent(attrs={"lang": "en"}) is None:
                unmarked.append(f"{path.name}: {own[:70]}")
    assert unmarked == []
