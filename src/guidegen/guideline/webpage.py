"""The guideline as one standalone HTML file with print styles (also the source of the PDF)."""

from __future__ import annotations

import base64
import functools
from datetime import date
from pathlib import Path

import jinja2
from markupsafe import Markup

from guidegen.guideline.compiled import template_cache
from guidegen.guideline.parsed import ParsedGuideline, markdown_parser

#: The page template and its style sheet, relative to a templates folder.
HTML_TEMPLATE = "richtlijn.html.jinja"
STYLESHEET = "richtlijn.css"
#: What the standalone page may load: its inline styles and a data-URI logo; no script.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'none'",
        "style-src 'unsafe-inline'",
        "img-src data:",
        "base-uri 'none'",
        "form-action 'none'",
    ]
)


def render_html(
    parsed: ParsedGuideline,
    folders: list[Path],
    *,
    organisation: str,
    issued: date,
    logo: bytes | None = None,
    concept: bool = False,
    colour: str = "#154273",
) -> str:
    """A complete, self-contained HTML document: styles inline, logo as a data URI.

    The body comes from the Markdown with raw HTML off, so every character of the
    text is escaped; the page template escapes everything it inserts itself.
    """
    environment = _environment(tuple(folders))
    stylesheet, _, _ = environment.loader.get_source(environment, STYLESHEET)  # type: ignore[union-attr]
    parser = markdown_parser()
    renderer, options = parser.renderer, parser.options
    return environment.get_template(HTML_TEMPLATE).render(
        title=parsed.title,
        organisation=organisation,
        issued=issued.isoformat(),
        chapters=parsed.chapters,
        front=Markup(renderer.render(parsed.front, options, {})),
        body=Markup(renderer.render(parsed.body, options, {})),
        stylesheet=Markup(stylesheet.replace("</", "<\\/")),
        logo=_data_uri(logo) if logo else None,
        concept=concept,
        colour=colour,
        content_security_policy=CONTENT_SECURITY_POLICY,
    )


@functools.lru_cache(maxsize=8)
def _environment(folders: tuple[Path, ...]) -> jinja2.Environment:
    """An HTML-escaping environment for the page template, cached per folder list."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(folder) for folder in folders]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        bytecode_cache=template_cache("guideline-html"),
    )


def _data_uri(image: bytes) -> str:
    kind = "png" if image.startswith(b"\x89PNG") else "jpeg"
    return f"data:image/{kind};base64,{base64.b64encode(image).decode('ascii')}"
