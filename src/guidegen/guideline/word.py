"""The guideline as a Word document that communication departments can edit.

Headings use Word's built-in heading styles (so Word's navigation pane and table of
contents work), lists use the built-in list styles with numbering that restarts per
list, and the table of contents is a real TOC field, pre-filled with the chapter
titles and refreshed by Word when the document is opened.  All text goes into runs
as text: nothing in it is interpreted.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date, datetime, time

import docx
from docx.document import Document
from docx.enum.text import WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, RGBColor
from docx.text.paragraph import Paragraph
from markdown_it.token import Token

from .parsed import ParsedGuideline

LANGUAGE = "nl-NL"
LINK_COLOUR = RGBColor(0x15, 0x42, 0x73)
#: Word refreshes the table of contents from this field when the document opens.
TOC_INSTRUCTION = r'TOC \o "1-2" \h \z \u'
#: Link targets that become clickable; anything else stays plain text.
SAFE_SCHEMES = ("http://", "https://", "mailto:")


def render_docx(
    parsed: ParsedGuideline,
    *,
    organisation: str,
    issued: date,
    logo: bytes | None = None,
) -> bytes:
    """The guideline as ``.docx`` bytes."""
    document = docx.Document()
    _set_properties(document, parsed.title, organisation, issued)
    _set_language(document)
    if logo:
        document.add_picture(io.BytesIO(logo), height=Cm(2.5))
    writer = _Writer(document)
    writer.write(parsed.front)
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    _add_table_of_contents(document, [h.text for h in parsed.chapters])
    writer.write(parsed.body)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _set_properties(document: Document, title: str, organisation: str, issued: date) -> None:
    properties = document.core_properties
    moment = datetime.combine(issued, time(12, 0))
    properties.title = title
    properties.author = organisation
    properties.last_modified_by = organisation
    properties.language = LANGUAGE
    properties.subject = "Richtlijn sociale media"
    properties.keywords = "sociale media; richtlijn; overheidscommunicatie"
    properties.created = moment
    properties.modified = moment
    properties.revision = 1


def _set_language(document: Document) -> None:
    """Mark all text as Dutch (spelling check, screen readers)."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    if defaults is None:
        return
    run_defaults = defaults.find(qn("w:rPrDefault"))
    if run_defaults is None:
        return
    properties = run_defaults.find(qn("w:rPr"))
    if properties is None:
        properties = OxmlElement("w:rPr")
        run_defaults.append(properties)
    language = properties.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        properties.append(language)
    language.set(qn("w:val"), LANGUAGE)


def _add_table_of_contents(document: Document, chapters: list[str]) -> None:
    document.add_paragraph("Inhoud", style="TOC Heading")
    first = document.add_paragraph()
    _field_char(first, "begin")
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = TOC_INSTRUCTION
    run = first.add_run()
    run._r.append(instruction)
    _field_char(first, "separate")
    # The field's current result: the chapter titles, until Word refreshes it.
    last = first
    for index, chapter in enumerate(chapters):
        paragraph = first if index == 0 else document.add_paragraph()
        paragraph.add_run(chapter)
        last = paragraph
    _field_char(last, "end")
    settings = document.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    settings.append(update)


def _field_char(paragraph: Paragraph, kind: str) -> None:
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    paragraph.add_run()._r.append(char)


@dataclass
class _List:
    ordered: bool
    num_id: int | None = None
    items: int = 0


