"""An overview diagram of a decision tree, laid out by Graphviz ``dot`` as SVG at build time.

Full texts do not fit a legible A4 page (the largest tree is 2,000 pt wide with them), so
each box shows a code, V1, V2, ... for questions and A1, A2, ... for outcomes, and each
arrow the number of its answer; the legend (:func:`legend`, rendered as text next to the
diagram) gives every text in full. The SVG is cleaned up to be placed inline in a page or
saved as a file: no XML prolog or comments, an accessible title, and ids of our own.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from html import escape

from guidegen.trees.decisiontree import Outcome, Question, Tree

FONT = "DejaVu Sans"
#: Colours of the boxes (contrast with the text is at least 4.5:1).
QUESTION_STYLE = 'fillcolor="#ffffff" color="#1d1d1d"'
OUTCOME_STYLE = 'fillcolor="#e6f2ea" color="#146c2e"'


MISSING_DOT = "Graphviz 'dot' ontbreekt; installeer het Debian-pakket graphviz (make site doet dat)"


class DiagramError(RuntimeError):
    """Graphviz is missing or failed; the message says what to do."""


def codes(tree: Tree) -> dict[str, str]:
    """V1, V2, ... and A1, A2, ... per node id, in the order of the outline (depth first)."""
    found: dict[str, str] = {}
    counts = {"V": 0, "A": 0}
    todo = [tree.start]
    while todo:
        node_id = todo.pop()
        if node_id in found:
            continue
        node = tree.node(node_id)
        letter = "V" if isinstance(node, Question) else "A"
        counts[letter] += 1
        found[node_id] = f"{letter}{counts[letter]}"
        if isinstance(node, Question):
            todo.extend(answer.next for answer in reversed(node.answers))
    return found


@dataclass(frozen=True)
class LegendEntry:
    """One line of the legend: a node's code and text, and for a question its answers."""

    code: str
    node: Question | Outcome
    answers: list[tuple[int, str, str]]  # (number, label, code of the node it leads to)

    @property
    def text(self) -> str:
        return self.node.text if isinstance(self.node, Question) else self.node.title


def legend(tree: Tree) -> list[LegendEntry]:
    """The legend in code order: questions first, then outcomes."""
    code_of = codes(tree)
    entries = []
    for node_id, code in code_of.items():
        node = tree.node(node_id)
        answers = []
        if isinstance(node, Question):
            answers = [
                (number, answer.label, code_of[answer.next])
                for number, answer in enumerate(node.answers, start=1)
            ]
        entries.append(LegendEntry(code, node, answers))
    return sorted(entries, key=lambda e: (e.code[0] != "V", int(e.code[1:])))


def _dot_string(text: str) -> str:
    """``text`` as the inside of a quoted DOT string."""
    return text.replace("\\", "\\\\").replace('"', '\\"')


def tree_dot(tree: Tree, *, links: bool = False, unfold: bool = False) -> str:
    """The tree in Graphviz's DOT language: coded boxes, numbered arrows.

    :param links: each box links to its step (``#id``) and carries its full text as a
        tooltip, for the diagram placed in the tree's own page.
    :param unfold: draw it as a tree from left to right in which an advice reached by
        several answers has a box per answer, so no arrows cross (for a tree whose
        shared advice makes the arrows of the compact drawing cross).
    """
    code_of = codes(tree)
    if unfold:
        return _unfolded_dot(tree, code_of, links)
    lines = [
        f'digraph "{tree.id}" {{',
        f'  graph [id="gg-graph-{tree.id}" rankdir=TB nodesep=0.25 ranksep=0.4 '
        f'ordering=out fontname="{FONT}" bgcolor="transparent"];',
        f'  node [shape=box style="rounded,filled" fontname="{FONT}" fontsize=14 '
        'fontcolor="#1d1d1d" penwidth=1.5 margin="0.1,0.06" width=0.5 height=0.35];',
        f'  edge [fontname="{FONT}" fontsize=12 fontcolor="#1d1d1d" color="#1d1d1d" '
        "penwidth=1.2 arrowsize=0.7];",
    ]
    for node_id, code in code_of.items():
        lines.append(_box(tree, node_id, code, code, f"gg-d-{node_id}", links))
    for node in (tree.node(node_id) for node_id in code_of):
        if isinstance(node, Outcome):
            continue
        for number, answer in enumerate(node.answers, start=1):
            lines.append(f'  "{code_of[node.id]}" -> "{code_of[answer.next]}" [label="{number}"];')
    lines.append("}")
    return "\n".join(lines)


def _box(tree: Tree, node_id: str, name: str, code: str, box_id: str, links: bool) -> str:
    """One node's box in DOT: its code, its colours and, with ``links``, link and tooltip."""
    style = QUESTION_STYLE if code.startswith("V") else OUTCOME_STYLE
    extra = ""
    if links:
        node = tree.node(node_id)
        kind = "Vraag" if isinstance(node, Question) else "Advies"
        text = node.text if isinstance(node, Question) else node.title
        tip = _dot_string(f"{code} {kind}: {text}")
        extra = f' URL="#{node_id}" tooltip="{tip}"'
    return f'  "{name}" [id="{box_id}" {style} label="{code}"{extra}];'


