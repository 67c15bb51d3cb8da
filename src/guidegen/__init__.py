"""guidegen: a social media handbook for government communicators, built from YAML."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("guidegen")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0"
