"""The events' iCalendar files read back as a subscriber's calendar would read them.

Each file is parsed twice: by ``icalendar`` (which wrote it) and by ``vobject``, an independent
parser that takes the zone's offsets from the VTIMEZONE *in the file* (dateutil's ``tzical``),
not from the machine's tz database, as a phone that does not know ``Europe/Warsaw`` by name
would. Every instant is compared with the one the data file means (Polish wall-clock time
through ``zoneinfo``), and shown back in Warsaw it must read as written in the file.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import vobject
from icalendar import Calendar
from support.events_project import BASE_EVENT, new_project, write_event

from ngosite.events.calendar import calendar_files, feed_file
from ngosite.events.load import event_entry
from ngosite.events.model import KINDS
from ngosite.events.sequence import read_record, updated_record, write_record
from ngosite.organisations.registry import Registry
from ngosite.pipeline import load_registry

TODAY = date(2026, 11, 26)
WARSAW = ZoneInfo("Europe/Warsaw")
SITE = "https://organizacje.example.pl"
TRAININGS = {
    "NGO jako lider społeczności lokalnej": datetime(2027, 3, 20, 9, 0, tzinfo=UTC),
    "Współpraca JST i NGO w realizacji celów strategicznych gminy dla poprawy jakości życia "
    "mieszkańców": datetime(2027, 4, 10, 8, 0, tzinfo=UTC),
    "Podstawy prawne konsultacji społecznych": datetime(2027, 5, 15, 8, 0, tzinfo=UTC),
    "Aktywne konsultacje społeczne – rola JST i NGO w konsultacjach prowadzonych metodami "
    "aktywnymi": datetime(2027, 6, 19, 8, 0, tzinfo=UTC),
}
ACROSS_DST = BASE_EVENT.replace('"2027-03-20 10:00"', '"2027-03-27 18:00"').replace(
    '"2027-03-20 14:00"', '"2027-03-28 12:00"').replace("Szkolenie testowe",
                                                        "Rajd przez noc zmiany czasu").replace(
    "rodzaj: szkolenie", "rodzaj: inne")
TRICKY = 'Warsztaty: serwetki, kartki; ozdoby \\ i inne'


def _with_site(root: Path) -> None:
    with (root / "data" / "gmina.yml").open("a", encoding="utf-8") as settings:
        settings.write(f"adres_serwisu: {SITE}\n")


@pytest.fixture(scope="module")
def registry(tmp_path_factory: pytest.TempPathFactory) -> Registry:
    root = new_project(tmp_path_factory.mktemp("ics"), events=True)
    (root / "data" / "targi").mkdir()
    (root / "data" / "targi" / "2027.yml").write_text(
        (Path(__file__).parents[2] / "data" / "targi" / "2027.yml").read_text("utf-8"), "utf-8")
    _with_site(root)
    write_event(root, 2027, "rajd", ACROSS_DST)
    write_event(root, 2027, "odwolane", BASE_EVENT.replace(
        "Szkolenie testowe", "Szkolenie odwołane").replace("14:00", "12:00").replace(
        "Sala testowa", "Inna sala").replace("Mazurska", "Szkolna")
        + "status: odwolane\nstatus_uwagi: Prowadzący zachorował.\n")
    write_event(root, 2027, "trudne", BASE_EVENT.replace(
        "tytul: Szkolenie testowe", f'tytul: "{TRICKY.replace(chr(92), chr(92) * 2)}"').replace(
        "rodzaj: szkolenie", "rodzaj: warsztat").replace(
        '"2027-03-20 10:00"', '"2027-05-01 10:00"').replace('"2027-03-20 14:00"',
                                                            '"2027-05-01 12:00"')
        + 'opis: "Pierwsza linia, z przecinkiem\\n\\nDruga; ze średnikiem"\n')
    loaded = load_registry(root, today=TODAY)
    assert not loaded.errors, loaded.errors
    return loaded


@pytest.fixture(scope="module")
def files(registry: Registry) -> dict[str, bytes]:
    return dict(calendar_files(registry))


def _both(raw: bytes) -> tuple[list, list]:
    """VEVENTs as read by icalendar and by vobject."""
    ours = Calendar.from_ical(raw).walk("VEVENT")
    other = vobject.readOne(raw.decode("utf-8"))
    return ours, list(getattr(other, "vevent_list", []))


def test_every_feed_and_every_event_file_is_published(registry: Registry, files):
    expected = {feed_file(None), *(feed_file(k) for k in KINDS)}
    expected |= {e.ics_file for e in registry.events}
    assert set(files) == expected
    for raw in files.values():
        assert raw.startswith(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
        assert raw.endswith(b"END:VCALENDAR\r\n")
        assert max(len(line) for line in raw.split(b"\r\n")) <= 75
        assert b"BEGIN:VTIMEZONE\r\nTZID:Europe/Warsaw" in raw, "every file has its zone"


def test_a_subscriber_sees_every_training_at_its_polish_time(files):
    """The sample trainings: two before and two after the change to summer time (28 March
    2027), each at 10:00 in Poland, read by both parsers."""
    ours, other = _both(files[feed_file("szkolenie")])
    cancelled = "ODWOŁANE: Szkolenie odwołane"
    assert {str(e["SUMMARY"]) for e in ours} == {*TRAININGS, cancelled}
    assert {e.summary.value for e in other} == {*TRAININGS, cancelled}
    ours = [e for e in ours if str(e["SUMMARY"]) != cancelled]
    other = [e for e in other if e.summary.value != cancelled]
    for event in ours:
        start = event.decoded("DTSTART")
        assert start.astimezone(UTC) == TRAININGS[str(event["SUMMARY"])]
        assert start.astimezone(WARSAW).hour == 10
    for event in other:
        start = event.dtstart.value
        assert type(start.tzinfo).__module__.startswith("dateutil"), "zone read from the file"
        assert start.astimezone(UTC) == TRAININGS[event.summary.value]
        assert start.astimezone(WARSAW).strftime("%H:%M") == "10:00"
        assert start.utcoffset() == timedelta(hours=1 if start.month == 3 else 2)


def test_an_event_across_the_clock_change_keeps_both_local_times(files):
    ours, other = _both(files[feed_file(None)])
    (mine,) = [e for e in ours if str(e["SUMMARY"]) == "Rajd przez noc zmiany czasu"]
    (theirs,) = [e for e in other if e.summary.value == "Rajd przez noc zmiany czasu"]
    for start, end in ((mine.decoded("DTSTART"), mine.decoded("DTEND")),
                       (theirs.dtstart.value, theirs.dtend.value)):
        assert start.astimezone(UTC) == datetime(2027, 3, 27, 17, 0, tzinfo=UTC)
        assert end.astimezone(UTC) == datetime(2027, 3, 28, 10, 0, tzinfo=UTC)
        # Python subtracts wall-clock times within one zone: compare instants.
        assert end.astimezone(UTC) - start.astimezone(UTC) == timedelta(hours=17), (
            "the night is an hour shorter")
        assert (start.astimezone(WARSAW).hour, end.astimezone(WARSAW).hour) == (18, 12)


def test_cancelled_event_stays_in_every_feed_as_cancelled(files):
    for path in (feed_file(None), feed_file("szkolenie")):
        ours, other = _both(files[path])
        (mine,) = [e for e in ours if "Szkolenie odwołane" in str(e["SUMMARY"])]
        assert str(mine["STATUS"]) == "CANCELLED"
        assert str(mine["SUMMARY"]) == "ODWOŁANE: Szkolenie odwołane"
        assert "Prowadzący zachorował." in str(mine["DESCRIPTION"])
        assert [e.status.value for e in other if "odwołane" in e.summary.value] == ["CANCELLED"]


def test_text_is_escaped_and_comes_back_in_both_parsers(files):
    ours, other = _both(files[feed_file(None)])
    assert [str(e["SUMMARY"]) for e in ours].count(TRICKY) == 1
    assert [e.summary.value for e in other].count(TRICKY) == 1
    (mine,) = [e for e in other if e.summary.value == TRICKY]
    assert "Pierwsza linia, z przecinkiem Druga; ze średnikiem" in mine.description.value
    unfolded = files[feed_file(None)].replace(b"\r\n ", b"").decode("utf-8")
    assert "SUMMARY:Warsztaty: serwetki\\, kartki\\; ozdoby \\\\ i inne\r\n" in unfolded


def test_page_address_is_in_description_and_url(registry: Registry, files):
    ours, _ = _both(files[feed_file(None)])
    for event in ours:
        if str(event["UID"]).startswith("wydarzenie-"):
            url = str(event["URL"])
            assert url.startswith(f"{SITE}/wydarzenia/20")
            assert f"Szczegóły: {url}" in str(event["DESCRIPTION"])


def test_the_fair_day_is_in_the_feeds_from_its_own_data(registry: Registry, files):
    (edition,) = registry.fairs
    for path in (feed_file(None), feed_file("targi")):
        ours, other = _both(files[path])
        fair = [e for e in ours if str(e["UID"]) == "targi-2027@teryt-2806062.ngosite"]
        assert len(fair) == 1 and str(fair[0]["SUMMARY"]) == edition.fair.name
        assert fair[0].decoded("DTSTART") == edition.at(edition.fair.hours.start)
        assert [e.dtstart.value.astimezone(WARSAW).hour for e in other
                if e.uid.value.startswith("targi-")] == [10]
    ours, _ = _both(files[feed_file("szkolenie")])
    assert not [e for e in ours if str(e["UID"]).startswith("targi-")]


def test_an_empty_kind_feed_is_still_a_valid_calendar(files):
    ours, other = _both(files[feed_file("zebranie_wiejskie")])
    assert ours == [] and other == []
    assert Calendar.from_ical(files[feed_file("zebranie_wiejskie")]).walk("VTIMEZONE")


def test_uids_come_from_the_address_and_sequence_rises_on_a_change(tmp_path: Path):
    root = new_project(tmp_path)
    path = write_event(root, 2027, "szkolenie", BASE_EVENT)
    first = load_registry(root, today=TODAY)
    write_record(root, updated_record(
        [_entry(e) for e in first.events], read_record(root, [])))
    again = load_registry(root, today=TODAY)
    assert not [p for p in again.problems if "sekwencje" in p.message]
    uid, sequence = _only_event(again)
    assert uid == "wydarzenie-2027-szkolenie@teryt-2806062.ngosite" and sequence == 0

    path.write_text(BASE_EVENT.replace("14:00", "15:00"), encoding="utf-8")
    changed = load_registry(root, today=TODAY)
    assert next(p.message for p in changed.problems if "sekwencje.yml" in p.message).startswith(
        "treść zmieniła się"), "a stale record warns"
    assert _only_event(changed) == (uid, 1), "the feed is right before the record is written"
    write_record(root, updated_record([_entry(e) for e in changed.events],
                                      read_record(root, [])))
    recorded = load_registry(root, today=TODAY)
    assert not [p for p in recorded.problems if "sekwencje" in p.message]
    assert _only_event(recorded) == (uid, 1)
    write_event(root, 2027, "inne", BASE_EVENT.replace("Sala testowa", "Sala B").replace(
        "Mazurska", "Szkolna"))
    assert _only_event(load_registry(root, today=TODAY), "szkolenie") == (uid, 1), (
        "another event does not change this one's UID or SEQUENCE")


def _entry(loaded):  # type: ignore[no-untyped-def]
    from ngosite.events.sequence import Entry

    return Entry(loaded.key, loaded.file, loaded.checksum)


def _only_event(registry: Registry, slug: str = "szkolenie") -> tuple[str, int]:
    raw = dict(calendar_files(registry))[f"wydarzenia/2027/{slug}/{slug}.ics"]
    (event,) = Calendar.from_ical(raw).walk("VEVENT")
    return str(event["UID"]), int(event["SEQUENCE"])


def test_a_deleted_published_event_stays_in_the_feeds_cancelled(tmp_path: Path):
    """Deleting a published event's file dropped it from every feed with only an informacja
    line: subscribers kept a ghost, and its downloaded .ics was never updated."""
    root = new_project(tmp_path)
    path = write_event(root, 2027, "szkolenie", BASE_EVENT)
    published = load_registry(root, today=TODAY)
    write_record(root, updated_record([event_entry(e) for e in published.events],
                                      read_record(root, [])))
    path.unlink()
    deleted = load_registry(root, today=TODAY)
    notes = [p for p in deleted.problems if p.key == "2027/szkolenie"]
    assert [p.severity.value for p in notes] == ["info"]
    assert "zostaje ono jako ODWOŁANE" in notes[0].message
    files = dict(calendar_files(deleted))
    assert _only_event(deleted) == ("wydarzenie-2027-szkolenie@teryt-2806062.ngosite", 1)
    for feed in (feed_file(None), feed_file("szkolenie")):
        ours, other = _both(files[feed])
        (gone,) = [e for e in ours if str(e["UID"]).startswith("wydarzenie-2027-szkolenie@")]
        assert (str(gone["STATUS"]), str(gone["SUMMARY"]), int(gone["SEQUENCE"])) == (
            "CANCELLED", "ODWOŁANE: Szkolenie testowe", 1)
        assert gone.decoded("DTSTART") == datetime(2027, 3, 20, 9, 0, tzinfo=UTC)
        assert [e.status.value for e in other] == ["CANCELLED"]
    assert not _both(files[feed_file("warsztat")])[0]


def test_a_deleted_event_the_record_cannot_cancel_stops_the_strict_build(tmp_path: Path):
    root = new_project(tmp_path)
    path = write_event(root, 2027, "szkolenie", BASE_EVENT)
    published = load_registry(root, today=TODAY)
    write_record(root, updated_record([_entry(e) for e in published.events],  # no title
                                      read_record(root, [])))
    path.unlink()
    (problem,) = [p for p in load_registry(root, today=TODAY).problems
                  if p.key == "2027/szkolenie"]
    assert problem.severity.value == "warning" and "ustaw status: odwolane" in problem.message


FAKE_DOM = """
var made = [];
function element(attrs) {
  var links = {webcal: {href: ""}, google: {href: ""}};
  return {hidden: true, textContent: "", getAttribute: function (n) { return attrs[n]; },
          querySelector: function (s) { return links[s.match(/"(\\w+)"/)[1]]; }, links: links};
}
var spans = SPANS.map(function (v) { return element({"data-webcal": v}); });
var codes = CODES.map(function (v) { return element({"data-absolute": v}); });
var window = {location: {protocol: "https:", host: "gmina.github.io",
                         href: "https://gmina.github.io/organizacje/wydarzenia/"}};
