"""Open data read back with real readers: GDAL's ogrinfo (GeoJSON, CSV) and Python's csv.

Every field of every NGO must arrive as the registry holds it; an NGO shown only by its village
must not reveal its street, number or own coordinates anywhere; the data dictionary must list
every field of the model; the JSON-LD on NGO pages must not break out of its script element.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from support.projects import registry_with_entry

from ngosite.core.markdown_text import plain_text, summary
from ngosite.organisations.registry import Registry
from ngosite.pipeline import load_registry
from ngosite.publishing.data_dictionary import LIST_SEPARATOR, dictionary
from ngosite.publishing.exports import (
    BOM,
    CSV_DELIMITER,
    _JsonLines,
    csv_cell,
    csv_text,
    each_export_file,
    export_files,
    geojson_text,
    json_text,
    write_exports,
)
from ngosite.publishing.jsonld import organisation_jsonld
from ngosite.publishing.open_data_page import open_data_page
from ngosite.site import generated_assets

ROOT = Path(__file__).resolve().parents[2]
OGRINFO = shutil.which("ogrinfo") or "/usr/bin/ogrinfo"
OGR2OGR = shutil.which("ogr2ogr") or "/usr/bin/ogr2ogr"
PRIVATE = ("adres.ulica", "adres.numer", "adres.wspolrzedne.szerokosc",
           "adres.wspolrzedne.dlugosc")

HOSTILE = {
    "nazwa": "Stowarzyszenie </script><script>alert(1)</script> & „Przyjaciele”",
    "nazwa_skrocona": "=HYPERLINK(\"http://zly.example\";\"klik\")",
    "forma_prawna": "stowarzyszenie",
    "opis": "Opis z nową\nlinią; średnikiem, \"cudzysłowem\" i separatorami\u2028linii "
            "</SCRIPT > <!-- -->",
    "obszary": ["kultura", "sport"],
    "adres": {"ulica": "Tajna", "numer": "13", "kod_pocztowy": "11-513",
              "miejscowosc": "Miłki", "na_mapie": "miejscowosc",
              "wspolrzedne": {"szerokosc": 53.9301, "dlugosc": 21.8401}},
    "kontakt": {"telefon": "+48 600 100 200", "email": "a@b.pl"},
    "zweryfikowano": "2026-11-01",
}


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry(ROOT)


@pytest.fixture(scope="module")
def hostile_registry(tmp_path_factory) -> Registry:
    """The sample data plus an NGO whose every text tries to break some format."""
    return registry_with_entry(tmp_path_factory.mktemp("hostile"), "zlosliwa", HOSTILE)


@pytest.fixture(scope="module", params=["sample", "hostile"])
def any_registry(request) -> Registry:
    return request.getfixturevalue("registry" if request.param == "sample"
                                   else "hostile_registry")


@pytest.fixture(scope="module")
def written(any_registry: Registry, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("dane")
    (folder / "organizacje.csv").write_bytes(csv_text(any_registry).encode("utf-8"))
    (folder / "organizacje.geojson").write_text(geojson_text(any_registry), encoding="utf-8")
    (folder / "organizacje.json").write_text(json_text(any_registry), encoding="utf-8")
    return folder


# --------------------------------------------------------------------------- expectations


def _flatten(data: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = value
    return flat


def expected_values(registry: Registry) -> dict[str, dict[str, Any]]:
    """Per slug: dictionary name → value, from the model's own dump (not the exporter)."""
    names = [f.name for f in dictionary()]
    result = {}
    for entry in registry:
        flat = _flatten(entry.org.model_dump(by_alias=True, mode="json"))
        if entry.org.address.pin_precision == "miejscowosc":
            for key in PRIVATE:
                flat[key] = None
        row = {name: flat.get(name) for name in names}
        row["id"] = entry.slug
        location = registry.locations.get(entry.slug)
        row["polozenie.dokladnosc"] = location.precision if location else None
        row["polozenie.szerokosc"] = location.lat if location else None
        row["polozenie.dlugosc"] = location.lon if location else None
        result[entry.slug] = row
    return result


def _as_csv(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.6f}".rstrip("0").rstrip(".")
    return csv_cell(value)


