"""A hardened YAML reader that remembers where every value came from.

PyYAML's ``safe_load`` silently keeps the last of two duplicate keys, follows
anchors and aliases (an "alias bomb" explodes later, when the data is walked),
and applies YAML 1.1's surprises (``no`` becomes ``False``, ``12:30`` becomes
``750``, dates become ``datetime``).  This module composes the document with
PyYAML's (C) parser, then builds plain Python values itself, so that it can:

* refuse duplicate keys, anchors, aliases, merge keys and any explicit tag that
  is not a plain scalar, list or mapping (no Python objects, ever);
* resolve scalars with the YAML 1.2 core rules only (``true``/``false``, decimal
  numbers, ``null``); everything else stays a string;
* record the 1-based line and column of every key and value, so that later
  validation can point an author at the exact spot;
* refuse files that are too large, not UTF-8 or nested too deeply.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import yaml

from guidegen.content.problems import Problem
from guidegen.fileio import TooLarge, read_bounded

#: Largest YAML file accepted, in bytes.  Records are a few kilobytes.
MAX_FILE_BYTES = 1_000_000
#: Deepest nesting of lists and mappings accepted.
MAX_DEPTH = 40

Location = tuple[int, int]
KeyPath = tuple[str | int, ...]

_BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_MERGE = "tag:yaml.org,2002:merge"


class _CoreSchemaLoader(_BaseLoader):  # type: ignore[misc]
    """Composes nodes, resolving plain scalars with the YAML 1.2 core schema."""

    yaml_implicit_resolvers: ClassVar[dict[str | None, list[tuple[str, re.Pattern[str]]]]] = {}


for _tag, _pattern, _first in (
    (_BOOL, r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    (_INT, r"^[-+]?(?:0|[1-9][0-9]*)$", "-+0123456789"),
    (_FLOAT, r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$", "-+0123456789."),
    (_NULL, r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    (_MERGE, r"^<<$", "<"),
):
    _CoreSchemaLoader.add_implicit_resolver(_tag, re.compile(_pattern), list(_first))


@dataclass
class YamlDocument:
    """A parsed YAML file: its data and where each key and value stands."""

    path: Path
    data: Any
    value_locations: dict[KeyPath, Location] = field(default_factory=dict)
    key_locations: dict[KeyPath, Location] = field(default_factory=dict)
    header: str = ""

    def locate(self, key_path: KeyPath, *, key: bool = False) -> Location:
        """The closest known location for ``key_path`` (its key when ``key``)."""
        path = tuple(key_path)
        while path:
            table = self.key_locations if key else self.value_locations
            if path in table:
                return table[path]
            if path in self.value_locations:
                return self.value_locations[path]
            path = path[:-1]
        return self.value_locations.get((), (1, 1))

    def problem(self, key_path: KeyPath, message: str, *, key: bool = False) -> Problem:
        """A problem located at ``key_path`` in this document."""
        line, column = self.locate(key_path, key=key)
        return Problem(self.path, line, column, message)


class YamlError(Exception):
    """The file could not be read as safe YAML; carries one located problem."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(str(problem))


def read_yaml(path: Path, *, max_bytes: int = MAX_FILE_BYTES) -> YamlDocument:
    """Read one YAML file safely.

    :raises YamlError: for any file that is not small, UTF-8, safe YAML.
    """
    try:
        raw = read_bounded(path, max_bytes)
    except TooLarge as exc:
        raise YamlError(_too_large(path, exc.size, max_bytes)) from exc
    except OSError as exc:
        raise YamlError(Problem(path, 1, 1, f"cannot read file: {exc.strerror}")) from exc
    return parse_yaml(path, _decode(path, raw))


def read_yaml_bytes(path: Path, raw: bytes, *, max_bytes: int = MAX_FILE_BYTES) -> YamlDocument:
    """Read YAML that came as bytes (an upload) as :func:`read_yaml` reads a file;
    ``path`` is the name its problems give.

    :raises YamlError: for anything that is not small, UTF-8, safe YAML.
    """
    if len(raw) > max_bytes:
        raise YamlError(_too_large(path, len(raw), max_bytes))
    return parse_yaml(path, _decode(path, raw))


def _too_large(path: Path, size: int, max_bytes: int) -> Problem:
    return Problem(
        path,
        1,
        1,
        f"file is {size:,} bytes, more than the limit of {max_bytes:,}; "
        "split it into smaller records",
    )


