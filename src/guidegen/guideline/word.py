"""The guideline as a Word document that communication departments can edit.

A4 pages with the organisation's name in the header (and "Concept" while the profile's
status is concept) and page numbers in the footer. Headings use Word's built-in heading
styles, numbered by one Word multilevel list (so Word's navigation pane, table of
contents and renumbering work); lists use the built-in list styles with numbering that
restarts per list, and the table of contents is a real TOC field, pre-filled with the
chapter titles and refreshed by Word when the document is opened.  An organisation's
own ``.docx`` can serve as style template.  All text goes into runs as text: nothing in
it is interpreted.  The same input gives the same bytes (fixed zip times, no thumbnail).
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time

import docx
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Pt, RGBColor, Twips
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from markdown_it.token import Token

from .parsed import NUMBERED_LEVELS, ParsedGuideline

LANGUAGE = "nl-NL"
LINK_COLOUR = RGBColor(0x15, 0x42, 0x73)
#: Word refreshes the table of contents from this field when the document opens.
TOC_INSTRUCTION = r'TOC \o "1-2" \h \z \u'
#: Link targets that become clickable; anything else stays plain text.
SAFE_SCHEMES = ("http://", "https://", "mailto:")


#: A4 in twips, as Word writes it (210 × 297 mm).
A4_WIDTH, A4_HEIGHT = Twips(11906), Twips(16838)
#: Word's heading styles for the Markdown heading levels 2, 3 and 4.
HEADING_STYLES = {2: "Heading 1", 3: "Heading 2", 4: "Heading 3"}
#: Every file in the .docx gets this time, so the same input gives the same bytes.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
#: What the document says made it (docProps/app.xml).
APPLICATION = "guidegen"


def render_docx(
    parsed: ParsedGuideline,
    *,
    organisation: str,
    issued: date,
    logo: bytes | None = None,
    reference: bytes | None = None,
    concept: bool = False,
    colour: str = "#154273",
) -> bytes:
    """The guideline as ``.docx`` bytes, in the styles of ``reference`` if given."""
    document = _start(reference)
    _set_properties(document, parsed.title, organisation, issued, concept)
    _set_language(document)
    _set_pages(document, organisation, concept)
    if reference is None:
        _colour_headings(document, colour)
    numbering = _heading_numbering(document)
    if logo:
        document.add_picture(io.BytesIO(logo), height=Cm(2.5))
    writer = _Writer(document, heading_numbering=numbering)
    writer.write(parsed.front)
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    entries = [f"{h.number}. {h.text}" if h.number else h.text for h in parsed.chapters]
    _add_table_of_contents(document, entries)
    writer.write(parsed.body)
    buffer = io.BytesIO()
    document.save(buffer)
    return _reproducible(buffer.getvalue())


def _start(reference: bytes | None) -> Document:
    """A new document: python-docx's template, or the organisation's file emptied."""
    if reference is None:
        return docx.Document()
    document = docx.Document(io.BytesIO(reference))
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    return document


def _set_properties(
    document: Document, title: str, organisation: str, issued: date, concept: bool
) -> None:
    properties = document.core_properties
    moment = datetime.combine(issued, time(12, 0))
    properties.title = title
    properties.author = organisation
    properties.last_modified_by = organisation
    properties.language = LANGUAGE
    properties.subject = "Richtlijn sociale media"
    properties.keywords = "sociale media; richtlijn; overheidscommunicatie"
    properties.comments = "Samengesteld met guidegen uit het Handboek sociale media."
    properties.category = "Richtlijn"
    properties.content_status = "Concept" if concept else "Vastgesteld"
    properties.created = moment
    properties.modified = moment
    properties.last_printed = moment
    properties.revision = 1


def _set_pages(document: Document, organisation: str, concept: bool) -> None:
    """A4 with 2.5 cm margins, the organisation in the header, page numbers in the footer."""
    for section in document.sections:
        section.page_width, section.page_height = A4_WIDTH, A4_HEIGHT
        section.left_margin = section.right_margin = Cm(2.5)
        section.top_margin = section.bottom_margin = Cm(2.5)
        section.header.is_linked_to_previous = False
        header = section.header.paragraphs[0]
        header.text = ""
        header.add_run(organisation)
        if concept:
            header.add_run(" — CONCEPT").bold = True
        footer = section.footer.paragraphs[0]
        footer.text = ""
        footer.add_run("Pagina ")
        _simple_field(footer, "PAGE", "1")
        footer.add_run(" van ")
        _simple_field(footer, "NUMPAGES", "1")


def _simple_field(paragraph: Paragraph, instruction: str, shown: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word fills in on every page."""
    _field_char(paragraph, "begin")
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    paragraph.add_run()._r.append(code)
    _field_char(paragraph, "separate")
    paragraph.add_run(shown)
    _field_char(paragraph, "end")


