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

import yaml

from ngosite.core.problems import Problem, Severity, plural
from ngosite.core.yaml_source import SourceDocument, read_yaml
from ngosite.organisations.registry import Entry, Registry

from .client import RegisterClient
from .compare import Finding, KeyPath, compare, fetch_findings
from .entry_edit import EditError, edit_entry
from .entry_files import check_text, unified_diff
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
    """Per file to update: its path, the diff, the new text and the build's errors about it,
    including a NIP, REGON or KRS another entry already has (each file alone would pass)."""
    planned = []
    taken = _identifiers_in_use(registry)
    for file, updates in sorted(run.updates.items()):
        path = registry.root / file
        old = path.read_text(encoding="utf-8")
        try:
            new = edit_entry(old, {tuple(str(k) for k in key): value
                                   for key, value in updates.items()})
        except (EditError, yaml.YAMLError) as exc:
            planned.append((path, "", old, [Problem(file, 1, 1, "", f"nie można bezpiecznie "
                                                    f"zmienić pliku ({exc}); popraw go ręcznie")]))
            continue
        errors = [p for p in check_text(new, file, registry.gazetteer, today)
                  if p.severity is Severity.ERROR]
        errors += _taken_elsewhere(file, new, taken)
        planned.append((path, unified_diff(old, new, file), new, errors))
    return planned


def _identifiers_in_use(registry: Registry) -> dict[tuple[str, str], str]:
    """(kind, number) → the file that has it, for every valid entry."""
    taken: dict[tuple[str, str], str] = {}
    for entry in registry.entries:
        for key in ("krs", "nip", "regon"):
            value = getattr(entry.org.identifiers, key)
            if value:
                taken.setdefault((key, value), entry.file)
    return taken


def _taken_elsewhere(file: str, text: str, taken: dict[tuple[str, str], str]) -> list[Problem]:
    """Errors for numbers of ``text`` another file has; records this file's numbers, so two
    files updated in one run cannot end up with the same one either."""
    data = yaml.safe_load(text)
    ids = data.get("identyfikatory") if isinstance(data, dict) else None
    problems = []
    for key in ("krs", "nip", "regon"):
        value = str(ids.get(key) or "") if isinstance(ids, dict) else ""
        if not value:
            continue
        owner = taken.setdefault((key, value), file)
        if owner != file:
            line = next((n for n, row in enumerate(text.splitlines(), start=1)
                         if row.lstrip().startswith(f"{key}:")), 1)
            problems.append(Problem(file, line, 1, f"identyfikatory.{key}",
                                    f"{key.upper()} {value} z KRS jest już we wpisie {owner}: "
                                    "to może być ta sama organizacja zapisana dwa razy albo "
                                    "pomyłka w rejestrze; sprawdź oba wpisy i popraw je ręcznie"))
    return problems
