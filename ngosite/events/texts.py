"""How an event's time, place and registration read in Polish: the same words on its page, in
the lists, in calendar entries and on the home page.

Times always say the zone ("czasu polskiego"): a calendar or a reader abroad must not take
10:00 for their own time.
"""

from __future__ import annotations

from datetime import datetime

from ngosite.core.polish_dates import polish_date
from ngosite.fair.pages import fair_day_text

from .event import LoadedEvent
from .model import Registration

ZONE_TEXT = "czasu polskiego"


def day_text(moment: datetime) -> str:
    """``sobota, 20 marca 2027``."""
    return fair_day_text(moment.date())


def when_text(loaded: LoadedEvent) -> str:
    """``sobota, 20 marca 2027, godz. 10:00–15:00 czasu polskiego``; an event over several days
    names both days."""
    start, end = loaded.event.start, loaded.event.end
    if start.date() == end.date():
        return f"{day_text(start)}, godz. {start:%H:%M}–{end:%H:%M} {ZONE_TEXT}"
    return (f"od {day_text(start)}, godz. {start:%H:%M}, do {day_text(end)}, godz. "
            f"{end:%H:%M} {ZONE_TEXT}")


def short_when(loaded: LoadedEvent) -> str:
    """``20 marca 2027, godz. 10:00`` for lists (the zone is said once above the list)."""
    start = loaded.event.start
    return f"{polish_date(start.date())}, godz. {start:%H:%M}"


def place_text(loaded: LoadedEvent) -> str:
    event = loaded.event
    online = ""
    if event.online is not None:
        online = "online" + (f" ({event.online.platform})" if event.online.platform else "")
    if event.venue is None:
        return online[0].upper() + online[1:]
    place = f"{event.venue.name}, {event.venue.address_line()}"
    return f"{place}; także {online}" if online else place


def deadline_text(moment: datetime) -> str:
    if moment.hour == 23 and moment.minute == 59:
        return polish_date(moment.date())
    return f"{polish_date(moment.date())}, godz. {moment:%H:%M}"


def registration_text(registration: Registration) -> str:
    parts = {
        "brak": ["bez zapisów"],
        "email": [f"e-mailem: {registration.email}"],
        "link": [f"przez stronę: {registration.url}"],
    }[registration.method]
    if registration.deadline is not None:
        parts.append(f"do {deadline_text(registration.deadline)}")
    if registration.limit is not None:
        parts.append(f"liczba miejsc: {registration.limit}")
    if registration.note:
        parts.append(registration.note)
    return "; ".join(parts)
