"""``ngosite krs import``: draft entries from the register, one per KRS number.

For each number: ask the register, map the record, check the text with the build's rules and
write ``ngos/<slug>.yml``. An entry that already names the number is never overwritten: the
differences are shown instead. A number that fails (not in the register, removed, a malformed
answer, a seat outside the gmina) is reported and the rest go on; when the register stops
answering, the run stops and says how many numbers were not asked (a re-run resumes: written
entries are then only compared).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ngosite.core.atomic import write_text_atomically
from ngosite.core.problems import Severity, plural
from ngosite.geo.gazetteer import Gazetteer

from .client import RegisterClient
from .entry_files import (
    NGO_FOLDER,
    check_text,
    entry_text,
    files_with_number,
    propose_slug,
    unified_diff,
)
from .faults import BadAnswer, RegisterUnavailable
from .mapping import draft_entry, status_warnings
from .naming import without_status
from .record import RegisterRecord, parse_current

Say = Callable[[str], None]


@dataclass
class ImportRun:
    written: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    not_asked: int = 0
    flagged: list[str] = field(default_factory=list)  # written, but in liquidation or bankruptcy


def clean_numbers(raw: list[str], say: Say) -> tuple[list[str], int]:
    """The numbers as 10 digits (shorter ones padded with zeros), each once, in order, and how
    many were refused. Nothing is asked of the register for a refused one: a minus sign, a
    letter, more than 10 digits or a number of zeros only is a typo, not a query."""
    numbers: list[str] = []
    refused = 0
    for item in raw:
        digits = re.sub(r"[\s]", "", item)
        digits = digits if re.fullmatch(r"\d+(?:-\d+)*", digits) else ""
        digits = digits.replace("-", "")
        if not digits or len(digits) > 10 or not digits.strip("0"):
            say(f"„{item[:30]}”: to nie jest numer KRS (od 1 do 10 cyfr, nie same zera); "
                "pominięto, o nic nie pytając rejestru — popraw numer i uruchom polecenie "
                "ponownie")
            refused += 1
            continue
        number = digits.zfill(10)
        if number not in numbers:
            numbers.append(number)
    return numbers, refused


def import_numbers(root: Path, numbers: list[str], client: RegisterClient,
                   gazetteer: Gazetteer, today: date, say: Say,
                   progress: Say | None = None) -> ImportRun:
    """``say`` gets the results, ``progress`` what the command is waiting for."""
    run = ImportRun()
    for i, number in enumerate(numbers):
        if progress:
            progress(f"KRS {number}: pytam rejestr (na odpowiedź czekam do "
                     f"{max(1, round(client.settings.timeout_s))} s)…")
        try:
            ok = _import_one(root, number, client, gazetteer, today, say, run)
        except RegisterUnavailable as exc:
            run.not_asked = len(numbers) - i
            say(f"KRS {number}: {exc}")
            say(f"Przerwano: nie zapytano o {run.not_asked} "
                f"{plural(run.not_asked, 'numer', 'numery', 'numerów')}. Uruchom polecenie "
                "ponownie później: zapisane już wpisy zostaną tylko porównane z rejestrem.")
            break
        if not ok:
            run.failed.append(number)
    return run


def _import_one(root: Path, number: str, client: RegisterClient, gazetteer: Gazetteer,
                today: date, say: Say, run: ImportRun) -> bool:
    fetched = client.fetch(number)
    if fetched.state == "not_found":
        say(f"KRS {number}: nie ma takiego numeru w rejestrze (ani S, ani P); nie utworzono "
            "wpisu")
        return False
    if fetched.state == "removed":
        say(f"KRS {number}: organizacja została wykreślona z rejestru; nie utworzono wpisu")
        return False
    try:
        record = parse_current(number, fetched.register or "S", fetched.body)
    except BadAnswer as exc:
        say(f"KRS {number}: {exc.message}; nie utworzono wpisu (spróbuj ponownie później)")
        return False
    draft = draft_entry(record, gazetteer, today)
    text = entry_text(draft.entry)
    existing = files_with_number(root, number)
    if existing:
        _show_existing(root, number, existing[0], text, say)
        _warn_status(record, existing[0].relative_to(root).as_posix(), say, run)
        return True
    if not draft.locality_found:
        say(f"KRS {number}: {draft.notes[-1]}. Nie utworzono wpisu: katalog obejmuje "
            "organizacje z gminy; jeśli organizacja działa w gminie, dodaj ją przez formularz "
            "z adresem miejsca działania")
        return False
    taken = {p.stem for p in (root / NGO_FOLDER).glob("*.y*ml")}
    slug = propose_slug(without_status(draft.entry["nazwa"]), taken)
    name = f"{NGO_FOLDER}/{slug}.yml"
    errors = [p for p in check_text(text, name, gazetteer, today)
              if p.severity is Severity.ERROR]
    if errors:
        say(f"KRS {number}: wpis nie przeszedłby sprawdzenia, więc go nie zapisano:")
        for problem in errors:
            say(f"  {problem}")
        return False
    write_text_atomically(root / name, text)
    run.written.append(name)
    say(f"KRS {number}: zapisano {name} ({draft.entry['nazwa']}, rejestr {record.register})")
    for note in draft.notes:
        say(f"  uwaga: {note}")
    _warn_status(record, name, say, run)
    return True


def _warn_status(record: RegisterRecord, name: str, say: Say, run: ImportRun) -> None:
    warnings = status_warnings(record)
    if warnings:
        run.flagged.append(name)
        say(f"  UWAGA: według KRS organizacja {' i '.join(warnings)}; ustalcie z nią, czy "
            f"nadal działa, zanim zatwierdzicie wpis {name}")


def _show_existing(root: Path, number: str, path: Path, text: str, say: Say) -> bool:
    name = path.relative_to(root).as_posix()
    diff = unified_diff(path.read_text(encoding="utf-8"), text, name)
    say(f"KRS {number}: wpis już jest ({name}); nie nadpisano go. Różnice między nim a danymi "
        "z rejestru (opis i obszary to szkic, nie zmiany):")
    say(diff.rstrip("\n") or "  (brak różnic)")
    return True
