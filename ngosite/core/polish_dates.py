"""Dates as Polish readers write them: ``26 listopada 2026`` (month in the genitive)."""

from __future__ import annotations

from datetime import date

MONTHS_GENITIVE = ("stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca",
                   "sierpnia", "września", "października", "listopada", "grudnia")


def polish_date(day: date) -> str:
    return f"{day.day} {MONTHS_GENITIVE[day.month - 1]} {day.year}"
