"""The preview's quick path: NGO files edited under ``mkdocs serve``, read again alone.

A rebuild of a site with 10,000 NGOs reads every file and renders every page (half a minute and
more), so an NGO's page changed a minute after its file was saved. When the only change is to
the files of NGOs already published, and each still loads without an error, the registry is
those entries replaced (read, validated and placed as the build does) and only their pages are
made again (``ngosite.site.Preview``). Anything else — a new, removed or broken file — needs
the whole build, and ``reload_entries`` says so by returning None.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from types import MappingProxyType

from ngosite.core.problems import Problem, Severity, relative_name
from ngosite.geo.cache import GeocodeCache
from ngosite.geo.geocode import Locator

from .registry import Entry, Registry, in_name_order, load_entry


def reload_entries(registry: Registry, paths: Iterable[Path], today: date
                   ) -> tuple[Registry, list[Entry]] | None:
    """``registry`` with the NGO files at ``paths`` read again, and the entries read; None when
    one of them is not a published entry any more or now has a problem. A KRS or NIP now the
    same as another file's is left to the next whole build, which compares every file."""
    root = registry.root
    loaded = []
    for path in paths:
        if path.parent != root / "ngos" or path.stem not in registry.by_slug or not path.is_file():
            return None
        problems: list[Problem] = []
        found = load_entry(path, relative_name(path, root), registry.gazetteer, today, problems)
        if found is None or any(p.severity is Severity.ERROR for p in problems):
            return None
        loaded.append(found[0])
    # Identifiers shared with another file are the whole build's to find (it reads them all).
    changed = {entry.slug: entry for entry in loaded}
    cache = GeocodeCache.load(root / registry.settings.geocoding.cache, root, [])
    locator = Locator(registry.area, registry.gazetteer, cache, None, today,
                      registry.settings.geocoding.require_location)
    found_at = locator.locate_all(entry.placeable() for entry in changed.values())
    locations = {slug: place for slug, place in registry.locations.items()
                 if slug not in changed} | found_at
    unplaced = {slug: why for slug, why in registry.unplaced.items() if slug not in changed}
    unplaced |= {slug: locator.unplaced[slug] for slug in changed if slug in locator.unplaced}
    entries = in_name_order(changed.get(entry.slug, entry) for entry in registry)
    updated = dataclasses.replace(registry, entries=entries,
                                  locations=MappingProxyType(locations),
                                  unplaced=MappingProxyType(unplaced))
    return updated, list(changed.values())
