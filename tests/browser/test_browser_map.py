"""The map in Chromium: pins, clusters, popups, deep links, area layers, controls, keyboard,
accessibility, the hosts it contacts, and NGO text that must never run."""

from __future__ import annotations

import shutil
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Frame, Page
from support.browser import REPO_ROOT, Watched, wait_until
from support.map_browser import (
    map_frame,
    popup_text,
    serve_blank_tiles,
    shown,
    tile_host,
    wait_for_map,
)

from ngosite.map.data import MapPoint, legend, map_points
from ngosite.map.export import write_map_folder
from ngosite.pipeline import load_registry

pytestmark = pytest.mark.browser
MAP = "mapa/"


@pytest.fixture(scope="module")
def points() -> list[MapPoint]:
    return map_points(load_registry(REPO_ROOT))


@pytest.fixture(scope="module")
def alone(points) -> MapPoint:
    """An NGO whose pin stands on its own spot."""
    spots = Counter((p.lat, p.lon) for p in points)
    return next(p for p in points if spots[(p.lat, p.lon)] == 1)


@pytest.fixture(scope="module")
def stacked(points) -> MapPoint:
    """An NGO sharing its spot (a village's centre) with others: reached by spiderfying."""
    spots = Counter((p.lat, p.lon) for p in points)
    return next(p for p in points if spots[(p.lat, p.lon)] > 2)


@pytest.fixture
def tiles(watched: Watched):
    return serve_blank_tiles(watched.context)


def open_map(page: Page, site_url: str, hash_: str = "") -> Frame:
    response = page.goto(site_url + MAP + hash_)
    assert response is not None and response.ok, f"GET /{MAP}: {response}"
    return map_frame(page)


def test_pins_and_clusters_show_every_located_ngo(watched, tiles, site_url, points):
    frame = open_map(watched.page, site_url)
    now = shown(frame)
    assert now.total == len(points), f"{now} but {len(points)} NGOs have a location"
    assert now.clusters >= 1, "NGOs at one village's centre must be clustered"
    assert now.pins >= 1
    assert frame.locator("html").get_attribute("lang") == "pl"
    assert "Mapa organizacji" in frame.title()
    watched.assert_clean()


def test_popup_has_name_form_locality_and_a_link_that_leaves_the_frame(
        watched, tiles, site_url, alone):
    page = watched.page
    frame = open_map(page, site_url)
    frame.locator(f'.ngo-pin[title="{alone.name}"]').click()
    text = popup_text(frame)
    for part in (alone.name, alone.form, alone.locality):
        assert part in text, f"{part!r} missing from the popup: {text!r}"
    link = frame.locator(".leaflet-popup a.ngo-popup__link")
    assert link.get_attribute("target") == "_top"
    link.click()
    page.wait_for_url(f"**/organizacje/{alone.slug}/")
    assert alone.name in page.locator("h1").inner_text()
    watched.assert_clean()


@pytest.mark.parametrize("which", ["alone", "stacked"])
def test_deep_link_centres_on_the_ngo_and_opens_its_popup(watched, tiles, site_url, request,
                                                          which):
    point: MapPoint = request.getfixturevalue(which)
    frame = open_map(watched.page, site_url, f"#{point.slug}")
    assert popup_text(frame).startswith(point.name)
    centre = frame.evaluate("""() => {
        const pin = document.querySelector('.leaflet-popup');
        const box = pin.getBoundingClientRect();
        return [box.left + box.width / 2, innerWidth / 2];
    }""")
    assert abs(centre[0] - centre[1]) < centre[1], "the popup should be in view"
    watched.assert_clean()


