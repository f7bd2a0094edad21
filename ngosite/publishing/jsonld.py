"""schema.org data about an NGO, as a JSON-LD block on its page (a section provider).

Search engines and other tools read the organisation's name, address and identifiers from it.
The JSON sits in a ``<script>`` element, which HTML ends at the first ``</script>`` whatever the
quoting: every ``<``, ``>`` and ``&`` of the untrusted text is written as a JSON ``\\u`` escape,
and so are U+2028 and U+2029 (line breaks to older JavaScript parsers). Any JSON reader turns
them back into the same text.
"""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup

from ngosite.core.markdown_text import summary
from ngosite.organisations.registry import Entry, Registry

from .exports import page_address

_SCRIPT_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                  "\u2028": "\\u2028", "\u2029": "\\u2029"}


def script_safe_json(data: object) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in _SCRIPT_UNSAFE.items():
        text = text.replace(char, escaped)
    return text


def organisation_data(registry: Registry, entry: Entry) -> dict[str, Any]:
    org = entry.org
    settings = registry.settings
    address: dict[str, Any] = {"@type": "PostalAddress", "postalCode": org.address.postal_code,
                               "addressLocality": org.address.locality,
                               "addressRegion": settings.voivodeship, "addressCountry": "PL"}
    if org.address.pin_precision == "adres" and org.address.street:
        address["streetAddress"] = " ".join(
            p for p in (org.address.street, org.address.number) if p)
    data: dict[str, Any] = {"@context": "https://schema.org", "@type": "NGO", "name": org.name}
    if settings.site_url:
        data["url"] = page_address(registry, entry)
    if org.short_name:
        data["alternateName"] = org.short_name
    # The summary the directory's card shows: the whole text is on the page, and copying it
    # here made a long description twice the bytes of every such page.
    data["description"] = summary(org.description)
    data["address"] = address
    contact = org.contact
    if contact.email:
        data["email"] = contact.email
    if contact.phone:
        data["telephone"] = contact.phone
    same_as = [u for u in (contact.website, *contact.social) if u]
    if same_as:
        data["sameAs"] = same_as
    ids = org.identifiers
    if ids.nip:
        data["taxID"] = ids.nip
    identifiers = [{"@type": "PropertyValue", "propertyID": name, "value": value}
                   for name, value in (("KRS", ids.krs), ("REGON", ids.regon)) if value]
    if identifiers:
        data["identifier"] = identifiers
    location = registry.locations.get(entry.slug)
    if location:
        data["geo"] = {"@type": "GeoCoordinates", "latitude": round(location.lat, 6),
                       "longitude": round(location.lon, 6)}
    data["areaServed"] = {"@type": "AdministrativeArea", "name": settings.name}
    return data


def organisation_jsonld(registry: Registry, entry: Entry) -> Markup:
    """The ``<script type="application/ld+json">`` element for one NGO page."""
    payload = script_safe_json(organisation_data(registry, entry))
    return Markup(f'<script type="application/ld+json">{payload}</script>')
