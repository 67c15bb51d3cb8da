"""Run ``guidegen serve``'s application with uvicorn on 127.0.0.1 in a thread, for tests."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import uvicorn
from starlette.applications import Starlette

from guidegen.content.knowledge import KnowledgeBase
from guidegen.service.making import Knowledge
from guidegen.trees.decisiontree import Tree

from .conftest import REPO


def knowledge_for(loaded: tuple[KnowledgeBase, list[Tree]]) -> Knowledge:
    """The service's knowledge from the session's real knowledge base and trees."""
    base, trees = loaded
    return Knowledge(base, trees, [REPO / "templates" / "guideline"])


def run(app: Starlette) -> Iterator[str]:
    """Serve ``app`` on a free port of 127.0.0.1 while the generator is suspended."""
    listening = socket.socket()
    listening.bind(("127.0.0.1", 0))
    port = listening.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="error", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listening]}, daemon=True)
    thread.start()
    while not server.started and thread.is_alive():
        time.sleep(0.01)
    assert server.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}/"
    server.should_exit = True
    thread.join(timeout=10)
    listening.close()
