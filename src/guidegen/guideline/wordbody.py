"""The guideline's token stream as paragraphs and runs of a python-docx document.

Mapping the parsed Markdown to Word is ours; writing the XML is python-docx's. Headings
take Word's heading styles, lists its list styles with numbering that restarts per
list, quotes the Quote style; only ``http(s)`` and ``mailto`` links become clickable.
All text goes into runs as text: nothing in it is interpreted, and characters XML
cannot hold are replaced.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.parts.numbering import NumberingPart
from docx.shared import Pt, RGBColor
from docx.text.run import Run

from guidegen.guideline.parsed import NUMBERED_LEVELS

if TYPE_CHECKING:
    from docx.document import Document
    from docx.oxml.numbering import CT_Numbering
    from docx.oxml.text.parfmt import CT_PPr
    from docx.styles.style import ParagraphStyle
    from docx.text.paragraph import Paragraph
    from markdown_it.token import Token

#: Word's heading styles for the Markdown heading levels 2, 3 and 4.
HEADING_STYLES = {2: "Heading 1", 3: "Heading 2", 4: "Heading 3"}
#: Link targets that become clickable; anything else stays plain text.
SAFE_SCHEMES = ("http://", "https://", "mailto:")
#: Colour of link text.
LINK_COLOUR = RGBColor(0x15, 0x42, 0x73)
#: Font of code (inline and blocks).
CODE_FONT = "Consolas"
#: Characters XML 1.0 cannot hold (controls, lone surrogates, U+FFFE/U+FFFF): lxml
#: refuses them, so they become U+FFFD.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
#: What python-docx turns into a tab or a line break in a run's text.
_BREAKS = re.compile("[\t\r\n]")


def xml_safe(text: str) -> str:
    """``text`` with the characters XML cannot hold replaced by U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)


@dataclass
class ParagraphStyles:
    """The document's paragraph styles by the name Word shows; a style the template
    lacks is added, based on Normal (each name is looked up once: python-docx's lookup
    by name searches every style)."""

    document: Document
    found: dict[str, ParagraphStyle] = field(default_factory=dict)

    def __getitem__(self, name: str) -> ParagraphStyle:
        style = self.found.get(name)
        if style is None:
            style = self.found[name] = self._find(name) or self._add(name)
        return style

    def __contains__(self, name: str) -> bool:
        return name in self.found or self._find(name) is not None

    def _find(self, name: str) -> ParagraphStyle | None:
        styles = self.document.styles
        if name not in styles:
            return None
        style = styles[name]
        return style if style.type == WD_STYLE_TYPE.PARAGRAPH else None

    def _add(self, name: str) -> ParagraphStyle:
        style: ParagraphStyle = self.document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        normal = self._find("Normal")
        if normal is not None:
            style.base_style = normal
        if name.startswith("Heading") or name == "Title":
            style.font.bold = True
            style.font.size = Pt(16 if name in {"Title", "Heading 1"} else 13)
        return style


def numbering(document: Document) -> CT_Numbering:
    """The document's numbering definitions; an empty numbering part is added to a
    template without one (python-docx does not make one itself)."""
    part = document.part
    try:
        found = cast("NumberingPart", part.part_related_by(RELATIONSHIP_TYPE.NUMBERING))
    except KeyError:
        name = part.package.next_partname("/word/numbering%d.xml")
        element = parse_xml(f"<w:numbering {nsdecls('w')}/>")
        found = NumberingPart(PackURI(name), CONTENT_TYPE.WML_NUMBERING, element, part.package)
        part.relate_to(found, RELATIONSHIP_TYPE.NUMBERING)
    return cast("CT_Numbering", found.element)


def set_numbering(properties: CT_PPr, num_id: int, level: int = 0) -> None:
    """Number a paragraph or paragraph style (its ``properties``) in list ``num_id``
    (0: out of its style's list). python-docx makes ``get_or_add_numPr`` and the
    methods of what it returns at run time, so mypy knows them as Any."""
    numbered: Any = properties.get_or_add_numPr()  # type: ignore[attr-defined]
    numbered.get_or_add_ilvl().val = level
    numbered.get_or_add_numId().val = num_id


@dataclass
class _List:
    ordered: bool
    num_id: int | None = None


