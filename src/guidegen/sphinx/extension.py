"""Wiring: every configuration value and event handler of the extension, in one place."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .dependencies import note_record_dependency
from .pages import generate_pages
from .safety import harden_docutils, harden_myst

if TYPE_CHECKING:
    from sphinx.application import Sphinx

THEME_DIR = Path(__file__).parent / "theme" / "guidegen"


def setup_extension(app: Sphinx) -> None:
    """Register config values, the theme and the event handlers."""
    app.setup_extension("myst_parser")
    app.setup_extension("sphinx_design")

    # Where the records are (relative to the folder of conf.py) and where their
    # generated pages go (relative to the source folder; keep it out of git).
    app.add_config_value("guidegen_content", "content", "env", types=frozenset({str}))
    app.add_config_value("guidegen_generated", "kennisbank", "env", types=frozenset({str}))

    app.add_html_theme("guidegen", str(THEME_DIR))

    # config-inited: MyST must not pass raw HTML from record fields through.
    app.connect("config-inited", harden_myst)
    # builder-inited: load and check the records, write their pages (only the
    # changed ones) before Sphinx looks for outdated documents.
    app.connect("builder-inited", harden_docutils)
    app.connect("builder-inited", generate_pages)
    # doctree-read: a generated page depends on the YAML file of its record.
    app.connect("doctree-read", note_record_dependency)
