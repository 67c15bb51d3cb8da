"""The Word writer on templates as organisations have them, and on hostile input: what
python-docx and LibreOffice read back from the output."""

from __future__ import annotations

import io
import subprocess
import zipfile
from datetime import date
from pathlib import Path

import docx
import pytest
from lxml import etree
from PIL import Image

from guidegen.content.problems import Problem
from guidegen.guideline.generate import (
    GeneratedGuideline,
    generate,
    load_profiles,
    template_folders,
)
from guidegen.guideline.parsed import Heading, parse_guideline
from guidegen.guideline.profile import load_profile
from guidegen.guideline.word import render_docx
from guidegen.guideline.wordtemplate import MAX_PART_BYTES, WordTemplateError, check_template

from .conftest import REPO, write

SOFFICE = Path("/usr/bin/soffice")

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
GUIDELINE = """\
# Richtlijn sociale media — Gemeente Proef

Een **korte** inleiding met een [link](https://example.org/) en `code`.

## Doel

1. Eerste stap
2. Tweede stap

> Een citaat.

- Punt
  - Dieper punt

### Reageren

Tekst.

## Bronnen

- Bron
"""


def _part(name: str, body: str) -> tuple[str, str]:
    return name, f"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n{body}"


def minimal_template(*, styles: str | None = None, header: bool = True) -> bytes:
    """A Word file as a house-style template can be: few styles, no numbering part, its
    own header with two paragraphs (the second with the organisation's tagline)."""
    styles = styles or (
        f'<w:styles xmlns:w="{W}"><w:docDefaults><w:rPrDefault><w:rPr>'
        '<w:lang w:val="en-US"/></w:rPr></w:rPrDefault></w:docDefaults>'
        '<w:style w:type="paragraph" w:default="1" w:styleId="Standaard">'
        '<w:name w:val="Normal"/><w:rPr><w:rFonts w:ascii="Georgia"/></w:rPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="Kop1"><w:name w:val="heading 1"/>'
        '<w:basedOn w:val="Standaard"/></w:style></w:styles>'
    )
    reference = '<w:headerReference w:type="default" r:id="rId7"/>' if header else ""
    parts = dict(
        [
            _part(
                "[Content_Types].xml",
                '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
                'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
                '<Override PartName="/word/document.xml" ContentType="application/vnd.openxml'
                'formats-officedocument.wordprocessingml.document.main+xml"/>'
                '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxml'
                'formats-officedocument.wordprocessingml.styles+xml"/>'
                '<Override PartName="/word/header1.xml" ContentType="application/vnd.openxml'
                'formats-officedocument.wordprocessingml.header+xml"/></Types>',
            ),
            _part(
                "_rels/.rels",
                '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.'
                'org/officeDocument/2006/relationships/officeDocument" '
                'Target="word/document.xml"/></Relationships>',
            ),
            _part(
                "word/_rels/document.xml.rels",
                '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                'relationships"><Relationship Id="rId5" Type="http://schemas.openxmlformats.'
                'org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
                '<Relationship Id="rId7" Type="http://schemas.openxmlformats.org/'
                'officeDocument/2006/relationships/header" Target="header1.xml"/>'
                "</Relationships>",
            ),
            _part(
                "word/document.xml",
                f'<w:document xmlns:w="{W}" xmlns:r="{R}"><w:body><w:p><w:r><w:t>Tekst van het '
                f"sjabloon</w:t></w:r></w:p><w:sectPr>{reference}"
                '<w:pgSz w:w="12240" w:h="15840"/><w:cols w:space="720"/></w:sectPr>'
                "</w:body></w:document>",
            ),
            _part("word/styles.xml", styles),
            _part(
                "word/header1.xml",
                f'<w:hdr xmlns:w="{W}"><w:p><w:r><w:t>Oude kop</w:t></w:r></w:p>'
                "<w:p><w:r><w:t>Samen maken we de stad</w:t></w:r></w:p></w:hdr>",
            ),
        ]
    )
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return output.getvalue()


def render(reference: bytes | None = None, text: str = GUIDELINE, **options: object) -> bytes:
    arguments: dict = {"organisation": "Gemeente Proef", "issued": date(2026, 5, 1)} | options
    return render_docx(parse_guideline(text), reference=reference, **arguments)


def part(data: bytes, name: str) -> etree._Element:
    return etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read(name))


def local_names(element: etree._Element) -> list[str]:
    return [etree.QName(child).localname for child in element]


