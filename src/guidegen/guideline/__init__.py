"""The guideline generator: a profile in, a guideline out as Markdown, HTML, Word and PDF."""
