"""The guideline's output formats (a module of its own so the CLI can name them cheaply)."""

from __future__ import annotations

#: Output formats, in the order they are made (the PDF is printed from the HTML).
FORMATS: tuple[str, ...] = ("md", "html", "docx", "pdf")
