"""Tree diagrams: Graphviz lays them out; codes and answer numbers, the legend in full."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from guidegen.content.knowledge import load_knowledge_base
from guidegen.trees import diagram
from guidegen.trees.decisiontree import Question, Tree, load_trees
from guidegen.trees.diagram import DiagramError, codes, legend, tree_svg

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
        expected = {f"gg-d-{node_id}": code for node_id, code in code_of.items()}
        # An unfolded diagram has a box per route into a node: gg-d-<id>-2, -3, ...
        assert {re.sub(r"-\d+$", "", box) if box not in expected else box for box in boxes} == (
            set(expected)
        ), tree.id
        assert all(code == code_of[box[5:]] for box, code in boxes.items() if box in expected)
        arrows = sorted(g.find("text").get_text() for g in svg.select("g.edge"))
        numbers = sorted(str(n) for q in tree.questions for n in range(1, len(q.answers) + 1))
        if len(boxes) == len(expected):
            assert arrows == numbers, tree.id
        else:
            assert set(arrows) == set(numbers), tree.id
            assert len(arrows) == len(boxes) - 1, tree.id


def test_no_arrows_cross_in_any_diagram(trees: list[Tree]) -> None:
    """Issue 29: the strategy tree's arrows crossed near A3/A4. Where the compact drawing
    crosses, the diagram is drawn as a plain tree from left to right instead."""
    strategy = next(t for t in trees if t.id == "welke-strategie-past-bij-mijn-doel")
    assert diagram.crossings(diagram.tree_dot(strategy)) > 0
    for tree in trees:
        compact = diagram.tree_dot(tree)
        chosen = compact if not diagram.crossings(compact) else diagram.tree_dot(tree, unfold=True)
        assert diagram.crossings(chosen) == 0, tree.id


def test_boxes_link_to_their_step_and_carry_their_text(trees: list[Tree]) -> None:
    """Issue 29: a box reveals its text (a tooltip that is also the link's name) and
    opens its step."""
    for tree in trees:
        svg = BeautifulSoup(tree_svg(tree, links=True), "html.parser").svg
        assert svg["role"] == "group"
        code_of = codes(tree)
        links = svg.select("g.node a")
        assert len(links) == len(svg.select("g.node"))
        for link in links:
            node = tree.node(link["href"][1:])
            text = node.text if isinstance(node, Question) else node.title
            kind = "Vraag" if isinstance(node, Question) else "Advies"
            assert link.title.get_text() == f"{code_of[node.id]} {kind}: {text}"
            assert link.find("text").get_text() == code_of[node.id]


def test_a_crossing_is_counted() -> None:
    # Three questions that each lead to the same three outcomes: no drawing in two rows
    # avoids crossings.
    source = "digraph g { a -> {x y z}; b -> {x y z}; c -> {x y z}; }"
    assert diagram.crossings(source) > 0
    assert diagram.crossings("digraph g { a -> b; a -> c; }") == 0


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
