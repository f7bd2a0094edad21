"""Load every edition of the fair (``data/targi/<year>.yml``) into valid FairEditions.

Called once by ``load_registry`` after the NGO entries: a fair refers to NGOs by slug, and its
venue is placed by the same Locator as the NGOs (coordinates → cache → gazetteer → online).
Problems go to the registry's one list; an edition with errors is left out of the site.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from ngosite.core.limits import capped
from ngosite.core.problems import Problem, Severity, relative_name, with_guide
from ngosite.core.validate import problem_at, validate_document
from ngosite.core.yaml_source import SourceDocument, read_yaml
from ngosite.geo.gazetteer import Gazetteer
from ngosite.geo.geocode import Locator
from ngosite.organisations.rules import _unknown_locality as unknown_locality

from .model import Fair, FairEdition
from .rules import FairParts, KnownNgos, check_fair

FAIR_DIR = ("data", "targi")
GUIDE = "docs/jak-przygotowac-targi.md"


def load_fairs(root: Path, entries: Iterable[object], gazetteer: Gazetteer, locator: Locator,
               today: date, problems: list[Problem]) -> tuple[FairEdition, ...]:
    """Every valid edition, oldest first. ``today`` is the registry's (``NGOSITE_TODAY`` when
    set): it decides whether a page invites or says the fair took place."""
    folder = root.joinpath(*FAIR_DIR)
    if not folder.is_dir():
        return ()
    ngos = KnownNgos.of(entries, root)
    editions: list[FairEdition] = []
    files = [p for p in sorted(folder.iterdir())
             if p.suffix in (".yml", ".yaml") and not p.name.startswith(".")]
    for path in capped(files, "/".join(FAIR_DIR) + "/", problems):
        edition = _load_edition(root, path, ngos, gazetteer, today, problems)
        if edition is not None:
            reported = len(locator.problems)
            location = locator.locate(edition.placeable())
            # The Locator names the NGO field "adres"; a venue's address is under "miejsce".
            locator.problems[reported:] = [dataclasses.replace(p, key="miejsce")
                                           for p in locator.problems[reported:]]
            editions.append(dataclasses.replace(edition, venue_location=location))
    return tuple(sorted(editions, key=lambda e: e.fair.date))


def _load_edition(root: Path, path: Path, ngos: KnownNgos, gazetteer: Gazetteer, today: date,
                  problems: list[Problem]) -> FairEdition | None:
    name = relative_name(path, root)
    before = len(problems)
    year = int(path.stem) if re.fullmatch(r"20[0-9]{2}", path.stem) else None
    if year is None:
        problems.append(Problem(
            name, 1, 1, "", f"nazwa pliku „{path.name}” nie jest rokiem targów; nazwij plik "
            "rokiem, w którym odbywają się targi, np. data/targi/2027.yml"))
    doc = read_yaml(path, name, problems)
    fair = None
    if doc is not None:
        _keep_plain_stand_numbers(doc)
        fair = validate_document(doc, Fair, problems)
        check_venue_locality(doc, gazetteer, problems)
        parts = FairParts.of(fair) if fair is not None else FairParts.salvage(doc.data)
        check_fair(doc, parts, year, ngos, problems)
    problems[before:] = [with_guide(p, GUIDE) for p in problems[before:]]
    failed = any(p.severity is Severity.ERROR for p in problems[before:])
    if fair is None or year is None or failed or doc is None:
        return None
    return FairEdition(year=year, file=name, fair=fair, today=today,
                       venue_mark=doc.locate(("miejsce",), key=True))


def _keep_plain_stand_numbers(doc: SourceDocument) -> None:
    """``numer: 3`` is the number 3 to YAML; keep it as the text "3" only when nothing was lost
    (``numer: 010`` is the octal number 8: the field's check asks for quotes instead)."""
    stands = doc.data.get("stoiska") if isinstance(doc.data, dict) else None
    for j, stand in enumerate(stands if isinstance(stands, list) else []):
        scalar = doc.scalars.get(("stoiska", j, "numer"))
        if (isinstance(stand, dict) and scalar is not None and not scalar.quoted
                and scalar.tag == "tag:yaml.org,2002:int" and scalar.raw == str(stand["numer"])):
            stand["numer"] = scalar.raw


def check_venue_locality(doc: SourceDocument, gazetteer: Gazetteer,
                         problems: list[Problem]) -> None:
    """A venue's ``miejsce.miejscowosc`` must be a locality of the gmina (the events' venues
    too)."""
    # Checked on the raw data, like an NGO's locality: reported even when other fields are
    # broken.
    venue = doc.data.get("miejsce") if isinstance(doc.data, dict) else None
    given = venue.get("miejscowosc") if isinstance(venue, dict) else None
    localities = gazetteer.by_name()
    if isinstance(given, str) and given.strip() and given.strip() not in localities:
        problems.append(problem_at(doc, ("miejsce", "miejscowosc"),
                                   unknown_locality(given.strip(), localities)))
