"""Serve the built handbook locally: files only, no directory listings, no hidden files.

``python -m http.server`` lists every folder without an ``index.html``; this
handler answers 404 instead, and for any path with a hidden (dot) part.

Usage: ``python -m guidegen.serve FOLDER [PORT]`` (``make serve``).
"""

from __future__ import annotations

import contextlib
import functools
import sys
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from io import BytesIO
from urllib.parse import unquote, urlsplit


class PublishedFilesHandler(SimpleHTTPRequestHandler):
    """Serves files from ``directory``; folders only through their ``index.html``."""

    def list_directory(self, path: str | bytes) -> BytesIO | None:  # type: ignore[override]
        self.send_error(HTTPStatus.NOT_FOUND, "Not found")
        return None

    def send_head(self) -> BytesIO | None:
        parts = unquote(urlsplit(self.path).path).split("/")
        if any(part.startswith(".") for part in parts if part):
            self.send_error(HTTPStatus.NOT_FOUND, "Not found")
            return None
        return super().send_head()  # type: ignore[return-value]


def server(folder: str, port: int, host: str = "127.0.0.1") -> ThreadingHTTPServer:
    """A server of ``folder`` on ``host:port`` (port 0: any free port)."""
    handler = functools.partial(PublishedFilesHandler, directory=folder)
    return ThreadingHTTPServer((host, port), handler)


def main(argv: list[str]) -> None:
    folder, port = argv[0], int(argv[1]) if len(argv) > 1 else 8000
    with server(folder, port) as running:
        print(f"Serving {folder} on http://127.0.0.1:{port}/ (Ctrl-C stops)")
        with contextlib.suppress(KeyboardInterrupt):
            running.serve_forever()


if __name__ == "__main__":
    main(sys.argv[1:])
