"""Validate a parsed YAML document against a pydantic model, with located errors."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from guidegen.content.problems import Problem
from guidegen.content.wording import ENGLISH, Wording
from guidegen.content.yamlsafe import KeyPath, YamlDocument, YamlError, read_yaml

ModelT = TypeVar("ModelT", bound=BaseModel)


def validate_document(
    model: type[ModelT], document: YamlDocument, wording: Wording = ENGLISH
) -> tuple[ModelT | None, list[Problem]]:
    """Validate ``document.data`` as ``model``; return the instance or every problem."""
    if not isinstance(document.data, dict):
        kinds = wording.kinds
        found = kinds["empty"] if document.data is None else _kind(document.data, wording)
        message = wording.expected_mapping.format(found=found)
        return None, [worded(document.problem((), message), wording)]
    try:
        return model.model_validate(document.data), []
    except ValidationError as exc:
        problems = [
            worded(_problem_from_error(model, document, error, wording), wording)
            for error in exc.errors(include_url=False)
        ]
        return None, sorted(set(problems))


def worded(problem: Problem, wording: Wording) -> Problem:
    """``problem`` in ``wording``'s language, with its severity word."""
    if wording is ENGLISH:
        return problem
    return dataclasses.replace(
        problem, message=wording.translate(problem.message), severity=wording.severity
    )


def read_model(
    model: type[ModelT], path: Path, wording: Wording = ENGLISH
) -> tuple[ModelT | None, YamlDocument | None, list[Problem]]:
    """Read ``path`` safely and validate it as ``model``.

    A model with an ``id`` must be in a file named after it (``<id>.yaml``): ids are
    part of URLs, and the file name is how authors find a record.
    """
    try:
        document = read_yaml(path)
    except YamlError as exc:
        return None, None, [worded(exc.problem, wording)]
    instance, problems = validate_document(model, document, wording)
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


def _problem_from_error(
    model: type[BaseModel], document: YamlDocument, error: Any, wording: Wording
) -> Problem:
    location = _data_path(document.data, error["loc"])
    kind = error["type"]
    field = ".".join(str(part) for part in location) or wording.document
    if kind == "missing":
        name = error["loc"][-1]
        parent = location[:-1] if location and location[-1] == name else location
        return document.problem(parent, wording.missing_field.format(name=name))
    if kind == "extra_forbidden":
        name = str(location[-1])
        hint = _suggest(model, location, name, wording)
        return document.problem(
            location, wording.unknown_field.format(name=name, hint=hint), key=True
        )
    return document.problem(location, _friendly(error, field, wording))


def _friendly(error: Any, field: str, wording: Wording) -> str:
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx", {})
    found = _kind(value, wording)
    if kind == "literal_error":
        expected = wording.join(repr(choice) for choice in _literal_choices(ctx))
        return wording.not_allowed.format(field=field, value=value, expected=expected)
    if kind == "string_type":
        return wording.expected_text.format(field=field, found=found)
    if kind in {"list_type", "dict_type", "model_type"}:
        wanted = wording.kinds["list" if kind == "list_type" else "mapping"]
        return wording.expected_kind.format(field=field, wanted=wanted, found=found)
    if kind in {"int_type", "int_parsing"}:
        return wording.expected_number.format(field=field, found=found)
    if kind == "string_pattern_mismatch":
        form = wording.pattern(ctx["pattern"]) or ctx["pattern"]
        return wording.wrong_form.format(field=field, value=value, form=form)
    if kind in {"too_short", "string_too_short"}:
        return wording.must_not_be_empty.format(field=field, detail=error["msg"].lower())
    if kind in {"less_than_equal", "greater_than_equal"}:
        template = wording.at_most if kind == "less_than_equal" else wording.at_least
        return template.format(field=field, limit=ctx.get("le", ctx.get("ge")))
    if kind in {"too_long", "string_too_long"}:
        return wording.too_long.format(
            field=field, detail=error["msg"], limit=ctx.get("max_length")
        )
    if kind == "value_error":
        return f"{field}: {wording.translate(str(ctx['error']))}"
    return f"{field}: {error['msg']}"


def _literal_choices(ctx: dict[str, Any]) -> list[str]:
    """The allowed values of a ``Literal``, from pydantic's "'a', 'b' or 'c'"."""
    return [part.strip("'") for part in re.findall(r"'[^']*'", str(ctx.get("expected", "")))]


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


def _suggest(model: type[BaseModel], location: KeyPath, name: str, wording: Wording) -> str:
    fields = _fields_at(model, location[:-1])
    hint = wording.suggestion(name, fields)
    if hint:
        return hint
    return wording.allowed_fields.format(fields=", ".join(fields)) if fields else ""


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


def _kind(value: Any, wording: Wording) -> str:
    kinds = wording.kinds
    if value is None:
        return kinds["nothing"]
    if isinstance(value, bool):
        return kinds["bool"]
    if isinstance(value, int | float):
        return kinds["number"].format(value)
    if isinstance(value, str):
        return kinds["text"]
    if isinstance(value, list):
        return kinds["list"]
    if isinstance(value, dict):
        return kinds["mapping"]
    return type(value).__name__