def test_ngo_page_links_to_its_pin(watched, tiles, site_url, stacked, points):
    page = watched.page
    page.goto(site_url + f"organizacje/{stacked.slug}/")
    page.get_by_role("link", name="Pokaż na mapie").click()
    page.wait_for_url(f"**/{MAP}#{stacked.slug}")
    frame = map_frame(page)
    assert popup_text(frame).startswith(stacked.name)
    # A popup opened on the map updates the address, so it can be shared.
    other = next(p for p in points if p.slug != stacked.slug and p.lat == stacked.lat)
    frame.locator(f'.ngo-pin[title="{other.name}"]').click()
    assert popup_text(frame).startswith(other.name)
    assert page.url.endswith(f"#{other.slug}")
    watched.assert_clean()


def test_unlocated_ngo_pages_have_no_map_link(watched, site_url, points):
    registry = load_registry(REPO_ROOT)
    located = {p.slug for p in points}
    missing = [e for e in registry.entries if e.slug not in located]
    assert missing, "the sample data should include an NGO without a location"
    page = watched.page
    page.goto(site_url + f"organizacje/{missing[0].slug}/")
    assert page.get_by_role("link", name="Pokaż na mapie").count() == 0


def test_area_layer_hides_and_shows_its_pins(watched, tiles, site_url, points):
    frame = open_map(watched.page, site_url)
    items = legend(points)
    toggle = frame.locator(".leaflet-control-layers-toggle")
    if toggle.is_visible():  # folded on narrow maps
        toggle.click()
    checkboxes = frame.locator(".leaflet-control-layers-overlays input[type=checkbox]")
    assert checkboxes.count() == len(items)
    biggest = max(range(len(items)), key=lambda i: items[i].count)
    label = frame.locator(".leaflet-control-layers-overlays label").nth(biggest)
    assert items[biggest].category.label in label.inner_text()
    checkboxes.nth(biggest).uncheck()
    assert shown(frame).total == len(points) - items[biggest].count
    checkboxes.nth(biggest).check()
    assert shown(frame).total == len(points)
    # A deep link to an NGO of a hidden area shows that area again.
    hidden = next(p for p in points if p.category.slug == items[biggest].category.slug)
    checkboxes.nth(biggest).uncheck()
    frame.evaluate(f"location.hash = {hidden.slug!r}")
    assert popup_text(frame).startswith(hidden.name)
    assert checkboxes.nth(biggest).is_checked()
    watched.assert_clean()


def test_fullscreen_and_locate_controls_speak_polish(watched, tiles, site_url):
    frame = open_map(watched.page, site_url)
    fullscreen = frame.locator("a.leaflet-control-zoom-fullscreen")
    assert fullscreen.get_attribute("aria-label") == "Pełny ekran"
    fullscreen.click()
    frame.wait_for_function("() => document.fullscreenElement !== null")
    assert fullscreen.get_attribute("aria-pressed") == "true"
    assert fullscreen.get_attribute("aria-label") == "Zamknij pełny ekran"
    fullscreen.click()
    frame.wait_for_function("() => document.fullscreenElement === null")
    assert frame.locator("a[title='Przybliż']").count() == 1
    assert frame.locator("a[title='Oddal']").count() == 1
    locate = frame.locator(".leaflet-control-locate a")
    assert locate.get_attribute("aria-label") == "Pokaż, gdzie jestem"
    locate.click()
    # No permission in this context: a Polish message instead of the plugin's alert().
    status = frame.locator(".ngo-map-status")
    status.wait_for(state="visible")
    assert "położenia" in status.inner_text()
    assert not watched.dialogs
    watched.assert_clean()


def test_locate_control_finds_a_resident(new_watched, site_url):
    watched = new_watched(permissions=["geolocation"],
                          geolocation={"latitude": 53.9431, "longitude": 21.8825})
    serve_blank_tiles(watched.context)
    frame = open_map(watched.page, site_url)
    frame.locator(".leaflet-control-locate a").click()
    frame.wait_for_selector(".leaflet-control-locate.active")
    frame.wait_for_function("() => !!document.querySelector('.leaflet-control-locate-location')")
    assert not watched.dialogs
    watched.assert_clean()


