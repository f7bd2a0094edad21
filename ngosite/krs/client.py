"""The polite client of the register's API: one request a second, named, patient, and never
in CI.

Every request waits its turn (``odstep_s``, one second by default), carries a User-Agent with
the office's contact, and has a timeout. Timeouts, refused or reset connections, HTTP 429 and
5xx are retried with growing waits, and a ``Retry-After`` from the server is honoured (parsed
by urllib3, capped at two minutes). After the last try the run stops with
:class:`RegisterUnavailable`, its message from :mod:`faults`.

The API answers 404 for a number it does not have in a register and 204 (no content) for an
entity that was removed; an NGO is looked up in register S first and, failing that, in P.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import urllib3
from urllib3.exceptions import HTTPError
from urllib3.util import Retry

from ngosite.core.folding import fold_keep_case
from ngosite.settings.gmina import Settings

from . import faults
from .faults import RegisterUnavailable
from .record import MAX_BODY, removal_date

MAX_WAIT_S = 120.0
# The scheduled workflow (never a pull request) sets this to ask the register from CI.
SCHEDULED_FLAG = "NGOSITE_KRS_ONLINE"
REGISTERS = ("S", "P")


class NotAllowed(Exception):
    """The register may not be asked here (CI, no contact); the message says why, in Polish."""


@dataclass(frozen=True)
class ClientSettings:
    api: str
    contact: str
    site_name: str
    delay_s: float = 1.0
    timeout_s: float = 20.0
    attempts: int = 4
    # A server that let two requests in a row time out is down, not busy: waiting for the
    # other tries would keep the clerk looking at a silent screen for minutes.
    timeout_attempts: int = 2
    connect_timeout_s: float = 5.0

    @property
    def user_agent(self) -> str:
        # HTTP headers are Latin-1: the gmina's Polish name is sent folded.
        return fold_keep_case(f"{self.site_name} (ngosite krs; {self.contact})")


@dataclass(frozen=True)
class Fetched:
    """What the register said about one number: ``found`` (with the body), ``removed``
    (with the day, when the full extract gives it) or ``not_found``."""

    number: str
    state: str
    register: str | None = None
    body: bytes = b""
    removed_on: date | None = None


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() not in ("", "0", "false")


def client_settings(settings: Settings) -> ClientSettings:
    """The client's settings, or NotAllowed when asking the register is not allowed here."""
    if in_ci() and os.environ.get(SCHEDULED_FLAG) != "1":
        raise NotAllowed("zapytania do rejestru KRS są wyłączone w CI (zmienna CI); "
                         "uruchom polecenie na komputerze urzędu (tylko comiesięczny workflow "
                         f"ustawia {SCHEDULED_FLAG}=1)")
    contact = settings.krs.contact or settings.geocoding.contact
    if not contact:
        raise NotAllowed("zapytania do rejestru KRS wymagają adresu e-mail do kontaktu: wpisz "
                         "go w data/gmina.yml jako krs.kontakt")
    return ClientSettings(api=settings.krs.api.rstrip("/"), contact=contact,
                          site_name=f"Organizacje pozarządowe: {settings.name}",
                          delay_s=settings.krs.delay_s, timeout_s=settings.krs.timeout_s)


class RegisterClient:
    """Looks numbers up one by one; ``requests`` counts what was sent."""

    def __init__(self, settings: ClientSettings, *, sleep: Callable[[float], None] = time.sleep,
                 clock: Callable[[], float] = time.monotonic,
                 progress: Callable[[str], None] | None = None):
        self.settings = settings
        self._sleep, self._clock = sleep, clock
        self._progress = progress or (lambda text: None)
        connect = min(settings.connect_timeout_s, settings.timeout_s)
        self._pool = urllib3.PoolManager(
            headers={"User-Agent": settings.user_agent, "Accept": "application/json"},
            timeout=urllib3.Timeout(connect=connect, read=settings.timeout_s),
            retries=False)
        self._last: float | None = None
        self.requests = 0

    def fetch(self, number: str) -> Fetched:
        """The current extract of ``number``, from register S or else P."""
        for register in REGISTERS:
            status, body = self._get(f"OdpisAktualny/{number}", register)
            if status == 404:
                continue
            if status == 204:
                _, full = self._get(f"OdpisPelny/{number}", register)
                return Fetched(number, "removed", register, removed_on=removal_date(full))
            return Fetched(number, "found", register, body)
        return Fetched(number, "not_found")

    def _get(self, path: str, register: str) -> tuple[int, bytes]:
        """One GET with retries; 200, 204 and 404 are answers, anything else a fault."""
        url = f"{self.settings.api}/{path}"
        fields = {"rejestr": register, "format": "json"}
        message = ""
        timeouts = 0
        for attempt in range(self.settings.attempts):
            wait = self.settings.delay_s * 2 ** attempt
            try:
                status, headers, body = self._send(url, fields)
            except HTTPError as exc:
                message = faults.transport_message(exc)
                timeouts += isinstance(exc, TimeoutError | urllib3.exceptions.TimeoutError)
                if timeouts >= self.settings.timeout_attempts:
                    raise RegisterUnavailable(f"{message} (próby: {attempt + 1})") from None
            else:
                if status in (200, 204, 404):
                    return status, body
                retry_after = _retry_after(headers.get("Retry-After"))
                message = faults.status_message(status, retry_after)
                if status != 429 and status < 500:
                    raise RegisterUnavailable(message)
                if retry_after is not None and retry_after > MAX_WAIT_S:
                    raise RegisterUnavailable(message)
                wait = max(wait, retry_after or 0.0)
            if attempt + 1 < self.settings.attempts:
                self._progress(f"  {message}; ponawiam za {max(wait, self.settings.delay_s):.0f} s "
                               f"(próba {attempt + 2} z {self.settings.attempts})…")
                self._pause(wait)
        raise RegisterUnavailable(f"{message} (próby: {self.settings.attempts})")

    def _send(self, url: str, fields: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        self._pause(0.0)
        self.requests += 1
        try:
            response = self._pool.request("GET", url, fields=fields, preload_content=False,
                                          redirect=False)
            try:
                body = response.read(MAX_BODY + 1)
            finally:
                response.release_conn()
        finally:
            self._last = self._clock()
        return response.status, dict(response.headers), body

    def _pause(self, extra: float) -> None:
        """Sleep so that requests are ``delay_s`` apart, or ``extra`` after the last one."""
        if self._last is None:
            return
        due = self._last + max(self.settings.delay_s, extra)
        remaining = due - self._clock()
        if remaining > 0:
            self._sleep(remaining)


def _retry_after(value: str | None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (seconds or an HTTP date), or None."""
    if not value:
        return None
    try:
        return max(0.0, Retry(0).parse_retry_after(value))
    except Exception:  # urllib3 raises InvalidHeader for a value it cannot read
        return None
