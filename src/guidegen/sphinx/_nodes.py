"""Helpers shared by the extension's custom docutils nodes."""

from __future__ import annotations

from typing import Any

from docutils import nodes


def skip_node(translator: Any, node: nodes.Element) -> None:
    """Visitor for builders that do not show a node (it is HTML-only)."""
    raise nodes.SkipNode
