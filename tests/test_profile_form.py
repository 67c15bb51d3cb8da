"""The profile form "Stel je richtlijn samen": its fields from the schema, its example.

The form itself, in Chromium: tests/browser/test_profile_form.py.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from guidegen.content.jsonschema import render_schema
from guidegen.content.knowledge import KnowledgeBase
from guidegen.content.model import Goal
from guidegen.guideline.form import CARRIED, LABELS, form_groups, walk_fields
from guidegen.guideline.formexample import example_profile
from guidegen.guideline.profile import load_profile, profile_schema
from guidegen.trees.decisiontree import Tree

from .conftest import REPO


def groups_for(base: KnowledgeBase) -> list[Any]:
    assert base.vocabulary is not None
    return form_groups(profile_schema(base.vocabulary), base.vocabulary, {})


def test_every_schema_field_is_in_the_form_or_carried(
    knowledge: tuple[KnowledgeBase, list[Tree]],
) -> None:
    fields = {made.path for made in walk_fields(groups_for(knowledge[0]))}
    schema = profile_schema(knowledge[0].vocabulary)
    for name in schema["properties"]:
        assert name in CARRIED or any(p == name or p.startswith(name + ".") for p in fields), name
    assert {"organisation.name", "document.date", "organisation.contact.email"} <= fields
    # Every field has a Dutch label of its own (a note shares the chapter text's label).
    unlabelled = [p for p in fields if p not in LABELS and not p.endswith(".note")]
    assert unlabelled == []


def test_the_form_has_every_field_that_shapes_the_guideline(
    knowledge: tuple[KnowledgeBase, list[Tree]],
) -> None:
    """Accounts, own chapters, rules to include or exclude and every chapter's fields are
    in the form; only names of files next to the profile are carried over."""
    fields = {made.path: made for made in walk_fields(groups_for(knowledge[0]))}
    assert fields["accounts"].kind == "rows"
    assert [f.path for f in fields["accounts"].row] == [
        "accounts.platform", "accounts.name", "accounts.url",
    ]  # fmt: skip
    assert fields["accounts"].row[0].kind == "choice"
    assert [f.path for f in fields["sections"].row] == ["sections.title", "sections.body"]
    assert fields["sections"].row[1].kind == "markdown"
    assert fields["include"].kind == fields["exclude"].kind == "lines"
    assert fields["tone.address"].kind == "choice"
    for chapter in ("tone", "privacy", "accessibility", "security", "training", "evaluation"):
        assert f"{chapter}.note" in fields, chapter
    assert set(CARRIED) == {"organisation.logo", "house_style.reference_docx"}


def test_the_service_names_the_forms_labels(knowledge: tuple[KnowledgeBase, list[Tree]]) -> None:
    """The service's messages name a field as the form labels it, not a place in a file."""
    from guidegen.service.making import ProfileRefused, checked_profile  # noqa: PLC0415

    path = REPO / "tests" / "data" / "profiles" / "provincie-noorderveld.yaml"
    text = path.read_text(encoding="utf-8") + (
        "house_style:\n  colour: '#ffcc00'\nsections:\n  - {title: Eigen, body: '<b>x</b>'}\n"
    )
    with pytest.raises(ProfileRefused) as refused:
        checked_profile(text.encode("utf-8"), knowledge[0], None)
    messages = refused.value.messages
    colour = "fout: Huisstijl › Huisstijlkleur: de huiskleur #ffcc00 is te licht"
    assert any(m.startswith(colour) for m in messages)
    assert any(m.startswith("fout: Eigen hoofdstukken, nr. 1 › Tekst: ") for m in messages)
    assert not any("profiel.yaml:" in m for m in messages)


def test_a_downloaded_profile_names_only_a_published_https_schema() -> None:
    from guidegen.sphinx.profileformpage import published_schema  # noqa: PLC0415

    assert published_schema("") == ""
    assert published_schema("http://127.0.0.1:8000/") == ""
    assert published_schema("https://handboek.example/") == (
        "https://handboek.example/schemas/profile.schema.json"
    )


def test_the_form_reads_the_committed_profile_schema(
    knowledge: tuple[KnowledgeBase, list[Tree]],
) -> None:
    """The form is built from profile_schema(); it is the file editors use, unchanged."""
    committed = (REPO / "schemas" / "profile.schema.json").read_text(encoding="utf-8")
    assert render_schema(profile_schema(knowledge[0].vocabulary)) == committed


def test_a_new_vocabulary_value_appears_without_hand_edits(
    knowledge: tuple[KnowledgeBase, list[Tree]],
) -> None:
    vocabulary = knowledge[0].vocabulary
    assert vocabulary is not None
    extra = Goal(label="Een nieuw doel", description="Alleen voor de test.", strategies=["x"])
    changed = vocabulary.model_copy(update={"goals": {**vocabulary.goals, "nieuw-doel": extra}})
    groups = form_groups(profile_schema(changed), changed, {"x": "Strategie X"})
    goals = next(f for f in walk_fields(groups) if f.path == "goals")
    option = next(o for o in goals.options if o.value == "nieuw-doel")
    assert (option.label, option.brings) == ("Een nieuw doel", ("Strategie X",))


def test_the_annotated_example_is_a_valid_profile(
    tmp_path: Path, knowledge: tuple[KnowledgeBase, list[Tree]]
) -> None:
    text = example_profile(groups_for(knowledge[0]), "../schemas/profile.schema.json")
    assert text.startswith("# yaml-language-server: $schema=")
    assert "# Huisregels en moderatie" in text
    assert "  # remove: [spam, kwetsend]" in text
    path = tmp_path / "profiel.yaml"
    path.write_text(text, encoding="utf-8")
    loaded, problems = load_profile(path, knowledge[0])
    assert problems == []
    assert loaded is not None
    assert loaded.profile.organisation.name == "Gemeente Voorbeeld"
