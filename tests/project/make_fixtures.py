"""Writes the made-up gmina's register extracts in tests/project/fixtures/ (run it by hand
after changing them; the tests only read the files).

Gmina Testowo (TERYT 1099992, a gmina that does not exist) and its neighbour, as the registers
publish them: PRG's gminas layer as Shapefile and as GML, PRNG's localities as Shapefile, all in
PUWG 1992 (EPSG:2180); a TERYT SIMC extract (GUS's columns, `;`); the office's own CSV; and a
GeoJSON outline in WGS84.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import shapely
from pyogrio.raw import write
from pyproj import Transformer

HERE = Path(__file__).resolve().parent / "fixtures"
TO_PUWG = Transformer.from_crs(4326, 2180, always_xy=True)
# Testowo: a small square in central Poland; its neighbour to the east.
TESTOWO = shapely.box(19.00, 52.00, 19.10, 52.06)
NEIGHBOUR = shapely.box(19.10, 52.00, 19.20, 52.06)
LOCALITIES = [  # name, kind, SIMC, lon, lat (Zielonka lies in the neighbour)
    ("Testowo", "wieś", "0999901", 19.05, 52.03),
    ("Nowa Wólka", "wieś", "0999902", 19.02, 52.01),
    ("Zagajnik", "osada", "0999903", 19.08, 52.05),
    ("Testowo-Kolonia", "część wsi", "0999904", 19.06, 52.035),
    ("Zielonka", "wieś", "0999911", 19.15, 52.03),
]


def _puwg(geometry: shapely.Geometry) -> shapely.Geometry:
    return shapely.transform(geometry, lambda xy: np.column_stack(
        TO_PUWG.transform(xy[:, 0], xy[:, 1])))


def main() -> None:
    HERE.mkdir(exist_ok=True)
    gminas = {"JPT_KOD_JE": np.array(["1099992", "1099993"]),
              "JPT_NAZWA_": np.array(["Testowo", "Sąsiednia"])}
    shapes = shapely.to_wkb([_puwg(TESTOWO), _puwg(NEIGHBOUR)])
    for name, driver in (("prg-gminy.shp", "ESRI Shapefile"), ("prg-gminy.gml", "GML")):
        write(HERE / name, shapes, list(gminas.values()), fields=list(gminas),
                      geometry_type="Polygon", crs="EPSG:2180", driver=driver, layer="gminy",
                      encoding="UTF-8")
    columns = {"nazwaGlown": [n for n, *_ in LOCALITIES], "rodzajObie": [k for _, k, *_ in
                                                                         LOCALITIES],
               "idTERYT": [s for _, _, s, *_ in LOCALITIES],
               "gmina": ["Testowo"] * 4 + ["Sąsiednia"]}
    points = shapely.to_wkb([_puwg(shapely.Point(x, y)) for *_, x, y in LOCALITIES])
    write(HERE / "prng-miejscowosci.shp", points,
                  [np.array(v) for v in columns.values()], fields=list(columns),
                  geometry_type="Point", crs="EPSG:2180", driver="ESRI Shapefile",
                  layer="miejscowosci", encoding="UTF-8")
    for leftover in HERE.glob("*.xsd"):
        leftover.unlink()
    simc = ["WOJ;POW;GMI;RODZ_GMI;RM;MZ;NAZWA;SYM;SYMPOD;STAN_NA"]
    simc += [f"10;99;99;2;{'00' if k.startswith('część') else '01'};1;{n};{s};"
             f"{'0999901' if k.startswith('część') else s};2026-01-01"
             for n, k, s, *_ in LOCALITIES[:4]]
    simc.append("10;99;93;2;01;1;Zielonka;0999911;0999911;2026-01-01")
    (HERE / "simc.csv").write_text("\n".join(simc) + "\n", encoding="utf-8-sig")
    (HERE / "miejscowosci.csv").write_text(
        "nazwa,szerokosc,dlugosc,simc\nTestowo,52.03,19.05,0999901\nNowa Wólka,52.01,19.02,\n"
        "Zagajnik,,,\n", encoding="utf-8")
    (HERE / "granica.geojson").write_text(json.dumps({"type": "Feature", "properties": {},
                                                      "geometry": shapely.geometry.mapping(
                                                          TESTOWO)}), encoding="utf-8")
    shutil.rmtree(HERE / "__pycache__", ignore_errors=True)


if __name__ == "__main__":
    main()
