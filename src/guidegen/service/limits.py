"""What one request may cost: its size, its generation time, and how many run at once."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TypeVar

from starlette.types import ASGIApp, Message, Receive, Scope, Send

T = TypeVar("T")


@dataclass(frozen=True)
class Limits:
    """The service's limits; ``guidegen serve`` takes each as an option."""

    #: Largest request body in bytes (a profile of at most 1 MB plus a logo of at most 1 MB).
    max_request_bytes: int = 3_000_000
    #: Seconds a generation may take before the answer is 504.
    max_seconds: float = 60.0
    #: Generations at the same time; one more gets 503 with Retry-After.
    max_concurrent: int = 2
    #: Seconds the 503 tells the browser to wait.
    retry_after: int = 10
    #: Seconds the whole body may take to arrive; slower gets 408 (3 MB at 1 Mbit/s: 24 s).
    max_upload_seconds: float = 30.0


class TooLarge(Exception):
    """The request body is larger than the limit."""


class UploadTooSlow(Exception):
    """The request body did not arrive in time."""


class Busy(Exception):
    """Every generation slot is taken."""


class TooSlow(Exception):
    """The generation took longer than the limit."""


class BodyLimit:
    """ASGI middleware: bounds a body's size and the time it takes to arrive.

    A body over ``max_bytes`` (by its Content-Length or as it comes) is refused with
    :class:`TooLarge`; a body still arriving ``max_seconds`` after the request began
    (a client sending a byte now and then holds a connection for as long as it likes)
    with :class:`UploadTooSlow`. Both are raised from ``receive``, inside the endpoint
    that reads the body, so the application's handlers answer them (413 and 408, in Dutch).
    """

    def __init__(self, app: ASGIApp, max_bytes: int, max_seconds: float) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.max_seconds = max_seconds

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length", b"")
        too_large = declared.isdigit() and int(declared) > self.max_bytes
        received = 0
        deadline = asyncio.get_running_loop().time() + self.max_seconds
        complete = False

        async def bounded() -> Message:
            nonlocal received, complete
            if too_large:
                raise TooLarge
            if complete:  # after the body: waiting for a disconnect is not bounded
                return await receive()
            try:
                async with asyncio.timeout_at(deadline):
                    message = await receive()
            except TimeoutError as exc:
                raise UploadTooSlow from exc
            complete = message["type"] != "http.request" or not message.get("more_body", False)
            received += len(message.get("body", b""))
            if received > self.max_bytes:
                raise TooLarge
            return message

        await self.app(scope, bounded, send)


class Slots:
    """At most ``limits.max_concurrent`` generations, each in a worker thread, timed.

    A generation past the time limit is answered with :class:`TooSlow`, but a thread
    cannot be stopped: its slot stays taken until it ends, so the limit on concurrent
    work holds even then.
    """

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self._free = threading.BoundedSemaphore(limits.max_concurrent)
        self._pool = ThreadPoolExecutor(limits.max_concurrent, thread_name_prefix="guidegen")

    async def run(self, job: Callable[[], T]) -> T:
        """``job()`` in a worker thread; :class:`Busy` or :class:`TooSlow` if it cannot be."""
        if not self._free.acquire(blocking=False):
            raise Busy
        try:
            future = self._pool.submit(job)
        except BaseException:
            self._free.release()
            raise
        future.add_done_callback(lambda _: self._free.release())
        try:
            return await asyncio.wait_for(asyncio.wrap_future(future), self.limits.max_seconds)
        except TimeoutError as exc:
            raise TooSlow from exc

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
