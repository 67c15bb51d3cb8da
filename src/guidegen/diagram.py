"""An overview diagram of a decision tree as a self-contained SVG (made at build time).

Nodes are laid out in rows by their depth (longest path from the start), so every
arrow points down; the SVG scales to the page width and fits one A4 page in print.
"""

from __future__ import annotations

import textwrap
from html import escape

from .trees import Outcome, Question, Tree

BOX_WIDTH = 190
LINE_HEIGHT = 15
PADDING = 8
COLUMN_GAP = 24
ROW_GAP = 70
WRAP = 27
MAX_LINES = 4


def layers(tree: Tree) -> list[list[str]]:
    """Node ids per row: a node's row is its longest distance from the start."""
    depth: dict[str, int] = {tree.start: 0}
    order: list[str] = [tree.start]
    changed = True
    passes = 0
    while changed:  # longest-path relaxation: at most one pass per node in an acyclic tree
        if passes > len(tree.nodes):
            raise ValueError(f"tree {tree.id!r} has a cycle; check it with check_tree first")
        passes += 1
        changed = False
        for node_id in list(order):
            node = tree.node(node_id)
            if isinstance(node, Question):
                for answer in node.answers:
                    if depth.get(answer.next, -1) < depth[node_id] + 1:
                        depth[answer.next] = depth[node_id] + 1
                        changed = True
                        if answer.next not in order:
                            order.append(answer.next)
    rows: list[list[str]] = [[] for _ in range(max(depth.values()) + 1)]
    for node_id in order:
        rows[depth[node_id]].append(node_id)
    return rows


def _label(node: Question | Outcome) -> list[str]:
    text = node.text if isinstance(node, Question) else f"Advies: {node.title}"
    lines = textwrap.wrap(text, WRAP) or [""]
    if len(lines) > MAX_LINES:
        lines = [*lines[: MAX_LINES - 1], lines[MAX_LINES - 1][: WRAP - 1] + "…"]
    return lines


def tree_svg(tree: Tree, *, title: str | None = None) -> str:
    """The diagram as an SVG string; every text is escaped."""
    rows = layers(tree)
    labels = {node.id: _label(node) for node in tree.nodes}
    box_height = MAX_LINES * LINE_HEIGHT + 2 * PADDING
    widest = max(len(row) for row in rows)
    width = widest * BOX_WIDTH + (widest - 1) * COLUMN_GAP + 2 * PADDING
    height = len(rows) * box_height + (len(rows) - 1) * ROW_GAP + 2 * PADDING
    position: dict[str, tuple[float, float]] = {}
    for row_number, row in enumerate(rows):
        row_width = len(row) * BOX_WIDTH + (len(row) - 1) * COLUMN_GAP
        left = (width - row_width) / 2
        for column, node_id in enumerate(row):
            x = left + column * (BOX_WIDTH + COLUMN_GAP)
            y = PADDING + row_number * (box_height + ROW_GAP)
            position[node_id] = (x, y)

    heading = escape(title or f"Schema: {tree.title}")
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="gg-diagram" role="img" '
        f'aria-labelledby="gg-diagram-{tree.id}" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'preserveAspectRatio="xMidYMin meet" font-family="Arial, Helvetica, sans-serif" '
        f'font-size="12" fill="#1d1d1d">',
        f'<title id="gg-diagram-{tree.id}">{heading}</title>',
        '<defs><marker id="gg-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" '
        'fill="#1d1d1d"/></marker></defs>',
    ]
    for node in tree.questions:
        x1, y1 = position[node.id]
        for answer in node.answers:
            x2, y2 = position[answer.next]
            start = (x1 + BOX_WIDTH / 2, y1 + box_height)
            end = (x2 + BOX_WIDTH / 2, y2)
            parts.append(
                f'<line x1="{start[0]:.0f}" y1="{start[1]:.0f}" x2="{end[0]:.0f}" '
                f'y2="{end[1] - 2:.0f}" stroke="#1d1d1d" stroke-width="1.5" '
                'marker-end="url(#gg-arrow)"/>'
            )
            # Labels sit near the arrow's end, where arrows from one question diverge.
            label_x = start[0] + (end[0] - start[0]) * 0.75
            label_y = start[1] + (end[1] - start[1]) * 0.75 - 4
            parts.append(
                f'<text x="{label_x:.0f}" y="{label_y:.0f}" text-anchor="middle" '
                f'font-size="10" font-style="italic" stroke="#fff" stroke-width="3" '
                f'paint-order="stroke">{escape(textwrap.shorten(answer.label, 28))}</text>'
            )
    for node in tree.nodes:
        x, y = position[node.id]
        kind = "question" if isinstance(node, Question) else "outcome"
        fill, stroke = ("#ffffff", "#1d1d1d") if kind == "question" else ("#e6f2ea", "#146c2e")
        parts.append(f'<g class="gg-diagram-{kind}">')
        parts.append(
            f'<rect x="{x:.0f}" y="{y:.0f}" width="{BOX_WIDTH}" height="{box_height}" rx="6" '
            f'fill="{fill}" stroke="{stroke}" stroke-width="1.5"/>'
        )
        for number, line in enumerate(labels[node.id]):
            baseline = y + PADDING + (number + 1) * LINE_HEIGHT - 3
            parts.append(f'<text x="{x + PADDING:.0f}" y="{baseline:.0f}">{escape(line)}</text>')
        parts.append("</g>")
    parts.append("</svg>")
    return "\n".join(parts)
