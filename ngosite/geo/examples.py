"""Examples for guides, forms and templates, taken from the gmina's own data.

A help text that says "np. OSP Miłki" to an NGO in another gmina is wrong, and a sample entry
placed in Miłki lands 90 km outside its boundary. Every example that names a place is made
here, from ``data/gmina.yml`` and ``data/miejscowosci.yml``: the locality of the office (or
the first one), two others, the office's postal code and street, the starosta of the powiat.
Only nominative forms are used: Polish inflection of a name cannot be derived from it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ngosite.core.folding import fold, slug
from ngosite.settings.gmina import Settings

from .gazetteer import Gazetteer

_POSTAL = re.compile(r"\b(\d{2}-\d{3})\s+([^,]+?)\s*$")
_STREET = re.compile(r"\bul\.\s*([^,\d]+?)\s+\d")


@dataclass(frozen=True)
class GminaExamples:
    locality: str  # the office's locality, or the first on the list
    other: str  # a second locality (the first again when the gmina has one)
    third: str
    postal_code: str
    street: str
    starosta: str  # "Starosta Giżycki": the register of stowarzyszenia zwykłe and sports clubs
    office: str
    office_address: str
    locative: str  # "gminie Miłki", after "w"
    point: tuple[float, float] | None  # a point of the office's locality, if the list has one

    @property
    def slug(self) -> str:
        return slug(self.locality)

    @property
    def other_slug(self) -> str:
        return slug(self.other)

    @classmethod
    def of(cls, settings: Settings, gazetteer: Gazetteer) -> GminaExamples:
        localities = sorted(gazetteer.localities, key=lambda loc: fold(loc.name))
        by_name = {loc.name: loc for loc in localities}
        found = _POSTAL.search(settings.office.address)
        seat = by_name.get(found.group(2)) if found else None
        first = seat or next((loc for loc in localities if loc.point), None) or localities[0]
        others = [loc.name for loc in localities if loc.name != first.name] or [first.name]
        street = _STREET.search(settings.office.address)
        point = first.point or next((loc.point for loc in localities if loc.point), None)
        return cls(
            locality=first.name, other=others[0], third=others[min(1, len(others) - 1)],
            postal_code=(found.group(1) if found else first.postal_code) or "12-345",
            street=street.group(1).strip() if street else "Szkolna",
            starosta=f"Starosta {settings.county[:1].upper()}{settings.county[1:]}",
            office=settings.office.name, office_address=settings.office.address,
            locative=settings.name_locative,
            point=(point.lat, point.lon) if point else None)
