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


def parse_guideline(text: str) -> ParsedGuideline:
    """Parse ``text``, give every heading a unique anchor, split off the front matter."""
    tokens = markdown_parser().parse(text)
    headings: list[Heading] = []
    used: set[str] = set()
    split = len(tokens)
    for index, token in enumerate(tokens):
        if token.type != "heading_open":
            continue
        level = int(token.tag[1])
        title = plain_text(tokens[index + 1])
        anchor = _unique(slugify(title) or "hoofdstuk", used)
        token.attrSet("id", anchor)
        headings.append(Heading(level, title, anchor))
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
