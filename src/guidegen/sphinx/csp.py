"""A Content-Security-Policy on every handbook page, as a ``<meta>`` tag.

The pages load scripts, styles, images and Pagefind's index and WebAssembly
from their own site only, and have no inline scripts or styles; the policy
allows exactly that.  It is added through ``metatags`` (which every Sphinx
layout puts at the top of ``<head>``), so it does not depend on the theme.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx

#: 'wasm-unsafe-eval' lets Pagefind compile its WebAssembly; nothing may run eval().
POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self' 'wasm-unsafe-eval'",
        "style-src 'self'",
        "img-src 'self'",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ]
)
META_TAG = f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">'


#: Sphinx's message catalogue for scripts: it builds its plural rule with ``new Function``,
#: which the policy refuses. Only Sphinx's own search (off here) shows its messages.
EVAL_SCRIPTS = ("_static/translations.js",)


def add_policy(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """Put the policy first in the page's meta tags; leave out scripts it would refuse."""
    context["metatags"] = META_TAG + "\n" + context.get("metatags", "")
    scripts = context.get("script_files")
    if scripts is not None:  # in place: scripts added for this page go to the same list
        scripts[:] = [
            script
            for script in scripts
            if str(getattr(script, "filename", script)).split("?")[0] not in EVAL_SCRIPTS
        ]
