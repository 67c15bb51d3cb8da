"""The guideline as a Word document that communication departments can edit.

A4 pages with the organisation's name in the header (and "Concept" while the profile's
status is concept) and page numbers in the footer. Headings use Word's built-in heading
styles, numbered by one Word multilevel list (so Word's navigation pane, table of
contents and renumbering work); lists use the built-in list styles with numbering that
restarts per list, and the table of contents is a real TOC field, pre-filled with the
chapter titles and refreshed by Word when the document is opened.  An organisation's
own ``.docx`` serves as style template (its text is dropped, its styles, header and
footer stay); without one, ``word_template/basis.docx`` does (python-docx's default
template, see the NOTICE beside it).  All text goes into runs as text: nothing in it is
interpreted.  The same input gives the same bytes (fixed zip times, no thumbnail).

The package is edited directly (:mod:`.docxpackage`, :mod:`.wordbody`): building it
through python-docx's object model took a third of a second per document.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

from lxml import etree
from PIL import Image

from guidegen.guideline import wordxml as schema
from guidegen.guideline.docxpackage import PART_CONTENT_TYPES, Package, parse_xml, serialize_xml
from guidegen.guideline.parsed import NUMBERED_LEVELS, ParsedGuideline
from guidegen.guideline.wordbody import (
    HEADING_STYLES,
    BodyWriter,
    begin_field,
    end_field,
    field_runs,
    numbering,
    paragraph,
    xml_text,
)
from guidegen.guideline.wordbody import run as text_run
from guidegen.guideline.wordxml import DECLARATIONS, R, W, add_child, child, w

LANGUAGE = "nl-NL"
#: Word refreshes the table of contents from this field when the document opens.
TOC_INSTRUCTION = r'TOC \o "1-2" \h \z \u'
#: A4 in twips, as Word writes it (210 × 297 mm), and margins of 2.5 cm.
A4_WIDTH, A4_HEIGHT, MARGIN = 11906, 16838, 1417
#: Height of the logo above the title: 2.5 cm in EMU.
LOGO_HEIGHT = 900_000
#: What the document says made it (docProps/app.xml).
APPLICATION = "guidegen"
#: The style template when the organisation gives none.
BASIS = Path(__file__).parent / "word_template" / "basis.docx"
#: Word's internal names of the built-in styles whose UI name differs (python-docx's list).
INTERNAL_NAMES = {
    "Caption": "caption",
    "Header": "header",
    "Footer": "footer",
    **{f"Heading {level}": f"heading {level}" for level in range(1, 10)},
}
#: Parts every document needs; a template without one gets the basis's (or an empty one).
NEEDED_PARTS = {
    "styles": None,
    "numbering": f'<w:numbering xmlns:w="{W}"/>',
    "settings": f'<w:settings xmlns:w="{W}"/>',
}


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
    document = WordDocument.open(Package.read(reference if reference is not None else _basis()))
    _set_language(document)
    if reference is None:
        _colour_headings(document, colour)
    _number_headings(document)
    body = BodyWriter(document)
    if logo:
        body.add(_picture(document, logo))
    body.write(parsed.front)
    body.add('<w:p><w:r><w:br w:type="page"/></w:r></w:p>')
    entries = [f"{h.number}. {h.text}" if h.number else h.text for h in parsed.chapters]
    body.add(_table_of_contents(document, entries))
    body.write(parsed.body)
    document.set_body(body.xml())
    _set_pages(document, organisation, concept)
    _set_properties(document.package, parsed.title, organisation, issued, concept)
    return document.save()


def check_template(data: bytes) -> None:
    """Check that ``data`` is a Word file the writer can use as style template.

    :raises WordTemplateError: (a ValueError) saying in Dutch what is wrong.
    """
    WordDocument.open(Package.read(data))


@cache
def _basis() -> bytes:
    return BASIS.read_bytes()


@dataclass
class WordDocument:
    """The main document and the parts the writer edits, parsed; the rest stays bytes."""

    package: Package
    main: str
    root: etree._Element
    #: The parsed styles, numbering and settings parts, by kind.
    parts: dict[str, tuple[str, etree._Element]]
    #: Paragraph styles by their name in styles.xml.
    paragraph_styles: dict[str, etree._Element] = field(default_factory=dict)

    @classmethod
    def open(cls, package: Package) -> WordDocument:
        main = package.main_part()
        parts = {}
        for kind, empty in NEEDED_PARTS.items():
            name = package.related(main, kind)
            if name is None:
                data = _basis_part(kind) if empty is None else empty.encode()
                name = f"word/{kind}.xml"
                if name in package.parts:
                    name = package.free_name(f"word/{kind}{{}}.xml")
                package.add_part(main, kind, name, data, PART_CONTENT_TYPES[kind])
            parts[kind] = (name, parse_xml(package.parts[name], name))
        document = cls(package, main, parse_xml(package.parts[main], main), parts)
        for style in document.styles.iterfind(w("style")):
            style_name = style.find(w("name"))
            if style.get(w("type")) == "paragraph" and style_name is not None:
                document.paragraph_styles.setdefault(style_name.get(w("val"), ""), style)
        return document

    @property
    def styles(self) -> etree._Element:
        return self.parts["styles"][1]

    @property
    def numbering(self) -> etree._Element:
        return self.parts["numbering"][1]

    @property
    def settings(self) -> etree._Element:
        return self.parts["settings"][1]

    def has_style(self, name: str) -> bool:
        return INTERNAL_NAMES.get(name, name) in self.paragraph_styles

    def style(self, name: str) -> etree._Element:
        """Paragraph style ``name`` (as Word shows it); added, based on Normal, if missing."""
        internal = INTERNAL_NAMES.get(name, name)
        found = self.paragraph_styles.get(internal)
        if found is not None:
            return found
        style = etree.SubElement(self.styles, w("style"))
        style.set(w("type"), "paragraph")
        style.set(w("customStyle"), "1")
        style.set(w("styleId"), _style_id(internal))
        etree.SubElement(style, w("name")).set(w("val"), internal)
        normal = self.paragraph_styles.get("Normal")
        if normal is not None:
            etree.SubElement(style, w("basedOn")).set(w("val"), normal.get(w("styleId"), ""))
        if name.startswith("Heading") or name == "Title":
            properties = etree.SubElement(style, w("rPr"))
            etree.SubElement(properties, w("b"))
            size = 32 if name in {"Title", "Heading 1"} else 26  # half-points: 16 and 13 pt
            etree.SubElement(properties, w("sz")).set(w("val"), str(size))
        self.paragraph_styles[internal] = style
        return style

    def style_id(self, name: str) -> str:
        return self.style(name).get(w("styleId"), "")

    def add_numbering(self, abstract_id: str, *, restart: bool = False) -> int:
        """A new ``w:num`` of list ``abstract_id``; ``restart`` starts its first level at 1."""
        used = {num.get(w("numId")) for num in self.numbering.iterfind(w("num"))}
        number = next(n for n in range(1, len(used) + 2) if str(n) not in used)
        num = add_child(self.numbering, "num", schema.LISTS)
        num.set(w("numId"), str(number))
        etree.SubElement(num, w("abstractNumId")).set(w("val"), abstract_id)
        if restart:
            override = etree.SubElement(num, w("lvlOverride"))
            override.set(w("ilvl"), "0")
            etree.SubElement(override, w("startOverride")).set(w("val"), "1")
        return number

    def restarted_numbering(self, style_name: str) -> int:
        """A numbering of ``style_name``'s list restarting at 1; 0 if the style has no list."""
        num_id = self.style(style_name).find(f"{w('pPr')}/{w('numPr')}/{w('numId')}")
        if num_id is None:
            return 0  # a style template whose list style has no numbering: leave it unnumbered
        for num in self.numbering.iterfind(w("num")):
            abstract = num.find(w("abstractNumId"))
            if num.get(w("numId")) == num_id.get(w("val")) and abstract is not None:
                return self.add_numbering(abstract.get(w("val"), "0"), restart=True)
        return 0

    def hyperlink(self, url: str) -> str:
        return self.package.rels(self.main).add("hyperlink", url, external=True)

    def body(self) -> etree._Element:
        body = self.root.find(w("body"))
        return body if body is not None else etree.SubElement(self.root, w("body"))

    def section(self) -> etree._Element:
        """The body's (last) section properties; added if the template has none."""
        body = self.body()
        if len(body) and body[-1].tag == w("sectPr"):
            return body[-1]
        return etree.SubElement(body, w("sectPr"))

    def set_body(self, xml: str) -> None:
        """Replace the template's text by ``xml`` (paragraphs), before its section properties."""
        body, section = self.body(), self.section()
        for element in list(body):
            if element is not section:
                body.remove(element)
        for element in list(parse_xml(f"<w:body {DECLARATIONS}>{xml}</w:body>".encode(), "body")):
            section.addprevious(element)

    def save(self) -> bytes:
        self.package.parts[self.main] = serialize_xml(self.root)
        for name, root in self.parts.values():
            self.package.parts[name] = serialize_xml(root)
        return self.package.to_bytes()


