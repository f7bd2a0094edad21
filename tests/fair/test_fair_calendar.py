"""The fair's iCalendar file, parsed back with icalendar and checked item by item."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar
from support.fair_project import SAMPLE, new_project, write_fair

from ngosite.fair.calendar import calendar_file, edition_calendar, fair_calendars
from ngosite.fair.model import ITEM_KINDS
from ngosite.organisations.registry import Registry
from ngosite.pipeline import load_registry

TODAY = date(2026, 11, 26)
TRICKY_TITLE = "Warsztaty: serwetki, kartki; ozdoby \\ i inne"
TRICKY_TEXT = "Pierwsza linia, z przecinkiem\nDruga linia; ze średnikiem"


def _tricky_sample() -> str:
    text = SAMPLE.read_text(encoding="utf-8")
    text = text.replace("tytul: Warsztaty rękodzieła",
                        'tytul: "Warsztaty: serwetki, kartki; ozdoby \\\\ i inne"')
    return text.replace("opis: Zajęcia dla dorosłych i dzieci; materiały zapewnia koło.",
                        'opis: "Pierwsza linia, z przecinkiem\\nDruga linia; ze średnikiem"')


@pytest.fixture(scope="module")
def registry(tmp_path_factory: pytest.TempPathFactory) -> Registry:
    root = new_project(tmp_path_factory.mktemp("ics"))
    write_fair(root, 2027, _tricky_sample())
    with (root / "data" / "gmina.yml").open("a", encoding="utf-8") as settings:
        settings.write("adres_serwisu: https://organizacje.example.pl\n")
    loaded = load_registry(root, today=TODAY)
    assert not loaded.errors, loaded.errors
    return loaded


@pytest.fixture(scope="module")
def raw(registry: Registry) -> bytes:
    ((path, content),) = fair_calendars(registry)
    assert path == f"targi/{calendar_file(registry.fairs[0])}" == "targi/dzien-organizacji-2027.ics"
    return content


def _events(raw: bytes) -> dict[str, object]:
    calendar = Calendar.from_ical(raw)
    return {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}


def test_file_follows_rfc5545_lines(raw: bytes):
    assert raw.startswith(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert raw.endswith(b"END:VCALENDAR\r\n")
    lines = raw.split(b"\r\n")
    assert all(b"\n" not in line and b"\r" not in line for line in lines)
    assert max(len(line) for line in lines) <= 75, "lines are folded at 75 octets"


def test_time_zone_is_europe_warsaw_with_its_definition(raw: bytes):
    calendar = Calendar.from_ical(raw)
    (zone,) = calendar.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Europe/Warsaw"
    names = {str(c["TZNAME"]) for c in zone.subcomponents}
    assert names == {"CET", "CEST"}
    for event in calendar.walk("VEVENT"):
        for key in ("DTSTART", "DTEND"):
            assert event[key].params["TZID"] == "Europe/Warsaw"
        assert "DTSTAMP" in event and "UID" in event


def test_every_item_is_an_event_at_its_polish_time(registry: Registry, raw: bytes):
    (edition,) = registry.fairs
    events = _events(raw)
    names = {e.slug: e.org.name for e in registry.entries}
    stages = edition.stage_names()
    assert len(events) == len(edition.fair.programme) + 1
    for item in edition.fair.programme:
        event = events[item.title]
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert (start, end) == (edition.at(item.start), edition.at(item.end))
        assert start.utcoffset() == timedelta(hours=2), "June: CEST"
        assert start.hour == item.start.hour and start.minute == item.start.minute
        location = str(event["LOCATION"])
        assert location.startswith(stages[item.stage] + " – Plac przy Urzędzie Gminy Miłki")
        assert location.endswith("ul. Mazurska 2, 11-513 Miłki")
        description = str(event["DESCRIPTION"])
        assert description.startswith(ITEM_KINDS[item.kind])
        for slug in item.organisations:
            assert names[slug] in description
        assert str(event["RELATED-TO"]) == "targi-2027@teryt-2806062.ngosite"


def test_the_whole_day_is_an_event_too(registry: Registry, raw: bytes):
    (edition,) = registry.fairs
    day = _events(raw)[edition.fair.name]
    assert day.decoded("DTSTART") == edition.at(edition.fair.hours.start)
    assert day.decoded("DTEND").hour == 16
    assert str(day["URL"]) == "https://organizacje.example.pl/targi/"
    assert "Program: https://organizacje.example.pl/targi/" in str(day["DESCRIPTION"])


def test_commas_semicolons_and_new_lines_are_escaped_and_come_back(raw: bytes):
    unfolded = raw.replace(b"\r\n ", b"").decode("utf-8")
    assert "SUMMARY:Warsztaty: serwetki\\, kartki\\; ozdoby \\\\ i inne\r\n" in unfolded
    assert "Pierwsza linia\\, z przecinkiem\\nDruga linia\\; ze średnikiem" in unfolded
    assert "ul. Mazurska 2\\, 11-513 Miłki" in unfolded
    event = _events(raw)[TRICKY_TITLE]
    assert str(event["DESCRIPTION"]).endswith("\n\n" + TRICKY_TEXT)


def test_uids_are_unique_and_stable(registry: Registry, raw: bytes, tmp_path: Path):
    uids = [str(e["UID"]) for e in Calendar.from_ical(raw).walk("VEVENT")]
    assert len(set(uids)) == len(uids)
    assert "targi-2027-otwarcie-targow-i-powitanie-organizacji@teryt-2806062.ngosite" in uids
    assert edition_calendar(registry, registry.fairs[0]) == raw, "same data, same file"
    # Moving an item keeps its UID: a calendar updates the event instead of adding another.
    root = new_project(tmp_path)
    write_fair(root, 2027, _tricky_sample().replace('od: "10:00"\n    do: "10:20"',
                                                    'od: "10:05"\n    do: "10:25"'))
    moved = load_registry(root, today=TODAY)
    events = _events(fair_calendars(moved)[0][1])
    opening = events["Otwarcie targów i powitanie organizacji"]
    assert str(opening["UID"]) in uids and opening.decoded("DTSTART").minute == 5


def test_no_point_for_a_venue_placed_at_the_village_centre(registry: Registry, raw: bytes):
    # The sample venue has a street address but no geocoded point yet: a village centre is
    # not precise enough for navigation, so no GEO is written.
    assert registry.fairs[0].venue_location.precision == "miejscowosc"  # type: ignore[union-attr]
    assert b"GEO:" not in raw


def test_exact_venue_point_is_written_as_geo(tmp_path: Path):
    root = new_project(tmp_path)
    write_fair(root, 2027, SAMPLE.read_text(encoding="utf-8").replace(
        "  miejscowosc: Miłki\n", "  miejscowosc: Miłki\n"
        "  wspolrzedne: {szerokosc: 53.9425, dlugosc: 21.8836}\n", 1))
    registry = load_registry(root, today=TODAY)
    event = _events(fair_calendars(registry)[0][1])[registry.fairs[0].fair.name]
    assert (event["GEO"].latitude, event["GEO"].longitude) == (53.9425, 21.8836)
