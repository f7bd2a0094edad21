"""The registry as open data: CSV, GeoJSON and JSON files under ``/dane/``.

One row per NGO, with the columns of the data dictionary
(:mod:`ngosite.publishing.data_dictionary`).
Privacy: when an NGO asked to be shown only by its village (``adres.na_mapie: miejscowosc``),
its street, building number and own coordinates appear in no file; its point is its locality.

Untrusted text is escaped for each format: JSON and GeoJSON by the JSON encoder; in the CSV a
cell that a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@`` at the start) gets a
leading apostrophe, except phone numbers such as ``+48 600 100 200``.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from ngosite.organisations.registry import Entry, Registry

from .data_dictionary import LIST_SEPARATOR, DictionaryField, dictionary

DIRECTORY = "dane"
CSV_FILE = "organizacje.csv"
GEOJSON_FILE = "organizacje.geojson"
JSON_FILE = "organizacje.json"
SCHEMA_FILE = "schema.json"
# Polish Excel takes the list separator from the system, which is ";" because "," is the
# decimal separator: a ";" file opens in columns by a double click.
CSV_DELIMITER = ";"
BOM = "\ufeff"
PRIVATE_WHEN_VILLAGE_ONLY = ("adres.ulica", "adres.numer", "adres.wspolrzedne.szerokosc",
                             "adres.wspolrzedne.dlugosc")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PHONE_OR_NUMBER = re.compile(r"[+-]?[0-9][0-9 ()./-]*")


@dataclass(frozen=True)
class ExportFile:
    path: str  # under the site root
    content: str | bytes  # bytes: already encoded as UTF-8 (as the build hands them over)
    size: int | None = None  # in bytes, when the content was written to a file instead


def page_address(registry: Registry, entry: Entry) -> str:
    base = registry.settings.site_url
    path = f"organizacje/{entry.slug}/"
    return f"{base.rstrip('/')}/{path}" if base else f"/{path}"


def record(registry: Registry, entry: Entry) -> dict[str, Any]:
    """One NGO as typed values, keyed by data-dictionary name (None: no value)."""
    org = entry.org
    village_only = org.address.pin_precision == "miejscowosc"
    values: dict[str, Any] = {"id": entry.slug, "strona": page_address(registry, entry)}
    for field in dictionary():
        if not field.from_model:
            continue
        value = _attribute(org, field)
        if village_only and field.name in PRIVATE_WHEN_VILLAGE_ONLY:
            value = None
        values[field.name] = list(value) if field.is_list else value
    location = registry.locations.get(entry.slug)
    values["polozenie.szerokosc"] = round(location.lat, 6) if location else None
    values["polozenie.dlugosc"] = round(location.lon, 6) if location else None
    values["polozenie.dokladnosc"] = location.precision if location else None
    values["polozenie.zrodlo"] = location.source if location else None
    return values


def _attribute(obj: object, field: DictionaryField) -> Any:
    for name in field.path:
        if obj is None:
            return None
        obj = getattr(obj, name)
    return obj


def csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return LIST_SEPARATOR.join(csv_cell(v) for v in value)
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    if text.startswith(_FORMULA_START) and not _PHONE_OR_NUMBER.fullmatch(text):
        return "'" + text
    return text


def csv_text(registry: Registry) -> str:
    """UTF-8 with a byte order mark (Excel then reads Polish letters right), ``;``, CRLF."""
    out = io.StringIO()
    rows = _CsvRows(out)
    for entry in registry:
        rows.add(record(registry, entry))
    return out.getvalue()


class _CsvRows:
    """The CSV written to ``out`` a row at a time, after the BOM and the header."""

    def __init__(self, out: TextIO) -> None:
        self.names = [f.name for f in dictionary()]
        out.write(BOM)
        self.writer = csv.writer(out, delimiter=CSV_DELIMITER, lineterminator="\r\n",
                                 quoting=csv.QUOTE_MINIMAL)
        self.writer.writerow(self.names)

    def add(self, row: dict[str, Any]) -> None:
        self.writer.writerow([csv_cell(row[name]) for name in self.names])


def _json_value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


class _JsonLines:
    """JSON with its items (the list under ``key``, last in ``head``) one compact item a line:
    a diff shows each changed NGO as one line, and the file is half the size it was indented
    (at 10,000 NGOs the GeoJSON was 21 MB, the JSON 15 MB). Written to ``out`` an item at a
    time; ``close`` ends it."""

    def __init__(self, out: TextIO, head: dict[str, Any], key: str) -> None:
        self.out = out
        self.opening = _dump({**head, key: []})[:-3]  # ends with the key: the items follow
        self.count = 0

    def add(self, item: Any) -> None:
        self.out.write((",\n" if self.count else self.opening + "[\n") + _dump(item))
        self.count += 1

    def close(self) -> None:
        self.out.write("\n]}\n" if self.count else self.opening + "[]}\n")


def _feature(row: dict[str, Any]) -> dict[str, Any]:
    """A GeoJSON feature: points in WGS84 (RFC 7946); an NGO without a known point has
    ``geometry: null``.

    A property without a value (None, an empty list) is left out: GIS readers build the layer's
    columns from every feature and read a missing one as empty (GDAL, hence QGIS), and the
    empties were a third of the file (31.4 → 21.8 KB on the sample data)."""
    lat, lon = row["polozenie.szerokosc"], row["polozenie.dlugosc"]
    geometry = {"type": "Point", "coordinates": [lon, lat]} if lat is not None else None
    return {"type": "Feature", "geometry": geometry,
            "properties": {name: _json_value(value) for name, value in row.items()
                           if value is not None and value != []}}


_GEOJSON_HEAD = {"type": "FeatureCollection"}


def geojson_text(registry: Registry) -> str:
    """The GeoJSON export whole (``_feature`` says what a feature holds)."""
    out = io.StringIO()
    lines = _JsonLines(out, _GEOJSON_HEAD, "features")
    for entry in registry:
        lines.add(_feature(record(registry, entry)))
    lines.close()
    return out.getvalue()


def _organisation(entry: Entry, row: dict[str, Any]) -> dict[str, Any]:
    """Each entry as its NGO wrote it (valid against ``schema.json``), plus page and point."""
    entry_data = entry.org.model_dump(by_alias=True, exclude_none=True, mode="json")
    if entry.org.address.pin_precision == "miejscowosc":
        for key in ("ulica", "numer", "wspolrzedne"):
            entry_data["adres"].pop(key, None)
    point = None
    if row["polozenie.szerokosc"] is not None:
        point = {key: row[f"polozenie.{key}"]
                 for key in ("szerokosc", "dlugosc", "dokladnosc", "zrodlo")}
    return {"id": entry.slug, "strona": row["strona"], "wpis": entry_data, "polozenie": point}


def _json_head(registry: Registry) -> dict[str, Any]:
    settings = registry.settings
    return {
        "opis": f"Organizacje pozarządowe w {settings.name_locative}",
        "licencja": {"nazwa": settings.open_data.licence,
                     "adres": settings.open_data.licence_url},
        "schemat_wpisu": SCHEMA_FILE,
    }


def json_text(registry: Registry) -> str:
    """The JSON export whole (``_organisation`` says what an NGO's item holds)."""
    out = io.StringIO()
    lines = _JsonLines(out, _json_head(registry), "organizacje")
    for entry in registry:
        lines.add(_organisation(entry, record(registry, entry)))
    lines.close()
    return out.getvalue()


def write_exports(registry: Registry, folder: Path) -> list[ExportFile]:
    """The three exports written below ``folder`` in one pass over the registry, with their
    sizes: each NGO's record is made once, not once for each format, and no file is held
    whole (each is 10–14 MB at 10,000 NGOs). The same bytes as ``each_export_file``."""
    target = folder / DIRECTORY
    target.mkdir(parents=True, exist_ok=True)
    names = (CSV_FILE, GEOJSON_FILE, JSON_FILE)
    with ExitStack() as files:
        csv_out, geo_out, json_out = (
            files.enter_context(open(target / name, "w", encoding="utf-8", newline=""))
            for name in names)
        rows = _CsvRows(csv_out)
        features = _JsonLines(geo_out, _GEOJSON_HEAD, "features")
        organisations = _JsonLines(json_out, _json_head(registry), "organizacje")
        for entry in registry:
            row = record(registry, entry)
            rows.add(row)
            features.add(_feature(row))
            organisations.add(_organisation(entry, row))
        features.close()
        organisations.close()
    return [ExportFile(f"{DIRECTORY}/{name}", b"", size=(target / name).stat().st_size)
            for name in names]


def export_files(registry: Registry) -> list[ExportFile]:
    return list(each_export_file(registry))


def each_export_file(registry: Registry) -> Iterator[ExportFile]:
    """The exports one at a time, each whole in memory (the build writes them a line at a
    time instead: ``write_exports``)."""
    yield ExportFile(f"{DIRECTORY}/{CSV_FILE}", csv_text(registry))
    yield ExportFile(f"{DIRECTORY}/{GEOJSON_FILE}", geojson_text(registry))
    yield ExportFile(f"{DIRECTORY}/{JSON_FILE}", json_text(registry))