def _unfolded_dot(tree: Tree, code_of: dict[str, str], links: bool) -> str:
    """The tree left to right, a box per route into each node (walked with a stack)."""
    lines = [
        f'digraph "{tree.id}" {{',
        f'  graph [id="gg-graph-{tree.id}" rankdir=LR nodesep=0.12 ranksep=0.45 '
        f'ordering=out fontname="{FONT}" bgcolor="transparent"];',
        f'  node [shape=box style="rounded,filled" fontname="{FONT}" fontsize=14 '
        'fontcolor="#1d1d1d" penwidth=1.5 margin="0.1,0.04" width=0.5 height=0.3];',
        f'  edge [fontname="{FONT}" fontsize=12 fontcolor="#1d1d1d" color="#1d1d1d" '
        "penwidth=1.2 arrowsize=0.7];",
    ]
    seen: dict[str, int] = {}
    todo: list[tuple[str, str | None, int]] = [(tree.start, None, 0)]
    boxes: list[str] = []
    arrows: list[str] = []
    while todo:
        node_id, parent, number = todo.pop()
        seen[node_id] = seen.get(node_id, 0) + 1
        copy = seen[node_id]
        name = f"{code_of[node_id]}#{copy}"
        box_id = f"gg-d-{node_id}" if copy == 1 else f"gg-d-{node_id}-{copy}"
        boxes.append(_box(tree, node_id, name, code_of[node_id], box_id, links))
        if parent is not None:
            arrows.append(f'  "{parent}" -> "{name}" [label="{number}"];')
        node = tree.node(node_id)
        if isinstance(node, Question):
            for answer_number, answer in reversed(list(enumerate(node.answers, start=1))):
                todo.append((answer.next, name, answer_number))
    return "\n".join([*lines, *boxes, *arrows, "}"])


def crossings(source: str) -> int:
    """How many pairs of arrows cross in Graphviz's layout of DOT ``source``.

    Each arrow's Bézier curve is followed in short straight pieces; two arrows that
    share a box are not counted (they meet there).
    """
    plain = _dot(source, "plain")
    arrows: list[tuple[set[str], list[tuple[float, float]]]] = []
    for line in plain.splitlines():
        fields = line.split()
        if not fields or fields[0] != "edge":
            continue
        count = int(fields[3])
        points = [(float(fields[4 + 2 * i]), float(fields[5 + 2 * i])) for i in range(count)]
        curve: list[tuple[float, float]] = []
        for start in range(0, count - 1, 3):
            p0, p1, p2, p3 = points[start : start + 4]
            curve += _bezier(p0, p1, p2, p3)
        arrows.append(({fields[1], fields[2]}, curve))
    found = 0
    for number, (ends, curve) in enumerate(arrows):
        for other_ends, other in arrows[number + 1 :]:
            if ends & other_ends:
                continue
            if any(
                _cross(curve[i], curve[i + 1], other[j], other[j + 1])
                for i in range(len(curve) - 1)
                for j in range(len(other) - 1)
            ):
                found += 1
    return found


Point = tuple[float, float]


def _bezier(p0: Point, p1: Point, p2: Point, p3: Point, steps: int = 12) -> list[Point]:
    out = []
    for step in range(steps + 1):
        t = step / steps
        a, b, c, d = (1 - t) ** 3, 3 * (1 - t) ** 2 * t, 3 * (1 - t) * t * t, t**3
        out.append(
            (
                a * p0[0] + b * p1[0] + c * p2[0] + d * p3[0],
                a * p0[1] + b * p1[1] + c * p2[1] + d * p3[1],
            )
        )
    return out


def _cross(a: Point, b: Point, c: Point, d: Point) -> bool:
    def side(p: Point, q: Point, r: Point) -> float:
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

    return side(a, b, c) * side(a, b, d) < 0 and side(c, d, a) * side(c, d, b) < 0


def run_dot(source: str) -> str:
    """Lay out DOT ``source`` as SVG with Graphviz."""
    return _dot(source, "svg")


def _dot(source: str, output: str) -> str:
    dot = shutil.which("dot")
    if dot is None:
        raise DiagramError(MISSING_DOT)
    result = subprocess.run(
        [dot, f"-T{output}"], input=source, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise DiagramError(f"Graphviz 'dot' faalde: {result.stderr.strip()}")
    return result.stdout


_SVG_OPEN = re.compile(r"<svg\b[^>]*>")
_VIEWBOX = re.compile(r'viewBox="([\d.\s-]+)"')


_LINK = re.compile(r'<a xlink:href="([^"]*)" xlink:title="([^"]*)">')


def tree_svg(tree: Tree, *, title: str | None = None, links: bool = False) -> str:
    """The diagram as a self-contained SVG string, ready to be placed inline.

    :param links: boxes link to their steps, with their full text as a tooltip (a
        ``<title>``, which browsers show on hover and screen readers read as the name).
    """
    source = tree_dot(tree, links=links)
    if crossings(source):  # shared advice makes arrows cross: draw it as a plain tree
        source = tree_dot(tree, links=links, unfold=True)
    svg = run_dot(source)
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r"<!--.*?-->\s*", "", svg, flags=re.DOTALL)
    svg = re.sub(r"<title>[^<]*</title>\s*", "", svg)  # node names, not for readers
    # Graphviz escaped the tooltip for XML already; it becomes the link's <title>.
    svg = _LINK.sub(r'<a href="\1"><title>\2</title>', svg)
    match = _VIEWBOX.search(svg)
    if match is None:
        raise DiagramError("Graphviz 'dot' gaf een SVG zonder viewBox")
    _, _, width, height = (float(part) for part in match.group(1).split())
    heading = escape(title or f"Schema: {tree.title}")
    role = "group" if links else "img"  # an image's parts are not reachable links
    opening = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="gg-diagram" role="{role}" '
        f'aria-labelledby="gg-diagram-{tree.id}" width="{width:.0f}" height="{height:.0f}" '
        f'viewBox="{match.group(1)}">'
        f'<title id="gg-diagram-{tree.id}">{heading}</title>'
    )
    return _SVG_OPEN.sub(lambda _: opening, svg, count=1).strip() + "\n"
