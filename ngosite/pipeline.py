"""Load → validate → geocode: the whole project read into one immutable Registry.

This is the one place that knows the order of the pipeline and every data kind: the NGO
entries first (other files name them), then their places, then the fair (its venue is placed
like an NGO) and the documents (their comments name NGOs). Each feature loads its own files;
every problem is collected, and only a project without settings or localities stops the load.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

from ngosite.consultations.settings_rules import consultation_settings_problems
from ngosite.core.problems import DataError, Problem, summarise_references
from ngosite.core.today import build_date
from ngosite.core.validate import read_model
from ngosite.documents.load import load_documents
from ngosite.events.load import load_events
from ngosite.fair.load import load_fairs
from ngosite.geo.area import load_area_of
from ngosite.geo.cache import GeocodeCache
from ngosite.geo.gazetteer import Gazetteer
from ngosite.geo.geocode import Locator
from ngosite.organisations.registry import Registry, load_entries
from ngosite.settings.gmina import SETTINGS_FILE, Settings
from ngosite.surveys.load import load_surveys

if TYPE_CHECKING:  # geopy is imported only by builds that go online
    from ngosite.geo.nominatim import OnlineGeocoder

GAZETTEER_FILE = "data/miejscowosci.yml"


def load_registry(root: Path, *, today: date | None = None,
                  online: OnlineGeocoder | None = None) -> Registry:
    """Read the whole project below ``root``; collect every problem; raise only on DataError.

    With ``online`` (staff's explicit choice, never in CI), addresses missing from the cache are
    looked up and each new result is saved to the cache at once.
    """
    today = today or build_date()
    problems: list[Problem] = []
    settings = read_model(root, root / SETTINGS_FILE, Settings, problems)
    gazetteer = read_model(root, root / GAZETTEER_FILE, Gazetteer, problems)
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
    # Last: events name NGOs, documents and their versions, and the fair joins their feeds.
    reported = len(locator.problems)
    events = load_events(root, entries, documents, fairs, gazetteer, locator, today, problems)
    problems.extend(locator.problems[reported:])
    problems.extend(consultation_settings_problems(root, settings, documents))
    surveys = load_surveys(root, entries, settings.surveys, today, problems)
    return Registry(root=root, settings=settings, gazetteer=gazetteer, entries=entries,
                    problems=tuple(sorted(summarise_references(problems))), area=area,
                    locations=MappingProxyType(locations),
                    unplaced=MappingProxyType({e.slug: locator.unplaced[e.slug] for e in entries
                                               if e.slug in locator.unplaced}),
                    geocoding_requests=online.requests if online else 0, fairs=fairs,
                    documents=documents, events=events, surveys=surveys)
