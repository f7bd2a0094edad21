"""When may the build talk to the geocoding server? Only when staff ask, and never in CI.

Asking is explicit: ``ngosite geocode --online`` or ``NGOSITE_GEOCODE_ONLINE=1`` for a build.
In CI (``CI`` set) the request is refused, so a pull request can never make the pipeline send
addresses to a third party.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from ngosite.settings.gmina import Settings

if TYPE_CHECKING:  # geopy (a quarter of a second to import) only when a build goes online
    from .nominatim import OnlineGeocoder, OnlineSettings

ENV_FLAG = "NGOSITE_GEOCODE_ONLINE"


class OnlineNotAllowed(Exception):
    """Online geocoding was asked for but cannot be done; the message says why, in Polish."""


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() not in ("", "0", "false")


def online_settings(settings: Settings) -> OnlineSettings:
    from .nominatim import OnlineSettings

    if in_ci():
        raise OnlineNotAllowed("geokodowanie online jest wyłączone w CI (zmienna CI); budowanie "
                               "korzysta tylko z pamięci geokodowania i listy miejscowości")
    contact = settings.geocoding.contact
    if not contact:
        raise OnlineNotAllowed(
            "geokodowanie online wymaga adresu e-mail do kontaktu (zasady serwera Nominatim): "
            "wpisz go w data/gmina.yml jako geokodowanie.kontakt")
    return OnlineSettings(server_url=settings.geocoding.server, contact=contact,
                          site_name=f"Organizacje pozarządowe: {settings.name}")


def online_geocoder_from_environment(root: Path) -> OnlineGeocoder | None:
    """A geocoder for the build when NGOSITE_GEOCODE_ONLINE=1, else None (offline)."""
    if os.environ.get(ENV_FLAG, "") not in ("1", "true", "tak"):
        return None
    from ngosite.settings.gmina import load_settings

    from .area import load_area_of
    from .nominatim import OnlineGeocoder

    settings = load_settings(root)
    return OnlineGeocoder(online_settings(settings), load_area_of(root, settings))
