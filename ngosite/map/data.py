"""The map's data: one compact row per located NGO, and the groups that colour the pins.

What a row may carry is deliberately little: name, legal form, locality, point and page. No
street or number is ever part of it, so an NGO that asked to be shown only by its village
(``na_mapie: miejscowosc``) cannot leak its address through the map, whatever else it wrote.

The rows travel to the browser as JSON inside ``<script type="application/json">`` (see
:func:`script_json`), are parsed with ``JSON.parse`` and shown with ``textContent``: NGO text is
never interpreted as HTML or JavaScript.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass

from markupsafe import Markup

from ngosite.organisations.registry import Entry, Registry
from ngosite.organisations.vocabulary import LEGAL_FORMS

from .categories import (
    CATEGORIES,
    PIN_PATH,
    SYMBOL_TRANSFORM,
    Category,
    area_labels,
    category_of,
)

# About one metre: more digits only make the file bigger.
COORDINATE_DIGITS = 5


@dataclass(frozen=True)
class MapPoint:
    slug: str
    name: str
    lat: float
    lon: float
    category: Category
    form: str
    locality: str
    at_locality: bool  # the pin marks the locality, not the building


@dataclass(frozen=True)
class LegendItem:
    category: Category
    count: int
    areas: list[str]


def map_points(registry: Registry) -> list[MapPoint]:
    """Every NGO with a location, in directory order; NGOs without one are left out."""
    return [point for entry in registry if (point := map_point(registry, entry)) is not None]


def map_point(registry: Registry, entry: Entry) -> MapPoint | None:
    location = registry.locations.get(entry.slug)
    org = entry.org
    if location is None:
        return None
    if org.address.pin_precision == "miejscowosc" and location.precision != "miejscowosc":
        return None  # never show a village-only NGO anywhere but at its locality
    return MapPoint(
        slug=entry.slug, name=org.name,
        lat=round(location.lat, COORDINATE_DIGITS), lon=round(location.lon, COORDINATE_DIGITS),
        category=category_of(org.areas), form=LEGAL_FORMS[org.legal_form].label,
        locality=org.address.locality,
        at_locality=location.precision == "miejscowosc" or location.source == "gazetteer")


def legend(points: list[MapPoint]) -> list[LegendItem]:
    """The groups that have at least one pin, in their fixed order, with their counts."""
    counts = Counter(p.category.slug for p in points)
    return [LegendItem(c, counts[c.slug], area_labels(c)) for c in CATEGORIES if counts[c.slug]]


def map_payload(points: list[MapPoint], pages_url: str | None) -> dict[str, object]:
    """The JSON the map script reads. Rows are arrays, names repeated across rows are indexed.

    ``ngos`` rows: ``[slug, name, lat, lon, category, form, locality, at_locality]`` where
    category, form and locality index the lists of the same name; ``pages_url`` + slug + ``/``
    is the NGO's page (no link when ``pages_url`` is None).
    """
    categories = [item.category for item in legend(points)]
    category_index = {c.slug: i for i, c in enumerate(categories)}
    forms = sorted({p.form for p in points})
    localities = sorted({p.locality for p in points})
    form_index = {f: i for i, f in enumerate(forms)}
    locality_index = {name: i for i, name in enumerate(localities)}
    return {
        "pages": pages_url,
        "pin": {"path": PIN_PATH, "symbol": SYMBOL_TRANSFORM},
        "categories": [{"slug": c.slug, "label": c.label, "colour": c.colour,
                        "icon": c.icon_path} for c in categories],
        "forms": forms,
        "localities": localities,
        "ngos": [[p.slug, p.name, p.lat, p.lon, category_index[p.category.slug],
                  form_index[p.form], locality_index[p.locality], int(p.at_locality)]
                 for p in points],
    }


_SCRIPT_ESCAPES = str.maketrans({
    "<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "'": "\\u0027",
    "\u2028": "\\u2028", "\u2029": "\\u2029",
})


def script_json(value: object) -> Markup:
    """Compact JSON that is safe inside ``<script>``: no ``</script>``, ``<!--`` or line
    separators can appear, only their ``\\u`` escapes (which JSON.parse turns back into text)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return Markup(text.translate(_SCRIPT_ESCAPES))
