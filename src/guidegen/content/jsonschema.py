"""JSON Schema from the content model: for editors' YAML tools and the profile form."""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from guidegen.content.model import FACETS, Vocabulary

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


def render_schema(schema: dict[str, Any]) -> str:
    """Stable text for a schema file (sorted keys, trailing newline)."""
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
