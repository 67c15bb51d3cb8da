"""An organisation's own Word file as the guideline's style template.

python-docx opens it; before that, the file is checked for what python-docx does not
refuse itself and would otherwise turn into a broken document or an unreadable error:
a zip that unpacks to too much, XML that is not well-formed, a DTD (Word writes none;
its entities would be left undefined in the output). A Word template (``.dotx``) is
opened as a document: python-docx opens only documents, and the two differ in the main
part's content type alone. Whatever is wrong is raised as :class:`WordTemplateError`
with a Dutch message.
"""

from __future__ import annotations

import io
import zipfile
from typing import TYPE_CHECKING

import docx
from lxml import etree

if TYPE_CHECKING:
    from docx.document import Document

#: A part bigger than this (unpacked) is refused: a template is styles, not a zip bomb.
MAX_PART_BYTES = 64_000_000
#: All parts of a template together (unpacked).
MAX_PACKAGE_BYTES = 128_000_000
CONTENT_TYPES = "[Content_Types].xml"
_WORD = b"application/vnd.openxmlformats-officedocument.wordprocessingml."
#: The main part's content type in a Word template, and in a document.
TEMPLATE_MAIN, DOCUMENT_MAIN = _WORD + b"template.main+xml", _WORD + b"document.main+xml"
#: Parsing as python-docx does: no entities resolved, nothing from the network.
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


class WordTemplateError(ValueError):
    """The Word template cannot be used; the message says why (in Dutch)."""


def check_template(data: bytes) -> None:
    """Check that ``data`` is a Word file the writer can use as style template.

    :raises WordTemplateError: (a ValueError) saying in Dutch what is wrong.
    """
    open_template(data)


def open_template(data: bytes) -> Document:
    """The organisation's Word file as a document with its text removed (its styles,
    numbering, header and footer stay).

    :raises WordTemplateError: it is not a usable Word file.
    """
    checked = _checked(data)
    try:
        document = docx.Document(io.BytesIO(checked))
    except ValueError as exc:  # python-docx: not a Word document's main part
        raise WordTemplateError(
            "het Word-sjabloon is geen gewoon Word-document (met macro's?); "
            "sla het in Word op als .docx"
        ) from exc
    except KeyError as exc:  # python-docx: a part or relationship it needs is missing
        raise WordTemplateError(
            "het Word-sjabloon is onvolledig (het hoofddocument of een onderdeel ontbreekt); "
            "sla het opnieuw op in Word"
        ) from exc
    body = document.element.body
    if body is None:
        raise WordTemplateError(
            "het Word-sjabloon heeft geen hoofdtekst; sla het opnieuw op in Word"
        )
    body.clear_content()
    return document


def _checked(data: bytes) -> bytes:
    """``data`` once its parts are checked; a template's main part relabelled as a
    document's."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise WordTemplateError("het Word-sjabloon is geen Word-document (.docx)") from exc
    with archive:
        files = [info for info in archive.infolist() if not info.is_dir()]
        too_big = any(info.file_size > MAX_PART_BYTES for info in files)
        if too_big or sum(info.file_size for info in files) > MAX_PACKAGE_BYTES:
            raise WordTemplateError("het Word-sjabloon is uitgepakt te groot")
        parts = {info.filename: _read(archive, info) for info in files}
    if CONTENT_TYPES not in parts:
        raise WordTemplateError(f"het Word-sjabloon mist {CONTENT_TYPES}")
    for name, content in parts.items():
        if name.endswith((".xml", ".rels")):
            _check_xml(name, content)
    if TEMPLATE_MAIN not in parts[CONTENT_TYPES]:
        return data
    parts[CONTENT_TYPES] = parts[CONTENT_TYPES].replace(TEMPLATE_MAIN, DOCUMENT_MAIN)
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as relabelled:
        for name, content in parts.items():
            relabelled.writestr(name, content)
    return output.getvalue()


def _read(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    try:
        return archive.read(info)
    except (zipfile.BadZipFile, OSError, RuntimeError, ValueError) as exc:
        raise WordTemplateError(
            f"het Word-sjabloon is beschadigd ({info.filename} is niet te lezen)"
        ) from exc


def _check_xml(name: str, content: bytes) -> None:
    try:
        root = etree.fromstring(content, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise WordTemplateError(
            f"het Word-sjabloon is beschadigd ({name} is geen geldige XML); "
            "sla het opnieuw op in Word"
        ) from exc
    if root.getroottree().docinfo.internalDTD is not None:
        raise WordTemplateError(f"het Word-sjabloon is ongeldig ({name} bevat een DTD)")