def _colour_headings(document: Document, colour: str) -> None:
    """The house colour on the title and the heading styles (python-docx's template)."""
    rgb = RGBColor.from_string(colour.lstrip("#").upper())
    for name in ("Title", *HEADING_STYLES.values()):
        if name in document.styles:
            document.styles[name].font.color.rgb = rgb


def _heading_numbering(document: Document) -> int:
    """One multilevel list (1, 1.1) linked to Heading 1 and 2; returns its numId."""
    numbering = document.part.numbering_part.numbering_definitions._numbering
    ids = [int(n) for n in numbering.xpath("./w:abstractNum/@w:abstractNumId")]
    abstract_id = max(ids, default=0) + 1
    abstract = OxmlElement("w:abstractNum")
    abstract.set(qn("w:abstractNumId"), str(abstract_id))
    kind = OxmlElement("w:multiLevelType")
    kind.set(qn("w:val"), "multilevel")
    abstract.append(kind)
    for level, markdown_level in enumerate(NUMBERED_LEVELS):
        style_id = _style(document, HEADING_STYLES[markdown_level]).style_id
        abstract.append(_numbering_level(level, style_id))
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    num = numbering.add_num(abstract_id)
    for level, markdown_level in enumerate(NUMBERED_LEVELS):
        style = _style(document, HEADING_STYLES[markdown_level])
        properties = style.element.get_or_add_pPr()
        num_pr = properties.get_or_add_numPr()
        num_pr.get_or_add_numId().val = int(num.numId)
        num_pr.get_or_add_ilvl().val = level
    return int(num.numId)


def _numbering_level(level: int, style_id: str) -> BaseOxmlElement:
    """Level ``level`` of the heading list, linked to its heading style: '1.' or '1.1'."""
    element = OxmlElement("w:lvl")
    element.set(qn("w:ilvl"), str(level))
    for tag, value in (
        ("w:start", "1"),
        ("w:numFmt", "decimal"),
        ("w:pStyle", style_id),
        ("w:lvlText", _level_text(level)),
        ("w:lvlJc", "left"),
    ):
        child = OxmlElement(tag)
        child.set(qn("w:val"), value)
        element.append(child)
    paragraph = OxmlElement("w:pPr")
    indent = OxmlElement("w:ind")
    indent.set(qn("w:left"), str(567 + 284 * level))
    indent.set(qn("w:hanging"), str(567 + 284 * level))
    paragraph.append(indent)
    element.append(paragraph)
    return element


def _level_text(level: int) -> str:
    """'%1.' for chapters, '%1.%2' for their sections."""
    return ".".join(f"%{i + 1}" for i in range(level + 1)) + ("." if level == 0 else "")


def _style(document: Document, name: str):  # type: ignore[no-untyped-def]
    """The paragraph style ``name``; added (based on Normal) if a template lacks it."""
    if name in document.styles:
        return document.styles[name]
    style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles["Normal"]
    if name.startswith("Heading") or name == "Title":
        style.font.bold = True
        style.font.size = Pt(16 if name in {"Title", "Heading 1"} else 13)
    return style


