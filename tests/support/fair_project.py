"""Temporary projects for the fair tests: the real settings, localities and NGO entries, plus
fair files written by the test."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "data" / "targi" / "2027.yml"

# An earlier edition for archive tests. It exists only in tests: the bundled data has no
# earlier fair, and inventing one would publish an event that never happened.
EARLIER_EDITION = """\
nazwa: Dzień Organizacji Pozarządowych 2026 (edycja testowa)
data: 2026-06-13
godziny: {od: "11:00", do: "14:00"}
miejsce: {nazwa: Plac testowy, kod_pocztowy: "11-513", miejscowosc: Miłki}
sceny:
  - {kod: scena, nazwa: Scena testowa}
stoiska:
  - {numer: 1, organizacja: osp-milki}
program:
  - {od: "11:00", do: "11:30", scena: scena, tytul: Punkt archiwalny, rodzaj: pokaz,
     organizacje: [osp-milki]}
"""


def new_project(root: Path, *, site: bool = False) -> Path:
    """Data and NGO entries of the real project below ``root``, without any fair file.

    With ``site``: also what ``mkdocs build`` needs (mkdocs.yml, docs/, overrides/, hooks/, the
    package), so the copy builds like the real site.
    """
    if site:
        shutil.copytree(REPO, root, dirs_exist_ok=True, ignore=shutil.ignore_patterns(
            ".venv", "site", ".git", "__pycache__", ".pytest_cache", ".ruff_cache",
            "*.egg-info", "tests", "targi", "node_modules", ".tools"))
    else:
        (root / "data").mkdir(parents=True, exist_ok=True)
        for name in ("gmina.yml", "miejscowosci.yml", "granica.geojson"):
            shutil.copyfile(REPO / "data" / name, root / "data" / name)
        shutil.copytree(REPO / "ngos", root / "ngos")
    (root / "data" / "targi").mkdir(parents=True, exist_ok=True)
    return root


def write_fair(root: Path, year: int, text: str) -> Path:
    path = root / "data" / "targi" / f"{year}.yml"
    path.write_text(text, encoding="utf-8")
    return path


def set_ngo_field(root: Path, slug: str, key: str, value: str) -> None:
    """Replace a top-level field (``nazwa: …``, also a ``|`` block) of an NGO entry with a
    double-quoted value."""
    path = root / "ngos" / f"{slug}.yml"
    quoted = value.replace("\\", "\\\\").replace('"', '\\"')
    text, n = re.subn(rf"(?m)^{key}:.*(?:\n[ \t]+.*)*$", lambda _: f'{key}: "{quoted}"',
                      path.read_text(encoding="utf-8"), count=1)
    assert n == 1, f"{slug} has no top-level {key}"
    path.write_text(text, encoding="utf-8")
