"""A Markdown list written in a folded YAML block (``>``) is glued into one paragraph.

YAML's folded style joins lines at the same indentation with spaces, so "- a" and
"- b" on their own lines become the single item "a - b" on the page. Text with a list
needs the literal style (``|``).
"""

from __future__ import annotations

import re

import yaml

from .conftest import REPO

LIST_LINE = re.compile(r"^\s*(?:[-*+]|[0-9]{1,9}[.)])\s")
FILES = sorted(
    [*REPO.glob("content/*/*.yaml"), *REPO.glob("decisions/*.yaml"), *REPO.glob("profiles/*.yaml")]
)


def folded_lists(text: str) -> list[int]:
    """Lines where a folded block scalar holds a list line."""
    found = []
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, yaml.ScalarEvent) and event.style == ">":
            block = text[event.start_mark.index : event.end_mark.index].splitlines()[1:]
            if any(LIST_LINE.match(line) for line in block):
                found.append(event.start_mark.line + 1)
    return found


def test_the_detector_finds_a_folded_list() -> None:
    assert folded_lists("body: >-\n  Vragen:\n\n  - een\n  - twee\n") == [1]
    assert folded_lists("body: |-\n  Vragen:\n\n  - een\n  - twee\n") == []


def test_no_list_is_written_in_a_folded_block() -> None:
    found = [
        f"{path.relative_to(REPO)}:{line}"
        for path in FILES
        for line in folded_lists(path.read_text(encoding="utf-8"))
    ]
    assert found == []
