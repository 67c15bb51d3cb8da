"""Escaping plain text for MyST, and the templates that rely on it."""

from __future__ import annotations

from markdown_it import MarkdownIt

from guidegen.content.myst import Myst, escape


def rendered(text: str) -> str:
    return MarkdownIt("commonmark").disable(["html_block", "html_inline"]).renderInline(text)


def test_escaped_text_renders_as_the_same_literal_text() -> None:
    hostile = "*vet* [link](javascript:x) `code` <b>x</b> {raw}`html` :::{note} # &amp; \\"
    html = rendered(escape(hostile))
    assert "<em>" not in html
    assert "<a" not in html
    assert "<code>" not in html
    assert "<b>" not in html
    assert "&amp;amp;" in html
    assert "{raw}`html`" in html


def test_escape_collapses_newlines_so_text_cannot_start_a_block() -> None:
    assert "\n" not in escape("regel een\n# kop\n:::{raw} html")


def test_trusted_myst_passes_through() -> None:
    assert escape(Myst("[a](b.md)")) == "[a](b.md)"
