"""The guideline's output formats: a module of its own, for the command line's options
(importing the generator takes 0.2 s of CPU, most of the budget of ``guidegen --help``)."""

from __future__ import annotations

#: Output formats, in the order they are made (the PDF is printed from the HTML).
FORMATS: tuple[str, ...] = ("md", "html", "docx", "pdf")
