"""Live geocoding through geopy's Nominatim client, used only when staff ask for it.

Kind to the public server (https://operations.osmfoundation.org/policies/nominatim/): one
request per second at most (geopy's RateLimiter), a User-Agent naming the site and a contact
address, structured queries bounded to the gmina, waits after errors and the server's
``Retry-After`` honoured on HTTP 429. Every service failure surfaces as
:class:`GeocodingUnavailable`, so the build can carry on with the cache and the gazetteer.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from geopy.adapters import URLLibAdapter
from geopy.exc import GeocoderRateLimited, GeocoderServiceError
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import Nominatim

from ngosite.core.folding import fold_keep_case

from .area import Area
from .errors import GeocodingUnavailable

__all__ = ["GeocodingUnavailable", "OnlineGeocoder", "OnlineSettings"]

MAX_RETRY_AFTER_S = 120.0
# geopy's RateLimiter logs every retry as a warning with the whole traceback; without a
# handler Python prints it to the terminal. Staff get one Polish line instead, and the
# library's own account only with --verbose.
_GEOPY_LOG = logging.getLogger("geopy")


def show_library_log(verbose: bool) -> None:
    """Route geopy's log to the program's log only when staff asked for detail."""
    if not any(isinstance(h, logging.NullHandler) for h in _GEOPY_LOG.handlers):
        _GEOPY_LOG.addHandler(logging.NullHandler())
    _GEOPY_LOG.propagate = verbose


@dataclass(frozen=True)
class OnlineSettings:
    server_url: str
    contact: str
    site_name: str
    timeout_s: float = 10.0
    min_delay_s: float = 1.0
    error_wait_s: float = 5.0
    max_retries: int = 2
    verbose: bool = False

    @property
    def user_agent(self) -> str:
        # HTTP headers are Latin-1: "Organizacje pozarządowe gminy Miłki" is sent folded.
        return fold_keep_case(f"{self.site_name} (ngosite; {self.contact})")


@dataclass(frozen=True)
class Found:
    lat: float
    lon: float
    label: str


class _PoliteRateLimiter(RateLimiter):
    """geopy's RateLimiter with an injectable sleep (tests) and Retry-After honoured.

    geopy counts the delay from the moment a request starts; the server sees a request when it
    arrives, and a first request slow to connect arrived 0.9 s before the next one. Here the
    delay counts from the moment the previous answer (or error) came back, so the server never
    sees two requests closer than ``min_delay_seconds``."""

    def __init__(self, func: Callable, sleep: Callable[[float], None], **kwargs):
        super().__init__(self._spaced(func), **kwargs)
        self._sleep_func = sleep
        self.retry_after = 0.0

    def _spaced(self, func: Callable) -> Callable:
        def call(*args, **kwargs):
            try:
                return func(*args, **kwargs)
            finally:
                with self._lock:
                    self._last_call = self._clock()
        return call

    def _sleep(self, seconds: float) -> None:
        wait = max(seconds, min(self.retry_after, MAX_RETRY_AFTER_S))
        self.retry_after = 0.0
        self._sleep_func(wait)


class OnlineGeocoder:
    """One structured Nominatim query per address, restricted to the area's bounding box."""

    def __init__(self, settings: OnlineSettings, area: Area,
                 sleep: Callable[[float], None] = time.sleep):
        show_library_log(settings.verbose)
        parts = urlsplit(settings.server_url)
        # geopy's default requests adapter retries failed connections by itself, outside the
        # rate limiter; the urllib adapter makes exactly the requests we count and space out.
        self._client = Nominatim(
            domain=(parts.netloc + parts.path).rstrip("/"), scheme=parts.scheme or "https",
            user_agent=settings.user_agent, timeout=settings.timeout_s,
            adapter_factory=URLLibAdapter)
        self._area = area
        self._limiter = _PoliteRateLimiter(
            self._call, sleep, min_delay_seconds=settings.min_delay_s,
            max_retries=settings.max_retries, error_wait_seconds=settings.error_wait_s,
            swallow_exceptions=False)
        self.requests = 0

    def _call(self, query: dict[str, str]):  # returns a geopy Location
        self.requests += 1
        try:
            return self._client.geocode(query, exactly_one=True, country_codes="pl",
                                        viewbox=self._area.viewbox(), bounded=True)
        except GeocoderRateLimited as exc:
            self._limiter.retry_after = float(exc.retry_after or 0)
            raise

    def lookup(self, street: str | None, postal_code: str | None, locality: str) -> Found | None:
        """The point for an address, None when the server has no result.

        Raises GeocodingUnavailable when the server could not be asked (after retries).
        """
        query = {"city": locality, "country": "Polska"}
        if street:
            query["street"] = street
        if postal_code:
            query["postalcode"] = postal_code
        try:
            location = self._limiter(query)
            if location is None:
                return None
            found = Found(lat=float(location.latitude), lon=float(location.longitude),
                          label=str(location.address or ""))
        except (GeocoderServiceError, OSError, ValueError, KeyError, TypeError,
                AttributeError) as exc:
            # geopy raises GeocoderParseError (a GeocoderServiceError) for malformed JSON, but a
            # reply with the wrong shape can surface as a plain KeyError/TypeError, and a
            # connection reset mid-answer as an OSError.
            raise GeocodingUnavailable(_describe(exc), f"{type(exc).__name__}: {exc}") from exc
        if not (math.isfinite(found.lat) and math.isfinite(found.lon)):
            raise GeocodingUnavailable(
                "serwer geokodowania zwrócił współrzędne, które nie są liczbami",
                f"lat={location.latitude!r}, lon={location.longitude!r}")
        return found


def _causes(exc: BaseException) -> list[BaseException]:
    """The exception and what it wraps (geopy re-raises socket errors as its own)."""
    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in chain:
        chain.append(current)
        current = current.__cause__ or current.__context__
    return chain


def _describe(exc: Exception) -> str:
    """One Polish line for staff; the library's own words go to --verbose only."""
    name = type(exc).__name__
    text = str(exc).lower()
    if any(isinstance(cause, ConnectionResetError | BrokenPipeError) for cause in _causes(exc)):
        return "serwer geokodowania zerwał połączenie"
    if name == "GeocoderServiceError" and any(
            s in text for s in ("refused", "unreachable", "name or service", "no route")):
        name = "GeocoderUnavailable"
    if name == "GeocoderServiceError" and "timed out" in text:
        name = "GeocoderTimedOut"
    if isinstance(exc, ConnectionError) or (name == "GeocoderServiceError" and "reset" in text):
        name = "ConnectionReset"
    if isinstance(exc, ValueError | KeyError | TypeError | AttributeError):
        name = "GeocoderParseError"
    if name == "GeocoderServiceError" and any(code in text for code in ("500", "502", "503",
                                                                         "504")):
        name = "ServerError"
    return {
        "GeocoderTimedOut": "serwer geokodowania nie odpowiedział w czasie",
        "GeocoderUnavailable": "serwer geokodowania jest niedostępny (brak połączenia)",
        "GeocoderRateLimited": "serwer geokodowania odrzucił zapytanie: zbyt wiele zapytań (429)",
        "GeocoderParseError": "serwer geokodowania zwrócił nieczytelną odpowiedź",
        "GeocoderInsufficientPrivileges": "serwer geokodowania odmówił dostępu (403)",
        "ConnectionReset": "serwer geokodowania zerwał połączenie",
        "ServerError": "serwer geokodowania ma awarię (błąd 5xx)",
    }.get(name, "serwer geokodowania zwrócił nieoczekiwany błąd")