def test_keyboard_reaches_a_pin_opens_it_and_comes_back(watched, tiles, site_url):
    page = watched.page
    frame = open_map(page, site_url)
    frame.locator(".leaflet-container").focus()
    for _ in range(30):
        page.keyboard.press("Tab")
        if frame.evaluate("document.activeElement.classList.contains('ngo-pin')"):
            break
    else:
        pytest.fail("Tab never reached a pin")
    name = frame.evaluate("document.activeElement.title")
    page.keyboard.press("Enter")
    assert popup_text(frame).startswith(name)
    assert frame.evaluate("document.activeElement.classList.contains('ngo-popup__link')")
    page.keyboard.press("Escape")
    frame.locator(".leaflet-popup").wait_for(state="detached")
    assert frame.evaluate("document.activeElement.title") == name
    # A cluster is reachable too, and Enter opens it.
    frame.locator(".leaflet-container").focus()
    for _ in range(30):
        page.keyboard.press("Tab")
        if frame.evaluate("document.activeElement.classList.contains('ngo-cluster')"):
            break
    else:
        pytest.fail("Tab never reached a cluster")
    label = frame.evaluate("document.activeElement.textContent")
    assert "organizac" in label, label
    before = shown(frame)
    page.keyboard.press("Enter")
    frame.wait_for_function(f"() => document.querySelectorAll('.ngo-pin').length > {before.pins}")
    watched.assert_clean()


def _axe_everywhere(page: Page, axe_check: Callable[..., None], what: str) -> None:
    """axe-core checks an iframe only where it is injected: inject it into every frame."""
    script = Axe().axe_script
    for frame in page.frames[1:]:
        frame.evaluate(script)
    axe_check(page, what)


def test_map_page_has_no_wcag_violations(watched, tiles, site_url, axe_check, alone):
    page = watched.page
    frame = open_map(page, site_url, f"#{alone.slug}")
    popup_text(frame)
    _axe_everywhere(page, axe_check, f"/{MAP} with a popup open")


def test_map_document_alone_has_no_wcag_violations_on_a_phone(new_watched, site_url,
                                                                axe_check, stacked):
    watched = new_watched(viewport={"width": 360, "height": 640}, is_mobile=True,
                          has_touch=True)
    serve_blank_tiles(watched.context)
    page = watched.page
    page.goto(site_url + MAP + f"mapa.html#{stacked.slug}")
    wait_for_map(page)
    popup_text(page)
    viewport = page.locator("meta[name=viewport]").get_attribute("content")
    assert "user-scalable=no" not in viewport and "maximum-scale" not in viewport
    axe_check(page, "/mapa/mapa.html on a phone")
    # On a narrow screen the area list starts folded; its button unfolds it.
    toggle = page.locator(".leaflet-control-layers-toggle")
    assert toggle.is_visible()
    assert toggle.get_attribute("aria-label") == "Pokaż obszary działalności"
    toggle.click()
    page.locator(".leaflet-control-layers-overlays").wait_for(state="visible")
    axe_check(page, "/mapa/mapa.html on a phone, area list open")


def test_a_phone_fetches_the_map_only_when_asked(new_watched, site_url, axe_check, stacked):
    """On a narrow screen /mapa/ offers the map with a button: its document, scripts and data
    (hundreds of kilobytes) come when pressed, or at once for a link to a pin."""
    watched = new_watched(viewport={"width": 360, "height": 640}, is_mobile=True,
                          has_touch=True)
    serve_blank_tiles(watched.context)
    page = watched.page
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(urlsplit(request.url).path))
    page.goto(site_url + MAP)
    page.wait_for_load_state("load")
    assert not [path for path in fetched if path.endswith(("mapa.html", "leaflet.js"))], fetched
    assert page.locator("iframe.ngo-map-frame").is_hidden()
    axe_check(page, "/mapa/ on a phone, before the map")
    button = page.get_by_role("button", name="Pokaż mapę")
    button.click()
    wait_for_map(map_frame(page))
    assert page.locator("#mapa-wczytaj").is_hidden()
    page.goto(site_url + MAP + f"#{stacked.slug}")
    assert stacked.name in popup_text(map_frame(page))
    watched.assert_clean()