def _close(got: str, want: float) -> bool:
    return abs(float(got) - want) < 1e-6


# --------------------------------------------------------------------------- CSV


def test_csv_has_a_bom_semicolons_and_crlf(written):
    raw = (written / "organizacje.csv").read_bytes()
    assert raw.startswith(BOM.encode("utf-8")), "Excel needs the UTF-8 byte order mark"
    header = raw.split(b"\r\n", 1)[0].decode("utf-8-sig")
    assert header.split(CSV_DELIMITER) == [f.name for f in dictionary()]


def test_python_csv_reads_every_field_of_every_ngo(any_registry, written):
    text = (written / "organizacje.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text, newline=""), delimiter=CSV_DELIMITER))
    expected = expected_values(any_registry)
    assert [r["id"] for r in rows] == list(expected)
    for row in rows:
        want = expected[row["id"]]
        for name, value in want.items():
            if name in ("strona", "polozenie.zrodlo"):
                continue
            if isinstance(value, float):
                assert _close(row[name], value), (row["id"], name)
            else:
                assert row[name] == _as_csv(value), (row["id"], name, row[name], value)
        assert row["strona"].endswith(f"organizacje/{row['id']}/")


def test_ogrinfo_reads_the_csv_with_points(any_registry, written):
    features = _ogr_features(written / "organizacje.csv",
                             "-oo", "X_POSSIBLE_NAMES=polozenie.dlugosc",
                             "-oo", "Y_POSSIBLE_NAMES=polozenie.szerokosc",
                             "-oo", "KEEP_GEOM_COLUMNS=YES")
    expected = expected_values(any_registry)
    assert [f["properties"]["id"] for f in features] == list(expected)
    for feature in features:
        props = feature["properties"]
        want = expected[props["id"]]
        for name in ("nazwa", "opis", "adres.kod_pocztowy", "identyfikatory.krs",
                     "kontakt.telefon", "oferta"):
            assert (props.get(name) or "") == _as_csv(want[name]), (props["id"], name)
        assert props["obszary"] == LIST_SEPARATOR.join(want["obszary"])
        if want["polozenie.szerokosc"] is not None:
            lon, lat = feature["geometry"]["coordinates"][:2]
            assert abs(lat - want["polozenie.szerokosc"]) < 1e-6
            assert abs(lon - want["polozenie.dlugosc"]) < 1e-6


# --------------------------------------------------------------------------- GeoJSON


def _ogr_features(path: Path, *options: str) -> list[dict[str, Any]]:
    """The features as GDAL reads them: ``ogrinfo`` checks layer and count (its text output
    is not machine-readable before GDAL 3.7), ``ogr2ogr`` hands over every value as GeoJSON."""
    info = subprocess.run([OGRINFO, "-ro", "-al", "-so", *options, str(path)],
                          capture_output=True, text=True, timeout=120, check=False)
    assert info.returncode == 0, f"ogrinfo cannot read {path.name}:\n{info.stderr}"
    count = re.search(r"^Feature Count: (\d+)$", info.stdout, re.MULTILINE)
    assert count, info.stdout
    dump = subprocess.run([OGR2OGR, "-f", "GeoJSON", "/vsistdout/", *options, str(path)],
                          capture_output=True, text=True, timeout=120, check=False)
    assert dump.returncode == 0, f"ogr2ogr cannot read {path.name}:\n{dump.stderr}"
    features = json.loads(dump.stdout)["features"]
    assert len(features) == int(count.group(1))
    return features


def test_ogrinfo_reads_every_field_of_every_ngo_from_the_geojson(any_registry, written):
    features = _ogr_features(written / "organizacje.geojson")
    expected = expected_values(any_registry)
    assert [f["properties"]["id"] for f in features] == list(expected)
    for feature in features:
        props = feature["properties"]
        want = expected[props["id"]]
        for name, value in want.items():
            got = props.get(name)
            if name in ("strona", "polozenie.zrodlo"):
                continue
            if isinstance(value, float):
                assert abs(got - value) < 1e-6, (props["id"], name)
            elif isinstance(value, bool):
                assert bool(got) is value, (props["id"], name)
            elif isinstance(value, list):
                assert (got or []) == value, (props["id"], name)
            else:
                assert got == value, (props["id"], name, got, value)
        if want["polozenie.szerokosc"] is None:
            assert feature["geometry"] is None
        else:
            lon, lat = feature["geometry"]["coordinates"]
            assert abs(lat - want["polozenie.szerokosc"]) < 1e-6
            assert abs(lon - want["polozenie.dlugosc"]) < 1e-6


def test_village_only_entries_reveal_no_street_anywhere(any_registry, written):
    hidden = [e for e in any_registry if e.org.address.pin_precision == "miejscowosc"]
    assert hidden, "the test data needs an NGO shown only by its village"
    geojson = json.loads((written / "organizacje.geojson").read_text(encoding="utf-8"))
    by_id = {f["properties"]["id"]: f for f in geojson["features"]}
    exported = json.loads((written / "organizacje.json").read_text(encoding="utf-8"))
    json_by_id = {o["id"]: o for o in exported["organizacje"]}
    csv_rows = {r["id"]: r for r in csv.DictReader(io.StringIO(
        (written / "organizacje.csv").read_text(encoding="utf-8-sig"), newline=""),
        delimiter=CSV_DELIMITER)}
    for entry in hidden:
        address = entry.org.address
        secrets = [s for s in (address.street, address.number) if s]
        if address.coordinates:
            secrets += [str(address.coordinates.lat), str(address.coordinates.lon)]
        for text in (json.dumps(by_id[entry.slug], ensure_ascii=False),
                     json.dumps(json_by_id[entry.slug], ensure_ascii=False),
                     CSV_DELIMITER.join(csv_rows[entry.slug].values())):
            for secret in secrets:
                assert not re.search(rf"(?<![\w.]){re.escape(secret)}(?![\w])", text), \
                    (entry.slug, secret)
        location = any_registry.locations.get(entry.slug)
        if location:
            assert location.precision == "miejscowosc"
            assert by_id[entry.slug]["properties"]["polozenie.dokladnosc"] == "miejscowosc"


# --------------------------------------------------------------------------- JSON


def test_json_entries_are_the_entries_as_written(any_registry, written):
    exported = json.loads((written / "organizacje.json").read_text(encoding="utf-8"))
    assert exported["licencja"]["adres"].startswith("https://")
    by_id = {o["id"]: o for o in exported["organizacje"]}
    for entry in any_registry:
        wpis = by_id[entry.slug]["wpis"]
        dumped = entry.org.model_dump(by_alias=True, exclude_none=True, mode="json")
        if entry.org.address.pin_precision == "miejscowosc":
            for key in ("ulica", "numer", "wspolrzedne"):
                dumped["adres"].pop(key, None)
        assert wpis == dumped, entry.slug
        assert date.fromisoformat(wpis["zweryfikowano"]) == entry.org.verified


def test_json_entries_are_valid_against_the_published_schema(any_registry):
    from ngosite.organisations.model import Organisation

    exported = json.loads(json_text(any_registry))
    for item in exported["organizacje"]:
        Organisation.model_validate(item["wpis"])


# --------------------------------------------------------------------------- CSV safety


def test_a_formula_is_neutralised_but_a_phone_number_is_not(hostile_registry):
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(
        csv_text(hostile_registry).removeprefix(BOM), newline=""), delimiter=CSV_DELIMITER)}
    row = rows["zlosliwa"]
    assert row["nazwa_skrocona"].startswith("'=HYPERLINK")
    assert row["kontakt.telefon"] == "+48 600 100 200"
    assert row["opis"] == HOSTILE["opis"]


