"""Review dates of currency notes as plain data, and the warnings for those that are due.

Kept apart from :mod:`guidegen.currency` (which needs the content model) so that a
``guidegen check`` answered from the cache can compute today's warnings without it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from guidegen.content.problems import WARNING, Problem


@dataclass(frozen=True, order=True)
class ReviewDate:
    """A note's date and review date, located at its ``review`` key."""

    path: Path
    line: int
    column: int
    #: The note's date and the date by which to review it (YYYY-MM-DD).
    date: str
    review: str


def due_reviews(dates: list[ReviewDate], today: date | None = None) -> list[Problem]:
    """A warning for every note whose review date has passed (or is today)."""
    today = today or date.today()
    return sorted(
        Problem(
            found.path,
            found.line,
            found.column,
            f"note of {found.date} was to be reviewed before {found.review}; check it against "
            "its sources and set a new review date",
            WARNING,
        )
        for found in dates
        if date.fromisoformat(found.review) <= today
    )
