"""The events as iCalendar: one file per event and the feeds people subscribe to.

Feeds: ``/wydarzenia/wydarzenia.ics`` (everything) and one per kind (``szkolenia.ics``…), each
published even while empty, so a subscription made today gets tomorrow's events. Every feed
keeps past and cancelled events: a cancelled event is sent as STATUS:CANCELLED (and "ODWOŁANE"
in its title, for applications that ignore the status) instead of vanishing, which would leave
it in subscribers' calendars. The fair's day comes from the fair's own data, under the UID of
its own calendar file.

UIDs come from the event's address (year and file name), never from its position or the build;
SEQUENCE from the committed record (``sequence.py``). Times carry ``TZID=Europe/Warsaw`` with
the zone's VTIMEZONE. The page's address is in DESCRIPTION as well as URL: calendar
applications tend to ignore URL.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, time
from typing import TYPE_CHECKING

from ngosite.core.calendar_file import finish, new_calendar
from ngosite.core.markdown_text import plain_text
from ngosite.fair.calendar import fair_day_event
from ngosite.fair.model import FairEdition, current_edition
from ngosite.organisations.registry import Registry

from .event import EVENTS_DIR, TIMEZONE, LoadedEvent, as_events
from .model import KINDS
from .sequence import Removed
from .texts import place_text, registration_text, when_text

if TYPE_CHECKING:
    from icalendar import Event

REFRESH_HOURS = 12
STATUS = {"planowane": "CONFIRMED", "odwolane": "CANCELLED", "przelozone": "TENTATIVE"}
TITLE_PREFIX = {"planowane": "", "odwolane": "ODWOŁANE: ", "przelozone": "PRZEŁOŻONE: "}
RECORD_TIME = "%Y-%m-%d %H:%M"


def feed_file(kind: str | None) -> str:
    """The path of a feed in the site: all events, or one kind's."""
    return f"{EVENTS_DIR}/{KINDS[kind].path if kind else EVENTS_DIR}.ics"


def domain(registry: Registry) -> str:
    return f"teryt-{registry.settings.teryt}.ngosite"


def page_address(registry: Registry, loaded: LoadedEvent) -> str | None:
    site = registry.settings.site_url
    return f"{site.rstrip('/')}/{loaded.page_dir}" if site else None


def calendar_files(registry: Registry) -> list[tuple[str, bytes]]:
    """(path, content) of every event's own file and of every feed."""
    events = as_events(registry.events)
    if not events and not events.removed and not registry.fairs:
        return []
    # Each written once: an event is in its own file, the feed of everything and its kind's.
    entries = {e.key: event_entry(registry, e).to_ical() for e in events}
    gone = {r.key: removed_entry(registry, r).to_ical() for r in events.removed}
    fairs = [(f, _fair_entry(registry, f).to_ical()) for f in registry.fairs
             if f.year in events.fair_sequences]
    files = [(e.ics_file, _calendar(registry, e.event.title, [entries[e.key]], [e]))
             for e in events]
    # A deleted event's own file stays too: whoever downloaded it can learn it is cancelled.
    files += [(_removed_file(r), _calendar(registry, r.facts.title, [gone[r.key]], [],
                                           years=[_start(r).year])) for r in events.removed]
    everything = [*entries.values(), *gone.values(), *(entry for _, entry in fairs)]
    files.append((feed_file(None), _calendar(registry, _feed_name(registry, None), everything,
                                             events, refresh=True)))
    for kind in KINDS:
        chosen = [e for e in events if e.event.kind == kind]
        extra = [entry for _, entry in fairs] if kind == "targi" else []
        extra += [gone[r.key] for r in events.removed if r.facts.kind == kind]
        files.append((feed_file(kind), _calendar(
            registry, _feed_name(registry, kind), [entries[e.key] for e in chosen] + extra,
            chosen, refresh=True)))
    return files


