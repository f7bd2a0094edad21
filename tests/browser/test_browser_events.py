"""The events' pages in Chromium: axe-core on every kind of events page (also at 320 px), the
visitor's date correcting the lists, the build-date text without JavaScript, the feeds' links,
the map at a venue, and a script in every field of an event never running.

The site is a copy of the project with two extra events whose every free-text field carries a
script payload (one past, one coming) and a cancelled one, built as of 26 November 2026 and
without ``adres_serwisu`` (so the subscription links are made in the browser).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from support.events_project import BASE_EVENT, new_project, write_event
from support.map_browser import serve_blank_tiles

pytestmark = pytest.mark.browser

BUILD_DAY = "2026-11-26"
X = ("<img src=x onerror=\\\"window.__xss=1\\\"> </script><script>window.__xss=1</script> "
     "${window.__xss=1}")
PAST_PAYLOAD = f"""\
tytul: "{X}"
rodzaj: warsztat
poczatek: "2026-10-15 10:00"
koniec: "2026-10-15 12:00"
miejsce:
  nazwa: "<svg onload=window.__xss=1>"
  ulica: "</script><script>window.__xss=1</script>"
  numer: "<b onclick=x>1</b>"
  kod_pocztowy: "11-513"
  miejscowosc: Miłki
  wspolrzedne: {{szerokosc: 53.9425, dlugosc: 21.8836}}
  dostepnosc: {{opis: "<script>window.__xss=1</script>", bez_barier: true}}
online:
  adres: "https://przyklad.pl/${{window.__xss=1}}/?a=1&b=2"
  platforma: "<i onclick=window.__xss=1>Z</i>"
  uwagi: "${{window.__xss=1}}"
organizator: osp-milki
partnerzy: [urzad]
dla_kogo: "<script>window.__xss=1</script>"
opis: |
  <script>window.__xss=1</script> **pogrubienie** [link](javascript:window.__xss=1)
  <img src=x onerror="window.__xss=1"> `${{window.__xss=1}}`
program:
  - {{od: "10:00", do: "11:00", temat: "<img src=x onerror=window.__xss=1>"}}
prowadzacy:
  - {{nazwa: "<script>window.__xss=1</script>", opis: "${{window.__xss=1}}"}}
zapisy:
  sposob: link
  adres: "https://przyklad.pl/zapisy?x=${{window.__xss=1}}"
  uwagi: "<img src=x onerror=window.__xss=1>"
materialy:
  - {{tytul: "<img src=x onerror=window.__xss=1>", adres: "https://przyklad.pl/m?x=${{window.__xss=1}}"}}
podsumowanie:
  uczestnicy: 3
  opis: "<script>window.__xss=1</script>"
