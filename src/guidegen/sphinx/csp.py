"""A Content-Security-Policy on every handbook page, as a ``<meta>`` tag.

The pages load scripts, styles, images and Pagefind's index and WebAssembly
from their own site only, and have no inline scripts or styles; the policy
allows exactly that.  It is added through ``metatags`` (which every Sphinx
layout puts at the top of ``<head>``), so it does not depend on the theme.

``make preview`` sets ``guidegen_live_reload``: sphinx-autobuild then adds an inline
script to every page it serves, which reloads the page after a rebuild, and the
policy allows inline scripts. The published site never has it.
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
#: The policy of ``make preview``'s pages: sphinx-autobuild's reload script is inline
#: (its connection back, to the page's own server, ``connect-src 'self'`` allows).
LIVE_RELOAD_POLICY = POLICY.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")


#: Sphinx's message catalogue for scripts: it builds its plural rule with ``new Function``,
#: which the policy refuses. Only Sphinx's own search (off here) shows its messages.
EVAL_SCRIPTS = ("_static/translations.js",)


def setup_policy(app: Sphinx) -> None:
    """The policy on every page; ``guidegen_live_reload`` (make preview) allows inline scripts."""
    app.add_config_value("guidegen_live_reload", False, "html", types=frozenset({bool}))
    app.connect("html-page-context", add_policy)


def add_policy(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """Put the policy first in the page's meta tags; leave out scripts it would refuse."""
    policy = LIVE_RELOAD_POLICY if app.config.guidegen_live_reload else POLICY
    meta_tag = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    context["metatags"] = meta_tag + "\n" + context.get("metatags", "")
    scripts = context.get("script_files")
    if scripts is not None:  # in place: scripts added for this page go to the same list
        scripts[:] = [
            script
            for script in scripts
            if str(getattr(script, "filename", script)).split("?")[0] not in EVAL_SCRIPTS
        ]
