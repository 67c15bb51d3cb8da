"""The guidegen Sphinx extension: the handbook's pages, generated from YAML records.

Add ``"guidegen.sphinx"`` to ``extensions`` in ``conf.py``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from guidegen import __version__

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata


def setup(app: Sphinx) -> ExtensionMetadata:
    """Register guidegen's configuration, events and theme with Sphinx."""
    from guidegen.sphinx.extension import setup_extension  # noqa: PLC0415 - keep import of Sphinx glue lazy

    setup_extension(app)
    return {
        "version": __version__,
        "env_version": 2,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
