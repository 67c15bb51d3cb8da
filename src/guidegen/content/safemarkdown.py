"""What a Markdown field may contain: one allow-list, used by the check and the renderer.

A field's text is never spliced into a page's MyST source. The check
(:func:`markdown_problem`) parses the text with MyST's own parser, every extension
the handbook enables on, so that whatever could become markup is seen wherever it
stands (in a list item, a quote), and refuses every token outside
:data:`ALLOWED_BLOCKS` and :data:`ALLOWED_INLINE`, with a reason and a fix.
The renderer (``guidegen.sphinx.fields``) parses the text on its own with
:func:`field_parser`, a CommonMark parser that has only the allowed rules, and
turns the tokens into docutils nodes: a field cannot call a directive or a role.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser

#: Block tokens a field may contain (markdown-it names, without ``_open``/``_close``).
ALLOWED_BLOCKS = frozenset(
    {"paragraph", "bullet_list", "ordered_list", "list_item", "blockquote", "inline"}
)
#: Inline tokens a field may contain.
ALLOWED_INLINE = frozenset(
    {"text", "text_special", "softbreak", "hardbreak", "em", "strong", "code_inline", "link"}
)
#: The MyST extensions the handbook enables (conf.py), so the check sees what Sphinx sees.
MYST_EXTENSIONS = ("colon_fence", "deflist")
#: CommonMark rules the renderer's parser leaves out: they make what a field may not hold.
DISABLED_RULES = (
    "code",
    "fence",
    "heading",
    "lheading",
    "hr",
    "html_block",
    "html_inline",
    "image",
)
#: What a field may hold, for messages.
ALLOWED_TEXT = "paragraphs, lists, quotes, *emphasis*, **strong**, `code`, line breaks and links"

_LINK = re.compile(
    r"^(?:https?://[^\s<>\"']+|mailto:[^\s<>\"']+|#[A-Za-z0-9_-]+|[a-z0-9]+(?:-[a-z0-9]+)*)$"
)
_DIRECTIVE_INFO = re.compile(r"^\s*\{([^}]*)\}")
_NOT_MARKUP = "; a field cannot call directives or roles: write the text itself"
_HTML = (
    "raw HTML is not allowed in Markdown fields; "
    "use Markdown syntax (write '&lt;' for a literal '<')"
)
_HEADINGS = (
    "headings and horizontal rules are not allowed in Markdown fields; "
    "the page provides the headings"
)
#: Friendlier names of other tokens, for messages.
_NAMES = {
    "myst_line_comment": "comments (% ...)",
    "myst_block_break": "block breaks (+++)",
    "dl": "definition lists",
    "table": "tables",
    "footnote_ref": "footnotes",
    "footnote_block": "footnotes",
    "s": "strikethrough",
}
_ERRORS = {
    "html_block": _HTML,
    "html_inline": _HTML,
    "heading": _HEADINGS,
    "hr": _HEADINGS,
    "image": "images are not allowed in Markdown fields (they could load from another host)",
    "code_block": "indented code blocks are not allowed in Markdown fields; "
    "remove the indentation, or use `inline code`",
    "myst_target": "targets ((name)=) are not allowed in Markdown fields",
    "front_matter": "front matter is not allowed in Markdown fields",
}


@cache
def _myst_parser() -> MarkdownIt:
    """MyST's parser with the handbook's extensions, raw HTML on so it can be refused."""
    parser = create_md_parser(MdParserConfig(enable_extensions=set(MYST_EXTENSIONS)), RendererHTML)
    # Every link becomes a token, so that a hostile one is refused instead of dropped.
    parser.validateLink = lambda url: True  # type: ignore[method-assign]
    return parser


@cache
def field_parser(*, headings: bool = False) -> MarkdownIt:
    """The parser a field is rendered with: CommonMark with only the allowed rules.

    It knows no fences, directives, roles, HTML, headings or images: such text stays
    text. Links are kept whatever their target; the renderer links only allowed ones.

    :param headings: also headings and rules (a whole guideline, whose templates make them).
    """
    parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    keep = {"heading", "lheading", "hr"} if headings else set()
    parser.disable([rule for rule in DISABLED_RULES if rule not in keep])
    parser.validateLink = lambda url: True  # type: ignore[method-assign]
    return parser


def plain_text(text: str) -> str:
    """A Markdown field's words without its markup, on one line (for a card's blurb)."""
    words = []
    for token in field_parser().parse(text):
        for child in token.children or () if token.type == "inline" else ():
            if child.type in ("text", "code_inline"):
                words.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                words.append(" ")
        if token.type in ("paragraph_close", "list_item_close"):
            words.append(" ")
    return " ".join("".join(words).split())


def allowed_link(href: str) -> bool:
    """Whether a field may link to ``href``: http(s), mailto, ``#anchor`` or a record id."""
    return _LINK.match(href) is not None


def markdown_problem(text: str) -> str | None:
    """Why ``text`` is not allowed in a Markdown field, or None if it is."""
    env: dict[str, object] = {}
    tokens = _myst_parser().parse(text, env)
    first = next(_problems(tokens), None)
    if first is not None:
        return first
    references = env.get("references", {})
    for reference in references.values() if isinstance(references, dict) else ():
        problem = _link_problem(str(reference.get("href", "")))
        if problem is not None:
            return problem
    return None


def _problems(tokens: list[Token]) -> Iterator[str]:
    for token in tokens:
        kind = token.type.removesuffix("_open").removesuffix("_close")
        if kind not in ALLOWED_BLOCKS:
            yield _block_problem(token, kind)
        for child in token.children or ():
            kind = child.type.removesuffix("_open").removesuffix("_close")
            if kind not in ALLOWED_INLINE:
                yield _inline_problem(child, kind)
            elif child.type == "link_open":
                problem = _link_problem(str(child.attrGet("href") or ""))
                if problem is not None:
                    yield problem


def _block_problem(token: Token, kind: str) -> str:
    if kind in _ERRORS:
        return _ERRORS[kind]
    if kind in {"fence", "colon_fence"}:
        match = _DIRECTIVE_INFO.match(token.info)
        if match is not None:
            name = match.group(1).strip()
            return f"directive {{{name}}} is not allowed in Markdown fields{_NOT_MARKUP}"
        return (
            "fenced blocks (```, ~~~ or :::) are not allowed in Markdown fields; "
            "use `inline code` or a quote (>)"
        )
    return _other_problem(kind)


def _inline_problem(token: Token, kind: str) -> str:
    if kind in _ERRORS:
        return _ERRORS[kind]
    if kind == "myst_role":
        return (
            f"role {{{token.meta.get('name', '')}}} is not allowed in Markdown fields{_NOT_MARKUP}"
        )
    return _other_problem(kind)


def _other_problem(kind: str) -> str:
    name = _NAMES.get(kind, kind.replace("_", " "))
    return f"{name} are not allowed in Markdown fields; use {ALLOWED_TEXT}"


def _link_problem(href: str) -> str | None:
    if allowed_link(href):
        return None
    return (
        f"link target {href!r} is not allowed; link to http(s)://, mailto: "
        "or the id of a record or heading (#id)"
    )