def test_without_javascript_the_map_page_still_frames_the_map(new_watched, site_url):
    watched = new_watched(java_script_enabled=False, viewport={"width": 360, "height": 640})
    page = watched.page
    page.goto(site_url + MAP)
    frames = page.locator("iframe.ngo-map-frame")
    assert frames.count() == 2  # the one the script loads, hidden, and the one in <noscript>
    assert page.locator("iframe.ngo-map-frame[src]").is_visible()
    assert page.locator("iframe.ngo-map-frame[data-src]").is_hidden()
    assert page.locator("#mapa-wczytaj").is_hidden()


def test_map_page_contacts_only_the_site_and_the_tile_server(watched, site_url):
    tiles = serve_blank_tiles(watched.context)
    requested: list[str] = []
    watched.context.on("request", lambda request: requested.append(request.url))
    frame = open_map(watched.page, site_url)
    assert wait_until(lambda: bool(tiles.urls), watched.page, 5.0), "no tile was requested"
    before = len(tiles.urls)
    frame.locator(".leaflet-control-zoom-in").click()
    assert wait_until(lambda: len(tiles.urls) > before, watched.page, 5.0), "zoom loaded no tiles"
    hosts = Counter(urlsplit(url).hostname for url in requested)
    site_host = urlsplit(site_url).hostname
    assert set(hosts) <= {site_host, tile_host()}, f"unexpected hosts: {hosts}"
    assert tiles.urls and all(urlsplit(u).hostname == tile_host() for u in tiles.urls)
    local = [u for u in requested if urlsplit(u).hostname == site_host]
    assert any("/assets/vendor/leaflet/leaflet.js" in u for u in local)
    assert any("/assets/vendor/leaflet.markercluster/" in u for u in local)
    watched.assert_clean()


def test_stand_alone_folder_works_without_the_site(watched, tmp_path, serve, alone):
    write_map_folder(load_registry(REPO_ROOT), tmp_path / "mapa", "https://ngo.example.pl")
    tiles = serve_blank_tiles(watched.context)
    requested: list[str] = []
    watched.context.on("request", lambda request: requested.append(request.url))
    page = watched.page
    base = serve(tmp_path)
    page.goto(base + f"mapa/index.html#{alone.slug}")
    wait_for_map(page)
    assert popup_text(page).startswith(alone.name)
    link = page.locator(".leaflet-popup a.ngo-popup__link")
    assert link.get_attribute("href") == f"https://ngo.example.pl/organizacje/{alone.slug}/"
    hosts = {urlsplit(url).hostname for url in requested}
    assert hosts <= {urlsplit(base).hostname, tile_host()}, hosts
    assert tiles.urls
    watched.assert_clean()


# --------------------------------------------------------------------------- untrusted text

PAYLOAD = ('<img src=x onerror="window.__xss=1"> </script><script>window.__xss=1</script> '
           "${window.__xss=1} {{ 7*7 }} {% raw %}")
XSS_SLUG = "zzz-mapa-xss"
XSS_ENTRY = f"""\
nazwa: '{PAYLOAD}'
nazwa_skrocona: "<b onmouseover=window.__xss=1>X</b> {{{{ 6*7 }}}}"
forma_prawna: stowarzyszenie
opis: "</script><script>window.__xss=1</script> ${{window.__xss=1}}"
obszary: [kultura]
adres:
  ulica: "<svg onload=window.__xss=1>"
  numer: "</script>"
  kod_pocztowy: "11-513"
  miejscowosc: Miłki
  wspolrzedne:
    szerokosc: 53.9512
    dlugosc: 21.9023
oferta: "<iframe src=javascript:window.__xss=1></iframe>"
zweryfikowano: 2026-11-01
"""
VILLAGE_SLUG = "zzz-mapa-wies"
VILLAGE_ENTRY = """\
nazwa: Stowarzyszenie z Domu Prezeski
forma_prawna: stowarzyszenie_zwykle
opis: Spotkania w domu prezeski.
obszary: [wspolnoty_lokalne]
adres:
  ulica: Tajemnicza
  numer: "13"
  kod_pocztowy: "11-513"
  miejscowosc: Staświny
  wspolrzedne:
    szerokosc: 53.9588
    dlugosc: 21.8711
  na_mapie: miejscowosc
zweryfikowano: 2026-11-01
"""
IGNORED = shutil.ignore_patterns(".venv", "site", ".git", "__pycache__", ".pytest_cache",
                                 ".ruff_cache", "*.egg-info", "node_modules")