def parse_yaml(path: Path, text: str) -> YamlDocument:
    """Parse YAML ``text`` that came from ``path``."""
    loader = _CoreSchemaLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        reason = exc.problem or exc.context or "invalid YAML"
        raise YamlError(Problem(path, line, column, f"YAML syntax error: {reason}")) from exc
    except yaml.reader.ReaderError as exc:
        raise YamlError(_unacceptable_character(path, text, exc)) from exc
    except yaml.YAMLError as exc:
        raise YamlError(Problem(path, 1, 1, f"YAML error: {exc}")) from exc
    except RecursionError as exc:
        raise YamlError(
            Problem(path, 1, 1, f"nesting is too deep (more than {MAX_DEPTH} levels)")
        ) from exc
    finally:
        loader.dispose()
    document = YamlDocument(path=path, data=None, header=_leading_comments(text))
    if node is not None:
        document.data = _Builder(document).build(node, (), 0)
    return document


def _unacceptable_character(path: Path, text: str, error: yaml.reader.ReaderError) -> Problem:
    """One line, at the character: PyYAML's reader says where only as a byte offset."""
    found = yaml.reader.Reader.NON_PRINTABLE.search(text)
    code = ord(found.group()) if found else error.character
    line, column = 1, 1
    if found:
        line = text.count("\n", 0, found.start()) + 1
        column = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
    return Problem(
        path,
        line,
        column,
        f"character U+{code:04X} (a control character or non-character) is not allowed "
        "in YAML; remove it (editors often do not show it)",
    )


def _decode(path: Path, raw: bytes) -> str:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        raise YamlError(
            Problem(
                path,
                line,
                column,
                f"file is not valid UTF-8 (byte 0x{raw[exc.start]:02x}); save it as UTF-8",
            )
        ) from exc
    return text.removeprefix("\ufeff")


def _leading_comments(text: str) -> str:
    lines = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        lines.append(line)
    return "\n".join(lines)


class _Builder:
    """Turns a composed node tree into plain values, recording locations."""

    def __init__(self, document: YamlDocument) -> None:
        self.document = document
        self.seen: set[int] = set()

    def fail(self, node: yaml.Node, message: str) -> YamlError:
        return YamlError(
            Problem(
                self.document.path, node.start_mark.line + 1, node.start_mark.column + 1, message
            )
        )

    def build(self, node: yaml.Node, key_path: KeyPath, depth: int) -> Any:
        self.document.value_locations[key_path] = (
            node.start_mark.line + 1,
            node.start_mark.column + 1,
        )
        if depth > MAX_DEPTH:
            raise self.fail(node, f"nesting is too deep (more than {MAX_DEPTH} levels)")
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node)
        if id(node) in self.seen:
            line, column = self.document.key_locations.get(key_path) or (
                self.document.value_locations.get(key_path[:-1], (1, 1))
            )
            raise YamlError(
                Problem(
                    self.document.path,
                    line,
                    column,
                    "anchors and aliases (&name, *name) are not allowed; "
                    "write the value out in full",
                )
            )
        self.seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ:
                raise self.fail(node, f"tag {node.tag!r} is not allowed; use a plain list")
            return [
                self.build(item, (*key_path, i), depth + 1) for i, item in enumerate(node.value)
            ]
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, key_path, depth)
        raise self.fail(node, "unsupported YAML node")  # pragma: no cover - composer never yields

    def mapping(self, node: yaml.MappingNode, key_path: KeyPath, depth: int) -> dict[str, Any]:
        if node.tag != _MAP:
            raise self.fail(node, f"tag {node.tag!r} is not allowed; use a plain mapping")
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                raise self.fail(key_node, "merge keys (<<) are not allowed; write the keys out")
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _STR:
                raise self.fail(key_node, "keys must be plain text")
            key = key_node.value
            if key in result:
                first_line, _ = self.document.key_locations[(*key_path, key)]
                raise self.fail(
                    key_node,
                    f"duplicate key {key!r} (first defined on line "
                    f"{first_line}); remove one of them",
                )
            self.document.key_locations[(*key_path, key)] = (
                key_node.start_mark.line + 1,
                key_node.start_mark.column + 1,
            )
            result[key] = self.build(value_node, (*key_path, key), depth + 1)
        return result

    def scalar(self, node: yaml.ScalarNode) -> Any:
        value = node.value
        if node.tag == _STR:
            return value
        if node.tag == _NULL:
            return None
        if node.tag == _BOOL:
            return value.lower() == "true"
        if node.tag == _INT and re.fullmatch(r"[-+]?[0-9]+", value):  # explicit !!int too
            return int(value)
        if node.tag == _FLOAT and re.fullmatch(
            r"[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?", value
        ):
            return float(value)
        if node.tag == _MERGE:
            return value
        raise self.fail(
            node,
            f"tag {node.tag!r} is not allowed; only plain text, numbers, "
            "true/false, lists and mappings are",
        )
