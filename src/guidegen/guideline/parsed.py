"""The master Markdown, parsed once for the HTML and Word writers."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.token import Token


@dataclass(frozen=True)
class Heading:
    """A heading of the document, with the anchor it gets in HTML."""

    level: int
    text: str
    anchor: str
    #: '3' or '3.2' for a numbered heading; '' for the title, the annexes and the sources.
    number: str = ""


@dataclass(frozen=True)
class ParsedGuideline:
    """The token stream of the guideline, split at its first chapter heading."""

    front: list[Token]
    body: list[Token]
    headings: list[Heading]

    @property
    def title(self) -> str:
        return next((h.text for h in self.headings if h.level == 1), "")

    @property
    def chapters(self) -> list[Heading]:
        return [h for h in self.headings if h.level == 2]


def markdown_parser() -> MarkdownIt:
    """CommonMark with raw HTML off: any tag in the text is shown as text."""
    return MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})


#: The first chapter heading of the back matter (annexes, sources): it and every heading
#: after it are not numbered.
BACK_MATTER = re.compile(r"^(?:Bijlage\b|Bronnen$)")
#: Heading levels that are numbered (chapters and their sections).
NUMBERED_LEVELS = (2, 3)


def parse_guideline(text: str) -> ParsedGuideline:
    """Parse ``text``, give every heading a unique anchor and its number, split off the
    front matter. The number is set as ``data-number`` for the HTML's style sheet."""
    tokens = markdown_parser().parse(text)
    headings: list[Heading] = []
    used: set[str] = set()
    split = len(tokens)
    counters = [0, 0]
    back_matter = False
    for index, token in enumerate(tokens):
        if token.type != "heading_open":
            continue
        level = int(token.tag[1])
        title = plain_text(tokens[index + 1])
        anchor = _unique(slugify(title) or "hoofdstuk", used)
        token.attrSet("id", anchor)
        back_matter = back_matter or (level == 2 and bool(BACK_MATTER.match(title)))
        number = ""
        if level in NUMBERED_LEVELS and not back_matter:
            counters[level - 2] += 1
            if level == 2:
                counters[1] = 0
            number = ".".join(str(n) for n in counters[: level - 1])
            token.attrSet("data-number", number)
        headings.append(Heading(level, title, anchor, number))
        if level == 2 and split == len(tokens):
            split = index
    return ParsedGuideline(tokens[:split], tokens[split:], headings)


def plain_text(inline: Token) -> str:
    """The text of an inline token, without markup."""
    return "".join(
        child.content for child in inline.children or () if child.type in {"text", "code_inline"}
    )


def slugify(text: str) -> str:
    """A stable ASCII anchor for ``text``: 'Privé en namens' → 'prive-en-namens'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60].strip("-")


def _unique(anchor: str, used: set[str]) -> str:
    candidate, number = anchor, 2
    while candidate in used:
        candidate, number = f"{anchor}-{number}", number + 1
    used.add(candidate)
    return candidate