@pytest.fixture(scope="module")
def xss_site(tmp_path_factory, build_site, serve) -> tuple[str, Path, Path]:
    work = tmp_path_factory.mktemp("map-xss")
    project = work / "project"
    shutil.copytree(REPO_ROOT, project, ignore=IGNORED, symlinks=True)
    (project / "ngos" / f"{XSS_SLUG}.yml").write_text(XSS_ENTRY, encoding="utf-8")
    (project / "ngos" / f"{VILLAGE_SLUG}.yml").write_text(VILLAGE_ENTRY, encoding="utf-8")
    site = build_site(project, work / "site")
    return serve(site), site, project


_LIVE_MARKUP_JS = """() => [...document.querySelectorAll('*')].flatMap(el =>
    [...el.attributes].filter(a => a.value.includes('__xss') &&
        (a.name.startsWith('on') || /^\\s*javascript:/i.test(a.value)))
      .map(a => `${el.tagName} ${a.name}`))"""


def _nothing_ran(watched: Watched) -> None:
    for frame in watched.page.frames:
        assert frame.evaluate("typeof window.__xss") == "undefined", f"script ran in {frame.url}"
        assert frame.evaluate(_LIVE_MARKUP_JS) == [], f"live markup in {frame.url}"
    assert not watched.dialogs, watched.dialogs


def test_ngo_text_on_the_map_is_only_ever_text(watched, tiles, xss_site):
    base, site, _ = xss_site
    page = watched.page
    frame = open_map(page, base, f"#{XSS_SLUG}")
    assert popup_text(frame).startswith(PAYLOAD), "the name must show exactly as written"
    frame.locator(".leaflet-popup a.ngo-popup__link").hover()
    titles = frame.evaluate("[...document.querySelectorAll('.ngo-pin')].map(p => p.title)")
    assert PAYLOAD in titles, "the pin's title carries the name as plain text"
    frame.locator(".ngo-pin").nth(titles.index(PAYLOAD)).hover()
    _nothing_ran(watched)
    document = (site / "mapa" / "mapa.html").read_text(encoding="utf-8")
    assert "{{ 7*7 }}" not in document, "NGO text stays out of the document folium renders"
    texts = "".join(path.read_text(encoding="utf-8")
                    for path in sorted((site / "mapa" / "opisy").glob("*.json")))
    assert "{{ 7*7 }} {% raw %}" in texts, "NGO text must not be read as a template"
    watched.assert_clean()


def test_village_only_ngo_shows_no_street_and_stands_at_its_village(watched, tiles, xss_site):
    base, site, project = xss_site
    document = (site / "mapa" / "mapa.html").read_text(encoding="utf-8")
    document += "".join(path.read_text(encoding="utf-8")
                        for path in sorted((site / "mapa" / "opisy").glob("*.json")))
    assert "Tajemnicza" not in document and "53.9588" not in document
    frame = open_map(watched.page, base, f"#{VILLAGE_SLUG}")
    text = popup_text(frame)
    assert "Tajemnicza" not in text and "Staświny" in text
    assert "nie dokładny adres" in text
    registry = load_registry(project)
    point = next(p for p in map_points(registry) if p.slug == VILLAGE_SLUG)
    village = next(loc.point for loc in registry.gazetteer.localities if loc.name == "Staświny")
    assert (point.lat, point.lon) == (round(village.lat, 5), round(village.lon, 5))
    watched.assert_clean()
