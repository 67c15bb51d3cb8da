"""JSON Schema files for editors, generated from the content model."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from guidegen.content.model import FACETS, RECORD_TYPES, Vocabulary
from guidegen.content.synonyms import Synonyms
from guidegen.fileio import write_if_changed
from guidegen.guideline.profile import Profile
from guidegen.trees.decisiontree import Tree

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def schema_for(model: type[BaseModel], vocabulary: Vocabulary | None = None) -> dict[str, Any]:
    """The JSON Schema of ``model``; facet lists get the vocabulary's values as enum."""
    schema = model.model_json_schema()
    schema["$schema"] = SCHEMA_DIALECT
    properties = schema.get("properties", {})
    if vocabulary is not None:
        for facet in FACETS:
            if facet in properties:
                properties[facet]["items"] = {
                    "type": "string",
                    "enum": list(vocabulary.values(facet)),
                }
    return schema


def all_schemas(vocabulary: Vocabulary | None) -> dict[str, dict[str, Any]]:
    """File name → schema, for every record type and the vocabulary."""
    schemas = {f"{cls.type_name}.schema.json": schema_for(cls, vocabulary) for cls in RECORD_TYPES}
    schemas["vocabulary.schema.json"] = schema_for(Vocabulary)
    schemas["synonyms.schema.json"] = schema_for(Synonyms)
    schemas["tree.schema.json"] = schema_for(Tree, vocabulary)
    schemas["profile.schema.json"] = profile_schema(vocabulary)
    return schemas


def profile_schema(vocabulary: Vocabulary | None) -> dict[str, Any]:
    """The profile's schema; goals, platforms and audiences list the vocabulary's values."""
    schema = schema_for(Profile)
    if vocabulary is None:
        return schema
    properties = schema["properties"]
    allowed = {
        "goals": list(vocabulary.goals),
        "platforms": [key for key, term in vocabulary.platforms.items() if not term.historical],
        "audiences": list(vocabulary.audiences),
    }
    for name, values in allowed.items():
        items = {"type": "string", "enum": values}
        if "anyOf" in properties[name]:  # optional list: [list, null]
            for option in properties[name]["anyOf"]:
                if option.get("type") == "array":
                    option["items"] = items
        else:
            properties[name]["items"] = items
    return schema


def render_schema(schema: dict[str, Any]) -> str:
    """Stable text for a schema file (sorted keys, trailing newline)."""
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def stale_schemas(folder: Path, vocabulary: Vocabulary | None) -> list[Path]:
    """The schema files in ``folder`` that are missing or not up to date."""
    return [
        folder / name
        for name, schema in all_schemas(vocabulary).items()
        if not (folder / name).is_file()
        or (folder / name).read_text(encoding="utf-8") != render_schema(schema)
    ]


def write_schemas(folder: Path, vocabulary: Vocabulary | None) -> list[Path]:
    """Write every schema file into ``folder``; return those that changed."""
    return [
        folder / name
        for name, schema in all_schemas(vocabulary).items()
        if write_if_changed(folder / name, render_schema(schema))
    ]
