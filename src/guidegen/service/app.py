"""The Starlette application of ``guidegen serve``: the handbook and ``api/richtlijn``.

``GET api/status`` tells the form page it is served by the service; ``POST
api/richtlijn`` takes a multipart form (``profiel``: the YAML as a file or text,
``formaat``: docx, pdf or html, ``logo``: an optional PNG or JPEG) and answers with
the document as a download (never stored by a cache; ``X-Guidegen-Notice`` tells the
author when it is dated before some of the knowledge), or with every problem in Dutch;
another method gets 405. Redirects (a folder's address without its ``/``) are
relative, never built from the request's ``Host``. A body must arrive within
``max_upload_seconds`` (408); an upload the client breaks off is one line in the log.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

import uvicorn
from starlette.applications import Starlette
from starlette.datastructures import FormData, UploadFile
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from guidegen.service.answers import refusal
from guidegen.service.limits import BodyLimit, Busy, Limits, Slots, TooLarge, TooSlow, UploadTooSlow
from guidegen.service.making import MEDIA_TYPES, Knowledge, Made, ProfileRefused, make_guideline
from guidegen.service.site import Handbook

#: The server's log: unexpected errors are written here, with their traceback.
log = logging.getLogger("guidegen.serve")

Maker = Callable[[Knowledge, bytes, str, bytes | None], Made]
#: What the answers name each format.
FORMAT_NAMES = {"docx": "Word", "pdf": "PDF", "html": "webpagina"}
#: What the endpoint reads: a form with files, or one with the profile as text.
FORM_TYPES = ("multipart/form-data", "application/x-www-form-urlencoded")
#: Generated documents and the API's answers hold an organisation's data: no cache keeps them.
NO_STORE = {"Cache-Control": "no-store"}
#: The header that carries the notice for the profile's author (percent-encoded Dutch):
#: the document is dated before some of the knowledge it could hold.
NOTICE_HEADER = "X-Guidegen-Notice"
#: Methods the API's addresses answer with 405 rather than leaving them to the handbook.
METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]


def create_app(
    site: Path, knowledge: Knowledge, limits: Limits | None = None, maker: Maker = make_guideline
) -> Starlette:
    """The service for the built handbook in ``site``, generating with ``knowledge``."""
    limits = limits or Limits()
    slots = Slots(limits)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        slots.close()

    async def status(request: Request) -> Response:
        if request.method not in ("GET", "HEAD"):
            return refusal(request, 405, headers={"Allow": "GET, HEAD", **NO_STORE})
        body = {"service": "guidegen", "formats": list(MEDIA_TYPES), **limits.__dict__}
        return JSONResponse(body, headers=NO_STORE)

    async def make(request: Request) -> Response:
        if request.method != "POST":
            return refusal(request, 405, [ONLY_POST], {"Allow": "POST", **NO_STORE})
        content_type = request.headers.get("content-type", "")
        if not content_type.startswith(FORM_TYPES):
            return refusal(request, 415)
        async with request.form(max_files=2, max_fields=4) as form:
            profile, fmt, logo = await _read_form(form)
        problems = _form_problems(profile, fmt)
        if problems:
            return refusal(request, 400, problems)
        job = functools.partial(maker, knowledge, profile, fmt, logo or None)
        try:
            made = await slots.run(job)
        except ProfileRefused as exc:
            return refusal(request, 400, exc.messages)
        except Busy:
            return refusal(request, 503, [_busy(limits)], {"Retry-After": str(limits.retry_after)})
        except TooSlow:
            return refusal(request, 504, [_too_slow(limits)])
        headers = {"Content-Disposition": f'attachment; filename="{made.file_name}"', **NO_STORE}
        if made.notice:
            # A header holds only Latin-1: the Dutch text travels percent-encoded.
            headers[NOTICE_HEADER] = quote(made.notice)
        return Response(made.data, media_type=made.media_type, headers=headers)

    async def http_error(request: Request, exc: Exception) -> Response:
        status_code = exc.status_code if isinstance(exc, HTTPException) else 500
        headers = exc.headers if isinstance(exc, HTTPException) else None
        return refusal(request, status_code, headers=dict(headers or {}))

    async def too_large(request: Request, exc: Exception) -> Response:
        megabytes = _dutch(limits.max_request_bytes / 1_000_000)
        message = f"het verzoek is groter dan {megabytes} MB; kies een kleiner logo of profiel"
        return refusal(request, 413, [message], {"Connection": "close"})

    async def too_slow_upload(request: Request, exc: Exception) -> Response:
        seconds = _dutch(limits.max_upload_seconds)
        message = (
            f"het versturen duurde langer dan {seconds} seconden; probeer het opnieuw, met "
            "een kleiner logo of over een snellere verbinding"
        )
        return refusal(request, 408, [message], {"Connection": "close"})

    async def broken_off(request: Request, exc: Exception) -> Response:
        # Nobody waits for the answer; one line, no traceback (it is not the service's fault).
        log.warning("%s %s: the client broke off the request", request.method, request.url.path)
        return Response(status_code=400, headers={"Connection": "close"})

    async def unexpected(request: Request, exc: Exception) -> Response:
        log.error("unexpected error on %s", request.url.path, exc_info=exc)
        return refusal(request, 500)

    return Starlette(
        routes=[
            # Every method: the endpoints answer the wrong ones with 405 (else the
            # handbook's files would, with 404).
            Route("/api/status", status, methods=METHODS),
            Route("/api/richtlijn", make, methods=METHODS),
            Mount("/", app=Handbook(site)),
        ],
        middleware=[
            Middleware(SecurityHeaders),
            Middleware(RelativeRedirects),
            Middleware(
                BodyLimit,
                max_bytes=limits.max_request_bytes,
                max_seconds=limits.max_upload_seconds,
            ),
        ],
        exception_handlers={
            HTTPException: http_error,
            TooLarge: too_large,
            UploadTooSlow: too_slow_upload,
            ClientDisconnect: broken_off,
            Exception: unexpected,
        },
        lifespan=lifespan,
    )


def run_app(app: Starlette, host: str, port: int, root_path: str) -> None:
    """Serve ``app`` with uvicorn until it is stopped (Ctrl-C)."""
    uvicorn.run(
        app, host=host, port=port, root_path=root_path, log_level="warning", server_header=False
    )


async def _read_form(form: FormData) -> tuple[bytes, str, bytes]:
    """The profile's bytes, the format and the logo's bytes (empty: none) from the form."""
    profile, fmt, logo = form.get("profiel"), form.get("formaat"), form.get("logo")
    return await _bytes(profile), fmt if isinstance(fmt, str) else "", await _bytes(logo)


async def _bytes(value: object) -> bytes:
    if isinstance(value, UploadFile):
        return await value.read()
    return value.encode("utf-8") if isinstance(value, str) else b""


#: Why ``api/richtlijn`` answers another method than POST with 405.
ONLY_POST = (
    "dit adres maakt een richtlijn van een verstuurd profiel; gebruik het formulier op de "
    "pagina 'Richtlijn samenstellen'"
)


def _dutch(number: float) -> str:
    """A number as Dutch writes it: 0,5."""
    return f"{number:g}".replace(".", ",")


def _busy(limits: Limits) -> str:
    return (
        f"de site maakt al zoveel richtlijnen tegelijk als ze aankan ({limits.max_concurrent}); "
        f"probeer het over {limits.retry_after} seconden opnieuw"
    )


def _too_slow(limits: Limits) -> str:
    return (
        f"het maken van de richtlijn duurde langer dan {_dutch(limits.max_seconds)} seconden; "
        "probeer het later opnieuw"
    )


def _form_problems(profile: bytes, fmt: str) -> list[str]:
    problems = []
    if not profile.strip():
        problems.append("fout: profiel: kies een profielbestand (profiel.yaml); het is verplicht")
    if fmt not in MEDIA_TYPES:
        choices = ", ".join(f"{key} ({name})" for key, name in FORMAT_NAMES.items())
        problems.append(f"fout: formaat: kies {choices}")
    return problems


class SecurityHeaders:
    """ASGI middleware: headers every answer carries (no sniffing, no framing elsewhere)."""

    HEADERS = (
        (b"x-content-type-options", b"nosniff"),
        (b"referrer-policy", b"same-origin"),
        (b"x-frame-options", b"SAMEORIGIN"),
    )

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *self.HEADERS]
            await send(message)

        await self.app(scope, receive, with_headers if scope["type"] == "http" else send)


class RelativeRedirects:
    """ASGI middleware: a redirect's ``Location`` is a path, never the request's ``Host``.

    Starlette builds the address of a redirect (a folder without its ``/``) from the
    request, ``Host`` header included: ``Host: evil.example`` would send the browser
    there. The scheme and host are dropped, and a path starting with ``//`` (which a
    browser reads as another host) keeps one ``/``.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def relative(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [
                    (name, local_location(value) if name.lower() == b"location" else value)
                    for name, value in message.get("headers", [])
                ]
            await send(message)

        await self.app(scope, receive, relative if scope["type"] == "http" else send)


def local_location(location: bytes) -> bytes:
    """``location`` as a path on this site: ``http://evil.example//a/?q`` → ``/a/?q``."""
    parts = urlsplit(location.decode("latin-1"))
    path = "/" + parts.path.lstrip("/\\")
    return urlunsplit(("", "", path, parts.query, "")).encode("latin-1")
