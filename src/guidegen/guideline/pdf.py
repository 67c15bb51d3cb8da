"""The guideline as PDF, printed from its HTML by WeasyPrint."""

from __future__ import annotations

import logging

#: The only URLs the PDF may load: the logo, embedded as a data URI. No network, no files.
ALLOWED_PROTOCOLS = frozenset({"data"})


def render_pdf(html: str) -> bytes:
    """A tagged (accessible) A4 PDF of ``html``; it loads nothing from anywhere."""
    # Importing WeasyPrint and Pango takes 0.43 s of CPU (measured on this machine),
    # over half the budget of a guidegen generate without PDF: only a PDF loads them.
    import weasyprint  # noqa: PLC0415

    fetcher = weasyprint.URLFetcher(allowed_protocols=ALLOWED_PROTOCOLS)
    # WeasyPrint logs every CSS feature it skips (e.g. screen-only rules) as a warning.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    document = weasyprint.HTML(string=html, url_fetcher=fetcher, media_type="print")
    pdf: bytes | None = document.write_pdf(pdf_tags=True, pdf_variant="pdf/ua-1")
    if pdf is None:  # pragma: no cover - write_pdf returns bytes without a target
        raise RuntimeError("WeasyPrint returned no PDF")
    return pdf
