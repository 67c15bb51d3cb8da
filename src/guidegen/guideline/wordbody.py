"""The guideline's token stream as WordprocessingML paragraphs (the body of the .docx).

Built as one XML string and parsed once: every text is escaped (and characters XML
cannot hold are replaced), so nothing in it is interpreted.  Headings take Word's
heading styles, lists its list styles with numbering that restarts per list, quotes the
Quote style; only ``http(s)`` and ``mailto`` links become clickable.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from guidegen.guideline.parsed import NUMBERED_LEVELS

if TYPE_CHECKING:
    from markdown_it.token import Token

#: Word's heading styles for the Markdown heading levels 2, 3 and 4.
HEADING_STYLES = {2: "Heading 1", 3: "Heading 2", 4: "Heading 3"}
#: Link targets that become clickable; anything else stays plain text.
SAFE_SCHEMES = ("http://", "https://", "mailto:")
#: Colour of link text (RRGGBB).
LINK_COLOUR = "154273"
#: Font of code (inline and blocks).
CODE_FONT = "Consolas"
#: Characters XML 1.0 cannot hold (controls, lone surrogates, U+FFFE/U+FFFF).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_BREAKS = re.compile(r"(\t|\r\n|\r|\n)")


class Styles(Protocol):
    """What the body needs from the document: style ids, list numbering and links."""

    def style_id(self, name: str) -> str:
        """The id of paragraph style ``name`` (added to the document if missing)."""

    def restarted_numbering(self, style_name: str) -> int:
        """A new numbering instance of ``style_name``'s list that starts at 1 (0: none)."""

    def hyperlink(self, url: str) -> str:
        """The relationship id of an external link to ``url``."""


def xml_text(text: str) -> str:
    """``text`` escaped for XML element content and attributes (``html.escape``: its
    five escapes are XML's; xml.sax.saxutils would import urllib.request, 0.02 s)."""
    return html.escape(_NOT_XML.sub("\ufffd", text))


def run(text: str, properties: str = "") -> str:
    """A run with ``text``: tabs become ``w:tab``, line breaks ``w:br``."""
    pieces = []
    for piece in _BREAKS.split(text):
        if piece == "\t":
            pieces.append("<w:tab/>")
        elif piece in {"\n", "\r", "\r\n"}:
            pieces.append("<w:br/>")
        elif piece:
            pieces.append(f'<w:t xml:space="preserve">{xml_text(piece)}</w:t>')
    rpr = f"<w:rPr>{properties}</w:rPr>" if properties else ""
    return f"<w:r>{rpr}{''.join(pieces)}</w:r>"


def paragraph(content: str, style_id: str = "", numbering: str = "") -> str:
    """A paragraph in style ``style_id`` (none: Normal), with ``numbering`` (a w:numPr)."""
    properties = (f'<w:pStyle w:val="{xml_text(style_id)}"/>' if style_id else "") + numbering
    ppr = f"<w:pPr>{properties}</w:pPr>" if properties else ""
    return f"<w:p>{ppr}{content}</w:p>"


def numbering(num_id: int, level: int = 0) -> str:
    """A paragraph's list numbering (``num_id`` 0: take it out of the style's list)."""
    return f'<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'


def field_runs(instruction: str, shown: str) -> str:
    """A Word field (PAGE, NUMPAGES, TOC …) showing ``shown`` until Word updates it."""
    return begin_field(instruction) + run(shown) + end_field()


def begin_field(instruction: str) -> str:
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve">{xml_text(instruction)}</w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
    )


def end_field() -> str:
    return '<w:r><w:fldChar w:fldCharType="end"/></w:r>'


@dataclass
class _List:
    ordered: bool
    num_id: int | None = None


