"""The JSON Schema files for editors (``guidegen schema``): every record type, the
vocabulary, the synonyms, trees and profiles."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from guidegen.content.jsonschema import render_schema, schema_for
from guidegen.content.model import RECORD_TYPES, Vocabulary
from guidegen.content.synonyms import Synonyms
from guidegen.fileio import write_if_changed
from guidegen.guideline.profile import profile_schema
from guidegen.trees.decisiontree import Tree


def all_schemas(vocabulary: Vocabulary | None) -> dict[str, dict[str, Any]]:
    """File name → schema, for every record type and the vocabulary."""
    schemas = {f"{cls.type_name}.schema.json": schema_for(cls, vocabulary) for cls in RECORD_TYPES}
    schemas["vocabulary.schema.json"] = schema_for(Vocabulary)
    schemas["synonyms.schema.json"] = schema_for(Synonyms)
    schemas["tree.schema.json"] = schema_for(Tree, vocabulary)
    schemas["profile.schema.json"] = profile_schema(vocabulary)
    return schemas


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
