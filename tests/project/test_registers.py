"""Reading the office's files for ``ngosite init``: the made-up gmina Testowo (TERYT 1099992)
as PRG publishes its boundary (Shapefile, GML, EPSG:2180) and as PRNG, TERYT SIMC and the
office's CSV list its localities (fixtures written by make_fixtures.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.new_gmina import ANSWERS, FIXTURES, ngosite

from ngosite.project.boundary import read_boundary
from ngosite.project.localities import merge, read_places
from ngosite.project.vector import SourceError

TERYT = "1099992"


@pytest.mark.parametrize("name", ["granica.geojson", "prg-gminy.shp", "prg-gminy.gml"])
def test_every_boundary_format_gives_the_same_outline_in_wgs84(name: str) -> None:
    outline = read_boundary(FIXTURES / name, TERYT)
    assert outline.bounds == pytest.approx((19.0, 52.0, 19.1, 52.06), abs=1e-5)


def test_a_boundary_file_without_the_gminas_code_says_so() -> None:
    with pytest.raises(SourceError, match="żaden nie ma kodu TERYT 1099999"):
        read_boundary(FIXTURES / "prg-gminy.shp", "1099999")


def test_localities_from_each_source_and_merged() -> None:
    outline = read_boundary(FIXTURES / "prg-gminy.shp", TERYT)
    csv = read_places(FIXTURES / "miejscowosci.csv", TERYT, "Gmina Testowo", outline)
    simc = read_places(FIXTURES / "simc.csv", TERYT, "Gmina Testowo", outline)
    prng = read_places(FIXTURES / "prng-miejscowosci.shp", TERYT, "Gmina Testowo", outline)
    assert [(p.name, p.point is not None, p.simc) for p in csv] == [
        ("Testowo", True, "0999901"), ("Nowa Wólka", True, None), ("Zagajnik", False, None)]
    assert [p.name for p in simc] == ["Testowo", "Nowa Wólka", "Zagajnik"]
    assert {p.name: p.kind for p in prng} == {"Testowo": "wieś", "Nowa Wólka": "wieś",
                                              "Zagajnik": "osada"}
    merged = {p.name: p for p in merge([csv, prng])}
    assert merged["Zagajnik"].point == pytest.approx((52.05, 19.08))
    assert merged["Nowa Wólka"].simc == "0999902" and merged["Testowo"].point == (52.03, 19.05)


def test_a_bad_csv_row_names_the_file_and_row(tmp_path: Path) -> None:
    bad = tmp_path / "m.csv"
    bad.write_text("nazwa;szerokosc;dlugosc\nTestowo;19,05;52,03\n", encoding="utf-8")
    with pytest.raises(SourceError, match=r"m\.csv, wiersz 2: punkt .* leży poza Polską"):
        read_places(bad, TERYT, "Gmina Testowo", None)


def test_init_never_overwrites_and_asks_for_what_is_missing(tmp_path: Path) -> None:
    (tmp_path / "plik.txt").write_text("urzędu", encoding="utf-8")
    taken = ngosite("init", str(tmp_path), *ANSWERS)
    assert taken.returncode == 2 and "nie jest pusty" in taken.stderr
    missing = ngosite("init", str(tmp_path / "nowy"), "--name", "Gmina Testowo")
    assert missing.returncode == 2 and "--teryt: kod TERYT gminy to 7 cyfr" not in missing.stderr
    assert "--teryt: to pole jest wymagane" in missing.stderr
    assert "Traceback" not in missing.stderr and not (tmp_path / "nowy").exists()
