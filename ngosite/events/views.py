"""What the templates get for an event: Python builds the context, templates make the HTML.

The build renders every date-dependent part as of the build date (``NGOSITE_TODAY``); each such
part carries the instants it depends on (``data-pokaz-od`` / ``data-pokaz-do``), and
``docs/assets/js/events.js`` shows or hides it by the visitor's clock. Without JavaScript the
page says the date it was computed on.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ngosite.core.polish_dates import polish_date
from ngosite.organisations.registry import Registry

from .event import LoadedEvent
from .model import OFFICE, STATUSES
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


def full_when(loaded: LoadedEvent) -> str:
    return when_text(loaded)


def as_of_text(now: datetime) -> str:
    return polish_date(now.date())
