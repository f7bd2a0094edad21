"""schema.org Event data for an event's page: status, attendance mode, place, organisers.

Serialised with the fair's script-safe JSON (``script_json``): every ``<``, ``>`` and ``&`` of
untrusted text becomes a JSON escape, so nothing ends the ``<script>`` element.
"""

from __future__ import annotations

from typing import Any

from ngosite.core.markdown_text import plain_text
from ngosite.organisations.registry import Registry

from .event import LoadedEvent
from .model import OFFICE

SCHEMA = "https://schema.org/"
STATUS = {"planowane": "EventScheduled", "odwolane": "EventCancelled",
          "przelozone": "EventPostponed"}
ATTENDANCE = {"offline": "OfflineEventAttendanceMode", "online": "OnlineEventAttendanceMode",
              "mixed": "MixedEventAttendanceMode"}


# The page's own address, relative: schema.org's context types "url" as an IRI (@id), which
# JSON-LD resolves against the page that carries it. Used without adres_serwisu, where an
# absolute address is unknown and a path from the host would lose a project site's sub-path.
THIS_PAGE = "./"


def event_jsonld(registry: Registry, loaded: LoadedEvent, page: str | None) -> dict[str, Any]:
    """``page``: the event page's absolute address, when ``adres_serwisu`` gives it."""
    page = page or THIS_PAGE
    event = loaded.event
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "startDate": loaded.start.isoformat(),
        "endDate": loaded.end.isoformat(),
        "eventStatus": SCHEMA + STATUS[event.status],
        "eventAttendanceMode": SCHEMA + ATTENDANCE[loaded.attendance],
        "inLanguage": "pl",
        "location": _locations(loaded, page),
        "organizer": [_organiser(registry, who) for who in loaded.organisers()],
    }
    if event.description:
        data["description"] = plain_text(event.description)
    data["url"] = page
    if event.audience:
        data["audience"] = {"@type": "Audience", "audienceType": event.audience}
    if event.registration is not None and event.registration.limit is not None:
        data["maximumAttendeeCapacity"] = event.registration.limit
    return data


def _locations(loaded: LoadedEvent, page: str) -> list[dict[str, Any]]:
    event, found = loaded.event, []
    if event.venue is not None:
        venue = event.venue
        address: dict[str, Any] = {"@type": "PostalAddress", "postalCode": venue.postal_code,
                                   "addressLocality": venue.locality, "addressCountry": "PL"}
        street = " ".join(p for p in (venue.street, venue.number) if p)
        if street:
            address["streetAddress"] = f"ul. {street}" if venue.street else street
        place: dict[str, Any] = {"@type": "Place", "name": venue.name, "address": address}
        location = loaded.exact_point
        if location is not None:
            place["geo"] = {"@type": "GeoCoordinates", "latitude": location.lat,
                            "longitude": location.lon}
        found.append(place)
    if event.online is not None:
        # A VirtualLocation needs its url: the meeting's link, else the registration page
        # (where the link is given), else this page, which says how to join.
        registration = event.registration.url if event.registration is not None else None
        found.append({"@type": "VirtualLocation",
                      "url": event.online.url or registration or page})
    return found


def _organiser(registry: Registry, who: str) -> dict[str, Any]:
    site = registry.settings.site_url
    if who == OFFICE:
        office = {"@type": "GovernmentOrganization", "name": registry.settings.office.name}
        return office
    entry = registry.by_slug.get(who)
    organiser = {"@type": "NGO", "name": entry.org.name if entry else who}
    if site:
        organiser["url"] = f"{site.rstrip('/')}/organizacje/{who}/"
    return organiser
