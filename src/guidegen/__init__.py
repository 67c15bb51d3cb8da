"""guidegen: a social media handbook for government communicators, built from YAML."""

from __future__ import annotations


def __getattr__(name: str) -> str:
    """``__version__``, read from the installed metadata only when asked (it is slow)."""
    if name != "__version__":
        raise AttributeError(f"module 'guidegen' has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version  # noqa: PLC0415

    try:
        return version("guidegen")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "0.0.0"
