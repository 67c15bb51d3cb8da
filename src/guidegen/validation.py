"""Validate a parsed YAML document against a pydantic model, with located errors."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .problems import Problem
from .yamlsafe import KeyPath, YamlDocument, YamlError, read_yaml

ModelT = TypeVar("ModelT", bound=BaseModel)


def validate_document(
    model: type[ModelT], document: YamlDocument
) -> tuple[ModelT | None, list[Problem]]:
    """Validate ``document.data`` as ``model``; return the instance or every problem."""
    if not isinstance(document.data, dict):
        found = "an empty file" if document.data is None else _kind(document.data)
        return None, [document.problem((), f"expected a mapping of fields, found {found}")]
    try:
        return model.model_validate(document.data), []
    except ValidationError as exc:
        problems = [
            _problem_from_error(model, document, error) for error in exc.errors(include_url=False)
        ]
        return None, sorted(set(problems))


def read_model(
    model: type[ModelT], path: Path
) -> tuple[ModelT | None, YamlDocument | None, list[Problem]]:
    """Read ``path`` safely and validate it as ``model``.

    A model with an ``id`` must be in a file named after it (``<id>.yaml``): ids are
    part of URLs, and the file name is how authors find a record.
    """
    try:
        document = read_yaml(path)
    except YamlError as exc:
        return None, None, [exc.problem]
    instance, problems = validate_document(model, document)
    record_id = getattr(instance, "id", None)
    if record_id is not None and record_id != path.stem:
        problems.append(
            document.problem(
                ("id",),
                f"id {record_id!r} does not match the file "
                f"name {path.name!r}; rename the file or the id",
            )
        )
    return instance, document, problems


def _problem_from_error(model: type[BaseModel], document: YamlDocument, error: Any) -> Problem:
    location = _data_path(document.data, error["loc"])
    kind = error["type"]
    field = ".".join(str(part) for part in location) or "document"
    if kind == "missing":
        name = error["loc"][-1]
        parent = location[:-1] if location and location[-1] == name else location
        return document.problem(parent, f"missing required field {name!r}; add it")
    if kind == "extra_forbidden":
        name = str(location[-1])
        hint = _suggest(model, location, name)
        return document.problem(location, f"unknown field {name!r}{hint}", key=True)
    message = _friendly(error, field)
    return document.problem(location, message)


def _friendly(error: Any, field: str) -> str:
    kind = error["type"]
    value = error.get("input")
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        return f"{field}: {value!r} is not allowed; use one of {expected}"
    if kind == "string_type":
        return f"{field}: expected text, found {_kind(value)}; put the value in quotes"
    if kind in {"list_type", "dict_type", "model_type"}:
        wanted = {"list_type": "a list", "dict_type": "a mapping", "model_type": "a mapping"}[kind]
        return f"{field}: expected {wanted}, found {_kind(value)}"
    if kind in {"int_type", "int_parsing"}:
        return f"{field}: expected a whole number, found {_kind(value)}"
    if kind == "string_pattern_mismatch":
        return f"{field}: {value!r} does not have the required form ({error['ctx']['pattern']})"
    if kind == "too_short":
        return f"{field}: must not be empty; {error['msg'].lower()}"
    if kind == "value_error":
        return f"{field}: {error['ctx']['error']}"
    return f"{field}: {error['msg']}"


def _data_path(data: Any, loc: tuple[Any, ...]) -> KeyPath:
    """Drop the parts of a pydantic ``loc`` that are not keys in ``data`` (e.g. union tags)."""
    path: list[str | int] = []
    node = data
    for position, part in enumerate(loc):
        if (isinstance(node, dict) and part in node) or (
            isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        ):
            node = node[part]
        elif position == len(loc) - 1 and isinstance(node, dict) and isinstance(part, str):
            path.append(part)  # a missing or unknown key: located at its parent
            break
        else:
            continue  # a union or discriminator tag, not a key in the data
        path.append(part)
    return tuple(path)


def _suggest(model: type[BaseModel], location: KeyPath, name: str) -> str:
    fields = _fields_at(model, location[:-1])
    close = difflib.get_close_matches(name, fields, n=1, cutoff=0.6)
    if close:
        return f"; did you mean {close[0]!r}?"
    return f"; allowed fields: {', '.join(fields)}" if fields else ""


def _fields_at(model: type[BaseModel], location: KeyPath) -> list[str]:
    current: Any = model
    for part in location:
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part) if hasattr(current, "model_fields") else None
        if field is None:
            return []
        current = _model_in(field.annotation)
        if current is None:
            return []
    return list(current.model_fields) if hasattr(current, "model_fields") else []


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__
