"""The guideline as a Word document that communication departments can edit.

python-docx writes the package. A4 pages with the organisation's name in the header
(and "Concept" while the profile's status is concept) and page numbers in the footer.
Headings use Word's built-in heading styles, numbered by one Word multilevel list (so
Word's navigation pane, table of contents and renumbering work); lists use the built-in
list styles with numbering that restarts per list (:mod:`.wordbody`). The table of
contents is a real TOC field with the chapter titles written in as its result: the file
opens with a filled table of contents and asks nothing; Word's own update adds the page
numbers. An organisation's own ``.docx`` or ``.dotx`` serves as style template
(:mod:`.wordtemplate`: its text is dropped, its styles, header and footer stay); without
one, python-docx's default template does. The same input gives the same bytes (fixed
zip times, no thumbnail).
"""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime, time
from typing import TYPE_CHECKING

import docx
from docx.enum.text import WD_BREAK
from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Emu, RGBColor, Twips
from lxml import etree

from guidegen.guideline.parsed import NUMBERED_LEVELS, ParsedGuideline
from guidegen.guideline.wordbody import (
    HEADING_STYLES,
    BodyWriter,
    ParagraphStyles,
    numbering,
    set_numbering,
    xml_safe,
)
from guidegen.guideline.wordtemplate import open_template

if TYPE_CHECKING:
    from docx.document import Document
    from docx.section import _Footer, _Header
    from docx.text.paragraph import Paragraph

LANGUAGE = "nl-NL"
#: The table of contents: heading levels 1 and 2, as links, without page numbers in
#: web view, from the outline levels of the heading styles.
TOC_INSTRUCTION = r'TOC \o "1-2" \h \z \u'
#: A4 as Word writes it (210 × 297 mm), margins of 2.5 cm, and Word's default distance
#: of header and footer from the edge of the page.
A4_WIDTH, A4_HEIGHT, MARGIN, HEADER_DISTANCE = Twips(11906), Twips(16838), Twips(1417), Twips(720)
#: Height of the logo above the title: 2.5 cm.
LOGO_HEIGHT = Emu(900_000)
#: What the document says made it (docProps/app.xml).
APPLICATION = "guidegen"
#: Every file in the .docx gets this time, so the same input gives the same bytes.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
#: python-docx refuses a core property longer than this.
PROPERTY_LENGTH = 255


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
    """The guideline as ``.docx`` bytes, in the styles of ``reference`` if given.

    :raises WordTemplateError: ``reference`` is not a usable Word file.
    """
    document = docx.Document() if reference is None else open_template(reference)
    styles = ParagraphStyles(document)
    _set_language(document)
    if reference is None:
        _colour_headings(styles, colour)
    _number_headings(document, styles)
    if logo:
        document.add_picture(io.BytesIO(logo), height=LOGO_HEIGHT)
    body = BodyWriter(document, styles)
    body.write(parsed.front)
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    entries = [f"{h.number}. {h.text}" if h.number else h.text for h in parsed.chapters]
    _add_table_of_contents(body, entries)
    body.write(parsed.body)
    _set_pages(document, xml_safe(organisation), concept)
    _set_properties(document, xml_safe(parsed.title), xml_safe(organisation), issued, concept)
    output = io.BytesIO()
    document.save(output)
    return _with_fixed_times(output.getvalue())


