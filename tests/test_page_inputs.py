"""Each generated page's input digest: same inputs must mean the same text.

The extension skips rendering a page whose inputs are unchanged, so a digest
that misses something a page shows would leave that page stale. These tests
edit the real records field by field and check the promise on every page.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from typing import Any

import pytest
from pydantic import BaseModel

from guidegen.content.knowledge import KnowledgeBase, LoadedRecord
from guidegen.content.model import RECORD_TYPES, Record
from guidegen.handbook.pages import plan_pages, plan_tree_pages
from guidegen.trees.decisiontree import Question, Tree

#: Fields of nested models (citations, results, steps, people) that an edit changes.
NESTED_TEXT = ("section", "text", "title", "role")


def rendered(base: KnowledgeBase) -> dict[str, tuple[str, str]]:
    """Every page: name → (inputs digest, text)."""
    return {page.name: (page.inputs, page.render()) for page in plan_pages(base)}


def edited(value: Any) -> Any:
    """The value with text put in front (of a list's first item), where shortened text shows it.

    An empty optional field gets a web address: text that fits every string field.
    """
    if value is None:
        return "https://voorbeeld.nl/gewijzigd"
    if isinstance(value, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        return (datetime.date.fromisoformat(value) + datetime.timedelta(days=1)).isoformat()
    if isinstance(value, str) and value.startswith("https://"):
        return f"{value}/gewijzigd"  # a web address stays one (the url filter refuses others)
    if isinstance(value, str):
        return f"Gewijzigd {value}"
    if isinstance(value, int):
        return value + 1
    if isinstance(value, list) and value:
        return [edited(value[0]), *value[1:]]
    if isinstance(value, BaseModel):
        name = next(n for n in NESTED_TEXT if isinstance(getattr(value, n, None), str))
        return value.model_copy(update={name: edited(getattr(value, name))})
    raise AssertionError(f"cannot edit {value!r}")


def with_record(base: KnowledgeBase, record: Record) -> KnowledgeBase:
    entries = dict(base.entries)
    entries[record.id] = LoadedRecord(record, entries[record.id].document)
    return dataclasses.replace(base, entries=entries)


def changed_pages(
    before: dict[str, tuple[str, str]], after: dict[str, tuple[str, str]]
) -> tuple[set[str], set[str]]:
    """(pages whose inputs changed, pages whose text changed)."""
    assert before.keys() == after.keys()
    inputs = {name for name in before if before[name][0] != after[name][0]}
    texts = {name for name in before if before[name][1] != after[name][1]}
    return inputs, texts


def page_only_edits(base: KnowledgeBase) -> list[tuple[Record, str]]:
    """For each type and page-only field, a record that has it filled in (if one does)."""
    edits = []
    for cls in RECORD_TYPES:
        records = base.of_type(cls)
        for field in sorted(cls.page_only_fields):
            filled = [r for r in records if getattr(r, field) not in (None, [], "")]
            edits.append(((filled or records)[0], field))
    return edits


@pytest.fixture(scope="module")
def before(knowledge: tuple[KnowledgeBase, Any]) -> dict[str, tuple[str, str]]:
    return rendered(knowledge[0])


def test_editing_a_page_only_field_changes_only_that_records_page(
    knowledge: tuple[KnowledgeBase, Any], before: dict[str, tuple[str, str]]
) -> None:
    base = knowledge[0]
    edits = page_only_edits(base)
    assert len(edits) == sum(len(cls.page_only_fields) for cls in RECORD_TYPES)
    all_edited = base
    for record, field in edits:
        copy = record.model_copy(update={field: edited(getattr(record, field))})
        pages = {page.name: page for page in plan_pages(with_record(base, copy))}
        inputs = {name for name, page in pages.items() if page.inputs != before[name][0]}
        own = f"{copy.id}.md"
        name = f"{record.type_name}.{field}"
        shown = pages[own].render() != before[own][1]
        assert shown, f"{name} is not shown on the record's own page"
        assert inputs == {own}, f"{name}: inputs of other pages changed: {sorted(inputs - {own})}"
        current = all_edited.get(record.id)
        changed = current.model_copy(update={field: edited(getattr(current, field))})
        all_edited = with_record(all_edited, changed)
    # Every edit at once: only the edited records' own pages read differently.
    _, texts = changed_pages(before, rendered(all_edited))
    owners = {f"{record.id}.md" for record, _field in edits}
    assert texts == owners, f"shown on other pages too: {sorted(texts - owners)}"


@pytest.mark.parametrize(
    ("record_id", "field"),
    [
        ("luister-voordat-je-deelneemt", "title"),
        ("luister-voordat-je-deelneemt", "summary"),
        ("luister-voordat-je-deelneemt", "themes"),
        ("reageer-niet-op-elke-reactie", "kind"),
        ("ienw-handreiking-2020", "year"),
        ("ienw-handreiking-2020", "publisher"),
    ],
)
def test_editing_what_other_pages_show_changes_their_inputs(
    knowledge: tuple[KnowledgeBase, Any],
    before: dict[str, tuple[str, str]],
    record_id: str,
    field: str,
) -> None:
    base = knowledge[0]
    record = base.get(record_id)
    value = getattr(record, field)
    if field == "themes":
        others = base.vocabulary.values("themes") if base.vocabulary else {}
        value = [*value, next(v for v in others if v not in value)]
    elif field == "kind":
        value = "do" if value == "dont" else "dont"
    else:
        value = edited(value)
    inputs, texts = changed_pages(
        before, rendered(with_record(base, record.model_copy(update={field: value})))
    )
    assert len(texts) > 1, "the edit should show on more pages than the record's own"
    assert texts <= inputs, f"pages changed text but not inputs: {sorted(texts - inputs)}"


def tree_files(base: KnowledgeBase, trees: list[Tree], base_url: str) -> dict[str, tuple[str, str]]:
    """Every tree page and image: name → (inputs digest, text)."""
    paths = {tree.id: f"../decisions/{tree.id}.yaml" for tree in trees}
    return {
        page.name: (page.inputs, page.render())
        for page in plan_tree_pages(base, trees, paths, base_url)
    }


def test_tree_pages_change_inputs_whenever_their_text_changes(
    knowledge: tuple[KnowledgeBase, list[Tree]],
) -> None:
    base, trees = knowledge
    tree = trees[0]
    before = tree_files(base, trees, "https://handboek.example/")
    # The page lists the tree's sources by title (records that outcomes name are
    # links Sphinx fills in: see test_a_tree_page_shows_the_new_title_of_a_record_it_links).
    record = base.get(tree.sources[0].source)
    retitled = with_record(base, record.model_copy(update={"title": f"Nieuw {record.title}"}))
    question = tree.questions[0]
    reworded = tree.model_copy(
        update={
            "nodes": [
                node.model_copy(update={"text": f"Nieuw: {node.text}"})
                if node is question
                else node
                for node in tree.nodes
            ]
        }
    )
    # The diagram shows codes and answer numbers: a question with one answer less changes it.
    rewired = tree.model_copy(
        update={
            "nodes": [
                node.model_copy(update={"answers": node.answers[:-1]})
                if isinstance(node, Question) and len(node.answers) > 2
                else node
                for node in tree.nodes
            ]
        }
    )
    for after, shown_on in [
        (tree_files(retitled, trees, "https://handboek.example/"), f"{tree.id}.md"),
        (tree_files(base, [reworded, *trees[1:]], "https://handboek.example/"), "voor-trainers.md"),
        (
            tree_files(base, [rewired, *trees[1:]], "https://handboek.example/"),
            f"schema/{tree.id}.svg",
        ),
        (tree_files(base, trees, "https://elders.example/"), f"qr/{tree.id}.svg"),
    ]:
        inputs, texts = changed_pages(before, after)
        assert shown_on in texts
        assert texts <= inputs, f"pages changed text but not inputs: {sorted(texts - inputs)}"
