"""End-to-end: build a copy of the site with the sample events, the fair and a cancelled event,
as of 26 November 2026, and read what a resident gets."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from icalendar import Calendar
from support.events_project import BASE_EVENT, new_project, write_event

pytestmark = pytest.mark.e2e

SITE = "https://organizacje.example.pl"
CANCELLED = BASE_EVENT.replace("Szkolenie testowe", "Zebranie wiejskie w Rudzie").replace(
    "rodzaj: szkolenie", "rodzaj: zebranie_wiejskie").replace("2027-03-20", "2027-02-10") + (
    "status: odwolane\nstatus_uwagi: Zebranie odwołano; nowy termin poda sołtys.\n")


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.jsonld: list[str] = []
        self._in_jsonld = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.hrefs.append(attrs["href"])
        self._in_jsonld = tag == "script" and attrs.get("type") == "application/ld+json"

    def handle_data(self, data):
        if self._in_jsonld:
            self.jsonld.append(data)

    def handle_endtag(self, tag):
        self._in_jsonld = False


def parse(path: Path) -> _Parser:
    parser = _Parser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = new_project(tmp_path_factory.mktemp("events-project"), site=True, events=True)
    with (root / "data" / "gmina.yml").open("a", encoding="utf-8") as settings:
        settings.write(f"adres_serwisu: {SITE}\n")
    write_event(root, 2027, "zebranie-ruda", CANCELLED)
    subprocess.run([sys.executable, "-m", "ngosite", "events", "sequence", "--write"],
                   cwd=root, check=True, capture_output=True)
    out = tmp_path_factory.mktemp("events-site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NGOSITE_TODAY": "2026-11-26"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)],
                            cwd=root, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def test_list_page_upcoming_then_archive_with_filters_and_feeds(site: Path):
    page = _text(site / "wydarzenia" / "index.html")
    upcoming = page[page.index('id="nadchodzace"'):page.index('id="subskrypcja"')]
    titles = re.findall(r'class="events-item__title"><a href="[^"]+">([^<]+)<', upcoming)
    assert titles[:2] == ["Zebranie wiejskie w Rudzie", "NGO jako lider społeczności lokalnej"]
    assert "Dzień Organizacji Pozarządowych w gminie Miłki 2027" in titles, "the fair's day"
    assert len(titles) == 6
    assert "Stan na 26 listopada 2026 (dzień przygotowania strony)." in upcoming
    archive = page[page.index('id="archiwum"'):page.index('id="wedlug-lat"')]
    assert "Otwarte spotkanie konsultacyjne" in archive
    assert 'href="../wydarzenia/2026/">2026<' in page and 'href="../wydarzenia/2027/">2027<' in page
    year = _text(site / "wydarzenia" / "2026" / "index.html")
    assert "Otwarte spotkanie konsultacyjne" in year and "Wydarzenia w roku 2026" in year
    for kind in ("szkolenia", "spotkania-konsultacyjne", "zebrania-wiejskie", "targi"):
        assert f'href="../wydarzenia/{kind}/"' in page
        assert (site / "wydarzenia" / kind / "index.html").exists()
    assert not (site / "wydarzenia" / "warsztaty" / "index.html").exists(), "no empty pages"
    assert 'href="webcal://organizacje.example.pl/wydarzenia/wydarzenia.ics"' in page
    assert f"<code>{SITE}/wydarzenia/szkolenia.ics</code>" in page
    assert "calendar.google.com/calendar/render?cid=webcal%3A%2F%2Forganizacje" in page
    assert "Jak zasubskrybować" in page and "Z adresu URL" in page


def test_kind_page_filters_without_javascript(site: Path):
    page = _text(site / "wydarzenia" / "szkolenia" / "index.html")
    assert page.count('class="events-item events-item--szkolenie') == 8, "4 upcoming + archive"
    assert "events-item--spotkanie_konsultacyjne" not in page
    assert 'aria-current="page">Szkolenia<' in page


def test_event_page_says_the_zone_and_carries_json_ld(site: Path):
    path = site / "wydarzenia" / "2027" / "wspolpraca-jst-i-ngo" / "index.html"
    page = _text(path)
    assert "sobota, 10 kwietnia 2027, godz. 10:00–15:00 czasu polskiego" in page
    assert "Wydarzenie przykładowe." in page
    assert 'href="wspolpraca-jst-i-ngo.ics" download>Dodaj do kalendarza' in page
    assert "mapa/#punkt=" in page
    (data,) = [json.loads(text) for text in parse(path).jsonld]
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert data["startDate"] == "2027-04-10T10:00:00+02:00"
    online = parse(site / "wydarzenia" / "2027" / "podstawy-prawne-konsultacji-spolecznych"
                   / "index.html").jsonld
    assert json.loads(online[0])["eventAttendanceMode"].endswith("OnlineEventAttendanceMode")


def test_cancelled_event_has_a_banner_and_stays_in_the_feed(site: Path):
    path = site / "wydarzenia" / "2027" / "zebranie-ruda" / "index.html"
    page = _text(path)
    assert ("<strong>Wydarzenie odwołane.</strong> Zebranie odwołano; nowy termin poda "
            "sołtys.") in page
    assert json.loads(parse(path).jsonld[0])["eventStatus"].endswith("EventCancelled")
    feed = Calendar.from_ical((site / "wydarzenia" / "wydarzenia.ics").read_bytes())
    (event,) = [e for e in feed.walk("VEVENT") if "Rudzie" in str(e["SUMMARY"])]
    assert str(event["STATUS"]) == "CANCELLED"
    assert str(event["URL"]) == f"{SITE}/wydarzenia/2027/zebranie-ruda/"


def test_past_meeting_shows_materials_and_summary(site: Path):
    page = _text(site / "wydarzenia" / "2026" / "spotkanie-konsultacyjne-program-wspolpracy"
                 / "index.html")
    assert '<a href="../materialy/notatka-spotkanie-konsultacyjne.pdf">Notatka ze spotkania</a>' \
           ' (PDF, 26 KB)' in page
    assert (site / "wydarzenia" / "2026" / "materialy" / "notatka-spotkanie-konsultacyjne.pdf"
            ).read_bytes().startswith(b"%PDF")
    assert "Uczestnicy: 14" in page and "Wydarzenie odbyło się</strong>" in page


def test_other_pages_show_events(site: Path):
    home = _text(site / "index.html")
    block = home[home.index('class="events-home"'):home.index("</section>",
                                                              home.index('class="events-home"'))]
    shown = re.findall(r'<li class="events-item[^"]*"[^>]*?(?<!hidden)>', block)
    assert len(shown) == 3 and block.count("<li ") == 6, "the rest hidden, for the browser"
    assert "Zebranie wiejskie w Rudzie" in block
    ngo = _text(site / "organizacje" / "fundacja-akademia-wspolpracy" / "index.html")
    assert 'id="wydarzenia"' in ngo and ngo.count("events-item--szkolenie") >= 4
    assert 'id="wydarzenia"' not in _text(site / "organizacje" / "gks-milki" / "index.html")
    doc = _text(site / "dokumenty" / "program-wspolpracy" / "wersja-1" / "index.html")
    assert 'id="spotkania-konsultacyjne"' in doc
    assert "../../../wydarzenia/2026/spotkanie-konsultacyjne-program-wspolpracy/" in doc
    assert 'id="spotkania-konsultacyjne"' not in _text(
        site / "dokumenty" / "program-wspolpracy" / "wersja-2" / "index.html")


def test_every_internal_link_of_the_events_pages_leads_somewhere(site: Path):
    pages = [p for p in (site / "wydarzenia").rglob("index.html")] + [site / "index.html"]
    checked = 0
    for page in pages:
        base = "/" + page.parent.relative_to(site).as_posix() + "/"
        for href in parse(page).hrefs:
            parts = urlsplit(urljoin(base, href))
            if parts.scheme or href.startswith("#"):
                continue
            target = site / parts.path.lstrip("/")
            assert (target / "index.html" if parts.path.endswith("/") else target).exists(), (
                f"{page.relative_to(site)} → {href}")
            checked += 1
    assert checked > 100