def _basis_part(kind: str) -> bytes:
    """A part of the basis template (for a template that lacks it)."""
    package = Package.read(_basis())
    name = package.related(package.main_part(), kind)
    assert name is not None, f"the basis template has no {kind} part"
    return package.parts[name]


def _style_id(internal: str) -> str:
    """The id Word gives a style: 'heading 1' → 'Heading1', 'List Continue 2' → 'ListContinue2'."""
    if internal.startswith("heading ") or internal == "caption":
        internal = internal.capitalize()
    return internal.replace(" ", "")


def _set_language(document: WordDocument) -> None:
    """Mark all text as Dutch (spelling check, screen readers)."""
    defaults = document.styles.find(f"{w('docDefaults')}/{w('rPrDefault')}")
    if defaults is None:
        return
    properties = defaults.find(w("rPr"))
    if properties is None:
        properties = etree.SubElement(defaults, w("rPr"))
    child(properties, "lang", schema.RUN).set(w("val"), LANGUAGE)


def _colour_headings(document: WordDocument, colour: str) -> None:
    """The house colour on the title and the heading styles (the basis template)."""
    for name in ("Title", *HEADING_STYLES.values()):
        if document.has_style(name):
            properties = child(document.style(name), "rPr", schema.STYLE)
            element = child(properties, "color", schema.RUN)
            element.attrib.clear()  # no theme colour that would win over ours
            element.set(w("val"), colour.lstrip("#").upper())


