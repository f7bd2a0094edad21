"""``ngosite krs check``: every entry with a KRS number compared with the register.

Findings become the project's one problem type, located at the entry's line (``ngos/x.yml:5:3:
uwaga: …``), so the text report and GitHub's annotations come from the same printers as
``ngosite validate``. ``--update`` applies the register facts of each finding (never the
description) through the same writer as the import, after showing the diff and checking the
result with the build's rules.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ngosite.core.problems import Problem, Severity, plural
from ngosite.core.yaml_source import SourceDocument, read_yaml
from ngosite.organisations.registry import Entry, Registry

from .client import RegisterClient
from .compare import Finding, KeyPath, compare, fetch_findings
from .entry_files import check_text, entry_text, header_comments, unified_diff
from .faults import BadAnswer, RegisterUnavailable
from .record import parse_current

Say = Callable[[str], None]


@dataclass
class CheckRun:
    problems: list[Problem] = field(default_factory=list)
    updates: dict[str, dict[KeyPath, Any]] = field(default_factory=dict)  # file → changes
    asked: int = 0
    not_asked: int = 0
    stopped: str = ""


def check_registry(registry: Registry, client: RegisterClient, progress: Say) -> CheckRun:
    run = CheckRun()
    entries = [e for e in registry.entries if e.org.identifiers.krs]
    for i, entry in enumerate(entries):
        number = entry.org.identifiers.krs or ""
        progress(f"KRS {number} ({entry.file})…")
        try:
            findings = _findings(entry, number, registry, client)
        except RegisterUnavailable as exc:
            run.not_asked = len(entries) - i
            run.stopped = str(exc)
            break
        run.asked += 1
        doc = read_yaml(registry.root / entry.file, entry.file, [])
        for finding in findings:
            run.problems.append(_problem(doc, entry, number, finding))
            if finding.updates:
                run.updates.setdefault(entry.file, {}).update(finding.updates)
    return run


def _findings(entry: Entry, number: str, registry: Registry,
              client: RegisterClient) -> list[Finding]:
    fetched = client.fetch(number)
    if fetched.state != "found":
        return fetch_findings(fetched)
    try:
        record = parse_current(number, fetched.register or "S", fetched.body)
    except BadAnswer as exc:
        return [Finding("odpowiedz", ("identyfikatory", "krs"),
                        f"{exc.message}; nie porównano wpisu (spróbuj ponownie później)")]
    return compare(entry.org, record, registry.gazetteer)


def _problem(doc: SourceDocument | None, entry: Entry, number: str,
             finding: Finding) -> Problem:
    line, column = doc.locate(finding.key, key=True) if doc else (1, 1)
    severity = Severity.INFO if finding.severity == "info" else Severity.WARNING
    return Problem(entry.file, line, column, "", f"KRS {number}: {finding.message}", severity)


def summary(run: CheckRun, total: int) -> str:
    changed = len({p.file for p in run.problems if p.severity is Severity.WARNING})
    text = (f"Sprawdzono w KRS {run.asked} z {total} "
            f"{plural(total, 'wpisu', 'wpisów', 'wpisów')} z numerem KRS; ze zmianami do "
            f"sprawdzenia: {changed}.")
    if run.not_asked:
        text += (f" Przerwano ({run.stopped}): nie zapytano o {run.not_asked} "
                 f"{plural(run.not_asked, 'wpis', 'wpisy', 'wpisów')}; uruchom polecenie "
                 "ponownie później (sprawdzi wszystkie wpisy od nowa).")
    return text


def planned_changes(registry: Registry, run: CheckRun, today: date
                    ) -> list[tuple[Path, str, str, list[Problem]]]:
    """Per file to update: its path, the diff, the new text and the build's errors about it."""
    planned = []
    for file, updates in sorted(run.updates.items()):
        path = registry.root / file
        old = path.read_text(encoding="utf-8")
        doc = read_yaml(path, file, [])
        if doc is None or not isinstance(doc.data, dict):
            continue
        data = _apply(doc.data, updates)
        new = entry_text(data, header_comments(old))
        errors = [p for p in check_text(new, file, registry.gazetteer, today)
                  if p.severity is Severity.ERROR]
        planned.append((path, unified_diff(old, new, file), new, errors))
    return planned


def _apply(data: dict[str, Any], updates: dict[KeyPath, Any]) -> dict[str, Any]:
    result = {k: (dict(v) if isinstance(v, dict) else v) for k, v in data.items()}
    for path, value in updates.items():
        target = result
        for key in path[:-1]:
            target = target.setdefault(key, {})
        if value is None:
            target.pop(path[-1], None)
        else:
            target[path[-1]] = value
    return result
