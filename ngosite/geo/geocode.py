"""Place every NGO on the map: explicit coordinates → cache → gazetteer → Nominatim (opt-in).

Rules that protect residents and NGOs:
- every point must fall inside the gmina (or an explicitly allowed area): Polish village names
  repeat all over the country, and a geocoder will happily put "Ruda" 300 km away;
- an NGO that asked for village precision is placed at its locality, whatever else it wrote;
- a failed or missing lookup never removes the NGO from the directory, and never deletes or
  rewrites a cached result.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from ngosite.core.problems import Problem, Severity

from .area import Area
from .cache import CachedPoint, GeocodeCache, normalise_address
from .errors import GeocodingUnavailable
from .gazetteer import Gazetteer

if TYPE_CHECKING:  # geopy is imported only by builds that go online
    from .nominatim import OnlineGeocoder

SOURCE_LABELS = {
    "wspolrzedne": "współrzędne podane we wpisie",
    "gazetteer": "punkt miejscowości z listy gminy",
    "pamiec": "pamięć geokodowania",
    "nominatim": "OpenStreetMap Nominatim",
}


@dataclass(frozen=True)
class Location:
    lat: float
    lon: float
    source: str  # wspolrzedne | gazetteer | pamiec | nominatim
    precision: str  # adres | miejscowosc
    fetched: date | None = None


@dataclass(frozen=True)
class Unplaced:
    """Why an entry has no point on the map, for the map page and the NGO's own page."""

    reason: str  # brak_punktu | nie_znaleziono | poza_gmina
    locality: str
    distance_km: float | None = None  # poza_gmina: how far outside the area the point lies


@dataclass(frozen=True)
class Placeable:
    """What the geocoder needs to know of one entry (no model import: any source will do)."""

    slug: str
    file: str
    line: int
    column: int
    name: str
    street: str | None
    number: str | None
    postal_code: str
    locality: str
    coordinates: tuple[float, float] | None
    village_only: bool

    @property
    def street_key(self) -> str | None:
        if not self.street:
            return None
        return normalise_address(" ".join(p for p in (self.street, self.number) if p),
                                 f"{self.postal_code} {self.locality}")

    @property
    def locality_key(self) -> str:
        return normalise_address(f"{self.postal_code} {self.locality}")

    def address_text(self) -> str:
        street = " ".join(p for p in (self.street, self.number) if p)
        return ", ".join(p for p in (street, f"{self.postal_code} {self.locality}") if p)