def _number_headings(document: WordDocument) -> None:
    """One multilevel list (1, 1.1) linked to Heading 1 and 2."""
    numbering = document.numbering
    ids = [int(a.get(w("abstractNumId"), "0")) for a in numbering.iterfind(w("abstractNum"))]
    abstract_id = str(max(ids, default=0) + 1)
    abstract = add_child(numbering, "abstractNum", schema.LISTS)
    abstract.set(w("abstractNumId"), abstract_id)
    etree.SubElement(abstract, w("multiLevelType")).set(w("val"), "multilevel")
    for level, markdown_level in enumerate(NUMBERED_LEVELS):
        abstract.append(_numbering_level(level, document.style_id(HEADING_STYLES[markdown_level])))
    num_id = document.add_numbering(abstract_id)
    for level, markdown_level in enumerate(NUMBERED_LEVELS):
        style = document.style(HEADING_STYLES[markdown_level])
        numbered = child(child(style, "pPr", schema.STYLE), "numPr", schema.PARAGRAPH)
        child(numbered, "ilvl", schema.NUMBERING).set(w("val"), str(level))
        child(numbered, "numId", schema.NUMBERING).set(w("val"), str(num_id))


def _numbering_level(level: int, style_id: str) -> etree._Element:
    """Level ``level`` of the heading list, linked to its heading style: '1.' or '1.1'."""
    element = etree.Element(w("lvl"))
    element.set(w("ilvl"), str(level))
    text = ".".join(f"%{i + 1}" for i in range(level + 1)) + ("." if level == 0 else "")
    for tag, value in (
        ("start", "1"),
        ("numFmt", "decimal"),
        ("pStyle", style_id),
        ("lvlText", text),
        ("lvlJc", "left"),
    ):
        etree.SubElement(element, w(tag)).set(w("val"), value)
    indent = etree.SubElement(etree.SubElement(element, w("pPr")), w("ind"))
    indent.set(w("left"), str(567 + 284 * level))
    indent.set(w("hanging"), str(567 + 284 * level))
    return element


def _picture(document: WordDocument, logo: bytes) -> str:
    """A paragraph with the logo (a checked PNG or JPEG), 2.5 cm high."""
    with Image.open(io.BytesIO(logo)) as image:
        (width, height), extension = image.size, "jpeg" if image.format == "JPEG" else "png"
    name = document.package.free_name(f"word/media/image{{}}.{extension}")
    rid = document.package.add_part(document.main, "image", name, logo, f"image/{extension}")
    cx, cy = round(LOGO_HEIGHT * width / max(height, 1)), LOGO_HEIGHT
    return (
        f'<w:p><w:r><w:drawing><wp:inline><wp:extent cx="{cx}" cy="{cy}"/>'
        '<wp:docPr id="1" name="Picture 1"/><wp:cNvGraphicFramePr>'
        '<a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr><a:graphic>'
        '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        f'<pic:pic><pic:nvPicPr><pic:cNvPr id="0" name="image.{extension}"/><pic:cNvPicPr/>'
        f'</pic:nvPicPr><pic:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/>'
        '</a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/>'
        f'<a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"/></pic:spPr></pic:pic>'
        "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"
    )


