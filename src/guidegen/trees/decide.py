"""What ``guidegen decide`` shows: the trees, a walk with given answers, an interactive walk.

A walked path is plain data first (:func:`path_result`, printed as JSON with ``--json``)
and readable text second (:func:`format_result`).
"""

from __future__ import annotations

from collections.abc import Callable

from guidegen.content.knowledge import KnowledgeBase
from guidegen.trees.decisiontree import Outcome, Question, Step, Tree, parse_answers, walk
from guidegen.trees.diagram import codes
from guidegen.trees.text import outcome_term_notes, outcome_text


def tree_rows(trees: list[Tree]) -> list[dict[str, object]]:
    """Each tree's id, title and number of questions and outcomes (``--list``)."""
    return [
        {
            "id": tree.id,
            "title": tree.title,
            "questions": len(tree.questions),
            "outcomes": len(tree.outcomes),
        }
        for tree in trees
    ]


def walk_answers(tree: Tree, answers: str) -> tuple[list[Step], Question | Outcome]:
    """Follow ``answers`` as ``--answers`` gives them (numbers, or a tree page's address).

    :raises ValueError: for answers the tree does not have, or an address whose
        ``#step`` is not where its answers lead.
    """
    numbers, step = parse_answers(answers)
    path_taken, node = walk(tree, numbers)
    if step is not None and step != node.id:
        raise ValueError(f"the answers lead to {node.id!r}, not to the address's step {step!r}")
    return path_taken, node


def path_result(
    tree: Tree,
    path_taken: list[Step],
    node: Question | Outcome,
    base: KnowledgeBase | None = None,
) -> dict[str, object]:
    """The path and where it ended, as plain data (with the notes of outdated terms the
    outcome mentions, as the text output shows them)."""
    code_of = codes(tree)
    numbers = [q.answers.index(a) + 1 for q, a in path_taken]
    result: dict[str, object] = {
        "tree": tree.id,
        "path": [
            {
                "question": q.id,
                "code": code_of[q.id],
                "text": q.text,
                "number": number,
                "answer": a.label,
            }
            for (q, a), number in zip(path_taken, numbers, strict=True)
        ],
        # The same route as a tree page's address writes it (?antwoorden=1.1.2#step).
        "address": (f"?antwoorden={'.'.join(map(str, numbers))}" if numbers else "")
        + f"#{node.id}",
    }
    if isinstance(node, Outcome):
        found = outcome_term_notes(node, base)
        result["outcome"] = {
            "id": node.id,
            "code": code_of[node.id],
            "title": node.title,
            "advice": node.advice,
            "why": node.why,
            "records": node.records,
            "sources": [c.model_dump(exclude_none=True) for c in node.sources],
            "notes": [n.model_dump(mode="json", exclude_none=True) for n in node.notes],
            "term_notes": {
                term: note.model_dump(mode="json", exclude_none=True)
                for term, note in found.items()
            },
        }
    else:
        result["question"] = {
            "id": node.id,
            "code": code_of[node.id],
            "text": node.text,
            "answers": [a.label for a in node.answers],
        }
    return result


def format_result(
    result: dict[str, object], node: Question | Outcome, base: KnowledgeBase | None = None
) -> str:
    """Readable text for a walked path: the answers, then the outcome or next question."""
    steps: list[dict[str, object]] = result["path"]  # type: ignore[assignment]
    lines = [
        f"{step['code']} {step['text']} → {step['number']}. {step['answer']}" for step in steps
    ]
    lines += [f"(in het adres van de beslisboom: {result['address']})"]
    if isinstance(node, Outcome):
        code = result["outcome"]["code"]  # type: ignore[index]
        lines += ["", f"{code} " + outcome_text(node, base)]
    else:
        code = result["question"]["code"]  # type: ignore[index]
        lines += ["", f"Volgende vraag ({code}): {node.text}"]
    return "\n".join(lines)


def interactive_walk(
    tree: Tree,
    base: KnowledgeBase | None,
    ask: Callable[[str], str],
    say: Callable[[str], None],
) -> bool:
    """Ask the questions with ``ask``: a number answers, b goes back, q quits.

    Says each question, its answers and at the end the walked path with ``say``.
    :return: False when the user quit before an outcome.
    """
    say(f"{tree.title}\n")
    history: list[Step] = []
    node: Question | Outcome = tree.node(tree.start)
    while isinstance(node, Question):
        say(node.text)
        for number, answer in enumerate(node.answers, start=1):
            say(f"  {number}. {answer.label}")
        choice = ask("Antwoord (nummer, b = terug, q = stoppen)").strip().lower()
        if choice == "q":
            return False
        if choice == "b":
            if history:
                node = history.pop()[0]
            say("")
            continue
        if not choice.isdigit() or not 1 <= int(choice) <= len(node.answers):
            say(f"Kies een nummer van 1 tot {len(node.answers)}, b of q.\n")
            continue
        answer = node.answers[int(choice) - 1]
        history.append((node, answer))
        node = tree.node(answer.next)
        say("")
    say(format_result(path_result(tree, history, node), node, base))
    return True
