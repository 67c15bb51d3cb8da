"""Sphinx configuration of the handbook.

Build with ``make site``; it runs ``sphinx-build -c . -d _build/doctrees docs _build/html``
so that this file sits at the repository root while only ``docs/`` is the source folder.
"""

import os

project = "Handboek sociale media voor overheidscommunicatie"
author = "guidegen"
copyright = "inhoud: de vermelde bronnen"
language = "nl"

extensions = ["myst_parser", "sphinx_design", "guidegen.sphinx"]

# guidegen: records in content/, trees in decisions/ and example profiles in profiles/
# (next to this file); their pages are generated into docs/kennisbank/,
# docs/beslisbomen/ and docs/voorbeeldrichtlijnen/ (git-ignored).
guidegen_decisions = "decisions"
# The public address of the handbook, for the QR codes and handouts on the trainers
# page. Without it that page links within the site only, says so, and the build logs it.
guidegen_base_url = os.environ.get("GUIDEGEN_BASE_URL", "")
# The ids of the Atom feed of "Wat is er veranderd" (kennisbank/veranderd/atom.xml): a
# domain (or e-mail address) the publisher controls and a date it did, as RFC 4151 writes
# it, e.g. "gemeente.example,2026". Set it once and keep it: feed readers know entries by
# their ids. Empty: placeholder ids (guidegen.invalid), and the build says so.
guidegen_feed_tag = os.environ.get("GUIDEGEN_FEED_TAG", "")
# The theme's NL Design System design tokens: a CSS file (relative to this file) with
# an organisation's own colours and fonts; empty: NL Design System's example tokens.
guidegen_design_tokens = os.environ.get("GUIDEGEN_DESIGN_TOKENS", "")
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
}
# Who publishes the handbook (name, logo, favicon, contact, accessibility statement): a
# YAML file beside this one; site.voorbeeld.yaml shows every field. Without the file the
# handbook says it is an example publication.
guidegen_site = os.environ.get("GUIDEGEN_SITE", "site.yaml")
html_copy_source = False
html_show_sourcelink = False
html_show_sphinx = False
html_permalinks_icon = "#"
# Code (the example profiles) in black and white: the colourful default styles fail
# WCAG's contrast minimum on their comments and names.
pygments_style = "bw"
