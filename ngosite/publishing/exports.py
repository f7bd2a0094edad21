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
from dataclasses import dataclass
from datetime import date
from typing import Any

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
    names = [f.name for f in dictionary()]
    out = io.StringIO()
    writer = csv.writer(out, delimiter=CSV_DELIMITER, lineterminator="\r\n",
                        quoting=csv.QUOTE_MINIMAL)
    writer.writerow(names)
    for entry in registry:
        row = record(registry, entry)
        writer.writerow([csv_cell(row[name]) for name in names])
    return BOM + out.getvalue()


def _json_value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def _one_per_line(head: dict[str, Any], key: str, items: list[Any]) -> str:
    """JSON with ``items`` (the list under ``key``, last in ``head``) one compact item a line:
    a diff shows each changed NGO as one line, and the file is half the size it was indented
    (at 10,000 NGOs the GeoJSON was 21 MB, the JSON 15 MB)."""
    def dump(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

    opening = dump({**head, key: []})[:-3]  # ends with the key: the items follow, a line each
    lines = ",\n".join(dump(item) for item in items)
    return f"{opening}[\n{lines}\n]}}\n" if items else f"{opening}[]}}\n"


def geojson_text(registry: Registry) -> str:
    """Points in WGS84 (RFC 7946); an NGO without a known point has ``geometry: null``.

    A property without a value (None, an empty list) is left out: GIS readers build the layer's
    columns from every feature and read a missing one as empty (GDAL, hence QGIS), and the
    empties were a third of the file (31.4 → 21.8 KB on the sample data)."""
    features = []
    for entry in registry:
        row = record(registry, entry)
        lat, lon = row["polozenie.szerokosc"], row["polozenie.dlugosc"]
        geometry = {"type": "Point", "coordinates": [lon, lat]} if lat is not None else None
        features.append({
            "type": "Feature", "geometry": geometry,
            "properties": {name: _json_value(value) for name, value in row.items()
                           if value is not None and value != []},
        })
    return _one_per_line({"type": "FeatureCollection"}, "features", features)


def json_text(registry: Registry) -> str:
    """Each entry as its NGO wrote it (valid against ``schema.json``), plus page and point."""
    settings = registry.settings
    organisations = []
    for entry in registry:
        row = record(registry, entry)
        entry_data = entry.org.model_dump(by_alias=True, exclude_none=True, mode="json")
        if entry.org.address.pin_precision == "miejscowosc":
            for key in ("ulica", "numer", "wspolrzedne"):
                entry_data["adres"].pop(key, None)
        point = None
        if row["polozenie.szerokosc"] is not None:
            point = {key: row[f"polozenie.{key}"]
                     for key in ("szerokosc", "dlugosc", "dokladnosc", "zrodlo")}
        organisations.append({"id": entry.slug, "strona": row["strona"], "wpis": entry_data,
                              "polozenie": point})
    head = {
        "opis": f"Organizacje pozarządowe w {settings.name_locative}",
        "licencja": {"nazwa": settings.open_data.licence,
                     "adres": settings.open_data.licence_url},
        "schemat_wpisu": SCHEMA_FILE,
    }
    return _one_per_line(head, "organizacje", organisations)


def export_files(registry: Registry) -> list[ExportFile]:
    return list(each_export_file(registry))


def each_export_file(registry: Registry) -> Iterator[ExportFile]:
    """The exports one at a time: each is tens of MB at 10,000 NGOs, and the build writes
    one before it makes the next."""
    yield ExportFile(f"{DIRECTORY}/{CSV_FILE}", csv_text(registry))
    yield ExportFile(f"{DIRECTORY}/{GEOJSON_FILE}", geojson_text(registry))
    yield ExportFile(f"{DIRECTORY}/{JSON_FILE}", json_text(registry))
