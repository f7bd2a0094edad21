"""The map's data and document, without a browser: what a row may carry, how it is escaped,
which assets the document loads, and what it says about itself."""

from __future__ import annotations

import json
import re
import shutil
from datetime import date
from pathlib import Path

import folium
import pytest
import yaml
from folium.plugins import Fullscreen, LocateControl, MarkerCluster

from ngosite.core.problems import DataError, Severity
from ngosite.map.assets import PACKAGES, AssetLinks, all_files
from ngosite.map.categories import CATEGORIES, category_of
from ngosite.map.data import (
    DETAILS_CHUNK,
    detail_files,
    legend,
    map_payload,
    map_points,
    script_json,
)
from ngosite.map.document import MapTarget, render_map_document
from ngosite.map.page import map_link_section, map_pages, organisations
from ngosite.organisations.vocabulary import PUBLIC_BENEFIT_AREAS
from ngosite.pipeline import load_registry

ROOT = Path(__file__).resolve().parents[2]
ASSETS = ROOT / "docs" / "assets"
TODAY = date(2026, 11, 26)
SITE_TARGET = MapTarget(AssetLinks(ASSETS, "../assets/"), "../organizacje/", "../organizacje/")
PAYLOAD = ('<img src=x onerror=alert(1)> </script><script>alert(1)</script> ${alert(1)} '
           "{{ 7*7 }} {% raw %} <!-- \u2028 ' & \"")


def entry(name: str = "Organizacja", **address) -> dict:
    return {"nazwa": name, "forma_prawna": "stowarzyszenie", "opis": "Opis.",
            "obszary": ["sport", "kultura"],
            "adres": {"kod_pocztowy": "11-513", "miejscowosc": "Miłki", **address},
            "zweryfikowano": "2026-11-01"}