var document = {querySelectorAll: function (s) { return s === "[data-webcal]" ? spans : codes; }};
"""


def test_feed_links_made_in_the_browser_keep_the_sites_sub_path(tmp_path: Path):
    """Without adres_serwisu, events.js made "https://host/wydarzenia/…": on a GitHub Pages
    project site (https://gmina.github.io/organizacje/) the webcal and copied addresses 404."""
    import json
    import re
    import subprocess

    from ngosite.events.pages import events_pages

    root = new_project(tmp_path, events=True)
    registry = load_registry(root, today=TODAY)
    assert registry.settings.site_url is None
    page = next(p for p in events_pages(registry) if p.src_uri == "wydarzenia/index.md")
    spans = re.findall(r'data-webcal="([^"]+)"', page.html or "")
    codes = re.findall(r'data-absolute="([^"]+)"', page.html or "")
    assert spans and codes
    script = (Path(__file__).parents[2] / "docs/assets/js/events.js").read_text("utf-8")
    functions = re.search(r"\n  function absolute\(.*?\n  function fillFeedLinks\(\) \{\n"
                          r".*?\n  \}\n", script, re.S)
    assert functions, "absolute() and fillFeedLinks() not found in events.js"
    program = (FAKE_DOM.replace("SPANS", json.dumps(spans)).replace("CODES", json.dumps(codes))
               + functions.group(0) + "fillFeedLinks(); console.log(JSON.stringify("
               "{webcal: spans.map(function (s) { return s.links.webcal.href; }), "
               "copy: codes.map(function (c) { return c.textContent; })}));")
    result = subprocess.run(["node", "-e", program], capture_output=True, text=True, check=True,
                            timeout=60)
    made = json.loads(result.stdout)
    assert "webcal://gmina.github.io/organizacje/wydarzenia/wydarzenia.ics" in made["webcal"]
    assert "https://gmina.github.io/organizacje/wydarzenia/wydarzenia.ics" in made["copy"]
    assert all("/organizacje/wydarzenia/" in link for link in made["webcal"] + made["copy"])
