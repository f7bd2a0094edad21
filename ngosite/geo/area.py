"""Is a point in the gmina? The bundled outline, a tolerance, and explicitly allowed extra areas.

The bundled outline is an approximation (50–100 m), so a point counts as inside when it lies
within ``tolerance_m`` metres of the polygon. Distances are measured in a local metric
projection (equirectangular around the gmina's centre), which at this size errs by centimetres.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

import shapely
from shapely.geometry import Point, box, shape
from shapely.geometry.base import BaseGeometry

from ngosite.core.problems import DataError, Problem
from ngosite.settings.gmina import Settings

_M_PER_DEG_LAT = 110_574.0


@dataclass(frozen=True)
class Area:
    """The gmina's outline plus allowed extra rectangles, with a tolerance in metres."""

    name: str
    outline: BaseGeometry  # in local metres
    tolerance_m: float
    lat0: float
    extras: tuple[tuple[str, BaseGeometry], ...] = ()

    def _to_metres(self, lon: float, lat: float) -> tuple[float, float]:
        return (lon * _M_PER_DEG_LAT * math.cos(math.radians(self.lat0)), lat * _M_PER_DEG_LAT)

    def distance_m(self, lat: float, lon: float) -> float:
        """Metres from the point to the outline (0 inside)."""
        return self.outline.distance(Point(*self._to_metres(lon, lat)))

    def contains(self, lat: float, lon: float) -> bool:
        if self.distance_m(lat, lon) <= self.tolerance_m:
            return True
        point = Point(lon, lat)
        return any(geometry.covers(point) for _, geometry in self.extras)

    def viewbox(self, margin_m: float = 2000.0) -> tuple[tuple[float, float], tuple[float, float]]:
        """Two (lat, lon) corners around the outline, for a bounded geocoder query."""
        minx, miny, maxx, maxy = self.outline.bounds
        k = _M_PER_DEG_LAT * math.cos(math.radians(self.lat0))
        return ((maxy + margin_m) / _M_PER_DEG_LAT, (minx - margin_m) / k), (
            (miny - margin_m) / _M_PER_DEG_LAT, (maxx + margin_m) / k)


def read_outline(path: Path) -> dict:
    """The outline's GeoJSON geometry, from a Feature, a FeatureCollection's first feature or
    a bare geometry (WGS84)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if data.get("type") == "FeatureCollection":
        data = data["features"][0]
    return data.get("geometry", data)


def load_area(path: Path, name: str, tolerance_m: float,
              extras: list[tuple[str, tuple[float, float, float, float]]] | None = None) -> Area:
    """Read a GeoJSON outline (Feature, FeatureCollection or bare geometry) in WGS84."""
    geometry = shape(read_outline(path))
    lat0 = geometry.centroid.y
    k = _M_PER_DEG_LAT * math.cos(math.radians(lat0))
    metric = shapely.transform(geometry, lambda coords: coords * [k, _M_PER_DEG_LAT])
    boxes = tuple(
        (label, box(min_lon, min_lat, max_lon, max_lat))
        for label, (min_lat, min_lon, max_lat, max_lon) in (extras or [])
    )
    return Area(name=name, outline=metric, tolerance_m=tolerance_m, lat0=lat0, extras=boxes)


def load_area_of(root: Path, settings: Settings) -> Area:
    extras = [(a.name, a.bounds) for a in settings.area.extra]
    path = root / settings.area.boundary
    try:
        return load_area(path, settings.name, settings.area.tolerance_m, extras)
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise DataError([Problem(
            settings.area.boundary, 1, 1, "",
            f"nie można odczytać granicy gminy ({type(exc).__name__}: {exc}); potrzebny jest "
            "plik GeoJSON z wielokątem w układzie WGS84 (ustawienie obszar.granica w "
            "data/gmina.yml)")]) from None
