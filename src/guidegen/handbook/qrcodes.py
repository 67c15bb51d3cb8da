"""QR codes of the handbook's addresses, as SVG (for trainers' handouts and tree steps)."""

from __future__ import annotations

import io

import segno


def qr_svg(url: str) -> str:
    """A QR code for ``url`` as a standalone SVG."""
    buffer = io.BytesIO()
    segno.make(url, error="m").save(
        buffer, kind="svg", scale=4, border=2, xmldecl=True, title=f"QR-code: {url}"
    )
    return buffer.getvalue().decode("utf-8")


def step_qr_svg(url: str) -> str:
    """A QR code for one step of a tree, as SVG to place inline (scales to its box)."""
    buffer = io.BytesIO()
    segno.make(url, error="m").save(
        buffer,
        kind="svg",
        xmldecl=False,
        svgns=True,
        omitsize=True,
        border=2,
        svgclass="gg-qr-svg",
        title=f"QR-code van deze stap: {url}",
    )
    return buffer.getvalue().decode("utf-8")