def removed_entry(registry: Registry, removed: Removed) -> Event:
    """A deleted event, cancelled: its UID, one sequence higher, its recorded title and times."""
    from icalendar import Event

    year, slug = removed.key.split("/", 1)
    entry = Event()
    entry.add("uid", f"wydarzenie-{year}-{slug}@{domain(registry)}")
    entry.add("sequence", removed.sequence)
    entry.add("dtstamp", datetime.combine(as_events(registry.events).today, time(0), UTC))
    entry.add("summary", TITLE_PREFIX["odwolane"] + removed.facts.title)
    entry.add("status", STATUS["odwolane"])
    entry.add("dtstart", _start(removed))
    entry.add("dtend", datetime.strptime(removed.facts.end, RECORD_TIME).replace(
        tzinfo=TIMEZONE))
    if removed.facts.kind in KINDS:
        entry.add("categories", [KINDS[removed.facts.kind].label])
    entry.add("description", "Wydarzenie odwołano; nie ma go już w serwisie.")
    return entry


def _start(removed: Removed) -> datetime:
    return datetime.strptime(removed.facts.start, RECORD_TIME).replace(tzinfo=TIMEZONE)


def _removed_file(removed: Removed) -> str:
    year, slug = removed.key.split("/", 1)
    return f"{EVENTS_DIR}/{year}/{slug}/{slug}.ics"


def _feed_name(registry: Registry, kind: str | None) -> str:
    what = KINDS[kind].plural if kind else "Wydarzenia"
    return f"{what} – {registry.settings.name}"


def _calendar(registry: Registry, name: str, components: list[bytes],
              events: Iterable[LoadedEvent], *, refresh: bool = False,
              years: list[int] | None = None) -> bytes:
    """A calendar of ``components``, each a VEVENT written already."""
    calendar = new_calendar(f"-//{registry.settings.name}//Wydarzenia//PL", name,
                            refresh_hours=REFRESH_HOURS if refresh else None)
    removed = [_start(r).year for r in as_events(registry.events).removed]
    years = (years or []) + [e.start.year for e in events] + [f.year for f in registry.fairs] \
        + [as_events(registry.events).today.year] + removed
    return finish(calendar, min(years), max(years) + 1, components)


def event_entry(registry: Registry, loaded: LoadedEvent) -> Event:
    """The VEVENT of one event, the same in its own file and in every feed."""
    from icalendar import Event

    event, entry = loaded.event, Event()
    entry.add("uid", loaded.uid(domain(registry)))
    entry.add("sequence", loaded.sequence)
    entry.add("dtstamp", datetime.combine(as_events(registry.events).today, time(0), UTC))
    entry.add("summary", TITLE_PREFIX[event.status] + event.title)
    entry.add("status", STATUS[event.status])
    entry.add("dtstart", loaded.start)
    entry.add("dtend", loaded.end)
    entry.add("location", place_text(loaded))
    entry.add("categories", [loaded.kind.label])
    entry.add("description", _description(registry, loaded))
    page = page_address(registry, loaded)
    if page:
        entry.add("url", page)
    location = loaded.exact_point
    if location is not None:
        entry.add("geo", (location.lat, location.lon))
    return entry


def _description(registry: Registry, loaded: LoadedEvent) -> str:
    event = loaded.event
    parts = [f"{loaded.kind.label}, {when_text(loaded)}."]
    if event.status_note:
        parts.append(f"{'Odwołane' if loaded.cancelled else 'Przełożone'}: {event.status_note}")
    if event.audience:
        parts.append(f"Dla kogo: {event.audience}")
    if event.description:
        parts.append(plain_text(event.description))
    if event.online is not None:
        online = [f"Online{f' ({event.online.platform})' if event.online.platform else ''}"]
        online += [text for text in (event.online.url, event.online.note) if text]
        parts.append(": ".join(online[:1]) + (" – " + " ".join(online[1:]) if online[1:]
                                               else ""))
    if event.registration is not None:
        parts.append(f"Zapisy: {registration_text(event.registration)}")
    page = page_address(registry, loaded)
    # Without the site's address (adres_serwisu) only the path can be given.
    parts.append(f"Szczegóły: {page or '/' + loaded.page_dir}")
    return "\n\n".join(parts)


def _fair_entry(registry: Registry, edition: FairEdition) -> Event:
    current = edition is current_edition(registry.fairs)
    entry = fair_day_event(registry, edition, current=current)
    entry.add("sequence", as_events(registry.events).fair_sequences.get(edition.year, 0))
    entry.add("status", "CONFIRMED")
    entry.add("categories", [KINDS["targi"].label])
    return entry


__all__ = ["calendar_files", "event_entry", "feed_file", "removed_entry"]
