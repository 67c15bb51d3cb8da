"""The catalogue of the extension's warning types: ``guidegen.<subtype>``.

Every warning the extension logs has the type ``guidegen`` and one of these
subtypes, so a project can silence a kind of warning in ``conf.py`` with
``suppress_warnings = ["guidegen.<subtype>"]``.
"""

from __future__ import annotations

from enum import StrEnum

from sphinx.util import logging

#: The warning type of every message of this extension.
WARNING_TYPE = "guidegen"

logger = logging.getLogger("guidegen")


class Subtype(StrEnum):
    """What a warning is about."""

    #: A record or decision tree in ``content/`` or ``decisions/`` breaks a rule.
    CONTENT = "content"
    #: A ``{guidegen-tree}`` directive cannot show its tree.
    TREE = "tree"
    #: An example profile in ``profiles/`` cannot be made into a guideline page.
    PROFILE = "profile"
    #: A record or tree mentions an outdated term (Wob, Hyves, …) without a currency note.
    CURRENCY = "currency"
    #: The Atom feed of the changes page is configured wrongly (``guidegen_feed_tag``).
    FEED = "feed"


def warn(subtype: Subtype, message: str, location: str | None) -> None:
    """Log ``message`` as a ``guidegen.<subtype>`` warning at ``location`` (``file:line``)."""
    logger.warning(message, type=WARNING_TYPE, subtype=subtype.value, location=location)
