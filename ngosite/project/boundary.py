"""The gmina's outline for ``data/granica.geojson``: from a GeoJSON file or a PRG extract.

PRG's layer of gminas holds every gmina of the country (or of the extract) with its TERYT code
in ``JPT_KOD_JE``; the one whose code is the gmina's is taken. A file with a single polygon is
taken as it is. The outline is simplified to about a metre (PRG keeps survey precision, which
only makes the map heavy) and written in WGS84 with its provenance.
"""

from __future__ import annotations

import json
from pathlib import Path

import shapely
from shapely.geometry import mapping
from shapely.geometry.base import BaseGeometry

from ngosite.core.today import build_date

from .vector import Feature, SourceError, read_features

# About 1 m at Polish latitudes; coordinates are rounded to 6 decimals (~0.1 m) anyway.
SIMPLIFY_DEG = 0.00001


def read_boundary(path: Path, teryt: str) -> BaseGeometry:
    """The gmina's polygon from ``path`` (GeoJSON, GML, Shapefile or a zip), in WGS84."""
    features = [f for f in read_features(path, "gmin")
                if f.geometry is not None and f.geometry.geom_type in ("Polygon", "MultiPolygon")]
    if not features:
        raise SourceError(f"w pliku {path.name} nie ma żadnego wielokąta; granica gminy to "
                          "obszar (np. warstwa „gminy” z PRG)")
    chosen = features if len(features) == 1 else _with_code(features, teryt)
    if not chosen:
        raise SourceError(f"plik {path.name} ma {len(features)} obszarów, a żaden nie ma kodu "
                          f"TERYT {teryt} (PRG zapisuje go w kolumnie JPT_KOD_JE); sprawdź kod "
                          "TERYT albo podaj plik z samą granicą gminy")
    outline = shapely.union_all([f.geometry for f in chosen])
    return shapely.set_precision(outline.simplify(SIMPLIFY_DEG, preserve_topology=True), 1e-6)


def _with_code(features: list[Feature], teryt: str) -> list[Feature]:
    """The features that carry the gmina's TERYT code in some column (JPT_KOD_JE in PRG)."""
    return [f for f in features
            if any(str(value).strip()[:7] == teryt for value in f.properties.values()
                   if value is not None)]


def boundary_geojson(outline: BaseGeometry, name: str, teryt: str, source: str) -> str:
    """``data/granica.geojson``: one feature, with where it came from and when."""
    feature = {"type": "Feature",
               "properties": {"nazwa": name, "teryt": teryt, "zrodlo": source,
                              "przygotowano": build_date().isoformat()},
               "geometry": mapping(outline)}
    return json.dumps({"type": "FeatureCollection", "features": [feature]},
                      ensure_ascii=False) + "\n"