# --------------------------------------------------------------------------- dictionary


def _schema_leaf_paths(schema: dict, node: dict | None = None, prefix: str = "") -> set[str]:
    node = schema if node is None else node
    if "$ref" in node:
        node = schema["$defs"][node["$ref"].rsplit("/", 1)[-1]]
    for variant in node.get("anyOf", []):
        if variant.get("type") != "null":
            return _schema_leaf_paths(schema, variant, prefix)
    if node.get("type") == "object" or "properties" in node:
        paths: set[str] = set()
        for key, child in node.get("properties", {}).items():
            paths |= _schema_leaf_paths(schema, child, f"{prefix}{key}.")
        return paths
    return {prefix.rstrip(".")}


def test_every_field_of_the_model_is_in_the_data_dictionary():
    schema = json.loads((ROOT / "data" / "organizacja.schema.json").read_text(encoding="utf-8"))
    fields = _schema_leaf_paths(schema)
    assert len(fields) > 20
    documented = {f.name for f in dictionary() if f.description}
    missing = sorted(fields - documented)
    assert not missing, f"fields missing from the data dictionary (with a description): {missing}"


def test_the_open_data_page_shows_the_dictionary_and_the_licence(registry):
    page = open_data_page(registry, export_files(registry))
    html = page.html or page.markdown
    for field in dictionary():
        assert f"<code>{field.name}</code>" in html, field.name
        for term in field.allowed:
            assert f"<code>{term.slug}</code>" in html, (field.name, term.slug)
    assert registry.settings.open_data.licence_url in html
    assert "średnik" in html and "BOM" in html


