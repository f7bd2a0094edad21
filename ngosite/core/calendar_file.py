"""What every iCalendar file of the site shares: the header and the Europe/Warsaw zone.

Used by the fair's calendar and the events' files and feeds. Times are written with
``TZID=Europe/Warsaw`` and the file carries that zone's VTIMEZONE (RFC 5545 §3.6.5), built from
the tz database for the years the file covers, so a calendar application that does not know
the zone by name still reads the right local time. A feed with no events yet still has the
VTIMEZONE: a calendar needs at least one component.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported when a calendar is made: most builds of a region have none
    from icalendar import Calendar

ZONE = "Europe/Warsaw"


def new_calendar(prodid: str, name: str, *, refresh_hours: int | None = None) -> Calendar:
    """An empty calendar to PUBLISH; ``refresh_hours`` for a feed people subscribe to."""
    from icalendar import Calendar

    calendar = Calendar()
    calendar.add("prodid", prodid)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", ZONE)
    if refresh_hours:
        # RFC 7986 and its older Microsoft spelling; clients may ignore both (iOS does).
        calendar.add("refresh-interval", _hours(refresh_hours), parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", f"PT{refresh_hours}H")
    return calendar


def _hours(hours: int):  # type: ignore[no-untyped-def]
    from datetime import timedelta

    return timedelta(hours=hours)


def finish(calendar: Calendar, first_year: int, last_year: int,
           events: Sequence[bytes] = ()) -> bytes:
    """The file's bytes (CRLF line ends, folded lines) with the zone's VTIMEZONE covering
    ``first_year``…``last_year`` as its first component, and then ``events``: components
    written already (``to_ical()``), in order.

    The zone is made and written once per span of years and put in its place in the written
    file: every event has a file of its own, and building and writing the same twenty years of
    summer time for each was most of the time of a thousand events' files. An event is in its
    own file and in two feeds: it is written once, not three times."""
    text = calendar.to_ical()
    end = text.rindex(b"END:VCALENDAR")
    text = text[:end] + b"".join(events) + text[end:]
    if any(c.name == "VTIMEZONE" for c in calendar.subcomponents):
        return text
    first = text.find(b"\r\nBEGIN:", len(b"BEGIN:VCALENDAR"))
    at = (first if first >= 0 else text.rindex(b"\r\nEND:VCALENDAR")) + 2
    return text[:at] + _zone(first_year, last_year) + text[at:]


@lru_cache(maxsize=64)
def _zone(first_year: int, last_year: int) -> bytes:
    from icalendar import Timezone

    return Timezone.from_tzid(ZONE, first_date=date(first_year, 1, 1),
                              last_date=date(last_year + 1, 1, 1)).to_ical()
