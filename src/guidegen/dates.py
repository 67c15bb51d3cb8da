"""Dates written out in Dutch, as readers of the handbook and the guidelines see them."""

from __future__ import annotations

from datetime import date

#: Dutch month names, January first.
MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip


def dutch_date(day: date | str) -> str:
    """``2026-11-26`` (a date or its ISO text) → ``26 november 2026``."""
    if isinstance(day, str):
        day = date.fromisoformat(day)
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"