"""
COMING_PAYLOAD = BASE_EVENT.replace("tytul: Szkolenie testowe", f'tytul: "{X}"').replace(
    "2027-03-20", "2026-12-05").replace("Sala testowa", "<svg onload=window.__xss=1>") + (
    "status: przelozone\nstatus_uwagi: \"<script>window.__xss=1</script>\"\n")
CANCELLED = BASE_EVENT.replace("Szkolenie testowe", "Zebranie wiejskie w Rudzie").replace(
    "rodzaj: szkolenie", "rodzaj: zebranie_wiejskie").replace("2027-03-20", "2027-02-10").replace(
    "Sala testowa", "Świetlica").replace("Mazurska", "Szkolna") + (
    "status: odwolane\nstatus_uwagi: Zebranie odwołano; nowy termin poda sołtys.\n")


@pytest.fixture(scope="module")
def events_site(tmp_path_factory: pytest.TempPathFactory,
                build_site: Callable[[Path, Path], Path]) -> Path:
    root = new_project(tmp_path_factory.mktemp("events-browser"), site=True, events=True)
    write_event(root, 2026, "xss-minione", PAST_PAYLOAD)
    write_event(root, 2026, "xss-nadchodzace", COMING_PAYLOAD)
    write_event(root, 2027, "zebranie-ruda", CANCELLED)
    subprocess.run([sys.executable, "-m", "ngosite", "events", "sequence", "--write"],
                   cwd=root, check=True, capture_output=True)
    previous = os.environ.get("NGOSITE_TODAY")
    os.environ["NGOSITE_TODAY"] = BUILD_DAY
    try:
        return build_site(root, tmp_path_factory.mktemp("events-browser-site"))
    finally:
        if previous is None:
            del os.environ["NGOSITE_TODAY"]
        else:
            os.environ["NGOSITE_TODAY"] = previous


@pytest.fixture(scope="module")
def base(events_site: Path, serve: Callable[[Path], str]) -> Iterator[str]:
    yield serve(events_site)


def _pages(site: Path) -> list[str]:
    events = sorted(p.parent.relative_to(site).as_posix() + "/"
                    for p in (site / "wydarzenia").rglob("index.html"))
    return ["", *events, "organizacje/fundacja-akademia-wspolpracy/",
            "dokumenty/program-wspolpracy/wersja-1/"]


def _open(page, url: str) -> None:  # type: ignore[no-untyped-def]
    response = page.goto(url)
    assert response is not None and response.ok, url
    page.wait_for_load_state("load")


def test_every_events_page_passes_axe_on_a_desktop_and_at_320_px(new_watched, base, events_site,
                                                                 axe_check):
    pages = _pages(events_site)
    assert len(pages) > 12
    for options in ({}, {"viewport": {"width": 320, "height": 640}, "is_mobile": True}):
        watched = new_watched(**options)
        for path in pages:
            _open(watched.page, base + path)
            axe_check(watched.page, f"/{path} {options or 'desktop'}")
            if options:
                width = watched.page.evaluate("document.documentElement.scrollWidth")
                assert width <= 320, f"/{path} scrolls sideways at 320 px ({width} px)"
        watched.assert_clean()


def test_lists_follow_the_visitors_date(new_watched, base):
    watched = new_watched()
    page = watched.page
    page.clock.set_fixed_time(datetime(2027, 4, 1, 10, 0, tzinfo=UTC))
    _open(page, base + "wydarzenia/")
    upcoming = page.locator("section.events-upcoming li.events-item:visible h3")
    titles = upcoming.all_inner_texts()
    assert titles[0].startswith("Współpraca JST i NGO"), "ended events left the list"
    assert "NGO jako lider społeczności lokalnej" not in titles
    archive = page.locator("section.events-archive li.events-item:visible h3").all_inner_texts()
    assert archive[:2] == ["NGO jako lider społeczności lokalnej", "Zebranie wiejskie w Rudzie"], \
        "and joined the recently ended, newest first"
    assert page.locator("[data-events-asof]").first.inner_text() == "Stan na dziś, 1 kwietnia 2027."
    _open(page, base)
    home = page.locator(".events-home li.events-item:visible h3").all_inner_texts()
    assert len(home) == 3 and home[0].startswith("Współpraca JST i NGO")
    _open(page, base + "wydarzenia/2027/ngo-jako-lider-spolecznosci-lokalnej/")
    assert page.locator(".event-state:visible").inner_text().startswith("Wydarzenie odbyło się")
    watched.assert_clean()


def test_without_javascript_the_build_date_text_stays(new_watched, base):
    watched = new_watched(java_script_enabled=False)
    page = watched.page
    _open(page, base + "wydarzenia/")
    assert page.locator("[data-events-asof]").first.inner_text() == (
        "Stan na 26 listopada 2026 (dzień przygotowania strony).")
    titles = page.locator("section.events-upcoming li.events-item:visible h3").all_inner_texts()
    assert titles[1] == "Zebranie wiejskie w Rudzie" and len(titles) == 7
    _open(page, base + "wydarzenia/szkolenia/")
    assert page.get_by_role("link", name="Szkolenia").get_attribute("aria-current") == "page"
    # The four trainings and the coming payload event (a training too).
    assert page.locator("section.events-upcoming li.events-item:visible").count() == 5


def test_subscription_links_are_made_from_the_served_address(watched, base):
    _open(watched.page, base + "wydarzenia/")
    host = base.split("://", 1)[1]
    webcal = watched.page.get_by_role("link", name="Subskrybuj w kalendarzu (webcal)").first
    assert webcal.get_attribute("href") == f"webcal://{host}wydarzenia/wydarzenia.ics"
    google = watched.page.get_by_role("link", name="w Kalendarzu Google").first
    assert google.get_attribute("href").endswith("cid=webcal%3A%2F%2F" + host.replace(
        ":", "%3A").replace("/", "%2F") + "wydarzenia%2Fwydarzenia.ics")
    assert watched.page.locator("code").first.inner_text() == f"{base}wydarzenia/wydarzenia.ics"
    response = watched.page.request.get(base + "wydarzenia/wydarzenia.ics")
    assert response.ok and response.body().startswith(b"BEGIN:VCALENDAR\r\n")


def test_the_map_marks_the_venue(watched, base):
    serve_blank_tiles(watched.context)
    _open(watched.page, base + "wydarzenia/2026/xss-minione/")
    link = watched.page.get_by_role("link", name="Pokaż na mapie")
    assert link.get_attribute("href") == "../../../mapa/#punkt=53.94250,21.88360"
    link.click()
    watched.page.wait_for_load_state("load")
    frame = watched.page.frame_locator("iframe")
    frame.locator("text=Miejsce wydarzenia").wait_for()
    assert frame.locator("path.leaflet-interactive").count() >= 1


def test_a_script_in_any_field_of_an_event_never_runs(watched, base, events_site):
    from test_browser_security import _assert_no_script_ran

    for path in ("wydarzenia/2026/xss-minione/", "wydarzenia/2026/xss-nadchodzace/",
                 "wydarzenia/", "wydarzenia/warsztaty/", "", "organizacje/osp-milki/"):
        _open(watched.page, base + path)
        watched.page.wait_for_timeout(100)
        _assert_no_script_ran(watched, f"/{path}")
    page = watched.page
    _open(page, base + "wydarzenia/2026/xss-minione/")
    data = json.loads(page.locator('script[type="application/ld+json"]').text_content() or "")
    assert data["name"].startswith("<img src=x onerror=")
    assert page.get_by_role("heading", level=1).inner_text().startswith("<img src=x")
    ics = (events_site / "wydarzenia" / "2026" / "xss-minione" / "xss-minione.ics").read_bytes()
    assert b"SUMMARY:<img src=x onerror=\"window.__xss=1\"> </script><script>" in ics.replace(
        b"\r\n ", b"")
