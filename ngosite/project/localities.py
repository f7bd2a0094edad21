"""The gmina's localities for ``data/miejscowosci.yml``, from the office's files.

Three kinds of file are read, told apart by their columns:

- our CSV, ``nazwa,szerokosc,dlugosc[,simc][,rodzaj]`` (UTF-8, ``,`` or ``;``): what a clerk
  types in a spreadsheet; coordinates may be left empty;
- the TERYT SIMC list from GUS (``WOJ;POW;GMI;RODZ_GMI;RM;MZ;NAZWA;SYM;SYMPOD;STAN_NA``): every
  locality of the country with its SIMC id, no coordinates; the gmina's rows are taken by its
  TERYT code;
- a PRNG extract from GUGiK (Shapefile, GML or a zip; points): names, kinds, SIMC ids and
  points; the gmina's localities are those inside its boundary (or, without one, those whose
  ``gmina`` column names it).

Several files may be given: the first names the localities, later ones fill in what is missing
(SIMC for names, PRNG for points). Parts of localities (``część wsi``…) are left out: an NGO's
address names a locality. Nothing is invented: a locality without a point stays without one.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

from ngosite.core.folding import fold

from .vector import POLAND, Feature, SourceError, read_features

# TERYT SIMC "rodzaj miejscowości" (RM) codes, as GUS publishes them.
SIMC_KINDS = {"01": "wieś", "02": "kolonia", "03": "przysiółek", "04": "osada",
              "05": "osada leśna", "06": "osiedle", "07": "schronisko turystyczne",
              "95": "dzielnica", "96": "miasto", "98": "delegatura", "99": "część miasta",
              "00": "część miejscowości"}
_VECTOR = {".shp", ".gml", ".zip", ".gpkg", ".geojson", ".json", ".xml"}
# A point of the register may lie just outside an approximate boundary.
TOLERANCE_DEG = 0.003


@dataclass(frozen=True)
class Place:
    name: str
    kind: str
    source: str
    point: tuple[float, float] | None = None  # latitude, longitude
    simc: str | None = None
    # "sekunda" for the register's points; a clerk's CSV does not say how exact its points are.
    precision: str | None = None

    def as_yaml_data(self) -> dict[str, object]:
        data: dict[str, object] = {"nazwa": self.name, "rodzaj": self.kind}
        if self.point:
            data["wspolrzedne"] = {"szerokosc": round(self.point[0], 6),
                                   "dlugosc": round(self.point[1], 6)}
            if self.precision:
                data["dokladnosc"] = self.precision
        if self.simc:
            data["simc"] = self.simc
        data["zrodlo"] = self.source
        return data


def read_places(path: Path, teryt: str, gmina: str, outline: BaseGeometry | None) -> list[Place]:
    """The gmina's localities in one file (any of the three kinds)."""
    if path.suffix.lower() in _VECTOR:
        return _from_prng(path, gmina, outline)
    if not path.is_file():
        raise SourceError(f"nie ma pliku {path}; sprawdź nazwę i folder")
    text = path.read_bytes().decode("utf-8-sig", errors="replace")
    rows = list(csv.DictReader(io.StringIO(text), dialect=_dialect(text)))
    columns = {fold(c or "").strip() for c in (rows[0].keys() if rows else ())}
    if {"woj", "pow", "gmi", "nazwa", "sym"} <= columns:
        return _from_simc(path, rows, teryt)
    if "nazwa" in columns:
        return _from_csv(path, rows)
    raise SourceError(f"plik {path.name}: nie rozpoznano kolumn ({', '.join(sorted(columns))}); "
                      "potrzebny jest plik CSV z kolumnami nazwa,szerokosc,dlugosc (i "
                      "opcjonalnie simc), lista SIMC z TERYT albo wyciąg PRNG")


def merge(lists: Iterable[list[Place]]) -> list[Place]:
    """The first list's localities (or, if it has none, the next one's), each completed from
    the later lists by name: a point, a SIMC id."""
    merged: dict[str, Place] = {}
    for places in lists:
        adding = not merged  # later lists complete the localities, they never add
        for place in places:
            key = fold(place.name)
            known = merged.get(key)
            if known is None:
                if adding:
                    merged[key] = place
                continue
            located = known if known.point else place
            merged[key] = replace(known, point=located.point, precision=located.precision,
                                  simc=known.simc or place.simc, source=_sources(known, place))
    return sorted(merged.values(), key=lambda p: fold(p.name))


def _sources(known: Place, other: Place) -> str:
    return known.source if other.source in known.source else f"{known.source}; {other.source}"


def _dialect(text: str) -> type[csv.Dialect]:
    first = text.split("\n", 1)[0]
    return csv.excel if first.count(",") >= first.count(";") else _Semicolon


class _Semicolon(csv.excel):
    delimiter = ";"


def _column(row: dict[str, str | None], *names: str) -> str:
    for key, value in row.items():
        if key is not None and fold(key).strip() in names:
            return (value or "").strip()
    return ""