def _table_of_contents(document: WordDocument, chapters: list[str]) -> str:
    """'Inhoud' and a TOC field whose result is the numbered chapter titles, written in:
    the file opens with a filled table of contents and asks nothing (no ``updateFields``);
    Word's own update of the field (F9) adds the page numbers."""
    # Out of the heading numbering: Word's TOC Heading is based on Heading 1, which is
    # numbered, so "Inhoud" would count as chapter 1.
    heading = paragraph(text_run("Inhoud"), document.style_id("TOC Heading"), numbering(0))
    lines = [text_run(chapter) for chapter in chapters] or [""]
    lines[0] = begin_field(TOC_INSTRUCTION) + lines[0]
    lines[-1] += end_field()
    return heading + "".join(paragraph(line) for line in lines)


def _set_pages(document: WordDocument, organisation: str, concept: bool) -> None:
    """A4 with 2.5 cm margins, the organisation in the header, page numbers in the footer."""
    section = document.section()
    size = child(section, "pgSz", schema.SECTION)
    size.set(w("w"), str(A4_WIDTH))
    size.set(w("h"), str(A4_HEIGHT))
    margins = child(section, "pgMar", schema.SECTION)
    for side in ("top", "right", "bottom", "left"):
        margins.set(w(side), str(MARGIN))
    for side, default in (("header", "720"), ("footer", "720"), ("gutter", "0")):
        margins.set(w(side), margins.get(w(side), default))
    header = text_run(organisation)
    if concept:
        header += text_run(" — CONCEPT", "<w:b/>")
    _fill_margin(document, "header", header)
    footer = text_run("Pagina ") + field_runs(" PAGE ", "1") + text_run(" van ")
    _fill_margin(document, "footer", footer + field_runs(" NUMPAGES ", "1"))


def _fill_margin(document: WordDocument, kind: str, runs: str) -> None:
    """``runs`` as the text of the first paragraph of the section's ``kind`` (header or
    footer): the template's own, whose other content stays, or a new one."""
    section, package = document.section(), document.package
    reference = next(
        (r for r in section.iterfind(w(f"{kind}Reference")) if r.get(w("type")) == "default"),
        None,
    )
    name = (
        None
        if reference is None
        else package.target(document.main, reference.get(f"{{{R}}}id", ""))
    )
    if name is None:
        if reference is not None:
            section.remove(reference)  # points to no part
        tag = "w:hdr" if kind == "header" else "w:ftr"
        empty = f"<{tag} {DECLARATIONS}>{paragraph('', kind.capitalize())}</{tag}>"
        name = package.free_name(f"word/{kind}{{}}.xml")
        rid = package.add_part(document.main, kind, name, empty.encode(), PART_CONTENT_TYPES[kind])
        reference = add_child(section, f"{kind}Reference", schema.SECTION)
        reference.set(w("type"), "default")
        reference.set(f"{{{R}}}id", rid)
    root = parse_xml(package.parts[name], name)
    first = root.find(w("p"))
    if first is None:
        first = etree.SubElement(root, w("p"))
    for element in list(first):
        if element.tag != w("pPr"):
            first.remove(element)
    first.extend(parse_xml(f"<w:p {DECLARATIONS}>{runs}</w:p>".encode(), kind))
    package.parts[name] = serialize_xml(root)


def _set_properties(
    package: Package, title: str, organisation: str, issued: date, concept: bool
) -> None:
    """Honest document properties (core.xml, app.xml), and no thumbnail of the template."""
    moment = f"{issued.isoformat()}T12:00:00Z"
    values = (
        ("dc:title", title),
        ("dc:subject", "Richtlijn sociale media"),
        ("dc:creator", organisation),
        ("cp:keywords", "sociale media; richtlijn; overheidscommunicatie"),
        ("dc:description", "Samengesteld met guidegen uit het Handboek sociale media."),
        ("cp:lastModifiedBy", organisation),
        ("cp:revision", "1"),
        ("cp:category", "Richtlijn"),
        ("dc:language", LANGUAGE),
        ("cp:contentStatus", "Concept" if concept else "Vastgesteld"),
    )
    core = (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
        'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        + "".join(f"<{tag}>{xml_text(value)}</{tag}>" for tag, value in values)
        + "".join(
            f'<dcterms:{tag} xsi:type="dcterms:W3CDTF">{moment}</dcterms:{tag}>'
            for tag in ("created", "modified")
        )
        + f"<cp:lastPrinted>{moment}</cp:lastPrinted></cp:coreProperties>"
    )
    app = (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        f'extended-properties"><Application>{APPLICATION}</Application></Properties>'
    )
    package.remove_part("", "thumbnail")
    for kind, data in (("core", core), ("app", app)):
        name = package.related("", kind) or f"docProps/{kind}.xml"
        if name not in package.parts:
            package.add_part("", kind, name, data.encode(), PART_CONTENT_TYPES[kind])
        package.parts[name] = data.encode()
