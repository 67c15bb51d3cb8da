"""Decision trees: the YAML format, loading, and the checks that make a tree walkable."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field

from guidegen.content.checks import Checker
from guidegen.content.knowledge import KnowledgeBase
from guidegen.content.model import Citation, CurrencyNote, Id, Line, Markdown, StrictModel
from guidegen.content.problems import Problem
from guidegen.content.validation import read_model
from guidegen.content.yamlsafe import KeyPath, YamlDocument
from guidegen.fileio import leaves_folder, not_a_regular_file


class Answer(StrictModel):
    """One answer to a question, leading to the next node."""

    label: Line = Field(description="The answer as shown on its button.")
    next: Id = Field(description="Id of the node this answer leads to.")


class Question(StrictModel):
    """A question with two or more answers."""

    id: Id
    type: Literal["question"]
    text: Line
    help: Markdown | None = Field(None, description="Optional help shown with the question.")
    answers: list[Answer] = Field(min_length=2)


class Outcome(StrictModel):
    """An end of the tree: the advice, why, and where to read more."""

    id: Id
    type: Literal["outcome"]
    title: Line
    advice: Markdown
    why: Markdown
    records: list[Id] = Field(default_factory=list, description="Handbook records to read.")
    sources: list[Citation] = Field(min_length=1)
    notes: list[CurrencyNote] = Field(
        default_factory=list, description="Dated notes on what holds now (last field)."
    )


Node = Annotated[Question | Outcome, Field(discriminator="type")]


class Tree(StrictModel):
    """A decision tree: a start question and the nodes it leads through."""

    id: Id
    title: Line
    introduction: Markdown
    audiences: list[str] = Field(default_factory=list)
    sources: list[Citation] = Field(min_length=1)
    start: Id = Field(description="Id of the first question.")
    nodes: list[Node] = Field(min_length=2)

    def node(self, node_id: str) -> Question | Outcome:
        return next(n for n in self.nodes if n.id == node_id)

    @property
    def questions(self) -> list[Question]:
        return [n for n in self.nodes if isinstance(n, Question)]

    @property
    def outcomes(self) -> list[Outcome]:
        return [n for n in self.nodes if isinstance(n, Outcome)]


@dataclass(frozen=True)
class LoadedTree:
    """A valid tree and the document it was read from (for locations)."""

    tree: Tree
    document: YamlDocument

    def noted_parts(self) -> Iterator[tuple[KeyPath, Outcome, list[CurrencyNote]]]:
        """The parts of the tree that carry currency notes: its outcomes, by key path."""
        for index, node in enumerate(self.tree.nodes):
            if isinstance(node, Outcome):
                yield ("nodes", index), node, node.notes


def load_trees(folder: Path, base: KnowledgeBase) -> tuple[list[LoadedTree], list[Problem]]:
    """Load and check every ``*.yaml`` tree in ``folder`` against the knowledge base."""
    problems: list[Problem] = []
    trees: list[LoadedTree] = []
    if not folder.is_dir():
        return trees, problems
    seen: dict[str, Path] = {}
    for path in sorted(folder.glob("*.yaml")):
        kind = not_a_regular_file(path)
        if kind is not None:
            message = f"not a regular file but {kind}; a tree is a plain '.yaml' file"
            problems.append(Problem(path, 1, 1, message))
            continue
        if leaves_folder(path, folder):
            message = (
                "symbolic link to a file outside the decisions folder; trees must be files "
                "inside it"
            )
            problems.append(Problem(path, 1, 1, message))
            continue
        tree, document, found = read_model(Tree, path)
        problems.extend(found)
        if tree is None or document is None:
            continue
        if tree.id in seen or tree.id in base:
            where = seen.get(tree.id) or "a record"
            problems.append(
                document.problem(("id",), f"duplicate id {tree.id!r}, already used by {where}")
            )
        seen[tree.id] = path
        structural = list(check_tree(tree, document, base))
        problems.extend(structural)
        if not structural:
            trees.append(LoadedTree(tree, document))
    return trees, sorted(problems)


#: Anchors the tree page has of its own (its sections); node ids must differ from them,
#: and from the tree id (the page title's anchor), or a step's link would land elsewhere.
PAGE_ANCHORS = frozenset({"schema", "bronnen", "inhoud"})


def check_tree(tree: Tree, document: YamlDocument, base: KnowledgeBase) -> Iterator[Problem]:
    """Every structural rule of a tree, with the location of each violation."""
    index: dict[str, int] = {}
    for position, node in enumerate(tree.nodes):
        if node.id in PAGE_ANCHORS or node.id == tree.id:
            yield document.problem(
                ("nodes", position, "id"),
                f"node id {node.id!r} is also an anchor of the tree page; choose another id",
            )
        if node.id in index:
            yield document.problem(
                ("nodes", position, "id"), f"duplicate node id {node.id!r}; node ids must be unique"
            )
        else:
            index[node.id] = position
    if tree.start not in index:
        yield document.problem(("start",), f"start: no node has the id {tree.start!r}")
        return
    if not isinstance(tree.node(tree.start), Question):
        yield document.problem(("start",), "start: the start node must be a question")
    for position, node in enumerate(tree.nodes):
        yield from _check_links(node, ("nodes", position), document, index, base)
    yield from _check_tree_fields(tree, document, base)
    yield from _check_paths(tree, document, index)


def _check_links(
    node: Question | Outcome,
    key: tuple[str, int],
    document: YamlDocument,
    index: dict[str, int],
    base: KnowledgeBase,
) -> Iterator[Problem]:
    """Answers lead to nodes; outcomes name existing records and sources."""
    if isinstance(node, Question):
        for number, answer in enumerate(node.answers):
            if answer.next not in index:
                yield document.problem(
                    (*key, "answers", number, "next"),
                    f"answer leads to {answer.next!r}, which is not a node",
                )
        return
    checker = Checker(base, document)
    yield from checker.references((*key, "records"), node.records)
    for number, citation in enumerate(node.sources):
        yield from checker.citation((*key, "sources", number), citation.source)
    for index_, note in enumerate(node.notes):
        for number, citation in enumerate(note.sources):
            yield from checker.citation((*key, "notes", index_, "sources", number), citation.source)


def _check_tree_fields(
    tree: Tree, document: YamlDocument, base: KnowledgeBase
) -> Iterator[Problem]:
    """The tree's audiences come from the vocabulary; its sources are source records."""
    checker = Checker(base, document)
    if base.vocabulary is not None:
        yield from checker.values(("audiences",), tree.audiences, base.vocabulary.audiences)
    for number, citation in enumerate(tree.sources):
        yield from checker.citation(("sources", number), citation.source)