@dataclass
class _Writer:
    """Walks the token stream and adds paragraphs and runs to the document."""

    document: Document
    style_ids: dict[str, str] = field(default_factory=dict)
    lists: list[_List] = field(default_factory=list)
    quote_depth: int = 0
    paragraph_in_item: int = 0

    def write(self, tokens: list[Token]) -> None:
        for index, token in enumerate(tokens):
            self._token(token, tokens, index)

    def _token(self, token: Token, tokens: list[Token], index: int) -> None:
        kind = token.type
        if kind in {"bullet_list_open", "ordered_list_open"}:
            self.lists.append(_List(ordered=kind == "ordered_list_open"))
        elif kind in {"bullet_list_close", "ordered_list_close"}:
            self.lists.pop()
        elif kind == "list_item_open":
            self.lists[-1].items += 1
            self.paragraph_in_item = 0
        elif kind == "blockquote_open":
            self.quote_depth += 1
        elif kind == "blockquote_close":
            self.quote_depth -= 1
        elif kind == "heading_open":
            level = int(token.tag[1])
            paragraph = self.document.add_heading(level=0 if level == 1 else min(level - 1, 9))
            _add_inline(paragraph, tokens[index + 1])
        elif kind == "paragraph_open":
            paragraph = self._add_paragraph(self._paragraph_style())
            if self.lists and self.lists[-1].ordered and self.paragraph_in_item == 0:
                self._number(paragraph)
            self.paragraph_in_item += 1
            _add_inline(paragraph, tokens[index + 1])
        elif kind in {"code_block", "fence"}:
            paragraph = self._add_paragraph(self._paragraph_style())
            run = paragraph.add_run(token.content.rstrip("\n"))
            run.font.name = "Consolas"
        elif kind == "hr":
            self.document.add_paragraph()

    def _add_paragraph(self, style: str) -> Paragraph:
        """A new paragraph in ``style``; looks each style up once (python-docx's lookup by
        name scans every style, which made it most of the time of a document)."""
        paragraph = self.document.add_paragraph()
        if style != "Normal":
            if style not in self.style_ids:
                self.style_ids[style] = self.document.styles[style].style_id
            paragraph._p.style = self.style_ids[style]
        return paragraph

    def _paragraph_style(self) -> str:
        if self.lists:
            depth = min(len(self.lists), 3)
            if self.paragraph_in_item > 0:
                return "List Continue" if depth == 1 else f"List Continue {depth}"
            base = "List Number" if self.lists[-1].ordered else "List Bullet"
            return base if depth == 1 else f"{base} {depth}"
        return "Quote" if self.quote_depth else "Normal"

    def _number(self, paragraph: Paragraph) -> None:
        """Give each ordered list its own numbering, restarting at 1."""
        current = self.lists[-1]
        if current.num_id is None:
            current.num_id = _restarted_numbering(self.document, paragraph)
        properties = paragraph._p.get_or_add_pPr()
        properties.get_or_add_numPr().get_or_add_numId().val = current.num_id
        properties.get_or_add_numPr().get_or_add_ilvl().val = 0


def _restarted_numbering(document: Document, paragraph: Paragraph) -> int:
    numbering = document.part.numbering_part.numbering_definitions._numbering
    style = document.styles[paragraph.style.name if paragraph.style else "List Number"]
    style_num = style.element.pPr.numPr.numId.val
    abstract_id = numbering.num_having_numId(style_num).abstractNumId.val
    num = numbering.add_num(abstract_id)
    num.add_lvlOverride(ilvl=0).add_startOverride(1)
    return int(num.numId)


def _add_inline(paragraph: Paragraph, inline: Token) -> None:
    bold = italic = False
    link: str | None = None
    for child in inline.children or ():
        kind = child.type
        if kind == "strong_open":
            bold = True
        elif kind == "strong_close":
            bold = False
        elif kind == "em_open":
            italic = True
        elif kind == "em_close":
            italic = False
        elif kind == "link_open":
            href = str(child.attrGet("href") or "")
            link = href if href.startswith(SAFE_SCHEMES) else None
        elif kind == "link_close":
            link = None
        elif kind in {"text", "code_inline", "softbreak", "hardbreak"}:
            text = " " if kind == "softbreak" else child.content
            if kind == "hardbreak":
                paragraph.add_run().add_break()
            elif link:
                _add_hyperlink(paragraph, link, text, bold=bold, italic=italic)
            else:
                run = paragraph.add_run(text)
                run.bold, run.italic = bold or None, italic or None
                if kind == "code_inline":
                    run.font.name = "Consolas"


def _add_hyperlink(paragraph: Paragraph, url: str, text: str, *, bold: bool, italic: bool) -> None:
    relation = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    hyperlink = OxmlElement("w:hyperlink")
    hyperlink.set(qn("r:id"), relation)
    run = paragraph.add_run(text)
    run.font.color.rgb = LINK_COLOUR
    run.font.underline = True
    run.bold, run.italic = bold or None, italic or None
    hyperlink.append(run._r)
    paragraph._p.append(hyperlink)
