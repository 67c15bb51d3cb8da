"""The JSON Schema files for editors (``guidegen schema``): every record type, the
vocabulary, the synonyms, trees and profiles."""

from __future__ import annotations

from typing import Any

from guidegen.content.jsonschema import schema_for
from guidegen.content.model import RECORD_TYPES, Vocabulary
from guidegen.content.synonyms import Synonyms
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