def test_a_template_with_few_styles_and_no_numbering_gets_what_the_guideline_needs() -> None:
    output = render(minimal_template())
    document = docx.Document(io.BytesIO(output))
    names = {style.name for style in document.styles}
    # The template's own styles stay; the ones it lacks are added, based on its Normal.
    assert document.styles["Normal"].element.rPr.rFonts.get(f"{{{W}}}ascii") == "Georgia"
    for added in ("TOC Heading", "Title", "Heading 2", "List Number", "List Bullet 2", "Quote"):
        assert added in names
        assert document.styles[added].base_style.name == "Normal"
    paragraphs = [(p.style.name, p.text) for p in document.paragraphs]
    assert ("Heading 1", "Doel") in paragraphs
    assert ("Heading 2", "Reageren") in paragraphs
    assert ("TOC Heading", "Inhoud") in paragraphs
    assert ("Quote", "Een citaat.") in paragraphs
    assert ("List Bullet 2", "Dieper punt") in paragraphs
    assert "Tekst van het sjabloon" not in [text for _, text in paragraphs]
    # The headings are numbered by a list in the numbering part the writer added.
    heading = document.styles["Heading 1"].element.pPr.numPr
    assert heading.numId.val > 0
    numbering = document.part.numbering_part.element
    assert local_names(numbering) == ["abstractNum", "num"]
    # A4, whatever the template had, and Dutch as the language of all text.
    section = document.sections[0]
    assert (section.page_width.twips, section.page_height.twips) == (11906, 16838)
    assert document.styles.element.find(f".//{{{W}}}lang").get(f"{{{W}}}val") == "nl-NL"


def test_the_templates_header_keeps_its_other_content() -> None:
    header = docx.Document(io.BytesIO(render(minimal_template(), concept=True))).sections[0].header
    assert [p.text for p in header.paragraphs] == [
        "Gemeente Proef — CONCEPT",
        "Samen maken we de stad",
    ]


def test_elements_the_writer_adds_stand_in_the_schemas_order() -> None:
    output = render(minimal_template(header=False))
    section = part(output, "word/document.xml").find(f".//{{{W}}}sectPr")
    assert local_names(section) == [
        "headerReference",
        "footerReference",
        "pgSz",
        "pgMar",
        "cols",
    ]
    margins = section.find(f"{{{W}}}pgMar")
    assert {key.split("}")[1] for key in margins.attrib} == {
        "top", "right", "bottom", "left", "header", "footer", "gutter",
    }  # fmt: skip
    heading = part(output, "word/styles.xml").find(f".//{{{W}}}style[@{{{W}}}styleId='Kop1']")
    assert local_names(heading) == ["name", "basedOn", "pPr"]
    settings = part(render(), "word/settings.xml")
    # The table of contents is written in: Word asks nothing when the file opens.
    assert "updateFields" not in local_names(settings)


def test_text_stays_text_and_characters_xml_cannot_hold_are_replaced() -> None:
    hostile = "# Titel\n\n## Doel\n\nA\x01B\x0bC <w:p> & ]]> \ud800 einde\n"
    output = render(text=hostile, organisation="Org <b>&\x02")
    document = docx.Document(io.BytesIO(output))
    texts = [p.text for p in document.paragraphs]
    assert "A\ufffdB\ufffdC <w:p> & ]]> \ufffd einde" in texts
    assert document.sections[0].header.paragraphs[0].text == "Org <b>&\ufffd"
    assert document.core_properties.author == "Org <b>&\ufffd"


def test_ordered_lists_restart_and_only_safe_links_become_links() -> None:
    text = (
        "# T\n\n## Doel\n\n1. een\n2. twee\n\nTussen.\n\n1. weer een\n\n"
        "[veilig](https://example.org/) [eng](javascript:alert(1)) [mail](mailto:a@b.nl)\n"
    )
    output = render(text=text)
    body = part(output, "word/document.xml")
    numbered = body.findall(f".//{{{W}}}numPr/{{{W}}}numId")
    first, second = (p for p in {n.get(f"{{{W}}}val") for n in numbered} if p != "0")
    assert first != second  # each list its own numbering, restarting at 1
    rels = zipfile.ZipFile(io.BytesIO(output)).read("word/_rels/document.xml.rels")
    assert b"https://example.org/" in rels
    assert b"mailto:a@b.nl" in rels
    assert b"javascript" not in rels
    assert "eng" in docx.Document(io.BytesIO(output)).paragraphs[-1].text


