"""Every answer that is not a document, in Dutch: JSON for the page's script, else HTML.

Messages never carry an exception's text: the details of an unexpected error go to
the server's log only.
"""

from __future__ import annotations

from html import escape

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response

#: Titles of the answers, by status code.
TITLES = {
    400: "Het profiel klopt niet",
    404: "Deze pagina bestaat niet",
    405: "Dit adres werkt zo niet",
    408: "Het versturen duurde te lang",
    413: "Het verzoek is te groot",
    415: "Het verzoek is geen formulier",
    500: "Er ging iets mis",
    503: "Het is even te druk",
    504: "Het maken duurde te lang",
}
#: What the service says for a status code when it has nothing more specific.
GENERAL = {
    400: "het formulier kon niet worden gelezen; stuur het opnieuw",
    404: "controleer het adres, of ga naar de startpagina van het handboek",
    405: "dit adres kan alleen worden opgevraagd, niet verstuurd",
    415: "stuur het profiel met het formulier (multipart/form-data)",
    500: "er ging iets mis bij het maken van de richtlijn; probeer het later opnieuw en meld "
    "het aan de beheerder als het blijft gebeuren",
}
#: Pages of the answers: no scripts, styles or anything from elsewhere.
POLICY = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"


def wants_json(request: Request) -> bool:
    """Does the caller (the page's script) ask for JSON?"""
    return "application/json" in request.headers.get("accept", "")


def refusal(
    request: Request,
    status: int,
    messages: list[str] | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    """The answer for ``status`` with ``messages`` (default: the general one for it)."""
    lines = messages or [GENERAL.get(status, TITLES.get(status, "er ging iets mis"))]
    title = TITLES.get(status, "Er ging iets mis")
    # A refusal may quote the profile (an organisation's data): no cache keeps it.
    headers = {"Cache-Control": "no-store", **(headers or {})}
    if wants_json(request):
        body = {"status": status, "titel": title, "fouten": lines}
        return JSONResponse(body, status_code=status, headers=headers)
    home = request.scope.get("root_path", "").rstrip("/") + "/"
    page = _page(title, lines, home, request.url.path.endswith("/api/richtlijn"))
    answer_headers = {"Content-Security-Policy": POLICY, **headers}
    return HTMLResponse(page, status_code=status, headers=answer_headers)


def _page(title: str, lines: list[str], home: str, from_form: bool) -> str:
    items = "".join(f"<li>{escape(line)}</li>" for line in lines)
    back = (
        "<p>Ga terug naar het formulier (de knop Terug van je browser), pas het profiel "
        "aan en probeer het opnieuw.</p>"
        if from_form
        else ""
    )
    return (
        '<!DOCTYPE html>\n<html lang="nl"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)} – guidegen</title></head><body><main>"
        f"<h1>{escape(title)}</h1><ul>{items}</ul>{back}"
        f'<p><a href="{escape(home)}">Naar de startpagina van het handboek</a></p>'
        "</main></body></html>\n"
    )
