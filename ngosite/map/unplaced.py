"""The NGOs that are not on the map, and why, in words a resident and the NGO understand.

A resident from Wyszowate who does not find the local KGW on the map should learn that it is
in the directory and why it has no pin; the NGO should learn what it can do about it. The map
page lists them all, and each NGO's page says it for itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from ngosite.geo.geocode import Unplaced
from ngosite.organisations.registry import Entry, Registry

from .data import map_point


@dataclass(frozen=True)
class Missing:
    entry: Entry
    why: str  # what a resident reads: the reason
    advice: str  # what the NGO can do about it


def reason(unplaced: Unplaced) -> str:
    if unplaced.reason == "poza_gmina":
        return (f"punkt podany dla jej adresu leży {unplaced.distance_km:.1f} km poza gminą"
                .replace(".", ","))
    if unplaced.reason == "nie_znaleziono":
        return "serwis map OpenStreetMap nie znalazł jej adresu"
    return (f"serwis nie zna jeszcze położenia miejscowości {unplaced.locality}, "
            "a adresu organizacji nie sprawdzono jeszcze na mapie")


def advice(unplaced: Unplaced) -> str:
    if unplaced.reason == "poza_gmina":
        return ("Sprawdźcie we wpisie adres i współrzędne (pole „Dokładny punkt na mapie”): "
                "pinezka pojawi się, gdy punkt będzie w gminie.")
    if unplaced.reason == "nie_znaleziono":
        return ("Sprawdźcie pisownię ulicy i kod pocztowy albo podajcie we wpisie współrzędne "
                "siedziby (pole „Dokładny punkt na mapie”).")
    return ("Możecie podać we wpisie współrzędne siedziby (pole „Dokładny punkt na mapie”); "
            "urząd uzupełnia też punkty miejscowości przy sprawdzaniu adresów.")


def missing_from_map(registry: Registry) -> list[Missing]:
    """Every NGO of the directory without a pin, in the directory's order."""
    found = []
    for entry in registry.entries:
        if map_point(registry, entry) is not None:
            continue
        why = registry.unplaced.get(entry.slug) or Unplaced("brak_punktu",
                                                            entry.org.address.locality)
        found.append(Missing(entry, reason(why), advice(why)))
    return found
