"""Reading the state registers' vector extracts (GeoJSON, GML, Shapefile, a zip of them).

GUGiK publishes the boundary register (PRG) and the names register (PRNG) as Shapefile and GML
in the Polish grid (PUWG 1992, EPSG:2180). GDAL, inside the ``pyogrio`` wheel, reads every one
of these formats; PROJ (``pyproj``) moves the coordinates to WGS84, which the site uses. Every
failure becomes one Polish sentence naming the file (``SourceError``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

# Poland with a margin: a point outside means the coordinates were read in the wrong order or
# the wrong grid, which the clerk must hear about rather than get a map of the Indian Ocean.
POLAND = (13.5, 48.5, 24.5, 55.5)


class SourceError(Exception):
    """A file ``ngosite init`` cannot use; the message says which and what to do (Polish)."""


@dataclass(frozen=True)
class Feature:
    properties: dict[str, Any]
    geometry: BaseGeometry | None  # WGS84 (longitude, latitude)


def read_features(path: Path, prefer_layer: str) -> list[Feature]:
    """Every feature of the file's layer (the one whose name contains ``prefer_layer`` when
    the file has several), in WGS84."""
    import pyogrio
    from pyogrio.errors import DataLayerError, DataSourceError

    if not path.is_file():
        raise SourceError(f"nie ma pliku {path}; sprawdź nazwę i folder")
    try:
        layer = _layer(path, prefer_layer)
        meta, _, geometries, columns = pyogrio.raw.read(path, layer=layer)
    except (DataSourceError, DataLayerError, OSError, ValueError) as exc:
        raise SourceError(f"nie można odczytać pliku {path.name} jako danych przestrzennych "
                          f"(GeoJSON, GML, Shapefile albo ZIP z nimi): {exc}") from None
    names = list(meta["fields"])
    shapes = shapely.from_wkb(geometries) if geometries is not None else [None] * len(columns[0])
    shapes = _to_wgs84(path, meta.get("crs"), shapes)
    return [Feature({name: _plain(column[i]) for name, column in zip(names, columns, strict=True)},
                    shape) for i, shape in enumerate(shapes)]


def _layer(path: Path, prefer: str) -> str | int:
    import pyogrio

    layers = [str(name) for name, _ in pyogrio.list_layers(path)]
    if len(layers) <= 1:
        return 0
    chosen = [name for name in layers if prefer in name.lower()]
    if len(chosen) == 1:
        return chosen[0]
    raise SourceError(f"plik {path.name} ma kilka warstw ({', '.join(layers)}) i nie wiadomo, "
                      f"której użyć; wypakuj właściwy plik (np. ten z „{prefer}” w nazwie) "
                      "i podaj go zamiast całego archiwum")


def _to_wgs84(path: Path, crs: str | None, shapes: Any) -> list[BaseGeometry | None]:
    from pyproj import CRS, Transformer
    from pyproj.exceptions import CRSError

    if crs is None:
        raise SourceError(f"plik {path.name} nie mówi, w jakim układzie są współrzędne (przy "
                          "pliku .shp brakuje pliku .prj); pobierz dane ponownie w całości")
    try:
        source = CRS.from_user_input(crs)
    except CRSError as exc:
        raise SourceError(f"nieznany układ współrzędnych pliku {path.name}: {exc}") from None
    shapes = list(shapes)
    if source != CRS.from_epsg(4326):
        move = Transformer.from_crs(source, CRS.from_epsg(4326), always_xy=True)
        shapes = [None if s is None else shapely.transform(
            s, lambda xy: np.column_stack(move.transform(xy[:, 0], xy[:, 1])))
            for s in shapes]
    inside = shapely.box(*POLAND)
    if any(s is not None and not s.is_empty and not inside.contains(s.envelope) for s in shapes):
        raise SourceError(f"współrzędne z pliku {path.name} wypadają poza Polską (układ "
                          f"{source.name}); sprawdź, czy to właściwy plik i czy ma plik .prj")
    return shapes


def _plain(value: object) -> object:
    """A column value as plain Python (numpy scalars and bytes as the registers give them)."""
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    if isinstance(value, np.generic):
        return value.item()
    return value
