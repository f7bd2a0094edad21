"""Temporary projects for the events tests: the real settings, localities, NGO entries and
documents (events name them), plus event files written by the test."""

from __future__ import annotations

import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
EVENTS = REPO / "wydarzenia"
IGNORED = shutil.ignore_patterns(".venv", "site", ".git", "__pycache__", ".pytest_cache",
                                 ".ruff_cache", "*.egg-info", "tests", "node_modules", ".tools")

# A valid event, the base that tests and the broken-file corpus change one thing in.
BASE_EVENT = """\
tytul: Szkolenie testowe
rodzaj: szkolenie
poczatek: "2027-03-20 10:00"
koniec: "2027-03-20 14:00"
miejsce:
  nazwa: Sala testowa
  ulica: Mazurska
  numer: "2"
  kod_pocztowy: "11-513"
  miejscowosc: Miłki
  wspolrzedne: {szerokosc: 53.9425, dlugosc: 21.8836}
organizator: osp-milki
"""


def new_project(root: Path, *, site: bool = False, events: bool = False) -> Path:
    """Data, NGO entries and documents of the real project below ``root``, with an empty
    ``wydarzenia/`` (or, with ``events``, the real one). With ``site``: everything
    ``mkdocs build`` needs."""
    if site:
        shutil.copytree(REPO, root, dirs_exist_ok=True, ignore=IGNORED)
        if not events:
            shutil.rmtree(root / "wydarzenia")
    else:
        (root / "data").mkdir(parents=True, exist_ok=True)
        for name in ("gmina.yml", "miejscowosci.yml", "granica.geojson"):
            shutil.copyfile(REPO / "data" / name, root / "data" / name)
        shutil.copytree(REPO / "ngos", root / "ngos")
        shutil.copytree(REPO / "documents", root / "documents")
        if events:
            shutil.copytree(EVENTS, root / "wydarzenia")
    (root / "wydarzenia").mkdir(exist_ok=True)
    return root


def write_event(root: Path, year: int, slug: str, text: str) -> Path:
    path = root / "wydarzenia" / str(year) / f"{slug}.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
