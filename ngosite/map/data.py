"""The map's data: one compact row per located NGO, and the groups that colour the pins.

What a row may carry is deliberately little: name, legal form, locality, point and page. No
street or number is ever part of it, so an NGO that asked to be shown only by its village
(``na_mapie: miejscowosc``) cannot leak its address through the map, whatever else it wrote.

The map document carries only what its first view draws: each pin's point and group, as
small integers (``map_payload``). What a popup says (name, legal form, locality, page) is in
files of ``DETAILS_CHUNK`` NGOs each (``detail_files``), fetched for the pins that come into
view or are opened: at 10,000 NGOs the document with every row was 1.1 MB, 197 KB gzip.

Both travel as JSON (the points inside ``<script type="application/json">``, see
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
# NGOs per file of popup texts, and the folder of those files beside the map document.
DETAILS_CHUNK = 100
DETAILS_DIR = "opisy"


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


def in_slug_order(points: list[MapPoint]) -> list[MapPoint]:
    """The order of the pins and of the popup files: by address, so that the file of any NGO
    is found from its address alone (``#<slug>`` links) by a binary search in ``first``."""
    return sorted(points, key=lambda p: p.slug)


def map_payload(points: list[MapPoint], pages_url: str | None) -> dict[str, object]:
    """The JSON the map document carries: the pins, and how to find their popup texts.

    ``points`` is flat, three integers per pin in address order: latitude and longitude in
    units of 10⁻⁵ degree above ``origin``, and ``category * 2 + at_locality`` (category indexes
    ``categories``). The texts of pin ``i`` are row ``i % chunk`` of
    ``details`` + ``i // chunk`` + ``.json`` (``detail_files``), whose form and locality index
    ``forms`` and ``localities``; ``first`` names the first NGO of each file. ``pages_url`` +
    slug + ``/`` is the NGO's page (no link when ``pages_url`` is None).
    """
    points = in_slug_order(points)
    categories = [item.category for item in legend(points)]
    category_index = {c.slug: i for i, c in enumerate(categories)}
    scale = 10 ** COORDINATE_DIGITS
    units = [(round(p.lat * scale), round(p.lon * scale)) for p in points]
    origin = [min((u[0] for u in units), default=0), min((u[1] for u in units), default=0)]
    flat: list[int] = []
    for point, (lat, lon) in zip(points, units, strict=True):
        flat += [lat - origin[0], lon - origin[1],
                 category_index[point.category.slug] * 2 + int(point.at_locality)]
    forms, localities = _vocabularies(points)
    return {
        "pages": pages_url,
        "pin": {"path": PIN_PATH, "symbol": SYMBOL_TRANSFORM},
        "categories": [{"slug": c.slug, "label": c.label, "colour": c.colour,
                        "icon": c.icon_path} for c in categories],
        "forms": forms,
        "localities": localities,
        "scale": scale,
        "origin": origin,
        "points": flat,
        "details": f"{DETAILS_DIR}/",
        "chunk": DETAILS_CHUNK,
        "first": [p.slug for p in points[::DETAILS_CHUNK]],
    }


def _vocabularies(points: list[MapPoint]) -> tuple[list[str], list[str]]:
    return sorted({p.form for p in points}), sorted({p.locality for p in points})


def detail_files(points: list[MapPoint]) -> list[tuple[str, str]]:
    """``(opisy/<n>.json, rows)``: ``[slug, name, form, locality]`` of ``DETAILS_CHUNK`` pins
    each, in the payload's order (plain JSON: fetched, never put into a page)."""
    points = in_slug_order(points)
    forms, localities = _vocabularies(points)
    form_index = {f: i for i, f in enumerate(forms)}
    locality_index = {name: i for i, name in enumerate(localities)}
    return [(f"{DETAILS_DIR}/{n // DETAILS_CHUNK}.json", json.dumps(
        [[p.slug, p.name, form_index[p.form], locality_index[p.locality]]
         for p in points[n:n + DETAILS_CHUNK]], ensure_ascii=False, separators=(",", ":")))
        for n in range(0, len(points), DETAILS_CHUNK)]


_SCRIPT_ESCAPES = str.maketrans({
    "<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "'": "\\u0027",
    "\u2028": "\\u2028", "\u2029": "\\u2029",
})


def script_json(value: object) -> Markup:
    """Compact JSON that is safe inside ``<script>``: no ``</script>``, ``<!--`` or line
    separators can appear, only their ``\\u`` escapes (which JSON.parse turns back into text)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return Markup(text.translate(_SCRIPT_ESCAPES))