#: The longest path a tree may have, in questions: its page nests one outline level per
#: question, and Sphinx and docutils walk (and pickle) nested nodes recursively.
MAX_DEPTH = 40


def _check_paths(tree: Tree, document: YamlDocument, index: dict[str, int]) -> Iterator[Problem]:
    """No cycles, every node reachable from the start, no path longer than ``MAX_DEPTH``.

    Walks the tree with a stack of its own, so a deep tree cannot exhaust Python's.
    """
    nodes = {node.id: node for node in tree.nodes}
    height: dict[str, int] = {}  # questions on the longest path from a node, once done
    on_path: set[str] = {tree.start}
    stack: list[tuple[str, int]] = [(tree.start, 0)]  # node id, next answer to follow
    while stack:
        node_id, number = stack[-1]
        node = nodes[node_id]
        answers = node.answers if isinstance(node, Question) else []
        if number == len(answers):
            stack.pop()
            on_path.discard(node_id)
            below = [height.get(answer.next, 0) for answer in answers]
            height[node_id] = (1 + max(below)) if answers else 0
            continue
        stack[-1] = (node_id, number + 1)
        target = answers[number].next
        if target not in index:
            continue
        if target in on_path:
            yield document.problem(
                ("nodes", index[node_id], "answers", number, "next"),
                f"answer leads back to {target!r}, making a cycle; trees have no cycles",
            )
        elif target not in height:
            on_path.add(target)
            stack.append((target, 0))
    for node in tree.nodes:
        if node.id not in height:
            yield document.problem(
                ("nodes", index[node.id], "id"),
                f"node {node.id!r} cannot be reached from the start",
            )
    if height.get(tree.start, 0) > MAX_DEPTH:
        yield _too_deep(tree, document, index, nodes, height)


