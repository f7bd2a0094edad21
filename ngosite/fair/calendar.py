"""The fair as an iCalendar file (``/targi/dzien-organizacji-<year>.ics``): the whole day and
every programme item, in Europe/Warsaw time with its VTIMEZONE, for calendar applications.

UIDs are stable across builds (the year and the item's title), so importing the file again
updates the events instead of duplicating them. The icalendar library escapes commas,
semicolons and new lines in text values.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time
from typing import TYPE_CHECKING

from ngosite.core.folding import fold

from .model import ITEM_KINDS, FairEdition, Item, current_edition

if TYPE_CHECKING:  # imported when a calendar is made: most builds of a region have no fair
    from icalendar import Event

FAIR_URL_PATH = "targi"


def calendar_file(edition: FairEdition) -> str:
    """The file name, beside the page of the current edition (``/targi/``)."""
    return f"dzien-organizacji-{edition.year}.ics"


def fair_calendars(registry: object) -> list[tuple[str, bytes]]:
    """(path in the site, content) of one calendar per edition."""
    fairs = registry.fairs  # type: ignore[attr-defined]
    current = current_edition(fairs)
    return [(f"{FAIR_URL_PATH}/{calendar_file(edition)}",
             edition_calendar(registry, edition, current=edition is current))
            for edition in fairs]


def edition_calendar(registry: object, edition: FairEdition, *, current: bool = True) -> bytes:
    settings = registry.settings  # type: ignore[attr-defined]
    names = {e.slug: e.org.name for e in registry.entries}  # type: ignore[attr-defined]
    fair = edition.fair
    domain = f"teryt-{settings.teryt}.ngosite"
    from icalendar import Calendar

    calendar = Calendar()
    calendar.add("prodid", f"-//{settings.name}//Dzień Organizacji Pozarządowych//PL")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", fair.name)
    calendar.add("x-wr-timezone", "Europe/Warsaw")
    stamp = datetime.combine(edition.today, time(0), UTC)
    place = f"{fair.venue.name}, {fair.venue.address_line()}"
    calendar.add_component(fair_day_event(registry, edition, current=current))

    stages = edition.stage_names()
    used: set[str] = set()
    for item in sorted(fair.programme, key=lambda i: (i.start, i.stage)):
        event = _event(_item_uid(edition, item, used, domain), item.title, edition, item.start,
                       item.end, f"{stages.get(item.stage, item.stage)} – {place}", stamp)
        event.add("description", _item_description(item, names))
        event.add("categories", [ITEM_KINDS[item.kind]])
        event.add("related-to", f"{edition.slug}@{domain}")
        _add_geo(event, edition)
        calendar.add_component(event)
    year = fair.date.year
    calendar.add_missing_timezones(first_date=date(year, 1, 1), last_date=date(year + 1, 1, 1))
    return calendar.to_ical()


def fair_day_uid(registry: object, edition: FairEdition) -> str:
    return f"{edition.slug}@teryt-{registry.settings.teryt}.ngosite"  # type: ignore[attr-defined]


def fair_day_event(registry: object, edition: FairEdition, *, current: bool = True) -> Event:
    """The whole day as one entry: in this file and in the site's calendar of events, which
    shows the fair from its own data under the same UID."""
    fair = edition.fair
    settings = registry.settings  # type: ignore[attr-defined]
    stamp = datetime.combine(edition.today, time(0), UTC)
    page = page_url(settings.site_url, edition, current=current)
    whole = _event(fair_day_uid(registry, edition), fair.name, edition, fair.hours.start,
                   fair.hours.end, f"{fair.venue.name}, {fair.venue.address_line()}", stamp)
    whole.add("description", "\n\n".join(p for p in (fair.description, page and
                                                      f"Program: {page}") if p))
    if page:
        whole.add("url", page)
    _add_geo(whole, edition)
    return whole


def _event(uid: str, summary: str, edition: FairEdition, start: time, end: time,
           location: str, stamp: datetime) -> Event:
    from icalendar import Event

    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("summary", summary)
    event.add("dtstart", edition.at(start))
    event.add("dtend", edition.at(end))
    event.add("location", location)
    return event


def _add_geo(event: Event, edition: FairEdition) -> None:
    # Only a point for the address itself: a village's centre would send navigation astray.
    location = edition.venue_location
    if location is not None and location.precision == "adres":
        event.add("geo", (location.lat, location.lon))


def _item_uid(edition: FairEdition, item: Item, used: set[str], domain: str) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", fold(item.title)).strip("-")[:60] or "punkt"
    uid, n = base, 1
    while uid in used:
        n += 1
        uid = f"{base}-{n}"
    used.add(uid)
    return f"{edition.slug}-{uid}@{domain}"


def _item_description(item: Item, names: dict[str, str]) -> str:
    head = ITEM_KINDS[item.kind]
    if item.organisations:
        head += ". Prowadzi: " + ", ".join(names.get(s, s) for s in item.organisations)
    return "\n\n".join(p for p in (head, item.description) if p)


def page_url(site_url: str | None, edition: FairEdition, *, current: bool) -> str | None:
    """The edition's page as an absolute address (a calendar entry has nothing to be relative
    to), or None while the site has no address (``adres_serwisu`` in data/gmina.yml)."""
    if not site_url:
        return None
    return f"{site_url.rstrip('/')}/{FAIR_URL_PATH}/" + ("" if current else f"{edition.year}/")
