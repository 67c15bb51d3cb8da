"""Escaping plain text for Markdown: the one escaper of the handbook's MyST pages and of
the guideline's CommonMark, and the templates that rely on it."""

from __future__ import annotations

import string
from collections.abc import Callable, Iterator

import pytest
from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser

from guidegen.content.myst import Myst, escape
from guidegen.content.safemarkdown import MYST_EXTENSIONS, field_parser
from guidegen.sphinx.safety import REQUIRED_MYST_EXTENSIONS

#: Texts that would be markup somewhere: each punctuation character alone, repeated,
#: starting a word and inside one, and the constructs of CommonMark and MyST.
HOSTILE = [
    *(
        text
        for c in string.punctuation
        for text in (c, c * 3, f"{c} woord", f"{c}woord{c}", f"een {c * 2} twee", f"1{c} a")
    ),
    "*vet* _schuin_ `code` ~~weg~~ <b>x</b> &amp; &#65; \\",
    "[link](javascript:x) ![beeld](https://example.org/x.png) <https://example.org> [^1]",
    "{raw}`html` {sub}`2` [tekst]{.klasse} {{ vervanging }} $x$ $$y$$",
    "(doel)=",
    ": een definitie",
    "% een commentaar",
    "+++ een blokgrens",
    ":::{note}",
    "```{raw} html",
    "~~~",
    "| a | b |",
    "---",
    "===",
    "# kop",
    "> citaat",
    "12. genummerd",
    "1) genummerd",
    "regel een\n# kop\n:::{raw} html\n- punt\n\n    ingesprongen",
    "a  \nb\\\nc",
]
#: Where a template may put a value: alone on a line, as a paragraph's next line, in a
#: list item, a quote, a heading, emphasis, and a link's text.
PLACES = [
    "{}",
    "Tekst ervoor\n{}",
    "- {}",
    "> {}",
    "# {}",
    "Met **{}** erin",
    "Een [{}](https://example.org) link",
]


def myst_parser() -> MarkdownIt:
    """MyST's parser with every extension the handbook's pages are read with."""
    extensions = {*MYST_EXTENSIONS, *REQUIRED_MYST_EXTENSIONS}
    return create_md_parser(MdParserConfig(enable_extensions=extensions), RendererHTML)


#: The parsers that read escaped text: the handbook's pages (MyST), the guideline in
#: the handbook and its HTML and Word files, and any CommonMark reader of its .md file.
PARSERS: dict[str, Callable[[], MarkdownIt]] = {
    "myst": myst_parser,
    "guideline": lambda: field_parser(headings=True),
    "commonmark": lambda: MarkdownIt("commonmark").enable(["table", "strikethrough"]),
}


def shape(tokens: list[Token]) -> Iterator[tuple[str, str]]:
    """The tokens' kinds, with an inline's text as one string (escapes resolved)."""
    for token in tokens:
        if token.type != "inline":
            yield token.type, ""
            continue
        text = ""
        for child in token.children or ():
            if child.type in {"text", "text_special"}:
                text += child.content
            elif child.type == "softbreak":
                text += "\n"
            else:
                text = f"{text}<{child.type}>"
        yield "inline", text


@pytest.mark.parametrize("parser", list(PARSERS))
def test_escaped_text_is_the_same_literal_text_wherever_it_stands(parser: str) -> None:
    markdown = PARSERS[parser]()
    wrong = []
    for place in PLACES:
        for value in HOSTILE:
            literal = " ".join(value.split())
            expected = [
                (kind, text.replace("PLAATS", literal))
                for kind, text in shape(markdown.parse(place.format("PLAATS")))
            ]
            if list(shape(markdown.parse(place.format(escape(value))))) != expected:
                wrong.append(f"{place!r} with {value!r}: {escape(value)!r}")
    assert wrong == []


def test_escaped_text_stays_readable() -> None:
    # Only what could be markup is escaped: a guideline's Markdown is read by people.
    text = "Reageer binnen 2 werkdagen, ook op vragen (zie: 'Webcare'); 50% is 'snel'."
    assert escape(text) == text
    assert escape("Gebruik *altijd* #hashtags") == "Gebruik \\*altijd\\* \\#hashtags"


def test_escape_collapses_newlines_so_text_cannot_start_a_block() -> None:
    assert "\n" not in escape("regel een\n# kop\n:::{raw} html")


def test_trusted_myst_passes_through() -> None:
    assert escape(Myst("[a](b.md)")) == "[a](b.md)"
