"""Settings that keep hostile text in records from becoming markup."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

#: markdown-it rules MyST must not run: raw HTML blocks and inline HTML.
DISABLED_SYNTAX = ("html_block", "html_inline")
#: colon_fence: the templates' boxes; attrs_inline: a source's title and quotes marked with
#: its language (``[…]{.language-en}`` becomes ``lang="en"``). Field text never passes
#: through MyST (sphinx/fields.py), so neither reaches a record's words.
REQUIRED_MYST_EXTENSIONS = ("colon_fence", "attrs_inline")


def harden_myst(app: Sphinx, config: Config) -> None:
    """Turn off raw HTML in MyST and enable the syntax the generated pages use."""
    disabled = list(config.myst_disable_syntax)
    config.myst_disable_syntax = disabled + [s for s in DISABLED_SYNTAX if s not in disabled]
    enabled = list(config.myst_enable_extensions)
    config.myst_enable_extensions = enabled + [
        e for e in REQUIRED_MYST_EXTENSIONS if e not in enabled
    ]


def harden_docutils(app: Sphinx) -> None:
    """Disable the ``raw`` and ``include`` directives for every document."""
    app.env.settings["raw_enabled"] = False
    app.env.settings["file_insertion_enabled"] = False