@dataclass
class BodyWriter:
    """Walks the token stream and adds a paragraph per block to the document."""

    document: Document
    styles: ParagraphStyles
    lists: list[_List] = field(default_factory=list)
    quote_depth: int = 0
    paragraph_in_item: int = 0

    def write(self, tokens: list[Token]) -> None:
        for index, token in enumerate(tokens):
            self._token(token, tokens, index)

    def paragraph(self, style: str = "Normal") -> Paragraph:
        """A new paragraph at the end of the document, in ``style``.

        The style goes in by its id, as the first property of the new paragraph: with
        ``add_paragraph(style=…)``, which looks for the default paragraph style among
        all styles for every paragraph, the Maasstad guideline took 0.43 s instead of
        0.10 s; with ``pPr.style``, which looks for the place of ``w:pStyle`` among 35
        kinds of property, 0.15 s (CPU time)."""
        paragraph = self.document.add_paragraph()
        if style != "Normal":
            style_id = {qn("w:val"): self.styles[style].style_id}
            paragraph._p.get_or_add_pPr().append(OxmlElement("w:pStyle", style_id))
        return paragraph

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
            paragraph = self.paragraph(style)
            if self.lists and self.lists[-1].ordered and self.paragraph_in_item == 0:
                set_numbering(paragraph._p.get_or_add_pPr(), self._list_numbering(style))
            self.paragraph_in_item += 1
            add_inline(paragraph, tokens[index + 1])
        elif kind in {"code_block", "fence"}:
            code = xml_safe(token.content.rstrip("\n"))
            self.paragraph(self._paragraph_style()).add_run(code).font.name = CODE_FONT
        elif kind == "hr":
            self.paragraph()

    def _heading(self, token: Token, content: Token) -> None:
        level = int(token.tag[1])
        style = "Title" if level == 1 else HEADING_STYLES.get(level, "Heading 3")
        paragraph = self.paragraph(style)
        if level in NUMBERED_LEVELS and not token.attrGet("data-number"):
            # An annex or the sources: out of the heading numbering.
            set_numbering(paragraph._p.get_or_add_pPr(), 0)
        add_inline(paragraph, content)

    def _paragraph_style(self) -> str:
        if self.lists:
            depth = min(len(self.lists), 3)
            if self.paragraph_in_item > 0:
                return "List Continue" if depth == 1 else f"List Continue {depth}"
            base = "List Number" if self.lists[-1].ordered else "List Bullet"
            return base if depth == 1 else f"{base} {depth}"
        return "Quote" if self.quote_depth else "Normal"

    def _list_numbering(self, style: str) -> int:
        """Each ordered list its own numbering of its style's list, restarting at 1;
        0 (unnumbered) if the template's list style has no numbering."""
        current = self.lists[-1]
        if current.num_id is None:
            current.num_id = 0
            properties = self.styles[style].element.pPr
            numbered = None if properties is None else properties.numPr
            if numbered is not None and numbered.numId is not None:
                definitions = numbering(self.document)
                try:
                    used = definitions.num_having_numId(numbered.numId.val)  # type: ignore[no-untyped-call]
                    abstract = used.abstractNumId
                except KeyError:
                    return 0  # the style names a list the template does not define
                added = definitions.add_num(abstract.val)  # type: ignore[no-untyped-call]
                added.add_lvlOverride(ilvl=0).add_startOverride(1)
                current.num_id = int(added.numId)
        return current.num_id


def add_inline(paragraph: Paragraph, content: Token) -> None:
    """The runs of an inline token: bold, italic, code and safe links."""
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
            paragraph.add_run().add_break()
        elif kind == "softbreak" or (kind in {"text", "code_inline"} and child.content):
            run = _hyperlink_run(paragraph, link) if link else paragraph.add_run()
            set_text(run, " " if kind == "softbreak" else child.content)
            if bold:
                run.bold = True
            if italic:
                run.italic = True
            if kind == "code_inline":
                run.font.name = CODE_FONT
            if link:
                run.font.color.rgb = LINK_COLOUR
                run.font.underline = True


def set_text(run: Run, text: str) -> None:
    """``run.text = text``; text without tabs or line breaks as one ``w:t`` (``run.text``
    looks at each character: 0.17 s instead of 0.10 s for the Maasstad guideline)."""
    text = xml_safe(text)
    if _BREAKS.search(text):
        run.text = text
    else:
        run._r.add_t(text)


def _hyperlink_run(paragraph: Paragraph, url: str) -> Run:
    """A new run inside a link to ``url`` (python-docx reads links but cannot add them)."""
    rid = paragraph.part.relate_to(xml_safe(url), RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    hyperlink = paragraph._p.add_hyperlink()  # type: ignore[attr-defined]  # made at run time
    hyperlink.rId = rid
    return Run(hyperlink.add_r(), paragraph)
