"""A Word file as an Open Packaging Conventions package: its parts, relationships and
content types, read from a template and written back with the same bytes for the same
input.

Only what the guideline writer needs: parts by name, the XML parts it edits parsed with
lxml (no entities resolved, no network), relationships found and added by type, and a
zip with fixed file times.  Everything else in the template (theme, fonts, custom XML)
is copied as it is.  A template that is not a readable Word package raises
:class:`WordTemplateError` with a Dutch message.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from dataclasses import dataclass, field

from lxml import etree

#: Every file in the .docx gets this time, so the same input gives the same bytes.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
#: A part bigger than this (unpacked) is refused: a template is styles, not a zip bomb.
MAX_PART_BYTES = 64_000_000
#: All parts of a template together (unpacked).
MAX_PACKAGE_BYTES = 128_000_000

PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
OFFICE_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
PACKAGE_RELATIONSHIP = "http://schemas.openxmlformats.org/package/2006/relationships/"
#: Relationship types by short name.
RELATIONSHIP_TYPES = {
    "officeDocument": OFFICE_RELATIONSHIP + "officeDocument",
    "core": PACKAGE_RELATIONSHIP + "metadata/core-properties",
    "app": OFFICE_RELATIONSHIP + "extended-properties",
    "thumbnail": PACKAGE_RELATIONSHIP + "metadata/thumbnail",
    "styles": OFFICE_RELATIONSHIP + "styles",
    "numbering": OFFICE_RELATIONSHIP + "numbering",
    "settings": OFFICE_RELATIONSHIP + "settings",
    "header": OFFICE_RELATIONSHIP + "header",
    "footer": OFFICE_RELATIONSHIP + "footer",
    "image": OFFICE_RELATIONSHIP + "image",
    "hyperlink": OFFICE_RELATIONSHIP + "hyperlink",
}
_WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml."
#: The content type of a Word document's main part (not a template's, not one with macros).
DOCUMENT_CONTENT_TYPE = _WORD + "document.main+xml"
#: Content types of the parts the writer may add.
PART_CONTENT_TYPES = {
    "styles": _WORD + "styles+xml",
    "numbering": _WORD + "numbering+xml",
    "settings": _WORD + "settings+xml",
    "header": _WORD + "header+xml",
    "footer": _WORD + "footer+xml",
    "core": "application/vnd.openxmlformats-package.core-properties+xml",
    "app": "application/vnd.openxmlformats-officedocument.extended-properties+xml",
}
#: Extensions written as a ``Default`` content type (as Word and python-docx do); every
#: other part gets an ``Override``.
DEFAULT_CONTENT_TYPES = {
    ("rels", "application/vnd.openxmlformats-package.relationships+xml"),
    ("xml", "application/xml"),
    ("png", "image/png"),
    ("jpeg", "image/jpeg"),
    ("jpg", "image/jpeg"),
    ("gif", "image/gif"),
    ("bmp", "image/bmp"),
    ("tif", "image/tiff"),
    ("tiff", "image/tiff"),
    ("emf", "image/x-emf"),
    ("wmf", "image/x-wmf"),
}
_PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False, no_network=True)


class WordTemplateError(ValueError):
    """The Word template cannot be used; the message says why (in Dutch)."""


def parse_xml(data: bytes, name: str = "") -> etree._Element:
    """An XML part as an element tree; a part with a DTD (Word writes none) is refused,
    so no entity of a hostile template can reach the document."""
    try:
        root = etree.fromstring(data, _PARSER)
        info = root.getroottree().docinfo
        if info.internalDTD is not None:  # any <!DOCTYPE>
            raise WordTemplateError(f"het Word-sjabloon is ongeldig ({name} bevat een DTD)")
        return root
    except etree.XMLSyntaxError as exc:
        raise WordTemplateError(
            f"het Word-sjabloon is beschadigd ({name} is geen geldige XML); "
            "sla het opnieuw op in Word"
        ) from exc


def serialize_xml(element: etree._Element) -> bytes:
    """An XML part as Word writes it: UTF-8, standalone, no added whitespace."""
    return etree.tostring(element, encoding="UTF-8", standalone=True)


@dataclass
class Relationships:
    """The relationships of one part (or of the package): id → (type, target, external)."""

    entries: dict[str, tuple[str, str, bool]] = field(default_factory=dict)

    @classmethod
    def parse(cls, data: bytes, name: str) -> Relationships:
        found = cls()
        for element in parse_xml(data, name):
            if etree.QName(element).localname != "Relationship":
                continue
            external = element.get("TargetMode") == "External"
            found.entries[element.get("Id", "")] = (
                element.get("Type", ""),
                element.get("Target", ""),
                external,
            )
        return found

    def targets(self, kind: str) -> list[tuple[str, str]]:
        """(id, target) of the internal relationships of type ``kind`` (short name)."""
        wanted = RELATIONSHIP_TYPES[kind]
        return [
            (rid, target)
            for rid, (rtype, target, external) in self.entries.items()
            if rtype == wanted and not external
        ]

    def add(self, kind: str, target: str, *, external: bool = False) -> str:
        """The id of a relationship to ``target``: an existing one, or a new one."""
        rtype = RELATIONSHIP_TYPES[kind]
        for rid, entry in self.entries.items():
            if entry == (rtype, target, external):
                return rid
        number = 1
        while f"rId{number}" in self.entries:
            number += 1
        rid = f"rId{number}"
        self.entries[rid] = (rtype, target, external)
        return rid

    def remove(self, rid: str) -> None:
        self.entries.pop(rid, None)

    def to_xml(self) -> bytes:
        root = parse_xml(f'<Relationships xmlns="{PACKAGE_RELATIONSHIPS}"/>'.encode())
        for rid, (rtype, target, external) in self.entries.items():
            element = etree.SubElement(root, f"{{{PACKAGE_RELATIONSHIPS}}}Relationship")
            element.set("Id", rid)
            element.set("Type", rtype)
            element.set("Target", target)
            if external:
                element.set("TargetMode", "External")
        return serialize_xml(root)


@dataclass
class Package:
    """The parts of a Word file by name (no leading slash), with their content types."""

    parts: dict[str, bytes]
    content_types: dict[str, str]
    #: Relationships by the name of the part they belong to ('' for the package).
    relationships: dict[str, Relationships]

    @classmethod
    def read(cls, data: bytes) -> Package:
        """The package in ``data``; WordTemplateError if it is not a usable Word file."""
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
        except zipfile.BadZipFile as exc:
            raise WordTemplateError("het Word-sjabloon is geen Word-document (.docx)") from exc
        with archive:
            parts = _read_parts(archive)
        types_xml = parts.pop("[Content_Types].xml", None)
        if types_xml is None:
            raise WordTemplateError("het Word-sjabloon mist [Content_Types].xml")
        rels = {
            _source_of(name): Relationships.parse(parts.pop(name), name)
            for name in [name for name in parts if name.endswith(".rels")]
        }
        return cls(parts, _content_types(parse_xml(types_xml, "[Content_Types].xml"), parts), rels)

    def rels(self, part: str) -> Relationships:
        """The relationships of ``part`` (created empty when it has none)."""
        return self.relationships.setdefault(part, Relationships())

    def main_part(self) -> str:
        """The name of the main document part (word/document.xml in most files).

        A Word template (.dotx) becomes a document; a file with macros is refused.
        """
        found = self.rels("").targets("officeDocument")
        name = _resolve("", found[0][1]) if found else "word/document.xml"
        if name not in self.parts:
            raise WordTemplateError("het Word-sjabloon heeft geen hoofddocument")
        if self.content_types[name] == _WORD + "template.main+xml":
            self.content_types[name] = DOCUMENT_CONTENT_TYPE
        if self.content_types[name] != DOCUMENT_CONTENT_TYPE:
            raise WordTemplateError(
                "het Word-sjabloon is geen gewoon Word-document (met macro's?); "
                "sla het in Word op als .docx"
            )
        return name

    def related(self, source: str, kind: str) -> str | None:
        """The name of the first part that ``source`` relates to as ``kind``, if present."""
        for _, target in self.rels(source).targets(kind):
            name = _resolve(source, target)
            if name in self.parts:
                return name
        return None

    def target(self, source: str, rid: str) -> str | None:
        """The name of the part relationship ``rid`` of ``source`` points to, if it exists."""
        entry = self.rels(source).entries.get(rid)
        if entry is None or entry[2]:
            return None
        name = _resolve(source, entry[1])
        return name if name in self.parts else None

    def add_part(self, source: str, kind: str, name: str, data: bytes, content_type: str) -> str:
        """Add part ``name`` related to ``source`` as ``kind``; returns the relationship id."""
        self.parts[name] = data
        self.content_types[name] = content_type
        return self.rels(source).add(kind, _relative(source, name))

    def remove_part(self, source: str, kind: str) -> None:
        """Remove the parts ``source`` relates to as ``kind`` (e.g. the thumbnail)."""
        rels = self.rels(source)
        for rid, target in rels.targets(kind):
            name = _resolve(source, target)
            self.parts.pop(name, None)
            self.content_types.pop(name, None)
            rels.remove(rid)

    def free_name(self, pattern: str) -> str:
        """The first unused part name from ``pattern`` ('word/header{}.xml')."""
        number = 1
        while pattern.format(number) in self.parts:
            number += 1
        return pattern.format(number)

    def to_bytes(self) -> bytes:
        """The package as a .docx, parts in a fixed order with fixed times."""
        files: dict[str, bytes] = {"[Content_Types].xml": self._content_types_xml()}
        if "" in self.relationships:
            files["_rels/.rels"] = self.relationships[""].to_xml()
        for name, data in self.parts.items():
            files[name] = data
            rels = self.relationships.get(name)
            if rels is not None and rels.entries:
                files[_rels_name(name)] = rels.to_xml()
        output = io.BytesIO()
        with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in files.items():
                info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, data)
        return output.getvalue()

    def _content_types_xml(self) -> bytes:
        root = parse_xml(f'<Types xmlns="{CONTENT_TYPES}"/>'.encode())
        defaults = {"rels": "application/vnd.openxmlformats-package.relationships+xml"}
        defaults["xml"] = "application/xml"
        overrides: dict[str, str] = {}
        for name in self.parts:
            content_type = self.content_types[name]
            extension = posixpath.splitext(name)[1][1:].lower()
            if (extension, content_type) in DEFAULT_CONTENT_TYPES:
                defaults.setdefault(extension, content_type)
            else:
                overrides["/" + name] = content_type
        for extension in sorted(defaults):
            element = etree.SubElement(root, f"{{{CONTENT_TYPES}}}Default")
            element.set("Extension", extension)
            element.set("ContentType", defaults[extension])
        for name in sorted(overrides):
            element = etree.SubElement(root, f"{{{CONTENT_TYPES}}}Override")
            element.set("PartName", name)
            element.set("ContentType", overrides[name])
        return serialize_xml(root)


def _read_parts(archive: zipfile.ZipFile) -> dict[str, bytes]:
    """Every file of ``archive`` by name, refusing oversized ones before unpacking."""
    parts: dict[str, bytes] = {}
    total = 0
    for info in archive.infolist():
        if info.is_dir():
            continue
        total += info.file_size
        if info.file_size > MAX_PART_BYTES or total > MAX_PACKAGE_BYTES:
            raise WordTemplateError("het Word-sjabloon is uitgepakt te groot")
        try:
            data = archive.read(info)
        except (zipfile.BadZipFile, OSError, RuntimeError, ValueError) as exc:
            raise WordTemplateError(
                f"het Word-sjabloon is beschadigd ({info.filename} is niet te lezen)"
            ) from exc
        if len(data) > MAX_PART_BYTES:
            raise WordTemplateError("het Word-sjabloon is uitgepakt te groot")
        parts[info.filename.lstrip("/")] = data
    return parts


def _content_types(root: etree._Element, parts: dict[str, bytes]) -> dict[str, str]:
    """The content type of every part: its Override, else the Default of its extension."""
    defaults: dict[str, str] = {}
    overrides: dict[str, str] = {}
    for element in root:
        kind = etree.QName(element).localname
        if kind == "Default":
            defaults[element.get("Extension", "").lower()] = element.get("ContentType", "")
        elif kind == "Override":
            overrides[element.get("PartName", "").lstrip("/")] = element.get("ContentType", "")
    return {
        name: overrides.get(name)
        or defaults.get(posixpath.splitext(name)[1][1:].lower(), "application/octet-stream")
        for name in parts
    }


def _source_of(rels_name: str) -> str:
    """The part a relationships file belongs to (``word/_rels/document.xml.rels`` belongs
    to ``word/document.xml``; ``_rels/.rels`` to the package, '')."""
    folder, file_name = posixpath.split(rels_name)
    return posixpath.join(posixpath.dirname(folder), file_name.removesuffix(".rels"))


def _rels_name(part: str) -> str:
    folder, file_name = posixpath.split(part)
    return posixpath.join(folder, "_rels", file_name + ".rels")


def _resolve(source: str, target: str) -> str:
    """The part name a relationship target of ``source`` points to."""
    if target.startswith("/"):
        return posixpath.normpath(target).lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target)).lstrip("/")


def _relative(source: str, name: str) -> str:
    """The target that points from ``source`` to part ``name``."""
    return posixpath.relpath(name, posixpath.dirname(source) or ".")
