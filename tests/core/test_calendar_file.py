"""The zone is spliced into each calendar's bytes (made once per span of years): the file must
be byte for byte what putting the VTIMEZONE first among the calendar's components gives."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from icalendar import Event, Timezone

from ngosite.core.calendar_file import ZONE, finish, new_calendar


def _calendar(events: int):
    calendar = new_calendar("-//test//PL", "Kalendarz", refresh_hours=12 if events else None)
    for n in range(events):
        event = Event()
        event.add("uid", f"wydarzenie-{n}@example.org")
        event.add("summary", f"Spotkanie {n}: ąęłśżźćńó")
        event.add("dtstart", datetime(2027, 3 + n, 28, 1, 30, tzinfo=ZoneInfo(ZONE)))
        calendar.add_component(event)
    return calendar


def _zone_inserted_first(calendar, first_year: int, last_year: int) -> bytes:
    from datetime import date

    zone = Timezone.from_tzid(ZONE, first_date=date(first_year, 1, 1),
                              last_date=date(last_year + 1, 1, 1))
    calendar.subcomponents.insert(0, zone)
    return calendar.to_ical()


@pytest.mark.parametrize("events", [0, 1, 3])
@pytest.mark.parametrize("years", [(2027, 2027), (2026, 2045)])
def test_the_spliced_zone_gives_the_file_the_zone_put_first_gives(events: int,
                                                                   years: tuple[int, int]):
    assert finish(_calendar(events), *years) == _zone_inserted_first(_calendar(events), *years)


def test_a_calendar_that_has_its_zone_gets_no_second_one():
    calendar = _calendar(1)
    with_zone = _zone_inserted_first(calendar, 2027, 2027)
    assert finish(calendar, 2027, 2027) == with_zone
    assert with_zone.count(b"BEGIN:VTIMEZONE") == 1
