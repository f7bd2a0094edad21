"""The date the site is built "as of": today, unless ``NGOSITE_TODAY`` fixes it.

Pages that depend on the date (a consultation that is open until a day, a report published on a
day) must be reproducible in tests and previewable ("what will the site say on 1 December?"):
set ``NGOSITE_TODAY=2026-12-01`` for the build.
"""

from __future__ import annotations

import os
from datetime import date

ENVIRONMENT_VARIABLE = "NGOSITE_TODAY"


class BadBuildDate(ValueError):
    """``NGOSITE_TODAY`` is set but is not an ISO date."""


def build_date() -> date:
    """``NGOSITE_TODAY`` (RRRR-MM-DD) when set, else the real date."""
    value = os.environ.get(ENVIRONMENT_VARIABLE, "").strip()
    if not value:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise BadBuildDate(
            f"zmienna {ENVIRONMENT_VARIABLE}={value!r} nie jest datą; wpisz ją w formacie "
            "RRRR-MM-DD, np. 2026-11-26, albo usuń zmienną") from None
