"""Keep Python's cyclic garbage collector off the long-lived build environment.

Sphinx keeps its whole environment in memory: at 1,000 pages some 300,000
objects that live until the build ends. CPython's collector walks all of them on
every full collection, and Sphinx's parallel workers (forked processes) walk
their copies too. At 1,000 records that was a quarter of a build after one edit.
Python's documentation recommends :func:`gc.freeze` before ``fork()`` for this:
frozen objects are never scanned (nor copied into workers by the scan). They are
unfrozen when the build ends, so nothing stays out of the collector's reach.
"""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

from guidegen.sphinx.data import GuidegenData

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


def freeze_loaded_environment(app: Sphinx) -> None:
    """At the end of builder-inited: freeze what exists (the loaded environment, modules).

    Does nothing if something else already froze objects: guidegen cannot undo
    a freeze that is not its own.
    """
    if gc.get_freeze_count() == 0:
        gc.freeze()
        GuidegenData(app.env).gc_frozen = True


def freeze_read_environment(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """At env-updated: freeze the environment as read, before the writers fork."""
    if GuidegenData(env).gc_frozen:
        gc.freeze()
    return []


def unfreeze(app: Sphinx, exception: Exception | None) -> None:
    """At build-finished: give everything back to the collector."""
    data = GuidegenData(app.env)
    if data.gc_frozen:
        gc.unfreeze()
        data.gc_frozen = False
