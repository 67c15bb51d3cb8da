"""Dates written out in Dutch, as readers of the handbook and the guidelines see them."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime

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


def reproducible_today() -> date:
    """Today, or the day of ``SOURCE_DATE_EPOCH`` for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC).date()
    return date.today()
