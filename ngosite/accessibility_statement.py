"""The accessibility statement page, ``/deklaracja-dostepnosci/``, from the settings.

The page follows the structure of the official technical conditions (version 2.0, July 2024):
the element ids that monitoring tools look for (``a11y-wstep``, ``a11y-data-publikacja``, …) and
dates as ``<time datetime="RRRR-MM-DD">``. A fact the office has not given yet is shown as
„do uzupełnienia przez urząd” under the same id, and reported to staff as information.
"""

from __future__ import annotations

from jinja2 import Environment

from .accessibility_settings import PENDING, STATUSES, is_pending, pending_fields
from .registry import Registry
from .templating import GeneratedPage, environment, page_from_html

PATH = "deklaracja-dostepnosci"


def _environment() -> Environment:
    env = environment()
    env.tests.setdefault("pending", is_pending)
    return env


def statement_page(registry: Registry) -> GeneratedPage:
    settings = registry.settings
    statement = settings.accessibility
    phone = statement.phone
    digits = "".join(c for c in phone if c.isdigit() or c == "+")
    body = _environment().get_template("accessibility_statement.html").render(
        PENDING=PENDING,
        s=statement,
        missing=bool(pending_fields(statement)),
        office=settings.office.name,
        site_url=settings.site_url or "../",
        site_title=f"Organizacje pozarządowe w {settings.name_locative}",
        status_label=STATUSES.get(statement.status, ""),
        phone_href=digits if digits.startswith("+") else f"+48{digits}",
    )
    # A blank line would end MkDocs' raw HTML block; the statement has no <pre>.
    body = "\n".join(line for line in body.splitlines() if line.strip())
    return page_from_html(f"{PATH}.md", "Deklaracja dostępności", body)