def _from_csv(path: Path, rows: list[dict[str, str | None]]) -> list[Place]:
    places = []
    for number, row in enumerate(rows, start=2):
        name = _column(row, "nazwa")
        if not name:
            continue
        lat, lon = _column(row, "szerokosc"), _column(row, "dlugosc")
        point = _point(path, number, lat, lon) if lat or lon else None
        simc = _column(row, "simc") or None
        if simc and not re.fullmatch(r"\d{7}", simc):
            raise SourceError(f"{path.name}, wiersz {number}: simc „{simc}” to nie 7 cyfr; "
                              "popraw albo zostaw puste")
        places.append(Place(name, _column(row, "rodzaj") or "miejscowość",
                            f"plik {path.name} przekazany przez urząd", point, simc))
    return places


def _point(path: Path, number: int, lat: str, lon: str) -> tuple[float, float]:
    try:
        point = float(lat.replace(",", ".")), float(lon.replace(",", "."))
    except ValueError:
        raise SourceError(f"{path.name}, wiersz {number}: współrzędne „{lat}”, „{lon}” to nie "
                          "liczby; wpisz stopnie dziesiętne, np. 53.9307 i 21.8361, albo zostaw "
                          "oba pola puste") from None
    west, south, east, north = POLAND
    if not (south <= point[0] <= north and west <= point[1] <= east):
        raise SourceError(f"{path.name}, wiersz {number}: punkt {lat}, {lon} leży poza Polską; "
                          "najpierw szerokość (ok. 49–55), potem długość (ok. 14–24)")
    return point


def _from_simc(path: Path, rows: list[dict[str, str | None]], teryt: str) -> list[Place]:
    # A gmina miejsko-wiejska (code ending in 3) lists its town (4) and its villages (5).
    kinds = {"4", "5"} if teryt.endswith("3") else {teryt[6]}
    places = []
    for row in rows:
        code = _column(row, "woj") + _column(row, "pow") + _column(row, "gmi")
        if code != teryt[:6] or _column(row, "rodz_gmi") not in kinds:
            continue
        if _column(row, "sym") != _column(row, "sympod") or _column(row, "rm") in ("00", "99"):
            continue  # a part of a locality
        places.append(Place(_column(row, "nazwa"), SIMC_KINDS.get(_column(row, "rm"),
                                                                  "miejscowość"),
                            f"TERYT SIMC (GUS), plik {path.name}", simc=_column(row, "sym")))
    if not places:
        raise SourceError(f"w pliku {path.name} nie ma miejscowości gminy o kodzie TERYT "
                          f"{teryt}; sprawdź kod albo pobierz pełną listę SIMC")
    return places


def _from_prng(path: Path, gmina: str, outline: BaseGeometry | None) -> list[Place]:
    features = read_features(path, "miejsc")
    name_of = _field(features, path, ("nazwaglown", "nazwaglow", "nazwa"), "nazwa główna")
    kind_of = _field(features, path, ("rodzajobie", "rodzajobiektu", "rodzaj"), "rodzaj obiektu")
    simc_of = _optional_field(features, ("identyfikatorteryt", "idteryt", "teryt", "simc"))
    gmina_of = _optional_field(features, ("gmina",))
    area = outline.buffer(TOLERANCE_DEG) if outline is not None else None
    bare = fold(re.sub(r"^(gmina|miasto)\s+", "", gmina, flags=re.IGNORECASE))
    places = []
    for f in features:
        kind = str(f.properties.get(kind_of) or "").strip()
        if not isinstance(f.geometry, Point) or kind.startswith("część"):
            continue
        if area is not None and not area.contains(f.geometry):
            continue
        if area is None and (gmina_of is None or fold(str(f.properties.get(gmina_of))) != bare):
            continue
        simc = str(f.properties.get(simc_of) or "").strip() if simc_of else ""
        places.append(Place(str(f.properties[name_of]).strip(), kind or "miejscowość",
                            f"PRNG (GUGiK), plik {path.name}", (f.geometry.y, f.geometry.x),
                            simc if re.fullmatch(r"\d{7}", simc) else None, "sekunda"))
    if not places:
        raise SourceError(f"w pliku {path.name} nie ma miejscowości gminy {gmina} (szukano w "
                          "granicy gminy albo w kolumnie „gmina”)")
    return places


def _normal(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", fold(name))


def _optional_field(features: list[Feature], wanted: tuple[str, ...]) -> str | None:
    columns = list(features[0].properties) if features else []
    for prefix in wanted:
        for column in columns:
            if _normal(column).startswith(prefix):
                return column
    return None


def _field(features: list[Feature], path: Path, wanted: tuple[str, ...], label: str) -> str:
    found = _optional_field(features, wanted)
    if found is None:
        columns = ", ".join(features[0].properties) if features else "brak"
        raise SourceError(f"w pliku {path.name} nie ma kolumny „{label}” (kolumny: {columns}); "
                          "czy to wyciąg PRNG z miejscowościami?")
    return found
