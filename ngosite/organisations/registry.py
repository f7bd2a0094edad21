"""The registry: every valid NGO entry, with the settings, places and problems of the build.

It is the one immutable object every renderer reads; ``ngosite.pipeline`` fills it (load →
validate → geocode), and the fair and the documents, loaded by their own features, ride along
in it. Their types are named here for the type checker only: at run time the registry of
organisations imports no other feature.

The registry keeps every valid entry even when other files are broken: the build decides what
to do with the problems (``mkdocs build`` fails, ``mkdocs serve`` shows the valid ones).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

from ngosite.core.limits import capped
from ngosite.core.problems import Problem, Severity, relative_name
from ngosite.core.sorting import polish_key
from ngosite.core.validate import validate_document
from ngosite.core.yaml_source import SourceDocument, read_yaml
from ngosite.geo.area import Area
from ngosite.geo.gazetteer import Gazetteer
from ngosite.geo.geocode import Location, Placeable, Unplaced
from ngosite.settings.gmina import Settings

from .model import Organisation
from .rules import check_entry, check_locality, check_slug, check_unique_identifiers

if TYPE_CHECKING:  # the features that ride along; the registry does not import them
    from ngosite.documents.document import Document
    from ngosite.events.event import Events
    from ngosite.fair.model import FairEdition
    from ngosite.surveys.results import SurveyResults

NGO_SUFFIXES = (".yml", ".yaml")


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
    # NGOs without a point, and why (shown on the map page and on their own pages)
    unplaced: Mapping[str, Unplaced] = field(default_factory=lambda: MappingProxyType({}))
    geocoding_requests: int = 0
    fairs: tuple[FairEdition, ...] = ()  # editions of the NGO fair, oldest first
    documents: tuple[Document, ...] = ()  # consulted documents with their versions
    events: Events | tuple[()] = ()  # trainings, meetings…: wydarzenia/<rok>/*.yml
    surveys: SurveyResults | None = None  # residents' surveys and NGOs' yearly indicators

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


def _ngo_files(root: Path, problems: list[Problem]) -> list[Path]:
    folder = root / "ngos"
    if not folder.is_dir():
        return []
    # .yml before .yaml: when both exist, the usual spelling is the one kept.
    return capped(sorted((p for p in folder.iterdir()
                          if p.suffix in NGO_SUFFIXES and not p.name.startswith(".")),
                         key=lambda p: (p.stem, p.suffix != ".yml")), "ngos/", problems)


def load_entries(root: Path, gazetteer: Gazetteer, today: date,
                 problems: list[Problem]) -> tuple[Entry, ...]:
    """Every valid NGO file as an Entry, in Polish alphabetical order of names."""
    valid: list[Entry] = []
    slugs: dict[str, str] = {}
    identifiers: dict[tuple[str, str], str] = {}
    for path in _ngo_files(root, problems):
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
        loaded = load_entry(path, name, gazetteer, today, problems)
        if loaded is not None and bad_slug is None:
            entry, doc = loaded
            check_unique_identifiers(doc, entry.org, identifiers, problems)
            valid.append(entry)
    duplicated = {p.file for p in problems if p.severity is Severity.ERROR}
    return in_name_order(e for e in valid if e.file not in duplicated)


def in_name_order(entries: Iterable[Entry]) -> tuple[Entry, ...]:
    """The registry's order: by name, the Polish way (the preview re-sorts the same way)."""
    return tuple(sorted(entries, key=lambda e: polish_key(e.org.name)))


def load_entry(path: Path, name: str, gazetteer: Gazetteer, today: date,
               problems: list[Problem]) -> tuple[Entry, SourceDocument] | None:
    """One NGO file read and checked on its own (the preview reads an edited file alone), with
    its document (for the checks across files)."""
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
    return entry, doc
