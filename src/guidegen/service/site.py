"""The built handbook's files: no folder listings, nothing under a dot path.

Parts of a page meant only for the service (marked ``hidden data-gg-service-only``,
such as the upload form that works without JavaScript) are shown when it serves
them; a static host leaves them hidden, so it never offers a button that cannot work.
"""

from __future__ import annotations

import os
from pathlib import Path

from starlette.exceptions import HTTPException
from starlette.responses import FileResponse, Response
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

#: How a page marks what only the service can do; the service drops ``hidden``.
SERVICE_ONLY = b" hidden data-gg-service-only"
SHOWN = b" data-gg-service-only"


class Handbook(StaticFiles):
    """Serves ``directory``; a folder only through its ``index.html``."""

    def __init__(self, directory: Path) -> None:
        super().__init__(directory=directory, html=True)
        self.revealed = service_pages(directory)

    async def get_response(self, path: str, scope: Scope) -> Response:
        if any(part.startswith(".") and part != "." for part in path.split(os.sep)):
            raise HTTPException(status_code=404)
        response = await super().get_response(path, scope)
        if isinstance(response, FileResponse) and response.status_code == 200:
            page = self.revealed.get(os.path.realpath(response.path))
            if page is not None:
                return Response(page, media_type="text/html")
        return response


def service_pages(directory: Path) -> dict[str, bytes]:
    """The pages with service-only parts, with those parts shown (read once, at start)."""
    pages = {}
    for path in directory.rglob("*.html"):
        data = path.read_bytes()
        if SERVICE_ONLY in data:
            pages[os.path.realpath(path)] = data.replace(SERVICE_ONLY, SHOWN)
    return pages