def _set_language(document: Document) -> None:
    """Mark all text as Dutch (spelling check, screen readers): the language of the
    document's default run properties (python-docx has no property for it)."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    run_defaults = None if defaults is None else defaults.find(qn("w:rPrDefault"))
    if run_defaults is None:
        return
    properties = run_defaults.find(qn("w:rPr"))
    if properties is None:
        properties = OxmlElement("w:rPr")
        run_defaults.append(properties)
    language = properties.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        # After it, w:rPr can only hold these three.
        properties.insert_element_before(language, "w:eastAsianLayout", "w:specVanish", "w:oMath")
    language.set(qn("w:val"), LANGUAGE)


def _colour_headings(styles: ParagraphStyles, colour: str) -> None:
    """The house colour on the title and the heading styles (the default template)."""
    rgb = RGBColor.from_string(colour.lstrip("#").upper())
    for name in ("Title", *HEADING_STYLES.values()):
        if name in styles:
            styles[name].font.color.rgb = rgb


def _number_headings(document: Document, styles: ParagraphStyles) -> None:
    """One multilevel list (1., 1.1) linked to Heading 1 and 2 (python-docx has no
    API for list definitions, so the abstract list is made from its elements)."""
    definitions = numbering(document)
    ids = [int(value) for value in definitions.xpath("./w:abstractNum/@w:abstractNumId")]
    abstract_id = max(ids, default=0) + 1
    abstract = _element("w:abstractNum", {"w:abstractNumId": str(abstract_id)})
    abstract.append(_element("w:multiLevelType", {"w:val": "multilevel"}))
    for level, markdown_level in enumerate(NUMBERED_LEVELS):
        abstract.append(_numbering_level(level, styles[HEADING_STYLES[markdown_level]].style_id))
    first_list = definitions.find(qn("w:num"))
    if first_list is None:
        definitions.append(abstract)
    else:
        first_list.addprevious(abstract)  # abstract lists come before every list
    num_id = int(definitions.add_num(abstract_id).numId)  # type: ignore[no-untyped-call]
    for level, markdown_level in enumerate(NUMBERED_LEVELS):
        style = styles[HEADING_STYLES[markdown_level]]
        set_numbering(style.element.get_or_add_pPr(), num_id, level)


def _numbering_level(level: int, style_id: str) -> etree._Element:
    """Level ``level`` of the heading list, linked to its heading style: '1.' or '1.1'."""
    text = ".".join(f"%{i + 1}" for i in range(level + 1)) + ("." if level == 0 else "")
    element = _element("w:lvl", {"w:ilvl": str(level)})
    for tag, value in (
        ("w:start", "1"),
        ("w:numFmt", "decimal"),
        ("w:pStyle", style_id),
        ("w:lvlText", text),
        ("w:lvlJc", "left"),
    ):
        element.append(_element(tag, {"w:val": value}))
    indent = str(567 + 284 * level)
    properties = _element("w:pPr")
    properties.append(_element("w:ind", {"w:left": indent, "w:hanging": indent}))
    element.append(properties)
    return element


def _add_table_of_contents(body: BodyWriter, chapters: list[str]) -> None:
    """'Inhoud' and a TOC field whose result is the numbered chapter titles, written in:
    the file opens with a filled table of contents and asks nothing (no ``updateFields``);
    Word's own update of the field (F9) adds the page numbers."""
    # Out of the heading numbering: Word's TOC Heading is based on Heading 1, which is
    # numbered, so "Inhoud" would count as chapter 1.
    heading = body.paragraph("TOC Heading")
    set_numbering(heading._p.get_or_add_pPr(), 0)
    heading.add_run("Inhoud")
    lines = [body.paragraph() for _ in chapters or [""]]
    _field_start(lines[0], TOC_INSTRUCTION)
    for line, chapter in zip(lines, chapters, strict=False):
        line.add_run(xml_safe(chapter))
    _field_end(lines[-1])


def _set_pages(document: Document, organisation: str, concept: bool) -> None:
    """A4 with 2.5 cm margins, the organisation in the header, page numbers in the footer."""
    section = Section(document.element.body.get_or_add_sectPr(), document.part)
    section.page_width, section.page_height = A4_WIDTH, A4_HEIGHT
    section.top_margin = section.bottom_margin = MARGIN
    section.left_margin = section.right_margin = MARGIN
    # Word requires all seven margins; the template's distances stay if it has them.
    if section.header_distance is None:
        section.header_distance = HEADER_DISTANCE
    if section.footer_distance is None:
        section.footer_distance = HEADER_DISTANCE
    if section.gutter is None:
        section.gutter = Twips(0)
    header = _first_paragraph(section.header)
    header.add_run(organisation)
    if concept:
        header.add_run(" — CONCEPT").bold = True
    footer = _first_paragraph(section.footer)
    footer.add_run("Pagina ")
    _field(footer, " PAGE ", "1")
    footer.add_run(" van ")
    _field(footer, " NUMPAGES ", "1")


