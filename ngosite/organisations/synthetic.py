"""Synthetic registries for benchmarks and load tests: N valid NGOs over the gmina's localities.

The entries are deterministic (seeded) so that two runs build the same site, and they are
written as YAML files exactly like the ones NGOs write, so the whole pipeline is exercised.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import yaml
from shapely.geometry import Point, shape

from ngosite.geo.area import read_outline
from ngosite.settings.gmina import load_settings

from .vocabulary import LEGAL_FORMS, PUBLIC_BENEFIT_AREAS, TARGET_GROUPS

_TEXT = ("warsztaty zajęcia spotkania festyn wolontariusze mieszkańcy jezioro las szkoła "
         "świetlica tradycja kuchnia muzyka taniec piłka rower żagle przyroda seniorzy dzieci "
         "młodzież rodzina pomoc sąsiedzka biblioteka historia Mazury łąka")
_WORDS = tuple(_TEXT.split(" "))
_PROJECT_PARTS = ("data", "docs", "hooks", "overrides", "mkdocs.yml")
# The fair programme and the consultation comments name real NGOs: a registry of synthetic ones
# would fail their cross-references, so they are left out of the copy.
_LEFT_OUT = shutil.ignore_patterns("targi", "geokodowanie.yml")


def _sentence(rng: random.Random, n: int) -> str:
    words = [rng.choice(_WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def _offer(rng: random.Random) -> str:
    # As in the bundled entries, where 5 of 18 offers are Markdown lists: the rest is prose.
    if rng.random() < 0.3:
        return "\n".join(f"- {_sentence(rng, 8)}" for _ in range(3))
    return _sentence(rng, 25)


def synthetic_entry(i: int, localities: list[str], rng: random.Random) -> dict[str, object]:
    form = rng.choice([f for f in LEGAL_FORMS if f != "inna"])
    locality = localities[i % len(localities)]
    return {
        "nazwa": f"Stowarzyszenie Testowe nr {i} „{rng.choice(_WORDS).capitalize()}” w {locality}",
        "nazwa_skrocona": f"ST {i}",
        "forma_prawna": form,
        "opis": "\n\n".join(_sentence(rng, 18) for _ in range(3)),
        "obszary": rng.sample(list(PUBLIC_BENEFIT_AREAS), k=rng.randint(1, 4)),
        "grupy_docelowe": rng.sample(list(TARGET_GROUPS), k=rng.randint(0, 3)),
        "adres": {"kod_pocztowy": "11-513", "miejscowosc": locality,
                  "na_mapie": rng.choice(["adres", "miejscowosc"])},
        "oferta": _offer(rng),
        "zweryfikowano": "2026-10-01",
    }


def points_in_gmina(source: Path, count: int, seed: int) -> list[tuple[float, float]]:
    """``count`` (lat, lon) points spread evenly at random inside the gmina's outline."""
    polygon = shape(read_outline(source / load_settings(source).area.boundary))
    min_lon, min_lat, max_lon, max_lat = polygon.bounds
    rng = random.Random(seed)
    points: list[tuple[float, float]] = []
    while len(points) < count:
        lon, lat = rng.uniform(min_lon, max_lon), rng.uniform(min_lat, max_lat)
        if polygon.contains(Point(lon, lat)):
            points.append((round(lat, 5), round(lon, 5)))
    return points


def write_synthetic_project(source: Path, target: Path, count: int, seed: int = 2026,
                            spread_points: bool = False) -> Path:
    """Copy the project's site configuration to ``target`` and fill ``ngos/`` with ``count``
    generated entries (none of the real ones).

    Most localities have no point in the gazetteer, so most synthetic NGOs are not on the map;
    ``spread_points`` gives every entry explicit coordinates inside the gmina instead (and
    address precision), for measuring the map with all of them."""
    target.mkdir(parents=True, exist_ok=True)
    for part in _PROJECT_PARTS:
        src = source / part
        if src.is_dir():
            shutil.copytree(src, target / part, dirs_exist_ok=True, ignore=_LEFT_OUT)
        elif src.exists():
            shutil.copy2(src, target / part)
    # mkdocs.yml watches these; empty here (scripts may add events, surveys and reports)
    for watched in ("documents", "wydarzenia", "badania", "sprawozdania"):
        (target / watched).mkdir(exist_ok=True)
    ngos = target / "ngos"
    if ngos.exists():
        shutil.rmtree(ngos)
    ngos.mkdir()
    gazetteer = yaml.safe_load((source / "data" / "miejscowosci.yml").read_text(encoding="utf-8"))
    localities = [loc["nazwa"] for loc in gazetteer["miejscowosci"]]
    rng = random.Random(seed)
    points = points_in_gmina(source, count, seed) if spread_points else []
    for i in range(1, count + 1):
        entry = synthetic_entry(i, localities, rng)
        if points:
            lat, lon = points[i - 1]
            entry["adres"] = {**entry["adres"], "na_mapie": "adres",
                              "wspolrzedne": {"szerokosc": lat, "dlugosc": lon}}
        (ngos / f"organizacja-{i:05d}.yml").write_text(
            yaml.safe_dump(entry, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target
