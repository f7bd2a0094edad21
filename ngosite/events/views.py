"""What the templates get for an event: Python builds the context, templates make the HTML.

The build renders every date-dependent part as of the build date (``NGOSITE_TODAY``); each such
part carries the instants it depends on (``data-pokaz-od`` / ``data-pokaz-do``), and
``docs/assets/js/events.js`` shows or hides it by the visitor's clock. Without JavaScript the
page says the date it was computed on.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from ngosite.core.polish_dates import polish_date
from ngosite.fair.model import FairEdition, current_edition
from ngosite.organisations.registry import Registry

from .event import LoadedEvent
from .model import KINDS, OFFICE, STATUSES
from .texts import place_text, short_when, when_text

SCRIPT = "assets/js/events.js"


@dataclass(frozen=True)
class Link:
    text: str
    href: str


@dataclass(frozen=True)
class Window:
    """A part of a page shown from ``start`` until ``end`` (either may be open)."""

    start: str  # ISO instant, or ""
    end: str
    shown: bool  # as of the build

    @classmethod
    def of(cls, now: datetime, start: datetime | None = None,
           end: datetime | None = None) -> Window:
        shown = (start is None or start <= now) and (end is None or now < end)
        return cls(start.isoformat(timespec="minutes") if start else "",
                   end.isoformat(timespec="minutes") if end else "", shown)


def iso(moment: datetime) -> str:
    return moment.isoformat(timespec="minutes")


def organiser_links(registry: Registry, loaded: LoadedEvent, up: str) -> list[Link]:
    links = []
    for who in loaded.organisers():
        if who == OFFICE:
            links.append(Link(registry.settings.office.name, ""))
        elif (entry := registry.by_slug.get(who)) is not None:
            links.append(Link(entry.org.name, f"{up}organizacje/{who}/"))
    return links


def item_view(loaded: LoadedEvent, up: str, now: datetime, *,
              archive: bool = False) -> dict[str, object]:
    """One event in a list: upcoming lists show it until it ends, the archive after."""
    event = loaded.event
    return {
        "key": loaded.key,
        "title": event.title,
        "href": f"{up}{loaded.page_dir}",
        "kind": event.kind,
        "kind_label": loaded.kind.label,
        "when": short_when(loaded),
        "start_iso": iso(loaded.start),
        "place": place_text(loaded),
        "status": event.status,
        "status_label": STATUSES[event.status] if event.status != "planowane" else "",
        "sample": event.sample,
        "window": Window.of(now, start=loaded.end) if archive else Window.of(now, end=loaded.end),
    }


def fair_item_view(edition: FairEdition, current: bool, up: str, now: datetime, *,
                   archive: bool = False) -> dict[str, object]:
    """A fair's day in the lists of events, from the fair's own data, linking to its page."""
    fair = edition.fair
    start, end = edition.at(fair.hours.start), edition.at(fair.hours.end)
    return {
        "key": f"targi/{edition.year}",
        "title": fair.name,
        "href": f"{up}targi/" + ("" if current else f"{edition.year}/"),
        "kind": "targi",
        "kind_label": KINDS["targi"].label,
        "when": f"{polish_date(fair.date)}, godz. {fair.hours.start:%H:%M}",
        "start_iso": iso(start),
        "place": f"{fair.venue.name}, {fair.venue.address_line()}",
        "status": "planowane",
        "status_label": "",
        "sample": False,
        "window": Window.of(now, start=end) if archive else Window.of(now, end=end),
    }


def timeline(events: Iterable[LoadedEvent], fairs: Iterable[FairEdition], up: str,
             now: datetime, *, archive: bool = False) -> list[dict[str, object]]:
    """Events and fair days as list items, in order of start."""
    rows: list[tuple[datetime, str, dict[str, object]]] = [
        (e.start, e.key, item_view(e, up, now, archive=archive)) for e in events]
    fairs = tuple(fairs)
    current = current_edition(fairs) if fairs else None
    rows += [(f.at(f.fair.hours.start), f"targi/{f.year}",
              fair_item_view(f, f is current, up, now, archive=archive)) for f in fairs]
    return [row for _, _, row in sorted(rows, key=lambda r: (r[0], r[1]))]


def full_when(loaded: LoadedEvent) -> str:
    return when_text(loaded)


def as_of_text(now: datetime) -> str:
    return polish_date(now.date())