def _first_paragraph(margin: _Header | _Footer) -> Paragraph:
    """The first paragraph of the section's header or footer, emptied: the template's
    own (its other paragraphs stay), or python-docx's new one."""
    margin.is_linked_to_previous = False  # a header of its own, not the previous section's
    paragraphs = margin.paragraphs
    return paragraphs[0].clear() if paragraphs else margin.add_paragraph()


def _field(paragraph: Paragraph, instruction: str, shown: str) -> None:
    """A Word field (PAGE, NUMPAGES) showing ``shown`` until Word updates it."""
    _field_start(paragraph, instruction)
    paragraph.add_run(shown)
    _field_end(paragraph)


def _field_start(paragraph: Paragraph, instruction: str) -> None:
    """The start of a field and its instruction; its result follows (python-docx has no
    API for fields)."""
    paragraph.add_run()._r.append(_element("w:fldChar", {"w:fldCharType": "begin"}))
    code = _element("w:instrText", {"xml:space": "preserve"})
    code.text = instruction
    paragraph.add_run()._r.append(code)
    paragraph.add_run()._r.append(_element("w:fldChar", {"w:fldCharType": "separate"}))


def _field_end(paragraph: Paragraph) -> None:
    paragraph.add_run()._r.append(_element("w:fldChar", {"w:fldCharType": "end"}))


def _element(tag: str, attributes: dict[str, str] | None = None) -> etree._Element:
    """``OxmlElement(tag)`` with ``attributes`` given by their prefixed names."""
    return OxmlElement(tag, {qn(name): value for name, value in (attributes or {}).items()})


def _set_properties(
    document: Document, title: str, organisation: str, issued: date, concept: bool
) -> None:
    """Honest document properties: every core property set (none left from the
    template), app.xml naming guidegen, and no thumbnail of the template."""
    properties = document.core_properties
    moment = datetime.combine(issued, time(12, 0))
    properties.title = title[:PROPERTY_LENGTH]
    properties.subject = "Richtlijn sociale media"
    properties.author = organisation[:PROPERTY_LENGTH]
    properties.keywords = "sociale media; richtlijn; overheidscommunicatie"
    properties.comments = "Samengesteld met guidegen uit het Handboek sociale media."
    properties.last_modified_by = organisation[:PROPERTY_LENGTH]
    properties.revision = 1
    properties.category = "Richtlijn"
    properties.language = LANGUAGE
    properties.content_status = "Concept" if concept else "Vastgesteld"
    if properties.identifier or properties.version:  # the template's own
        properties.identifier = properties.version = ""
    properties.created = properties.modified = properties.last_printed = moment
    package = document.part.package
    for rid, relationship in list(package.rels.items()):
        if relationship.reltype in {
            RELATIONSHIP_TYPE.THUMBNAIL,
            RELATIONSHIP_TYPE.EXTENDED_PROPERTIES,
        }:
            del package.rels[rid]
    app = (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        f'extended-properties"><Application>{APPLICATION}</Application></Properties>'
    )
    part = Part(
        PackURI("/docProps/app.xml"), CONTENT_TYPE.OFC_EXTENDED_PROPERTIES, app.encode(), package
    )
    package.relate_to(part, RELATIONSHIP_TYPE.EXTENDED_PROPERTIES)


def _with_fixed_times(data: bytes) -> bytes:
    """The same .docx with every file dated :data:`ZIP_TIME` (python-docx dates them now)."""
    output = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(info))
    return output.getvalue()
