"""Tree diagrams: Graphviz lays them out; codes and answer numbers, the legend in full."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from guidegen import diagram
from guidegen.diagram import DiagramError, codes, legend, tree_svg
from guidegen.knowledge import load_knowledge_base
from guidegen.trees import Question, Tree, load_trees

from .conftest import REPO


@pytest.fixture(scope="module")
def trees() -> list[Tree]:
    base, _ = load_knowledge_base(REPO / "content")
    loaded, problems = load_trees(REPO / "decisions", base)
    assert problems == []
    return [item.tree for item in loaded]


def test_every_box_and_arrow_shows_its_whole_code(trees: list[Tree]) -> None:
    for tree in trees:
        svg = BeautifulSoup(tree_svg(tree), "html.parser").svg
        assert svg["role"] == "img"
        assert svg.title.get_text() == f"Schema: {tree.title}"
        code_of = codes(tree)
        boxes = {g["id"]: g.find("text").get_text() for g in svg.select("g.node")}
        assert boxes == {f"gg-d-{node_id}": code for node_id, code in code_of.items()}
        arrows = sorted(g.find("text").get_text() for g in svg.select("g.edge"))
        numbers = sorted(str(n) for q in tree.questions for n in range(1, len(q.answers) + 1))
        assert arrows == numbers, tree.id


def test_the_legend_gives_every_text_in_full(trees: list[Tree]) -> None:
    for tree in trees:
        entries = legend(tree)
        assert len(entries) == len(tree.nodes)
        code_of = codes(tree)
        for entry in entries:
            node = entry.node
            assert entry.code == code_of[node.id]
            if isinstance(node, Question):
                assert entry.text == node.text
                assert entry.answers == [
                    (number, answer.label, code_of[answer.next])
                    for number, answer in enumerate(node.answers, start=1)
                ]
            else:
                assert entry.text == node.title
                assert entry.answers == []


def test_codes_follow_the_outline(trees: list[Tree]) -> None:
    tree = next(t for t in trees if t.id == "moet-ik-reageren")
    code_of = codes(tree)
    assert code_of[tree.start] == "V1"
    assert sorted(c for c in code_of.values() if c[0] == "V") == sorted(
        f"V{n}" for n in range(1, len(tree.questions) + 1)
    )
    assert len({*code_of.values()}) == len(tree.nodes)


def test_svg_is_clean_for_inline_use(trees: list[Tree]) -> None:
    svg = tree_svg(trees[0])
    assert svg.startswith("<svg ")
    assert "<?xml" not in svg
    assert "<!--" not in svg
    assert "<!DOCTYPE" not in svg
    assert svg.count("<title") == 1
    width = int(re.search(r'width="(\d+)"', svg).group(1))
    assert width <= 500, "the largest diagram fits an A4 page at full size"


def test_missing_graphviz_is_one_dutch_message(
    trees: list[Tree], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(diagram.shutil, "which", lambda name: None)
    with pytest.raises(DiagramError, match="installeer het Debian-pakket graphviz"):
        tree_svg(trees[0])

