"""schema.org Event data for a fair page: the fair, its place, and each programme item.

The JSON goes into a ``<script type="application/ld+json">`` element, where the browser does not
decode HTML entities but does end the script at ``</script>``: NGO names are untrusted, so every
``<``, ``>`` and ``&`` is written as a JSON escape (``\\u003c``), which any JSON reader turns back.
"""

from __future__ import annotations

import json
from typing import Any

from ngosite.core.markdown_text import plain_text

from .model import FairEdition, Item, Venue

_SCRIPT_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                  "\u2028": "\\u2028", "\u2029": "\\u2029"}
OFFLINE = "https://schema.org/OfflineEventAttendanceMode"
SCHEDULED = "https://schema.org/EventScheduled"


def script_json(data: object) -> str:
    """JSON that is safe inside an HTML ``<script>`` element and parses back to ``data``."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in _SCRIPT_UNSAFE.items():
        text = text.replace(char, escaped)
    return text


def fair_event(edition: FairEdition, names: dict[str, str], *, page_url: str | None = None,
               site_url: str | None = None) -> dict[str, Any]:
    """The fair as a schema.org Event with one ``subEvent`` per programme item."""
    fair = edition.fair
    event: dict[str, Any] = {
        "@context": "https://schema.org",
        **_common(edition, fair.name, fair.hours.start, fair.hours.end),
        "location": _place(fair.venue.name, fair.venue, edition),
    }
    if fair.description:
        event["description"] = plain_text(fair.description)
    if fair.organiser:
        event["organizer"] = {"@type": "Organization", "name": fair.organiser}
    if page_url:
        event["url"] = page_url
    stages = edition.stage_names()
    event["subEvent"] = [_item(edition, item, stages, names, site_url)
                         for item in sorted(fair.programme, key=lambda i: (i.start, i.stage))]
    return event


def _common(edition: FairEdition, name: str, start: Any, end: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@type": "Event",
        "name": name,
        "startDate": edition.at(start).isoformat(),
        "endDate": edition.at(end).isoformat(),
        "eventStatus": SCHEDULED,
        "eventAttendanceMode": OFFLINE,
        "inLanguage": "pl",
    }
    if edition.fair.free_entry is not None:
        data["isAccessibleForFree"] = edition.fair.free_entry
    return data


def _item(edition: FairEdition, item: Item, stages: dict[str, str], names: dict[str, str],
          site_url: str | None) -> dict[str, Any]:
    venue = edition.fair.venue
    data = {
        **_common(edition, item.title, item.start, item.end),
        "location": _place(f"{stages.get(item.stage, item.stage)}, {venue.name}", venue,
                           edition),
    }
    if item.description:
        data["description"] = plain_text(item.description)
    organisers = []
    for slug in item.organisations:
        organiser = {"@type": "Organization", "name": names.get(slug, slug)}
        if site_url:
            organiser["url"] = f"{site_url.rstrip('/')}/organizacje/{slug}/"
        organisers.append(organiser)
    if organisers:
        data["organizer"] = organisers
    return data


def _place(name: str, venue: Venue, edition: FairEdition) -> dict[str, Any]:
    address = {
        "@type": "PostalAddress",
        "postalCode": venue.postal_code,
        "addressLocality": venue.locality,
        "addressCountry": "PL",
    }
    street = " ".join(p for p in (venue.street, venue.number) if p)
    if street:
        address["streetAddress"] = f"ul. {street}" if venue.street else street
    place: dict[str, Any] = {"@type": "Place", "name": name, "address": address}
    location = edition.venue_location
    if location is not None and location.precision == "adres":
        place["geo"] = {"@type": "GeoCoordinates", "latitude": location.lat,
                        "longitude": location.lon}
    return place