def make_project(tmp_path: Path, entries: dict[str, dict]) -> Path:
    project = tmp_path / "project"
    (project / "ngos").mkdir(parents=True)
    shutil.copytree(ROOT / "data", project / "data")
    (project / "data" / "geokodowanie.yml").unlink(missing_ok=True)
    (project / "docs").mkdir()
    (project / "docs" / "assets").symlink_to(ASSETS)
    for slug, data in entries.items():
        (project / "ngos" / f"{slug}.yml").write_text(
            yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return project


@pytest.fixture
def mixed(tmp_path):
    """An exact point, a village-only NGO with a street and a point of its own, and an NGO in a
    locality without a point."""
    return load_registry(make_project(tmp_path, {
        "dokladna": entry("Dokładna", ulica="Mazurska", numer="2",
                          wspolrzedne={"szerokosc": 53.9425, "dlugosc": 21.884}),
        "wiejska": entry("Wiejska", ulica="Tajemnicza", numer="13", miejscowosc="Staświny",
                         wspolrzedne={"szerokosc": 53.9588, "dlugosc": 21.8711},
                         na_mapie="miejscowosc"),
        "nieznana": entry("Nieznana", miejscowosc="Rydzewo"),
        "zla": entry(PAYLOAD, wspolrzedne={"szerokosc": 53.95, "dlugosc": 21.9}),
    }), today=TODAY)


def test_every_area_of_activity_has_exactly_one_group_with_a_symbol():
    grouped = [area for category in CATEGORIES for area in category.areas]
    assert sorted(grouped) == sorted(PUBLIC_BENEFIT_AREAS), "each area in one group"
    for category in CATEGORIES:
        assert re.fullmatch(r"[MmLlHhVvCcSsQqTtAaZz0-9 .,\-]+", category.icon_path), category
        assert re.fullmatch(r"#[0-9a-f]{6}", category.colour)
    assert category_of(["sport", "kultura"]).slug == "sport", "the first area decides"


def test_unlocated_ngos_are_left_out_and_village_only_ngos_stand_at_their_village(mixed):
    points = {p.slug: p for p in map_points(mixed)}
    assert set(points) == {"dokladna", "wiejska", "zla"}
    assert not points["dokladna"].at_locality
    village = next(loc.point for loc in mixed.gazetteer.localities if loc.name == "Staświny")
    assert (points["wiejska"].lat, points["wiejska"].lon) == (round(village.lat, 5),
                                                             round(village.lon, 5))
    assert points["wiejska"].at_locality
    assert any(p.severity is Severity.INFO and "nieznana" in p.file for p in mixed.problems)


def test_no_street_or_own_point_of_a_village_only_ngo_reaches_the_map(mixed):
    document = render_map_document(mixed, map_points(mixed), SITE_TARGET)
    for secret in ("Tajemnicza", "53.9588", "21.8711"):
        assert secret not in document
    assert "Mazurska" not in document, "the map carries no street at all"


def test_script_json_cannot_end_the_script_and_reads_back_exactly():
    value = {"name": PAYLOAD, "list": [1, 2.5, None]}
    text = str(script_json(value))
    assert not set("<>&'\u2028") & set(text)
    assert json.loads(text) == value


def test_ngo_text_in_the_document_is_inert(mixed):
    document = render_map_document(mixed, map_points(mixed), SITE_TARGET)
    data = document.split('<script type="application/json" id="ngo-map-data">')[1]
    data = data.split("</script>")[0]
    payload = json.loads(data)
    assert PAYLOAD not in data, "NGO names are in the popup files, not in the document"
    names = [row[1] for _, text in detail_files(map_points(mixed)) for row in json.loads(text)]
    assert PAYLOAD in names
    assert "{{ 7*7 }}" not in document and "{% raw %}" not in document
    assert payload["points"]
    scripts = re.findall(r"<script>(.*?)</script>", document, flags=re.S)
    assert not any("alert(1)" in script for script in scripts), "NGO text in executable code"
    assert document.count("</script>") == document.count("<script")


def test_pins_and_their_popup_files_give_back_every_point(mixed):
    """The document carries points as integers, the files the texts; read together they are
    exactly the map's points (at 10,000 NGOs the document with every text was 197 KB gzip)."""
    points = map_points(mixed)
    payload = map_payload(points, "../organizacje/")
    files = detail_files(points)
    assert [name for name, _ in files] == [f"opisy/{n}.json" for n in range(len(files))]
    rows = [row for _, text in files for row in json.loads(text)]
    flat = payload["points"]
    assert len(rows) == len(points) == len(flat) // 3
    assert payload["first"] == [row[0] for row in rows[::DETAILS_CHUNK]]
    assert [row[0] for row in rows] == sorted(row[0] for row in rows)
    by_slug = {point.slug: point for point in points}
    scale, origin = payload["scale"], payload["origin"]
    for i, (slug, name, form, locality) in enumerate(rows):
        point = by_slug[slug]
        lat, lon, code = flat[3 * i:3 * i + 3]
        assert ((origin[0] + lat) / scale, (origin[1] + lon) / scale) == (point.lat, point.lon)
        assert name == point.name
        assert payload["categories"][code >> 1]["slug"] == point.category.slug
        assert code & 1 == int(point.at_locality)
        assert payload["forms"][form] == point.form
        assert payload["localities"][locality] == point.locality
    items = legend(points)
    assert sum(item.count for item in items) == len(points)
    assert [c["slug"] for c in payload["categories"]] == [i.category.slug for i in items]


def test_document_loads_only_vendored_assets_and_passes_axe_basics():
    registry = load_registry(ROOT, today=TODAY)
    document = render_map_document(registry, map_points(registry), SITE_TARGET)
    sources = re.findall(r'<script src="([^"]+)"', document)
    sources += re.findall(r'<link rel="stylesheet" href="([^"]+)"', document)
    assert len(sources) == 11  # 5 scripts, 6 style sheets
    for url in sources:
        path = url.removeprefix("../assets/").split("?v=")[0]
        assert url.startswith("../assets/") and (ASSETS / path).is_file(), url
    for cdn in ("cdn.", "jquery", "bootstrap", "fontawesome", "awesome-markers", "unpkg"):
        assert cdn not in document.lower(), cdn
    # A host ends at a path, a quote, a space or (in the policy's list) a semicolon.
    hosts = set(re.findall(r"https?://([^/\"'\s;]+)", document))
    assert hosts == {"tile.openstreetmap.org", "www.openstreetmap.org"}, hosts
    assert document.startswith('<!DOCTYPE html>\n<html lang="pl">\n<head>\n<meta charset="utf-8">')
    assert "<title>Mapa organizacji pozarządowych — Gmina Miłki</title>" in document
    viewport = re.search(r'<meta name="viewport" content="([^"]+)"', document).group(1)
    assert "user-scalable" not in viewport and "maximum-scale" not in viewport
    assert 'role="region"' in document and 'aria-label="Mapa organizacji"' in document


def test_folium_defaults_stay_untouched():
    """Assets are set per instance: folium's class-level lists, shared by every map, keep
    their CDN links (add_js_link would have changed them for everyone)."""
    before = [list(cls.default_js) + list(cls.default_css)
              for cls in (folium.Map, MarkerCluster, Fullscreen, LocateControl)]
    registry = load_registry(ROOT, today=TODAY)
    render_map_document(registry, map_points(registry), SITE_TARGET)
    after = [list(cls.default_js) + list(cls.default_css)
             for cls in (folium.Map, MarkerCluster, Fullscreen, LocateControl)]
    assert before == after


def test_only_ngos_on_the_map_get_a_map_link(mixed):
    by_slug = {e.slug: e for e in mixed.entries}
    link = str(map_link_section(mixed, by_slug["wiejska"]))
    assert 'href="../../mapa/#wiejska"' in link and "Pokaż na mapie" in link
    assert "nie dokładny adres" in link
    unplaced = str(map_link_section(mixed, by_slug["nieznana"]))
    assert "Pokaż na mapie" not in unplaced and "nie ma jeszcze na mapie" in unplaced


def test_map_page_explains_the_map_in_text(mixed):
    (page,) = map_pages(mixed)
    assert page.src_uri == "mapa/index.md"
    for words in ("3 organizacje z 4", "1 organizacja z katalogu nie ma jeszcze pinezki",
                  'href="../organizacje/"', 'title="Mapa organizacji pozarządowych',
                  'loading="lazy"', "Legenda", "Sport i turystyka</strong>: 3 organizacje",
                  "autorzy OpenStreetMap", "Z klawiatury"):
        assert words in page.html, words
    assert yaml.safe_load(page.markdown.split("---")[1])["title"] == "Mapa organizacji"


@pytest.mark.parametrize(("n", "text"), [(1, "1 organizacja"), (3, "3 organizacje"),
                                         (5, "5 organizacji"), (12, "12 organizacji"),
                                         (22, "22 organizacje"), (0, "0 organizacji")])
def test_polish_plural(n, text):
    assert organisations(n) == text


@pytest.mark.parametrize("tiles", ["tile.openstreetmap.org/{z}/{x}/{y}.png",
                                   "https://tile.openstreetmap.org/{z}/{x}.png",
                                   "https://example.org/{{z}}/{x}/{y}<script>"])
def test_bad_tile_server_setting_is_a_located_polish_problem(tmp_path, tiles):
    project = make_project(tmp_path, {})
    gmina = project / "data" / "gmina.yml"
    text = gmina.read_text(encoding="utf-8")
    text = re.sub(r"kafelki: .*", f"kafelki: '{tiles}'", text)
    gmina.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as error:
        load_registry(project, today=TODAY)
    message = str(error.value)
    assert "mapa.kafelki" in message and "musi zaczynać się od https://" in message


def test_every_vendored_package_is_listed_with_its_version_and_licence():
    readme = (ASSETS / "vendor" / "README.txt").read_text(encoding="utf-8")
    for package in PACKAGES:
        assert f"{package.name} {package.version}" in readme
    for name in all_files():
        assert (ASSETS / name).is_file(), name
