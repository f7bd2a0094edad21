"""Rules across event files: two events at one venue at once, the fair entered twice.

Both are warnings: a training in the small hall and a meeting in the big one may share an
address, and staff decide. The message sits on the event that starts later and names the
other file and its times, because the fix is often made there.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ngosite.core.folding import fold
from ngosite.core.polish_dates import polish_date
from ngosite.core.problems import Problem, Severity
from ngosite.core.validate import problem_at
from ngosite.core.yaml_source import SourceDocument

from .event import LoadedEvent


@dataclass(frozen=True)
class Checked:
    """A valid event with the parsed file its problems are located in."""

    loaded: LoadedEvent
    doc: SourceDocument


def venue_key(loaded: LoadedEvent) -> tuple[str, ...] | None:
    """One place, however it is written: the street address, or the venue's name in a village
    without streets."""
    venue = loaded.event.venue
    if venue is None:
        return None
    if venue.street:
        return ("ulica", fold(venue.street), fold(venue.number or ""), fold(venue.locality))
    return ("nazwa", fold(venue.name), fold(venue.locality))


def check_overlaps(events: Sequence[Checked], problems: list[Problem]) -> None:
    by_venue: dict[tuple[str, ...], list[Checked]] = {}
    for checked in events:
        key = venue_key(checked.loaded)
        if key is not None and not checked.loaded.cancelled:
            by_venue.setdefault(key, []).append(checked)
    for group in by_venue.values():
        group.sort(key=lambda c: (c.loaded.start, c.loaded.key))
        for i, later in enumerate(group):
            for earlier in group[:i]:
                if later.loaded.start < earlier.loaded.end:
                    problems.append(_overlap(later, earlier))


def _overlap(later: Checked, earlier: Checked) -> Problem:
    other = earlier.loaded
    when = (f"{polish_date(other.event.start.date())}, {other.event.start:%H:%M}–"
            f"{other.event.end:%H:%M}")
    return problem_at(later.doc, ("poczatek",), (
        f"w tym samym miejscu ({other.event.venue.name}) o tej porze trwa już wydarzenie "  # type: ignore[union-attr]
        f"„{other.event.title}” ({when}, plik {other.file}); zmień godzinę albo miejsce, "
        "chyba że to różne sale"), Severity.WARNING)


def check_fair_copies(events: Iterable[Checked], fair_days: dict[object, str],
                      problems: list[Problem]) -> None:
    """An event of kind ``targi`` on a fair's day is most likely a second copy of the fair,
    which the calendar already shows from ``data/targi/<year>.yml``."""
    for checked in events:
        event = checked.loaded.event
        fair_file = fair_days.get(event.start.date())
        if event.kind == "targi" and fair_file:
            problems.append(problem_at(checked.doc, ("rodzaj",), (
                f"tego dnia są targi opisane w {fair_file}, a kalendarz pokazuje je z tamtego "
                "pliku; usuń ten plik, chyba że to inne targi"), Severity.WARNING))


def check_folder_year(checked: Checked, problems: list[Problem]) -> None:
    loaded = checked.loaded
    if loaded.event.start.year != loaded.year:
        problems.append(problem_at(checked.doc, ("poczatek",), (
            f"wydarzenie z folderu {loaded.year} zaczyna się w {loaded.event.start.year} r.; "
            f"nowe wydarzenie przenieś do folderu wydarzenia/{loaded.event.start.year}/, a "
            "przełożone zostaw, gdzie jest (jego adres i wpis w kalendarzach się nie zmienią)"),
            Severity.INFO))
