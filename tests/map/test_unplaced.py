"""NGOs without a pin: the map page names every one with the reason, and so does its page."""

from __future__ import annotations

from datetime import date
from html.parser import HTMLParser

from support.projects import ROOT, registry_with_entry

from ngosite.geo.cache import CachedPoint, GeocodeCache
from ngosite.map.page import map_link_section, map_pages
from ngosite.map.unplaced import missing_from_map
from ngosite.pipeline import load_registry

ENTRY_DATE = date(2026, 11, 1)

ENTRY = {"nazwa": "Klub Testowy", "forma_prawna": "stowarzyszenie", "opis": "Opis.",
         "obszary": ["kultura"], "zweryfikowano": "2026-11-01"}


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data):
        self.parts.append(data)


def _text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join("".join(parser.parts).split())


def test_the_bundled_map_page_names_the_four_ngos_without_a_pin_and_why():
    registry = load_registry(ROOT)
    missing = missing_from_map(registry)
    assert {m.entry.slug for m in missing} == {
        "kgw-rydzewo", "kgw-wyszowate", "osp-wyszowate", "mieszkancy-jagodnego-wielkiego"}
    page = map_pages(registry)[0].html
    text = _text(page)
    assert "4 organizacje z katalogu nie mają jeszcze pinezki" in text
    for item in missing:
        assert f'href="../organizacje/{item.entry.slug}/"' in page
        assert (f"{item.entry.org.name} ({item.entry.org.address.locality}): serwis nie zna "
                f"jeszcze położenia miejscowości {item.entry.org.address.locality}") in text


def test_a_point_outside_the_gmina_is_named_with_its_distance(tmp_path):
    entry = {**ENTRY, "adres": {"kod_pocztowy": "11-513", "miejscowosc": "Miłki",
                                "wspolrzedne": {"szerokosc": 52.2297, "dlugosc": 21.0122}}}
    registry = registry_with_entry(tmp_path, "klub-testowy", entry)
    [missing] = [m for m in missing_from_map(registry) if m.entry.slug == "klub-testowy"]
    assert "km poza gminą" in missing.why and "współrzędne" in missing.advice
    section = _text(map_link_section(registry, registry.by_slug["klub-testowy"]))
    assert section.startswith("Na mapie Tej organizacji nie ma jeszcze na mapie: punkt podany")


def test_an_address_the_geocoder_did_not_find_says_so(tmp_path):
    project = tmp_path / "p"
    registry_with_entry(project, "klub-testowy", {**ENTRY, "adres": {
        "ulica": "Nieistniejąca", "numer": "1", "kod_pocztowy": "11-513",
        "miejscowosc": "Wyszowate"}})
    cache = GeocodeCache(project / "data" / "geokodowanie.yml")
    for key in ("nieistniejąca 1, 11-513 wyszowate", "11-513 wyszowate"):
        cache.put(key, CachedPoint(None, None, "nominatim", ENTRY_DATE))
    cache.save()
    registry = load_registry(project)
    [missing] = [m for m in missing_from_map(registry) if m.entry.slug == "klub-testowy"]
    assert missing.why == "serwis map OpenStreetMap nie znalazł jej adresu"
    assert "pisownię ulicy" in missing.advice


def test_an_ngo_on_the_map_gets_the_link_and_no_reason():
    registry = load_registry(ROOT)
    section = _text(map_link_section(registry, registry.by_slug["osp-milki"]))
    assert section.startswith("Na mapie Pokaż na mapie") and "nie ma jeszcze" not in section
