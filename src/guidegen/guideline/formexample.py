"""The annotated example profile the handbook offers to download (without JavaScript)."""

from __future__ import annotations

import json
import textwrap

from guidegen.guideline.form import Field, Group

#: The example values of the required fields; every other field is a comment.
EXAMPLE_VALUES = {"organisation.name": "Gemeente Voorbeeld", "organisation.type": "gemeente"}


def example_profile(groups: list[Group], schema_url: str) -> str:
    """A profile that loads as it is, with every other field explained in a comment."""
    lines = [
        f"# yaml-language-server: $schema={schema_url}",
        "#",
        "# Voorbeeldprofiel voor guidegen generate, met uitleg. Vul de naam en het soort",
        "# organisatie in. Wil je een ander veld gebruiken, haal dan het # aan het begin van",
        "# de regel (en van de regel met het kopje erboven) weg en vul het in; alles wat je",
        "# niet invult, krijgt een standaardwaarde. Maak de richtlijn met:",
        "#   guidegen generate profiel.yaml -o richtlijn --format docx,pdf,html",
    ]
    for group in groups:
        lines.append("")
        lines.extend(_group_lines(group, 0))
    return "\n".join(lines) + "\n"


def _group_lines(group: Group, depth: int) -> list[str]:
    if len(group.parts) == 1 and isinstance(group.parts[0], Field) and depth == 0:
        return _field_lines(group.parts[0], depth)
    indent = "  " * depth
    active = any(isinstance(p, Field) and p.path in EXAMPLE_VALUES for p in group.parts)
    lines = _comment(indent, f"{group.label}: {group.help}".rstrip(": "))
    lines.append(f"{indent}{'' if active else '# '}{_key(group.path)}:")
    for part in group.parts:
        if isinstance(part, Group):
            lines.extend(_group_lines(part, depth + 1))
        else:
            lines.extend(_field_lines(part, depth + 1))
    return lines


def _field_lines(made: Field, depth: int) -> list[str]:
    indent = "  " * depth
    about = made.label + (" (verplicht)" if made.required else "")
    if made.help:
        about += f": {made.help}"
    if made.options:
        about += (
            ("" if about.endswith(".") else ".")
            + " Kies uit: "
            + ", ".join(option.value for option in made.options)
            + "."
        )
    lines = _comment(indent, about)
    if made.path in EXAMPLE_VALUES:
        return [*lines, f"{indent}{_key(made.path)}: {json.dumps(EXAMPLE_VALUES[made.path])}"]
    return [*lines, f"{indent}# {_key(made.path)}: {_placeholder(made)}".rstrip()]


def _comment(indent: str, text: str) -> list[str]:
    prefix = f"{indent}# "
    return textwrap.wrap(text, 88, initial_indent=prefix, subsequent_indent=prefix)


def _key(path: str) -> str:
    return path.rsplit(".", 1)[-1]


def _placeholder(made: Field) -> str:
    if made.kind == "choices":
        return "[" + ", ".join(option.value for option in made.options[:2]) + "]"
    if made.kind in ("lines", "rows"):
        return "[]"
    if made.default not in (None, "", []):
        return json.dumps(made.default, ensure_ascii=False)
    return ""
