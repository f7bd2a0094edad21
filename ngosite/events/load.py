"""Load every ``wydarzenia/<rok>/<slug>.yml`` into valid events, with their sequence numbers.

Called once by ``load_registry`` after the NGOs, the fair and the documents, because an event
names NGOs, documents and their versions; its venue is placed by the same Locator as an NGO's
address. Problems go to the registry's one list; an event with errors is left out of the site
and every other event stays.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from ngosite.core.problems import Problem, Severity, relative_name, with_guide
from ngosite.core.validate import validate_document
from ngosite.core.yaml_source import read_yaml
from ngosite.fair.load import check_venue_locality
from ngosite.fair.rules import KnownNgos
from ngosite.geo.gazetteer import Gazetteer
from ngosite.geo.geocode import Locator
from ngosite.organisations.rules import SLUG_PATTERN

from .across import Checked, check_fair_copies, check_folder_year, check_overlaps
from .event import EVENTS_DIR, Events, LoadedEvent
from .model import Event
from .rules import GUIDE, Context, KnownDocuments, check_event, parts_of, salvage
from .sequence import (
    RECORD_FILE,
    Entry,
    Facts,
    Removed,
    content_checksum,
    read_record,
    sequences,
    vanished,
)

_YEAR = re.compile(r"20[0-9]{2}")


def load_events(root: Path, entries: Iterable[object], documents: Iterable[object],
                fairs: Iterable[object], gazetteer: Gazetteer, locator: Locator, today: date,
                problems: list[Problem]) -> Events:
    """Every valid event, in order of start, each with its venue's point and its sequence."""
    folder = root / EVENTS_DIR
    fairs = tuple(fairs)
    if not folder.is_dir():  # no events: no calendar of events, the fair keeps its own file
        return Events(today=today)
    context = Context(root, KnownNgos.of(entries, root), KnownDocuments.of(documents), today)
    checked: list[Checked] = []
    for path in _event_files(root, folder, problems):
        loaded = _load_one(root, path, context, gazetteer, problems)
        if loaded is not None:
            checked.append(loaded)
    check_overlaps(checked, problems)
    check_fair_copies(checked, {f.fair.date: f.file for f in fairs},  # type: ignore[attr-defined]
                      problems)
    for one in checked:
        check_folder_year(one, problems)
    record = read_record(root, problems)
    entries = [event_entry(c.loaded) for c in checked]
    numbers = sequences(entries, record, problems)
    removed: list[Removed] = []
    if not any(p.severity is Severity.ERROR and p.file.startswith(EVENTS_DIR) for p in problems):
        removed = vanished(entries, record, problems)  # a broken file is not a deleted one
    placed = [_placed(dataclasses.replace(c.loaded, sequence=numbers[c.loaded.key]), locator)
              for c in checked]
    return Events(placed, today=today, removed=removed,
                  fair_sequences=_fair_sequences(root, fairs, problems, record))


def event_entry(loaded: LoadedEvent) -> Entry:
    """The event in the sequence record, with what it takes to cancel it later."""
    event = loaded.event
    facts = Facts(event.title, event.kind, f"{event.start:%Y-%m-%d %H:%M}",
                  f"{event.end:%Y-%m-%d %H:%M}")
    return Entry(loaded.key, loaded.file, loaded.checksum, facts)


def fair_entries(fairs: Iterable[object]) -> list[Entry]:
    """The fair's editions in the sequence record: the fair is in the events' feeds."""
    return [Entry(f"targi/{f.year}", f.file, content_checksum(f.fair))  # type: ignore[attr-defined]
            for f in fairs]


def _fair_sequences(root: Path, fairs: tuple[object, ...], problems: list[Problem],
                    record: dict) -> dict[int, int]:
    # The fair's file is planned by its own guide: a new edition is only mentioned (INFO).
    numbers = sequences(fair_entries(fairs), record, problems, unrecorded=Severity.INFO)
    return {f.year: numbers[f"targi/{f.year}"] for f in fairs}  # type: ignore[attr-defined]


def _event_files(root: Path, folder: Path, problems: list[Problem]) -> list[Path]:
    files: list[Path] = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or relative_name(path, root) == RECORD_FILE:
            continue
        if path.is_dir() and _YEAR.fullmatch(path.name):
            files.extend(p for p in sorted(path.iterdir())
                         if p.suffix in (".yml", ".yaml") and not p.name.startswith("."))
        elif path.suffix != ".md":  # a README beside the years is fine
            problems.append(Problem(relative_name(path, root), 1, 1, "", (
                f"w {EVENTS_DIR}/ są tylko foldery lat (np. {EVENTS_DIR}/2027/) i plik "
                f"{RECORD_FILE}; przenieś ten plik do folderu roku, w którym odbywa się "
                "wydarzenie"), Severity.WARNING))
    return files


def _load_one(root: Path, path: Path, context: Context, gazetteer: Gazetteer,
              problems: list[Problem]) -> Checked | None:
    name = relative_name(path, root)
    before = len(problems)
    if not SLUG_PATTERN.fullmatch(path.stem):
        problems.append(Problem(name, 1, 1, "", (
            f"nazwa pliku „{path.name}” nie nadaje się na adres strony: używaj małych liter bez "
            "polskich znaków, cyfr i pojedynczych myślników, np. "
            f"{EVENTS_DIR}/2027/szkolenie-konsultacje.yml")))
    doc = read_yaml(path, name, problems)
    event = None
    if doc is not None:
        event = validate_document(doc, Event, problems)
        parts = parts_of(event) if event is not None else salvage(doc.data)
        check_event(doc, parts, path.parent.relative_to(root).as_posix(), context, problems)
        check_venue_locality(doc, gazetteer, problems)
    problems[before:] = [with_guide(p, GUIDE) for p in problems[before:]]
    if event is None or doc is None or any(p.severity is Severity.ERROR
                                           for p in problems[before:]):
        return None
    loaded = LoadedEvent(year=int(path.parent.name), slug=path.stem, file=name, event=event,
                         checksum=content_checksum(event),
                         venue_mark=doc.locate(("miejsce",), key=True))
    return Checked(loaded, doc)


def _placed(loaded: LoadedEvent, locator: Locator) -> LoadedEvent:
    placeable = loaded.placeable()
    if placeable is None:
        return loaded
    reported = len(locator.problems)
    location = locator.locate(placeable)
    # The Locator names the NGO field "adres"; a venue's address is under "miejsce".
    locator.problems[reported:] = [dataclasses.replace(p, key="miejsce")
                                   for p in locator.problems[reported:]]
    return dataclasses.replace(loaded, venue_location=location)


__all__ = ["fair_entries", "load_events"]
