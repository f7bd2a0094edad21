"""Load → validate → geocode → one immutable Registry that every renderer reads.

The registry keeps every valid entry even when other files are broken: the build decides what
to do with the problems (``mkdocs build`` fails, ``mkdocs serve`` shows the valid ones).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

from .area import Area, load_area
from .documents_load import Document, load_documents
from .fair_load import load_fairs
from .fair_model import FairEdition
from .gazetteer import Gazetteer
from .geocode import Location, Locator, Placeable
from .geocode_cache import GeocodeCache
from .model import Organisation
from .problems import Problem, Severity, relative_name
from .rules import check_entry, check_locality, check_slug, check_unique_identifiers
from .settings import Settings
from .sorting import polish_key
from .today import build_date
from .validate import validate_document
from .yaml_source import SourceDocument, read_yaml

if TYPE_CHECKING:  # geopy is imported only by builds that go online
    from .nominatim import OnlineGeocoder

NGO_SUFFIXES = (".yml", ".yaml")


class DataError(Exception):
    """The site cannot be built at all: its own settings or locality list are invalid."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class Entry:
    """One valid NGO entry; ``slug`` is its file name and its permanent address."""

    slug: str
    file: str
    org: Organisation
    address_mark: tuple[int, int] = (1, 1)

    def placeable(self) -> Placeable:
        address = self.org.address
        coords = address.coordinates
        return Placeable(
            slug=self.slug, file=self.file, line=self.address_mark[0],
            column=self.address_mark[1], name=self.org.name, street=address.street,
            number=address.number, postal_code=address.postal_code, locality=address.locality,
            coordinates=(coords.lat, coords.lon) if coords else None,
            village_only=address.pin_precision == "miejscowosc")


@dataclass(frozen=True)
class Registry:
    root: Path
    settings: Settings
    gazetteer: Gazetteer
    entries: tuple[Entry, ...]
    problems: tuple[Problem, ...]
    area: Area
    locations: Mapping[str, Location] = field(default_factory=lambda: MappingProxyType({}))
    geocoding_requests: int = 0
    fairs: tuple[FairEdition, ...] = ()  # editions of the NGO fair, oldest first
    documents: tuple[Document, ...] = ()  # consulted documents with their versions

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity is Severity.ERROR)

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries)

    @cached_property
    def by_slug(self) -> Mapping[str, Entry]:
        """Entries by slug, made once: pages that name other NGOs (the fair) look them up here
        instead of walking all entries for every page."""
        return MappingProxyType({e.slug: e for e in self.entries})

    def localities_in_use(self) -> list[str]:
        return sorted({e.org.address.locality for e in self.entries}, key=polish_key)


def load_settings(root: Path) -> Settings:
    """Only the settings (for commands that need them before the full load)."""
    problems: list[Problem] = []
    settings = _load_one(root, root / "data" / "gmina.yml", Settings, problems)
    if settings is None:
        raise DataError(problems)
    return settings


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


def load_registry(root: Path, *, today: date | None = None,
                  online: OnlineGeocoder | None = None) -> Registry:
    """Read the whole project below ``root``; collect every problem; raise only on DataError.

    With ``online`` (staff's explicit choice, never in CI), addresses missing from the cache are
    looked up and each new result is saved to the cache at once.
    """
    today = today or build_date()
    problems: list[Problem] = []
    settings = _load_one(root, root / "data" / "gmina.yml", Settings, problems)
    gazetteer = _load_one(root, root / "data" / "miejscowosci.yml", Gazetteer, problems)
    if settings is None or gazetteer is None:
        raise DataError(problems)
    entries = load_entries(root, gazetteer, today, problems)
    area = load_area_of(root, settings)
    cache = GeocodeCache.load(root / settings.geocoding.cache, root, problems)
    locator = Locator(area, gazetteer, cache, online, today,
                      settings.geocoding.require_location, on_new_result=cache.save)
    locations = locator.locate_all(entry.placeable() for entry in entries)
    fairs = load_fairs(root, entries, gazetteer, locator, today, problems)
    problems.extend(locator.problems)
    documents = load_documents(root, {e.slug: e.org.name for e in entries}, today, problems)
    return Registry(root=root, settings=settings, gazetteer=gazetteer, entries=entries,
                    problems=tuple(sorted(problems)), area=area,
                    locations=MappingProxyType(locations),
                    geocoding_requests=online.requests if online else 0, fairs=fairs,
                    documents=documents)


def _ngo_files(root: Path) -> list[Path]:
    folder = root / "ngos"
    if not folder.is_dir():
        return []
    # .yml before .yaml: when both exist, the usual spelling is the one kept.
    return sorted((p for p in folder.iterdir()
                   if p.suffix in NGO_SUFFIXES and not p.name.startswith(".")),
                  key=lambda p: (p.stem, p.suffix != ".yml"))


def load_entries(root: Path, gazetteer: Gazetteer, today: date,
                 problems: list[Problem]) -> tuple[Entry, ...]:
    """Every valid NGO file as an Entry, in Polish alphabetical order of names."""
    valid: list[_Loaded] = []
    slugs: dict[str, str] = {}
    for path in _ngo_files(root):
        name = relative_name(path, root)
        bad_slug = check_slug(name, path.stem)
        if bad_slug:
            problems.append(bad_slug)
        if path.stem.lower() in slugs:
            problems.append(Problem(
                name, 1, 1, "",
                f"adres „{path.stem}” ma już plik {slugs[path.stem.lower()]}; każda organizacja "
                "ma jeden plik o niepowtarzalnej nazwie — usuń albo przemianuj jeden z nich"))
            continue
        slugs[path.stem.lower()] = name
        entry = _load_entry(path, name, gazetteer, today, problems)
        if entry is not None and bad_slug is None:
            valid.append(entry)
    check_unique_identifiers([(e.doc, e.org) for e in valid], problems)
    duplicated = {p.file for p in problems if p.severity is Severity.ERROR}
    return tuple(sorted((e.entry for e in valid if e.file not in duplicated),
                        key=lambda e: polish_key(e.org.name)))


@dataclass(frozen=True)
class _Loaded:
    entry: Entry
    doc: SourceDocument

    @property
    def file(self) -> str:
        return self.entry.file

    @property
    def org(self) -> Organisation:
        return self.entry.org


def _load_entry(path: Path, name: str, gazetteer: Gazetteer, today: date,
                problems: list[Problem]) -> _Loaded | None:
    doc = read_yaml(path, name, problems)
    if doc is None:
        return None
    before = len(problems)
    org = validate_document(doc, Organisation, problems)
    check_locality(doc, gazetteer, problems)
    if org is None:
        return None
    check_entry(doc, org, gazetteer, today, problems)
    if any(p.severity is Severity.ERROR for p in problems[before:]):
        return None
    entry = Entry(slug=path.stem, file=name, org=org,
                  address_mark=doc.locate(("adres",), key=True))
    return _Loaded(entry, doc)


def _load_one(root: Path, path: Path, model: type, problems: list[Problem]):
    name = relative_name(path, root)
    if not path.exists():
        problems.append(Problem(name, 1, 1, "", "brak pliku z ustawieniami serwisu"))
        return None
    doc = read_yaml(path, name, problems)
    return validate_document(doc, model, problems) if doc is not None else None