@dataclass
class BodyWriter:
    """Walks the token stream and writes a paragraph per block."""

    styles: Styles
    parts: list[str] = field(default_factory=list)
    lists: list[_List] = field(default_factory=list)
    quote_depth: int = 0
    paragraph_in_item: int = 0

    def write(self, tokens: list[Token]) -> None:
        for index, token in enumerate(tokens):
            self._token(token, tokens, index)

    def add(self, xml: str) -> None:
        """Add a paragraph (or other body element) written elsewhere."""
        self.parts.append(xml)

    def xml(self) -> str:
        return "".join(self.parts)

    def _token(self, token: Token, tokens: list[Token], index: int) -> None:
        kind = token.type
        if kind in {"bullet_list_open", "ordered_list_open"}:
            self.lists.append(_List(ordered=kind == "ordered_list_open"))
        elif kind in {"bullet_list_close", "ordered_list_close"}:
            self.lists.pop()
        elif kind == "list_item_open":
            self.paragraph_in_item = 0
        elif kind == "blockquote_open":
            self.quote_depth += 1
        elif kind == "blockquote_close":
            self.quote_depth -= 1
        elif kind == "heading_open":
            self._heading(token, tokens[index + 1])
        elif kind == "paragraph_open":
            style = self._paragraph_style()
            number = ""
            if self.lists and self.lists[-1].ordered and self.paragraph_in_item == 0:
                number = numbering(self._list_numbering(style))
            self.paragraph_in_item += 1
            self.parts.append(
                self._paragraph(style, inline(tokens[index + 1], self.styles), number)
            )
        elif kind in {"code_block", "fence"}:
            code = run(token.content.rstrip("\n"), _fonts(CODE_FONT))
            self.parts.append(self._paragraph(self._paragraph_style(), code))
        elif kind == "hr":
            self.parts.append(paragraph(""))

    def _heading(self, token: Token, content: Token) -> None:
        level = int(token.tag[1])
        style = "Title" if level == 1 else HEADING_STYLES.get(level, "Heading 3")
        # An annex or the sources: out of the heading numbering.
        unnumbered = level in NUMBERED_LEVELS and not token.attrGet("data-number")
        self.parts.append(
            self._paragraph(style, inline(content, self.styles), numbering(0) if unnumbered else "")
        )

    def _paragraph(self, style: str, content: str, number: str = "") -> str:
        return paragraph(content, "" if style == "Normal" else self.styles.style_id(style), number)

    def _paragraph_style(self) -> str:
        if self.lists:
            depth = min(len(self.lists), 3)
            if self.paragraph_in_item > 0:
                return "List Continue" if depth == 1 else f"List Continue {depth}"
            base = "List Number" if self.lists[-1].ordered else "List Bullet"
            return base if depth == 1 else f"{base} {depth}"
        return "Quote" if self.quote_depth else "Normal"

    def _list_numbering(self, style: str) -> int:
        """Each ordered list its own numbering, restarting at 1."""
        current = self.lists[-1]
        if current.num_id is None:
            current.num_id = self.styles.restarted_numbering(style)
        return current.num_id


def inline(content: Token, styles: Styles) -> str:
    """The runs of an inline token: bold, italic, code and safe links."""
    runs = []
    bold = italic = False
    link: str | None = None
    for child in content.children or ():
        kind = child.type
        if kind in {"strong_open", "strong_close"}:
            bold = kind == "strong_open"
        elif kind in {"em_open", "em_close"}:
            italic = kind == "em_open"
        elif kind == "link_open":
            href = str(child.attrGet("href") or "")
            link = href if href.startswith(SAFE_SCHEMES) else None
        elif kind == "link_close":
            link = None
        elif kind == "hardbreak":
            runs.append("<w:r><w:br/></w:r>")
        elif kind in {"text", "code_inline", "softbreak"} and (
            child.content or kind == "softbreak"
        ):
            text = " " if kind == "softbreak" else child.content
            fonts = _fonts(CODE_FONT) if kind == "code_inline" else ""
            emphasis = ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "")
            if link:
                style = f'<w:color w:val="{LINK_COLOUR}"/><w:u w:val="single"/>'
                rid = styles.hyperlink(link)
                runs.append(
                    f'<w:hyperlink r:id="{rid}">{run(text, fonts + emphasis + style)}</w:hyperlink>'
                )
            else:
                runs.append(run(text, fonts + emphasis))
    return "".join(runs)


def _fonts(name: str) -> str:
    return f'<w:rFonts w:ascii="{name}" w:hAnsi="{name}"/>'