class Locator:
    """Resolves entries one by one; collects problems; counts network requests."""

    def __init__(self, area: Area, gazetteer: Gazetteer, cache: GeocodeCache,
                 online: OnlineGeocoder | None, today: date, require_location: bool,
                 on_new_result: Callable[[], None] | None = None):
        self.area = area
        self.points = {loc.name: loc.point for loc in gazetteer.localities}
        self.cache = cache
        self.online = online
        self.today = today
        self.require_location = require_location
        self.on_new_result = on_new_result
        self.problems: list[Problem] = []
        self.online_failed = False
        self.online_error: GeocodingUnavailable | None = None  # the fault that stopped asking
        self.unplaced: dict[str, Unplaced] = {}  # slug → why it has no point

    def locate_all(self, items: Iterable[Placeable]) -> dict[str, Location]:
        found: dict[str, Location] = {}
        for item in items:
            location = self.locate(item)
            if location is not None:
                found[item.slug] = location
        return found

    def locate(self, item: Placeable) -> Location | None:
        if item.village_only:
            return self._checked(item, self._locality_point(item, "miejscowosc"))
        if item.coordinates is not None:
            lat, lon = item.coordinates
            return self._checked(item, Location(lat, lon, "wspolrzedne", "adres"))
        if item.street_key:
            point = self._cached_or_online(item, item.street_key, item.street)
            if point is not None:
                return self._checked(item, point)
            fallback = self._locality_point(item, "miejscowosc")
            if fallback is not None:
                self._report(item, "adres nie ma jeszcze współrzędnych w pamięci geokodowania; "
                             "pinezka stoi na razie w środku miejscowości. Uruchom "
                             "`ngosite geocode --online`, aby ustalić dokładne położenie",
                             Severity.INFO)
            return self._checked(item, fallback)
        return self._checked(item, self._locality_point(item, "adres"))

    def _locality_point(self, item: Placeable, precision: str) -> Location | None:
        point = self.points.get(item.locality)
        if point is not None:
            return Location(point.lat, point.lon, "gazetteer", precision)
        located = self._cached_or_online(item, item.locality_key, None)
        if located is None:
            return None
        return Location(located.lat, located.lon, located.source, precision, located.fetched)

    def _cached_or_online(self, item: Placeable, key: str, street: str | None) -> Location | None:
        cached = self.cache.get(key)
        if cached is not None:
            if not cached.found:
                return None
            return Location(cached.lat, cached.lon, "pamiec", "adres", cached.fetched)  # type: ignore[arg-type]
        if self.online is None or self.online_failed:
            return None
        try:
            result = self.online.lookup(street=street, postal_code=item.postal_code,
                                        locality=item.locality)
        except GeocodingUnavailable as exc:
            self.online_failed = True  # one outage: stop asking, keep building from the cache
            self.online_error = exc
            self._report(item, f"{exc}; wpis pozostaje bez nowego położenia, a pamięć "
                         "geokodowania bez zmian", Severity.WARNING)
            return None
        if result is None:
            self.cache.put(key, CachedPoint(None, None, "nominatim", self.today))
            self._saved()
            return None
        if not self.area.contains(result.lat, result.lon):
            self._report(item, self._outside(item, result.lat, result.lon, "geokoder wskazał"),
                         Severity.WARNING)
            return None
        self.cache.put(key, CachedPoint(result.lat, result.lon, "nominatim", self.today,
                                        result.label))
        self._saved()
        return Location(result.lat, result.lon, "nominatim", "adres", self.today)

    def _saved(self) -> None:
        if self.on_new_result is not None:
            self.on_new_result()

    def _checked(self, item: Placeable, location: Location | None) -> Location | None:
        if location is None:
            keys = [k for k in (item.street_key, item.locality_key) if k]
            not_found = any(self.cache.get(k) is not None and not self.cache.get(k).found
                            for k in keys)
            self.unplaced[item.slug] = Unplaced(
                "nie_znaleziono" if not_found else "brak_punktu", item.locality)
            severity = Severity.WARNING if self.require_location else Severity.INFO
            self._report(item, "nie można ustalić położenia na mapie: miejscowość nie ma "
                         "punktu na liście gminy, a adresu nie ma w pamięci geokodowania. "
                         "Organizacja jest w katalogu, ale nie na mapie. Uzupełnij "
                         "współrzędne (adres.wspolrzedne) albo uruchom "
                         "`ngosite geocode --online`", severity)
            return None
        if not self.area.contains(location.lat, location.lon):
            self._report(item, self._outside(item, location.lat, location.lon,
                                             SOURCE_LABELS[location.source]), Severity.WARNING)
            self.unplaced[item.slug] = Unplaced(
                "poza_gmina", item.locality,
                round(self.area.distance_m(location.lat, location.lon) / 1000, 1))
            return None
        self.unplaced.pop(item.slug, None)
        return location

    def _outside(self, item: Placeable, lat: float, lon: float, how: str) -> str:
        km = self.area.distance_m(lat, lon) / 1000
        return (f"{how} punkt {lat:.5f}, {lon:.5f} dla adresu „{item.address_text()}”, "
                f"który leży {km:.1f} km poza obszarem: {self.area.name}. Sprawdź adres albo "
                "współrzędne; organizacja nie trafi na mapę, dopóki punkt jest poza gminą")

    def _report(self, item: Placeable, message: str, severity: Severity) -> None:
        self.problems.append(Problem(item.file, item.line, item.column, "adres",
                                     f"{item.name}: {message}", severity))