def _reproducible(data: bytes) -> bytes:
    """The same .docx with fixed file times, an honest app.xml and no thumbnail."""
    source = zipfile.ZipFile(io.BytesIO(data))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            if name == "docProps/thumbnail.jpeg":
                continue
            content = source.read(name)
            if name == "docProps/app.xml":
                content = _APP_XML.encode("utf-8")
            elif name == "_rels/.rels":
                content = re.sub(rb"<Relationship [^>]*thumbnail\.jpeg\"/>", b"", content)
            elif name == "[Content_Types].xml":
                content = re.sub(rb'<Default Extension="jpeg"[^>]*/>', b"", content)
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, content)
    return output.getvalue()


_APP_XML = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
    'extended-properties"><Application>' + APPLICATION + "</Application></Properties>"
)


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
    heading_numbering: int | None = None
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
            style = "Title" if level == 1 else HEADING_STYLES.get(level, "Heading 3")
            paragraph = self._add_paragraph(style)
            if level in NUMBERED_LEVELS and not token.attrGet("data-number"):
                _no_number(paragraph)
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
                self.style_ids[style] = _style(self.document, style).style_id
            _style_new_paragraph(paragraph, self.style_ids[style])
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


def _style_new_paragraph(paragraph: Paragraph, style_id: str) -> None:
    """``paragraph._p.style = style_id`` for a paragraph that has no properties yet: the
    same XML, without python-docx's search for where ``w:pStyle`` goes among the 35
    kinds of property (a fifth of the time of a document)."""
    properties = paragraph._p.get_or_add_pPr()
    assert len(properties) == 0, "only for a new paragraph"
    properties.append(OxmlElement("w:pStyle", {qn("w:val"): style_id}))


def _no_number(paragraph: Paragraph) -> None:
    """Take a heading (an annex, the sources) out of the heading numbering."""
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = 0
    num_pr.get_or_add_numId().val = 0


def _restarted_numbering(document: Document, paragraph: Paragraph) -> int:
    numbering = document.part.numbering_part.numbering_definitions._numbering
    style = document.styles[paragraph.style.name if paragraph.style else "List Number"]
    properties = style.element.pPr
    if properties is None or properties.numPr is None or properties.numPr.numId is None:
        return 0  # a style template whose list style has no numbering: leave it unnumbered
    style_num = properties.numPr.numId.val
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
                run = _add_run(paragraph, text)
                _set_emphasis(run, bold=bold, italic=italic)
                if kind == "code_inline":
                    run.font.name = "Consolas"


def _add_run(paragraph: Paragraph, text: str) -> Run:
    """``paragraph.add_run(text)``, the same XML, without python-docx's loop over every
    character when the text has no tab or line break (that loop was a fifth of a document)."""
    if not text or any(char in text for char in "\t\r\n"):
        return paragraph.add_run(text)
    run = paragraph.add_run()
    run._r.add_t(text)
    return run


def _set_emphasis(run: Run, *, bold: bool, italic: bool) -> None:
    """Bold and italic on, or left to the style: ``run.bold = bold or None`` and the same
    for italic, which without either leaves just an empty ``w:rPr`` (made directly)."""
    if bold or italic:
        run.bold, run.italic = bold or None, italic or None
    else:
        run._r.get_or_add_rPr()


def _add_hyperlink(paragraph: Paragraph, url: str, text: str, *, bold: bool, italic: bool) -> None:
    relation = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    hyperlink = OxmlElement("w:hyperlink")
    hyperlink.set(qn("r:id"), relation)
    run = _add_run(paragraph, text)
    run.font.color.rgb = LINK_COLOUR
    run.font.underline = True
    _set_emphasis(run, bold=bold, italic=italic)
    hyperlink.append(run._r)
    paragraph._p.append(hyperlink)