def test_a_jpeg_logo_is_embedded_with_its_aspect_ratio() -> None:
    picture = io.BytesIO()
    Image.new("RGB", (300, 100), "navy").save(picture, "JPEG")
    output = render(logo=picture.getvalue())
    document = docx.Document(io.BytesIO(output))
    (shape,) = document.inline_shapes
    assert shape.height == 900_000
    assert shape.width == 2_700_000
    [image] = [p for p in document.part.package.iter_parts() if p.content_type.startswith("image/")]
    assert image.content_type == "image/jpeg"
    assert image.blob == picture.getvalue()


def test_the_same_input_gives_the_same_bytes_and_no_template_thumbnail() -> None:
    first, second = render(), render()
    assert first == second
    names = zipfile.ZipFile(io.BytesIO(first)).namelist()
    assert "docProps/thumbnail.jpeg" not in names
    assert {info.date_time for info in zipfile.ZipFile(io.BytesIO(first)).infolist()} == {
        (1980, 1, 1, 0, 0, 0)
    }


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda parts: parts.pop("[Content_Types].xml"), r"mist \[Content_Types\]\.xml"),
        (lambda parts: parts.update({"word/styles.xml": b"<w:styles"}), "styles.xml is geen"),
        (
            lambda parts: parts.update(
                {
                    "word/styles.xml": b'<!DOCTYPE s [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
                    b'<w:styles xmlns:w="' + W.encode() + b'">&e;</w:styles>'
                }
            ),
            "bevat een DTD",
        ),
        (lambda parts: parts.pop("word/document.xml"), "onvolledig"),
        (
            lambda parts: parts.update(
                {
                    "[Content_Types].xml": parts["[Content_Types].xml"].replace(
                        b"document.main+xml", b"document.macroEnabled.main+xml"
                    )
                }
            ),
            "geen gewoon Word-document",
        ),
    ],
)
def test_a_broken_or_hostile_template_is_refused_with_a_dutch_reason(
    change: object, message: str
) -> None:
    with zipfile.ZipFile(io.BytesIO(minimal_template())) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    change(parts)  # type: ignore[operator]
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    with pytest.raises(WordTemplateError, match=message):
        check_template(output.getvalue())


def test_a_word_template_file_dotx_in_the_profile_serves_and_becomes_a_document(
    tmp_path: Path, knowledge: tuple
) -> None:
    with zipfile.ZipFile(io.BytesIO(minimal_template())) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"document.main+xml", b"template.main+xml"
    )
    with zipfile.ZipFile(tmp_path / "huisstijl.dotx", "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    path = write(
        tmp_path / "p.yaml",
        "organisation: {name: Gemeente X, type: gemeente}\n"
        "house_style: {reference_docx: huisstijl.dotx}\n",
    )
    loaded, problems = load_profile(path, knowledge[0])
    assert loaded is not None, problems
    output = generate(loaded, knowledge[0], knowledge[1], template_folders(REPO / "templates"),
                      ("docx",), date(2026, 5, 1)).files["docx"]  # fmt: skip
    types = zipfile.ZipFile(io.BytesIO(output)).read("[Content_Types].xml")
    assert b"template.main+xml" not in types
    assert b"document.main+xml" in types
    document = docx.Document(io.BytesIO(output))  # python-docx opens documents only
    assert document.styles["Normal"].element.rPr.rFonts.get(f"{{{W}}}ascii") == "Georgia"
    assert "Doel en reikwijdte" in [p.text for p in document.paragraphs]


def test_a_template_that_unpacks_to_too_much_is_refused_before_it_is_unpacked() -> None:
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\0" * (MAX_PART_BYTES + 1))
    assert len(output.getvalue()) < 1_000_000
    with pytest.raises(WordTemplateError, match="te groot"):
        check_template(output.getvalue())


def template_problem(tmp_path: Path, knowledge: tuple, template: bytes) -> tuple[Path, Problem]:
    """A profile naming ``template`` as its Word template, and the one problem it gets (on
    the line of ``reference_docx``) when it is read for a Word document."""
    (tmp_path / "huisstijl.docx").write_bytes(template)
    path = write(
        tmp_path / "p.yaml",
        "organisation: {name: Gemeente X, type: gemeente}\n"
        "house_style: {reference_docx: huisstijl.docx}\n",
    )
    loaded, problems = load_profiles([path], knowledge[0], ["docx"])
    assert loaded == []
    [problem] = problems
    assert problem.line == 2
    return path, problem


