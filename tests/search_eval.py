"""The search evaluation set (``tests/data/search-eval.yaml``) and how to run it in a page.

Shared by ``tests/test_search.py`` (a threshold) and ``bench/search.py`` (the score).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

EVAL_SET = Path(__file__).parent / "data" / "search-eval.yaml"
#: Share of questions whose page must be in the top three.
THRESHOLD = 0.9
KINDS = ("zin", "typfout", "samenstelling", "synoniem", "engels", "woord")


@dataclass(frozen=True)
class Question:
    query: str
    kind: str
    expect: tuple[str, ...]


@dataclass(frozen=True)
class Answer:
    question: Question
    top: tuple[str, ...]

    @property
    def found(self) -> bool:
        return any(page in self.top[:3] for page in self.question.expect)


def load_questions(path: Path = EVAL_SET) -> list[Question]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [
        Question(
            item["q"],
            item["kind"],
            tuple(item["expect"]) if isinstance(item["expect"], list) else (item["expect"],),
        )
        for item in data["questions"]
    ]


def search(page: Any, query: str) -> list[str]:
    """Run ``query`` on the open search page; the result paths, without ``.html``."""
    page.evaluate(
        """(q) => {
            const root = document.getElementById('gg-search');
            root.dataset.state = 'asked';
            document.getElementById('gg-search-input').value = q;
            root.querySelector('form').requestSubmit();
        }""",
        query,
    )
    page.wait_for_function("() => document.getElementById('gg-search').dataset.state === 'done'")
    paths: list[str] = page.locator(".gg-search-title a").evaluate_all(
        "links => links.map(a => new URL(a.href).pathname)"
    )
    return [p.removeprefix("/").removesuffix(".html").removesuffix("index") for p in paths]


def open_search(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}search.html")
    page.wait_for_function("() => document.getElementById('gg-search').dataset.state === 'done'")


def evaluate(page: Any, base_url: str, questions: list[Question]) -> list[Answer]:
    """Every question's top results, asked one after the other on one search page."""
    open_search(page, base_url)
    return [Answer(q, tuple(search(page, q.query)[:5])) for q in questions]


def score(answers: list[Answer]) -> float:
    return sum(a.found for a in answers) / len(answers)


def report(answers: list[Answer]) -> str:
    """The questions whose page was not in the top three, with what came instead."""
    return "\n".join(
        f"[{a.question.kind}] {a.question.query!r}: want {a.question.expect[0]}, "
        f"got {list(a.top[:3])}"
        for a in answers
        if not a.found
    )
