"""The committed geocoding cache, ``data/geokodowanie.yml``: one entry per normalised address.

Human-readable and sorted, so that a pull request shows exactly which addresses were added;
written atomically (a temporary file renamed over the old one), so a build killed halfway never
leaves half a cache. Entries record where the point came from and when. "Not found" is
remembered too, so that a rebuild does not ask the geocoder again.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from ngosite.core.atomic import write_text_atomically
from ngosite.core.limits import PROJECT_FILE
from ngosite.core.problems import Problem
from ngosite.core.yaml_source import read_yaml

HEADER = """\
# Pamięć podręczna geokodowania: adres → współrzędne. Plik tworzy i uzupełnia polecenie
# `ngosite geocode --online`; budowanie serwisu tylko go czyta. Klucz to adres w postaci
# znormalizowanej (małe litery, pojedyncze spacje). Wpis z `brak_wyniku: true` oznacza, że
# geokoder nie znalazł adresu: nie pytamy o niego ponownie, dopóki adres się nie zmieni
# (albo do `ngosite geocode --online --retry-missing`). Wpisy można poprawiać ręcznie:
# wtedy ustaw `zrodlo: recznie`.
"""


@dataclass(frozen=True)
class CachedPoint:
    lat: float | None
    lon: float | None
    source: str
    fetched: date
    label: str = ""

    @property
    def found(self) -> bool:
        return self.lat is not None and self.lon is not None


def _coordinate(value: object, low: float, high: float) -> float | None:
    """A degree value as the cache may hold it: a finite number in range, or nothing."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) \
            or not math.isfinite(value) or not low <= value <= high:
        raise ValueError(f"not a coordinate: {value!r}")
    return float(value)


def normalise_address(*parts: str | None) -> str:
    """``"ul. Mazurska 2", "11-513 Miłki"`` → ``"mazurska 2, 11-513 miłki"``."""
    text = ", ".join(p for p in parts if p)
    text = re.sub(r"\bul\.\s*", "", text.lower())
    return re.sub(r"\s+", " ", text).strip(" ,")


# libyaml's emitter writes the same text four times faster (5,000 entries: 0.5 s instead of
# 2 s), and the cache is saved after every new result of an online run.
class _PlainDumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """No &anchors/*aliases for repeated values (one date object shared by many entries):
    our own reader refuses them, and people read this file."""

    def ignore_aliases(self, data: object) -> bool:
        return True


class GeocodeCache:
    """Load once, look up many times, save atomically after each new result."""

    def __init__(self, path: Path, entries: dict[str, CachedPoint] | None = None):
        self.path = path
        self.entries: dict[str, CachedPoint] = dict(entries or {})

    @classmethod
    def load(cls, path: Path, root: Path, problems: list[Problem]) -> GeocodeCache:
        if not path.exists():
            return cls(path)
        doc = read_yaml(path, path.relative_to(root).as_posix() if path.is_relative_to(root)
                        else path.as_posix(), problems, PROJECT_FILE)
        entries: dict[str, CachedPoint] = {}
        raw = (doc.data or {}).get("adresy") if doc is not None else None
        if not isinstance(raw, dict):
            raw = {}
        for key, value in raw.items():
            try:
                point = CachedPoint(
                    lat=_coordinate(value.get("szerokosc"), -90, 90),
                    lon=_coordinate(value.get("dlugosc"), -180, 180),
                    source=str(value.get("zrodlo", "nieznane")),
                    fetched=value["data"] if isinstance(value["data"], date)
                    else date.fromisoformat(str(value["data"])),
                    label=str(value.get("opis", "")))
                if (point.lat is None) != (point.lon is None):
                    raise ValueError("one coordinate without the other")
                entries[str(key)] = point
            except (AttributeError, KeyError, TypeError, ValueError):
                line, column = doc.locate(("adresy", key), key=True)
                problems.append(Problem(
                    doc.name, line, column, f"adresy.{key}",
                    "uszkodzony wpis pamięci geokodowania (potrzebne: szerokosc, dlugosc, zrodlo, "
                    "data); popraw go albo usuń, a polecenie ngosite geocode pobierze go ponownie"))
        return cls(path, entries)

    def get(self, key: str) -> CachedPoint | None:
        return self.entries.get(key)

    def put(self, key: str, point: CachedPoint) -> None:
        self.entries[key] = point

    def dump(self) -> str:
        data = {}
        for key in sorted(self.entries):
            point = self.entries[key]
            item: dict[str, object] = {}
            if point.found:
                item["szerokosc"] = round(point.lat, 6)  # type: ignore[arg-type]
                item["dlugosc"] = round(point.lon, 6)  # type: ignore[arg-type]
            else:
                item["brak_wyniku"] = True
            item["zrodlo"] = point.source
            item["data"] = point.fetched
            if point.label:
                item["opis"] = point.label
            data[key] = item
        body = yaml.dump({"adresy": data}, Dumper=_PlainDumper, allow_unicode=True,
                         sort_keys=False, width=100)
        return HEADER + body

    def save(self) -> None:
        """Write atomically: a killed run leaves the previous cache, never half of one."""
        write_text_atomically(self.path, self.dump())
