"""The accessibility statement page, ``/deklaracja-dostepnosci/``, from the settings.

The page follows the structure of the official technical conditions (version 2.0, July 2024):
the element ids that monitoring tools look for (``a11y-wstep``, ``a11y-data-publikacja``, …) and
dates as ``<time datetime="RRRR-MM-DD">``. A fact the office has not given yet is shown as
„do uzupełnienia przez urząd” under the same id, and reported to staff as information.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment
from pydantic import BaseModel

from ngosite.core.limits import PROJECT_FILE
from ngosite.core.problems import Problem, Severity
from ngosite.core.templating import GeneratedPage, environment, page_from_html
from ngosite.core.yaml_source import KeyPath, format_key_path, read_yaml
from ngosite.organisations.registry import Registry
from ngosite.settings.accessibility import (
    PENDING,
    SECTION,
    SETTINGS_FILE,
    STATUSES,
    AccessibilityStatementSettings,
    is_pending,
    pending_fields,
)

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


def statement_problems(root: Path, statement: AccessibilityStatementSettings) -> list[Problem]:
    """One piece of information per fact staff still have to give, pointing at its line."""
    paths = pending_fields(statement)
    if not paths:
        return []
    doc = read_yaml(root / SETTINGS_FILE, SETTINGS_FILE, [], PROJECT_FILE)
    if doc is None or not isinstance(doc.data, dict) or SECTION not in doc.data:
        return [Problem(SETTINGS_FILE, 1, 1, SECTION,
                        "brak sekcji deklaracji dostępności; strona /deklaracja-dostepnosci/ "
                        f"pokazuje „{PENDING}” w miejscu wszystkich danych. Wzór sekcji jest "
                        "w data/gmina.yml projektu", Severity.INFO)]
    problems = []
    for path in paths:
        full = (SECTION, *path)
        line, column = doc.locate(full)
        info = _field_description(statement, path)
        problems.append(Problem(
            SETTINGS_FILE, line, column, format_key_path(full),
            f"{PENDING}: {info}; do tego czasu deklaracja dostępności pokazuje w tym miejscu "
            f"„{PENDING}”", Severity.INFO))
    return problems


def _field_description(model: BaseModel, path: KeyPath) -> str:
    current: object = type(model)
    description = ""
    for part in path:
        if isinstance(part, int) or not isinstance(current, type):
            continue
        fields = {f.alias or n: f for n, f in current.model_fields.items()}
        info = fields.get(str(part))
        if info is None:
            break
        description = info.description or description
        annotation = info.annotation
        args = getattr(annotation, "__args__", ())
        nested = [a for a in (annotation, *args) if isinstance(a, type) and
                  issubclass(a, BaseModel)]
        current = nested[0] if nested else None
    return description.rstrip(".") or "brak opisu pola"