def test_a_profile_with_a_broken_template_gets_a_located_error(
    tmp_path: Path, knowledge: tuple
) -> None:
    broken = io.BytesIO()
    template = zipfile.ZipFile(io.BytesIO(minimal_template()))
    with zipfile.ZipFile(broken, "w") as archive, template as original:
        for name in original.namelist():
            data = original.read(name)
            archive.writestr(name, b"<w:styles>" if name == "word/styles.xml" else data)
    path, problem = template_problem(tmp_path, knowledge, broken.getvalue())
    assert "reference_docx: het Word-sjabloon is beschadigd (word/styles.xml" in problem.message
    # Only the Word writer uses the template: without docx the profile is fine.
    profiles, problems = load_profiles([path], knowledge[0], ["md", "html"])
    assert (len(profiles), problems) == (1, [])


def test_a_template_python_docx_cannot_write_in_is_refused_when_read(
    tmp_path: Path, knowledge: tuple
) -> None:
    """A well-formed template whose 'Quote' style is a character style: python-docx opens
    it but cannot add the paragraph style the guideline needs. The profile's author gets a
    located Dutch error when the profile is read, not a traceback while writing."""
    template = docx.Document()
    template.styles["Quote"].element.set(f"{{{W}}}type", "character")
    data = io.BytesIO()
    template.save(data)
    _, problem = template_problem(tmp_path, knowledge, data.getvalue())
    assert "dit Word-sjabloon is niet te gebruiken" in problem.message
    assert "'Quote'" in problem.message


def office_text(tmp_path: Path, data: bytes) -> list[str]:
    """The lines LibreOffice reads from a .docx (its own numbering of headings and lists
    included): a second, independent word processor."""
    if not SOFFICE.exists():
        pytest.fail(f"{SOFFICE} is missing: run 'make test', which installs Debian's LibreOffice")
    (tmp_path / "richtlijn.docx").write_bytes(data)
    subprocess.run(
        [
            str(SOFFICE),
            f"-env:UserInstallation={(tmp_path / 'profiel').as_uri()}",
            "--headless",
            "--convert-to",
            "txt:Text",
            "--outdir",
            str(tmp_path),
            str(tmp_path / "richtlijn.docx"),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return (tmp_path / "richtlijn.txt").read_text(encoding="utf-8-sig").splitlines()


def generated_chapters(generated: GeneratedGuideline) -> list[Heading]:
    """The chapters (level-2 headings) of a generated guideline's Markdown."""
    return parse_guideline(generated.files["md"].decode("utf-8")).chapters


def test_libreoffice_numbers_the_chapters_as_the_table_of_contents_says(
    tmp_path: Path, knowledge: tuple
) -> None:
    loaded, problems = load_profile(REPO / "profiles" / "gemeente-maasstad.yaml", knowledge[0])
    assert loaded is not None, problems
    folders = template_folders(REPO / "templates")
    generated = generate(
        loaded, knowledge[0], knowledge[1], folders, ("md", "docx"), date(2026, 5, 1)
    )
    lines = [line.strip() for line in office_text(tmp_path, generated.files["docx"])]
    start = lines.index("Inhoud")  # unnumbered: not chapter 1
    end = lines.index("Bronnen", start)
    entries = lines[start + 1 : end + 1]
    assert entries[0] == "1. Doel en reikwijdte"
    # Every chapter is listed, read as the file opens (nothing updated it).
    chapters = [h.text for h in generated_chapters(generated)]
    assert [entry.split(". ", 1)[-1] if entry[0].isdigit() else entry for entry in entries] == (
        chapters
    )
    # Every chapter, numbered by LibreOffice from the heading styles, has the number the
    # table of contents shows until Word refreshes it; the annexes have none.
    assert [line for line in lines[end + 1 :] if line in entries] == entries


def test_libreoffice_reads_a_guideline_in_an_organisations_template(tmp_path: Path) -> None:
    lines = [line.strip() for line in office_text(tmp_path, render(minimal_template()))]
    assert "Tekst van het sjabloon" not in lines
    start = lines.index("Inhoud")
    assert lines[start + 1 : start + 4] == ["1. Doel", "Bronnen", "1. Doel"]
    assert "1.1 Reageren" in lines
    assert "Een citaat." in lines