def _too_deep(
    tree: Tree,
    document: YamlDocument,
    index: dict[str, int],
    nodes: dict[str, Question | Outcome],
    height: dict[str, int],
) -> Problem:
    """The problem located at the first question beyond ``MAX_DEPTH`` on the longest path."""
    node_id = tree.start
    for _ in range(MAX_DEPTH):
        node = nodes[node_id]
        assert isinstance(node, Question)
        node_id = max(node.answers, key=lambda answer: height.get(answer.next, 0)).next
    return document.problem(
        ("nodes", index[node_id], "id"),
        f"node {node_id!r} is question {MAX_DEPTH + 1} on a path from the start; a path may "
        f"have at most {MAX_DEPTH} questions (the longest has {height[tree.start]}): "
        "split the tree",
    )


Step = tuple[Question, Answer]


_ANSWER_QUERY = re.compile(r"[?&]antwoorden=([^&#]*)")


def parse_answers(given: str) -> tuple[list[int], str | None]:
    """Answer numbers as the command line, an address or a booklet writes them.

    Accepts ``1,1,2``, ``1.1.2`` (the form of ``?antwoorden=`` in a tree's address),
    ``1 1 2``, ``?antwoorden=1.1.2#step`` and a whole address; an address's ``#step``
    is returned too, to compare with where the answers lead.

    :raises ValueError: for anything that is not a list of answer numbers.
    """
    text = given.strip()
    step: str | None = None
    if "#" in text:
        text, step = text.split("#", 1)
        step = step.strip() or None
    query = _ANSWER_QUERY.search(text)
    if query is not None:
        text = query.group(1)
    elif "?" in text or "/" in text:
        raise ValueError(f"{given!r} has no ?antwoorden= with answer numbers")
    parts = [part for part in re.split(r"[\s,.]+", text) if part]
    wrong = [part for part in parts if not part.isdecimal()]
    if wrong:
        raise ValueError(
            f"{wrong[0]!r} is not an answer number; give numbers such as 1,1,2 or 1.1.2"
        )
    return [int(part) for part in parts], step


def walk(tree: Tree, answers: list[int]) -> tuple[list[Step], Question | Outcome]:
    """Follow 1-based answer numbers from the start.

    :return: the (question, answer) pairs taken and the node reached.
    :raises ValueError: for an answer number that the question does not have.
    """
    node: Question | Outcome = tree.node(tree.start)
    path: list[Step] = []
    for step, number in enumerate(answers, start=1):
        if isinstance(node, Outcome):
            raise ValueError(f"answer {step}: the tree already ended at {node.id!r}")
        if not 1 <= number <= len(node.answers):
            raise ValueError(
                f"answer {step}: {number} is not an answer to {node.text!r} "
                f"(choose 1 to {len(node.answers)})"
            )
        answer = node.answers[number - 1]
        path.append((node, answer))
        node = tree.node(answer.next)
    return path, node


def answer_routes(tree: Tree, limit: int = 400) -> dict[str, list[tuple[int, ...]]] | None:
    """Per node, every list of 1-based answer numbers that leads to it from the start.

    These are the ``?antwoorden=`` of a step's full addresses. Walked with a stack of
    its own; ``None`` when the tree has more than ``limit`` of them (a tree whose
    branches meet again and again), so a caller can fall back to the step alone.
    """
    found: dict[str, list[tuple[int, ...]]] = {}
    todo: list[tuple[str, tuple[int, ...]]] = [(tree.start, ())]
    count = 0
    while todo:
        node_id, numbers = todo.pop()
        count += 1
        if count > limit:
            return None
        found.setdefault(node_id, []).append(numbers)
        node = tree.node(node_id)
        if isinstance(node, Question):
            for number, answer in reversed(list(enumerate(node.answers, start=1))):
                todo.append((answer.next, (*numbers, number)))
    return found
