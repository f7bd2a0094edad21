"""``ngosite events``: the sequence record of the calendar and the event files' schema.

``sequence`` shows which calendar entries changed since the record ``wydarzenia/sekwencje.yml``
was written; with ``--write`` it raises their SEQUENCE and records new ones, so subscribers'
calendars take the change. Staff run it after adding or changing an event (the build warns
until they do). ``schema`` prints or writes the JSON Schema of an event file.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ngosite.core.atomic import write_text_atomically
from ngosite.core.problems import Severity, format_text
from ngosite.events.load import event_entry, fair_entries
from ngosite.events.schema import schema_json
from ngosite.events.sequence import (
    RECORD_FILE,
    Entry,
    Recorded,
    read_record,
    updated_record,
    write_record,
)
from ngosite.pipeline import load_registry


def add_parser(sub: argparse._SubParsersAction) -> None:
    events = sub.add_parser("events", help="wydarzenia: numery wersji w kalendarzu, schemat")
    actions = events.add_subparsers(dest="events_command", required=True)
    sequence = actions.add_parser(
        "sequence", help=f"pokaż zmienione wydarzenia; z --write zapisz {RECORD_FILE}")
    sequence.add_argument("--write", action="store_true",
                          help=f"podnieś numery zmienionych wydarzeń i zapisz {RECORD_FILE}")
    schema = actions.add_parser("schema", help="wypisz JSON Schema pliku wydarzenia")
    schema.add_argument("--output", type=Path, help="zapisz do pliku zamiast na ekran")


def run(root: Path, args: argparse.Namespace) -> int:
    if args.events_command == "schema":
        if args.output:
            write_text_atomically(args.output, schema_json())
        else:
            sys.stdout.write(schema_json())
        return 0
    registry = load_registry(root)
    broken = [p for p in registry.problems if p.severity is Severity.ERROR
              and (p.file.startswith("wydarzenia/") or p.file.startswith("data/targi/"))]
    if broken:
        print(format_text(broken))
        print("\nNajpierw popraw błędy w plikach wydarzeń: numery zapisuje się dla poprawnych "
              "plików.", file=sys.stderr)
        return 1
    entries: list[Entry] = [event_entry(e) for e in registry.events]
    entries += fair_entries(registry.fairs)
    problems: list = []
    record = read_record(root, problems)
    if problems:
        print(format_text(problems))
        return 1
    updated = updated_record(entries, record)
    changed = [e for e in entries if _numbered(record.get(e.key)) != _numbered(updated[e.key])]
    # Title and times recorded for the first time (to cancel a deleted event): no new number.
    completed = any(record.get(e.key) != updated[e.key] for e in entries)
    for entry in entries:
        state = "bez zmian" if entry not in changed else (
            "nowe" if entry.key not in record else "zmienione")
        print(f"{entry.file}\tsekwencja {updated[entry.key].sequence}\t{state}")
    if args.write and (completed or not (root / RECORD_FILE).is_file()):
        write_record(root, updated)
        print(f"\nZapisano {RECORD_FILE} (zmienione wpisy: {len(changed)}).", file=sys.stderr)
    elif changed:
        print(f"\nZmienione wpisy: {len(changed)}. Zapisz je: ngosite events sequence --write",
              file=sys.stderr)
    return 0


def _numbered(recorded: Recorded | None) -> tuple[int, str] | None:
    return (recorded.sequence, recorded.checksum) if recorded else None
