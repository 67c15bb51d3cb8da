"""Check a Markdown field on the tokens of MyST's own parser, wherever markup stands.

A line pattern misses a directive inside a list item or a quote; the parser does
not.  Allowed: admonitions (whose title and body are checked in turn), a few
inline roles, and links to ``http(s)``, ``mailto`` or an id in the site.
Everything else that could become markup (raw HTML, images, headings, other
directives and roles, targets, other link targets) is refused with a reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

#: Directives a Markdown field may use (admonitions only).
ALLOWED_DIRECTIVES = frozenset(
    {"note", "tip", "warning", "important", "attention", "caution", "seealso", "admonition"}
)
#: Roles a Markdown field may use.
ALLOWED_ROLES = frozenset({"abbr", "sub", "sup"})
#: The MyST extensions the handbook enables (conf.py), so the check sees what Sphinx sees.
MYST_EXTENSIONS = ("colon_fence", "deflist")
#: Admonitions nested deeper than this are refused (each level is parsed again).
MAX_NESTING = 8

_LINK = re.compile(
    r"^(?:https?://[^\s<>\"']+|mailto:[^\s<>\"']+|#[A-Za-z0-9_-]+|[a-z0-9]+(?:-[a-z0-9]+)*)$"
)
_DIRECTIVE_INFO = re.compile(r"^\s*\{([^}]*)\}\s*(.*)$")
_BLOCK_ERRORS = {
    "html_block": "raw HTML is not allowed in Markdown fields; use Markdown syntax "
    "(write '&lt;' for a literal '<')",
    "heading_open": "headings and horizontal rules are not allowed in Markdown fields; "
    "the page provides the headings",
    "hr": "headings and horizontal rules are not allowed in Markdown fields; "
    "the page provides the headings",
    "myst_target": "targets ((name)=) are not allowed in Markdown fields",
    "front_matter": "front matter is not allowed in Markdown fields",
}
_INLINE_ERRORS = {
    "html_inline": _BLOCK_ERRORS["html_block"],
    "image": "images are not allowed in Markdown fields (they could load from another host)",
}


@cache
def _parser() -> MarkdownIt:
    """MyST's parser with the handbook's extensions, raw HTML on so it can be refused.

    Imported on first use: a command that validates no Markdown does not pay for MyST.
    """
    from markdown_it.renderer import RendererHTML  # noqa: PLC0415
    from myst_parser.config.main import MdParserConfig  # noqa: PLC0415
    from myst_parser.parsers.mdit import create_md_parser  # noqa: PLC0415

    parser = create_md_parser(MdParserConfig(enable_extensions=set(MYST_EXTENSIONS)), RendererHTML)
    # Every link becomes a token, so that a hostile one is refused instead of dropped.
    parser.validateLink = lambda url: True  # type: ignore[method-assign]
    return parser


def markdown_problem(text: str) -> str | None:
    """Why ``text`` is not safe Markdown for a field, or None if it is."""
    pending: list[tuple[str, int]] = [(text, 0)]
    while pending:
        source, depth = pending.pop()
        env: dict[str, object] = {}
        tokens = _parser().parse(source, env)
        for token in tokens:
            problem = _block_problem(token, depth, pending)
            if problem is None:
                problem = next(_inline_problems(token), None)
            if problem is not None:
                return problem
        references = env.get("references", {})
        for reference in references.values() if isinstance(references, dict) else ():
            problem = _link_problem(str(reference.get("href", "")))
            if problem is not None:
                return problem
    return None


def _block_problem(token: Token, depth: int, pending: list[tuple[str, int]]) -> str | None:
    if token.type in _BLOCK_ERRORS:
        return _BLOCK_ERRORS[token.type]
    if token.type not in {"fence", "colon_fence"}:
        return None
    match = _DIRECTIVE_INFO.match(token.info)
    if match is None:
        return None  # a code block: shown as literal text
    name = match.group(1).strip()
    if name not in ALLOWED_DIRECTIVES:
        return (
            f"directive {{{name}}} is not allowed here; allowed: "
            f"{', '.join(sorted(ALLOWED_DIRECTIVES))}"
        )
    if depth >= MAX_NESTING:
        return f"admonitions may be nested at most {MAX_NESTING} deep"
    # MyST parses an admonition's title and body as Markdown again: check them too.
    pending.append((match.group(2), depth + 1))
    pending.append((token.content, depth + 1))
    return None


def _inline_problems(token: Token) -> Iterator[str]:
    for child in token.children or ():
        if child.type in _INLINE_ERRORS:
            yield _INLINE_ERRORS[child.type]
        elif child.type == "myst_role":
            name = str(child.meta.get("name", ""))
            if name not in ALLOWED_ROLES:
                yield (
                    f"role {{{name}}} is not allowed here; allowed: "
                    f"{', '.join(sorted(ALLOWED_ROLES))}"
                )
        elif child.type == "link_open":
            problem = _link_problem(str(child.attrGet("href") or ""))
            if problem is not None:
                yield problem


def _link_problem(href: str) -> str | None:
    if _LINK.match(href):
        return None
    return (
        f"link target {href!r} is not allowed; link to http(s)://, mailto: "
        "or the id of a record or heading (#id)"
    )
