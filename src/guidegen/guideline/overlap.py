"""How much two guidelines share: the measure of issue 27's bound on sameness.

Two guidelines of different organisation types should not be the same text with another
name on it. The measure: the main text of each guideline (everything before the annexes),
as blocks (a paragraph or list item is one line however it is wrapped), without headings
(every guideline has the same chapters), the organisation's names and source markers;
then the share of the shorter text's lines (counted with repeats) that the other also has.
"""

from __future__ import annotations

import re
from collections import Counter

from guidegen.guideline.profile import Profile

#: A source marker as the templates write it: ``\[2, p. 18; 3\]``, and a (bron: ...).
_MARKERS = re.compile(r"\\\[[^\]]*?\\\]|\*\(bron:[^)]*\)\*")


#: A line that starts a block of its own: a heading, list item, quote or numbered item.
_BLOCK_START = re.compile(r"^\s*(?:#|[-*+] |> |\d+[.)] )")


def blocks(text: str) -> list[str]:
    """The paragraphs, headings and list items of a Markdown text, each as one line
    (a paragraph wrapped over several lines counts once)."""
    found: list[str] = []
    open_block = False
    for raw in text.splitlines():
        if not raw.strip():
            open_block = False
        elif open_block and not _BLOCK_START.match(raw):
            found[-1] += " " + raw.strip()
        else:
            found.append(raw.strip())
            open_block = not raw.lstrip().startswith("#")
    return found


def normalised_lines(text: str, profile: Profile) -> list[str]:
    """The blocks of ``text`` (:func:`blocks`) without names and source markers."""
    org = profile.organisation
    names = sorted({n for n in (org.name, org.short_name) if n}, key=len, reverse=True)
    lines = []
    for raw in blocks(text):
        if raw.startswith("#"):
            continue
        line = _MARKERS.sub("", raw)
        for name in names:
            line = line.replace(name, "ORG")
        line = " ".join(line.split())
        if line:
            lines.append(line)
    return lines


def main_text(text: str) -> str:
    """A guideline's own chapters: everything before its first annex."""
    return text.partition("\n## Bijlage ")[0]


def shared_lines(text_a: str, profile_a: Profile, text_b: str, profile_b: Profile) -> float:
    """The share of the shorter main text's lines that the other guideline also has."""
    a = Counter(normalised_lines(main_text(text_a), profile_a))
    b = Counter(normalised_lines(main_text(text_b), profile_b))
    common = sum((a & b).values())
    return common / min(sum(a.values()), sum(b.values()))