def test_the_site_publishes_every_export_and_the_schema(registry):
    paths = {a.path for a in generated_assets(registry)}
    assert {"dane/organizacje.csv", "dane/organizacje.geojson", "dane/organizacje.json",
            "dane/schema.json"} <= paths


# --------------------------------------------------------------------------- JSON-LD


class _Scripts(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[tuple[dict[str, str], str]] = []
        self.tags: list[str] = []
        self._open: dict[str, str] | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "script":
            self._open = {k: v or "" for k, v in attrs}
            self.scripts.append((self._open, ""))

    def handle_data(self, data):
        if self._open is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)

    def handle_endtag(self, tag):
        if tag == "script":
            self._open = None


def test_jsonld_cannot_break_out_of_its_script_element(hostile_registry):
    entry = next(e for e in hostile_registry if e.slug == "zlosliwa")
    html = str(organisation_jsonld(hostile_registry, entry))
    parser = _Scripts()
    parser.feed(html)
    assert parser.tags == ["script"], f"the JSON-LD opened other elements: {parser.tags}"
    assert len(parser.scripts) == 1
    attrs, text = parser.scripts[0]
    assert attrs == {"type": "application/ld+json"}
    for forbidden in ("<", ">", "&", "\u2028", "\u2029"):
        assert forbidden not in text
    data = json.loads(text)
    assert data["name"] == HOSTILE["nazwa"]
    assert data["@type"] == "NGO"
    assert "streetAddress" not in data["address"], "village-only: no street in JSON-LD"
    assert "Tajna" not in text


def test_every_ngo_page_carries_its_jsonld(registry):
    assert any(len(plain_text(e.org.description)) > 200 for e in registry)
    for entry in registry:
        parser = _Scripts()
        parser.feed(str(organisation_jsonld(registry, entry)))
        data = json.loads(parser.scripts[0][1])
        org = entry.org
        assert data["name"] == org.name
        # The card's summary, not the page's whole text (some sample texts are longer).
        assert data["description"] == summary(org.description)
        assert data["address"]["addressLocality"] == org.address.locality
        assert data["address"]["postalCode"] == org.address.postal_code
        if org.identifiers.nip:
            assert data["taxID"] == org.identifiers.nip
        ids = {i["propertyID"]: i["value"] for i in data.get("identifier", [])}
        if org.identifiers.krs:
            assert ids["KRS"] == org.identifiers.krs


def test_the_build_writes_the_same_bytes_a_line_at_a_time(any_registry, tmp_path):
    """``write_exports`` (the build: one pass, nothing held whole) and ``each_export_file``
    (each file made whole) give the same files, and the sizes the open-data page shows."""
    written = write_exports(any_registry, tmp_path)
    whole = list(each_export_file(any_registry))
    assert [f.path for f in written] == [f.path for f in whole]
    for streamed, made in zip(written, whole, strict=True):
        content = made.content.encode("utf-8") if isinstance(made.content, str) else made.content
        assert (tmp_path / streamed.path).read_bytes() == content, streamed.path
        assert streamed.size == len(content)


def test_a_list_without_items_is_still_its_json():
    out = io.StringIO()
    _JsonLines(out, {"type": "FeatureCollection"}, "features").close()
    assert json.loads(out.getvalue()) == {"type": "FeatureCollection", "features": []}
