"""Load → validate → (later: geocode) → one immutable Registry that every renderer reads.

The registry keeps every valid entry even when other files are broken: the build decides what
to do with the problems (``mkdocs build`` fails, ``mkdocs serve`` shows the valid ones).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .gazetteer import Gazetteer
from .model import Organisation
from .problems import Problem, Severity, relative_name
from .rules import check_entry, check_locality, check_slug, check_unique_identifiers
from .settings import Settings
from .sorting import polish_key
from .validate import validate_document
from .yaml_source import SourceDocument, read_yaml

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


@dataclass(frozen=True)
class Registry:
    root: Path
    settings: Settings
    gazetteer: Gazetteer
    entries: tuple[Entry, ...]
    problems: tuple[Problem, ...]

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity is Severity.ERROR)

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries)

    def localities_in_use(self) -> list[str]:
        return sorted({e.org.address.locality for e in self.entries}, key=polish_key)


def load_registry(root: Path, *, today: date | None = None) -> Registry:
    """Read the whole project below ``root``; collect every problem; raise only on DataError."""
    today = today or date.today()
    problems: list[Problem] = []
    settings = _load_one(root, root / "data" / "gmina.yml", Settings, problems)
    gazetteer = _load_one(root, root / "data" / "miejscowosci.yml", Gazetteer, problems)
    if settings is None or gazetteer is None:
        raise DataError(problems)
    valid: list[tuple[SourceDocument, Organisation]] = []
    slugs: dict[str, str] = {}
    # .yml before .yaml: when both exist, the usual spelling is the one kept.
    files = sorted((root / "ngos").iterdir(), key=lambda p: (p.stem, p.suffix != ".yml")) \
        if (root / "ngos").is_dir() else []
    for path in files:
        if path.suffix not in NGO_SUFFIXES or path.name.startswith("."):
            continue
        name = relative_name(path, root)
        slug = path.stem
        bad_slug = check_slug(name, slug)
        if bad_slug:
            problems.append(bad_slug)
        if slug.lower() in slugs:
            problems.append(Problem(
                name, 1, 1, "",
                f"adres „{slug}” ma już plik {slugs[slug.lower()]}; każda organizacja ma jeden "
                "plik o niepowtarzalnej nazwie — usuń albo przemianuj jeden z nich"))
            continue
        slugs[slug.lower()] = name
        doc = read_yaml(path, name, problems)
        if doc is None:
            continue
        before = len(problems)
        org = validate_document(doc, Organisation, problems)
        check_locality(doc, gazetteer, problems)
        if org is None:
            continue
        check_entry(doc, org, gazetteer, today, problems)
        if bad_slug is None and not any(p.severity is Severity.ERROR for p in problems[before:]):
            valid.append((doc, org))
    check_unique_identifiers(valid, problems)
    duplicated = {p.file for p in problems if p.severity is Severity.ERROR}
    entries = tuple(
        Entry(slug=doc.path.stem, file=doc.name, org=org)
        for doc, org in sorted(valid, key=lambda pair: polish_key(pair[1].name))
        if doc.name not in duplicated
    )
    return Registry(root=root, settings=settings, gazetteer=gazetteer, entries=entries,
                    problems=tuple(sorted(problems)))


def _load_one(root: Path, path: Path, model: type, problems: list[Problem]):
    name = relative_name(path, root)
    if not path.exists():
        problems.append(Problem(name, 1, 1, "", "brak pliku z ustawieniami serwisu"))
        return None
    doc = read_yaml(path, name, problems)
    return validate_document(doc, model, problems) if doc is not None else None
