#!/usr/bin/env python3
"""Write the NGO map as a stand-alone folder: a thin command over ``ngosite.map.export``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))

from ngosite.core.problems import DataError, format_text  # noqa: E402
from ngosite.map.data import map_points  # noqa: E402
from ngosite.map.export import write_map_folder  # noqa: E402
from ngosite.pipeline import load_registry  # noqa: E402

DESCRIPTION = """\
Zapisuje mapę organizacji pozarządowych jako samodzielny folder do umieszczenia na innej
stronie (np. stronie gminy albo w BIP). Sprawdza dane i ustala położenia bez internetu
(współrzędne z wpisów, pamięć geokodowania, lista miejscowości).

Co powstaje w folderze WYJŚCIE:
  index.html                 mapa (Leaflet przez folium) z danymi organizacji w środku
  assets/vendor/…            Leaflet i wtyczki (grupowanie, pełny ekran, położenie) z licencjami
  assets/js/map.js, assets/css/map.css   skrypt i wygląd mapy

Folder wgrywa się w całości; strona nie pobiera niczego z zewnętrznych serwerów poza kafelkami
podkładu (ustawienie mapa.kafelki w data/gmina.yml). Odnośnik do jednej organizacji:
index.html#<nazwa-pliku-organizacji>. Mapę można osadzić na stronie:
  <iframe src="…/index.html" title="Mapa organizacji pozarządowych" loading="lazy"
          allow="fullscreen; geolocation" style="width:100%;height:600px;border:0"></iframe>
Opisy na mapie prowadzą do stron organizacji pod adresem serwisu (--adres-serwisu albo
adres_serwisu w data/gmina.yml); bez adresu opisy nie mają odnośników.

Kod wyjścia: 0 gotowe, 1 błędy w danych (lista problemów na ekranie), 2 złe argumenty."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="build_map.py", description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--projekt", type=Path, default=ROOT, metavar="KATALOG",
                        help="katalog projektu (z ngos/ i data/); domyślnie ten, w którym "
                             "leży build_map.py")
    parser.add_argument("--wyjscie", type=Path, default=Path("mapa"), metavar="WYJŚCIE",
                        help="folder, do którego trafi mapa (domyślnie ./mapa)")
    parser.add_argument("--adres-serwisu", metavar="URL",
                        help="adres opublikowanego serwisu, np. "
                             "https://organizacje.gmina.example.pl "
                             "(domyślnie adres_serwisu z data/gmina.yml)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        registry = load_registry(args.projekt.resolve())
    except DataError as exc:
        print(format_text(exc.problems), file=sys.stderr)
        return 1
    if registry.errors:
        print(format_text(registry.problems), file=sys.stderr)
        return 1
    site_url = args.adres_serwisu or registry.settings.site_url
    written = write_map_folder(registry, args.wyjscie, site_url)
    placed = len(map_points(registry))
    print(f"Mapa zapisana: {written[0]} (na mapie: {placed} z {len(registry.entries)} "
          f"organizacji; zapisane pliki: {len(written)}).")
    if not site_url:
        print("Uwaga: brak adresu serwisu (--adres-serwisu), więc opisy na mapie nie mają "
              "odnośników do stron organizacji.", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
