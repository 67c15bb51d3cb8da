"""Sphinx configuration of the handbook.

Build with ``make site``; it runs ``sphinx-build -c . -d _build/doctrees docs _build/html``
so that this file sits at the repository root while only ``docs/`` is the source folder.
"""

import os

project = "Handboek sociale media voor overheidscommunicatie"
author = "guidegen"
copyright = "2026, de makers van guidegen; inhoud: de vermelde bronnen"
language = "nl"

extensions = ["myst_parser", "sphinx_design", "guidegen.sphinx"]

# guidegen: records in content/, trees in decisions/ and example profiles in profiles/
# (next to this file); their pages are generated into docs/kennisbank/,
# docs/beslisbomen/ and docs/voorbeeldrichtlijnen/ (git-ignored).
guidegen_decisions = "decisions"
# The public address of the handbook, for the QR codes on the trainers page.
guidegen_base_url = os.environ.get("GUIDEGEN_BASE_URL", "http://127.0.0.1:8000/")
guidegen_content = "content"


source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "**/.*"]

myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

html_theme = "guidegen"
html_title = "Handboek sociale media"
html_short_title = "Handboek sociale media"
html_theme_options = {
    "description": "Praktische, onderbouwde kennis over sociale media voor overheidscommunicatie.",
    "show_powered_by": False,
    "show_relbars": True,
}
html_copy_source = False
html_show_sourcelink = False
html_show_sphinx = False
html_permalinks_icon = "#"
# Code (the example profiles) in black and white: the colourful default styles fail
# WCAG's contrast minimum on their comments and names.
pygments_style = "bw"
