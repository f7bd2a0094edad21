"""``ngosite geocode``: fill the geocoding cache for new or changed addresses.

Without ``--online`` it only lists what is missing and how long fetching it would take (one
second per address is the public server's limit). With ``--online`` it asks Nominatim, shows a
progress bar with the estimated time left, and saves the cache after every answer, so an
interrupted run (Ctrl+C, a lost connection) loses nothing and the next run continues.
"""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

from tqdm import tqdm

from ngosite.core.problems import Problem, format_text
from ngosite.geo.area import load_area_of
from ngosite.geo.cache import GeocodeCache
from ngosite.geo.geocode import Locator, Placeable
from ngosite.geo.nominatim import OnlineGeocoder
from ngosite.geo.online import online_settings
from ngosite.pipeline import load_registry


def pending(items: list[Placeable], cache: GeocodeCache, points: dict[str, object]) -> list[
        tuple[Placeable, str]]:
    """Entries whose position needs the geocoder, with the cache key that is missing."""
    missing: list[tuple[Placeable, str]] = []
    seen: set[str] = set()
    for item in items:
        if item.coordinates is not None and not item.village_only:
            continue
        if item.street_key and not item.village_only:
            key = item.street_key
        elif points.get(item.locality) is None:
            key = item.locality_key
        else:
            continue
        if cache.get(key) is None and key not in seen:
            seen.add(key)
            missing.append((item, key))
    return missing


def run(root: Path, *, online: bool, retry_missing: bool, today: date | None = None,
        sleep: Callable[[float], None] | None = None, verbose: bool = False) -> int:
    registry = load_registry(root, today=today)
    settings = registry.settings
    cache = GeocodeCache.load(root / settings.geocoding.cache, root, [])
    if retry_missing:
        for key in [k for k, point in cache.entries.items() if not point.found]:
            del cache.entries[key]
    points = {loc.name: loc.point for loc in registry.gazetteer.localities}
    # The fair's and the events' venues are placed like an NGO's address.
    places = [e.placeable() for e in registry.entries] + [f.placeable() for f in registry.fairs]
    places += [p for e in registry.events if (p := e.placeable()) is not None]
    todo = pending(places, cache, points)
    if not todo:
        print("Pamięć geokodowania jest aktualna: wszystkie adresy mają położenie.")
        return 0
    minutes, seconds = divmod(len(todo), 60)
    print(f"Adresy bez położenia w pamięci: {len(todo)} (pobieranie potrwa co najmniej "
          f"{minutes} min {seconds} s: serwer przyjmuje 1 zapytanie na sekundę).")
    if not online:
        for item, key in todo:
            print(f"  {item.file}: {key}")
        print("Aby je pobrać, uruchom: ngosite geocode --online")
        return 0
    client_args = {"sleep": sleep} if sleep else {}
    geocoder = OnlineGeocoder(dataclasses.replace(online_settings(settings), verbose=verbose),
                              load_area_of(root, settings), **client_args)
    locator = Locator(registry.area, registry.gazetteer, cache, geocoder,
                      today or date.today(), settings.geocoding.require_location,
                      on_new_result=cache.save)
    if retry_missing:
        cache.save()
    done = 0
    with tqdm(todo, unit="adres", desc="Geokodowanie", file=sys.stderr) as bar:
        for item, key in bar:
            bar.set_postfix_str(key[:40])
            locator.locate(item)
            if locator.online_failed:
                break
            done += 1
    _report(locator.problems, geocoder.requests, cache)
    if locator.online_error is not None:
        if verbose and locator.online_error.detail:
            print(f"Szczegóły: {locator.online_error.detail}", file=sys.stderr)
        print(f"Przerwano po błędzie serwera: {len(todo) - done} z {len(todo)} adresów zostało "
              "bez odpowiedzi. Pobrane dotąd wyniki są zapisane; uruchom to samo polecenie "
              "ponownie, aby dokończyć.")
    return 1 if any(p.severity.value == "warning" for p in locator.problems) else 0


def _report(problems: list[Problem], requests: int, cache: GeocodeCache) -> None:
    if problems:
        print(format_text(problems))
    print(f"Zapytania do serwera: {requests}. Wpisy w pamięci: {len(cache.entries)} "
          f"({cache.path.name}).")
