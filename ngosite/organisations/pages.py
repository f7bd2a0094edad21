"""The directory and one page per NGO.

Python builds the context and Jinja templates (autoescaping on) make the HTML. Both kinds are
*direct* pages (``GeneratedPage.direct``): MkDocs gets them finished, the theme wraps them like
any other page, and their search entries are cut by ``search_sections``.

Titles go into the front matter already HTML-escaped: mkdocs-material prints ``page.meta.title``
unescaped into ``<title>``, the header and the search results.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

from markupsafe import Markup

from ngosite.core.markdown_text import render_markdown
from ngosite.core.polish_dates import polish_date
from ngosite.core.templating import GeneratedPage, environment, page_from_html

from .directory_data import DATA_FILE
from .listings import (
    AREAS,
    DIRECTORY,
    LIST_PAGE_SIZE,
    LOCALITIES,
    PAGE_SIZE,
    Listing,
    area_path,
    card_renderer,
    compact_renderer,
    index_page,
    listing_pages,
    listings,
    locality_path,
    pager,
    pages_of,
)
from .registry import Entry, Registry
from .vocabulary import (
    LEGAL_FORMS,
    OTHER_REGISTERS,
    PUBLIC_BENEFIT_AREAS,
    SOCIAL_NETWORKS,
    TARGET_GROUPS,
)


@dataclass(frozen=True)
class ContactLink:
    label: str
    text: str
    href: str
    external: bool = False


# Other features (the map, the fair, open data) add a block of HTML to an NGO's page: a
# provider takes the registry and the entry and returns safe HTML, or "" when it has nothing.
SectionProvider = Callable[[Registry, Entry], Markup | str]


def render_site_pages(registry: Registry, changed: dict[str, date],
                      sections: Sequence[SectionProvider] = ()) -> list[GeneratedPage]:
    pages = directory_pages(registry)
    pages.extend(organisation_page(registry, entry, changed.get(entry.file), sections)
                 for entry in registry)
    return pages


def directory_pages(registry: Registry) -> list[GeneratedPage]:
    """The directory's first page (with the filters), its further pages, and the lists per
    locality and per area with their index pages (``listings``)."""
    render = card_renderer(registry)
    localities, areas = listings(registry)
    everything = Listing("", "Organizacje pozarządowe", "Organizacje pozarządowe",
                         registry.entries)
    pages = [directory_page(registry, render, len(localities), len(areas))]
    pages.extend(listing_pages(registry, everything, render)[1:])
    compact = compact_renderer()
    for listing in (*localities, *areas):
        pages.extend(listing_pages(registry, listing, compact, LIST_PAGE_SIZE))
    pages.append(index_page("Organizacje według miejscowości", LOCALITIES,
                            [("", localities)]))
    pages.append(index_page("Organizacje według obszaru działalności", AREAS, [("", areas)]))
    return pages


def directory_page(registry: Registry, render: Callable[[Entry, str], Markup],
                   locality_count: int, area_count: int) -> GeneratedPage:
    entries = registry.entries
    count = len(pages_of(entries))
    used_areas = {slug for e in registry for slug in e.org.areas}
    used_forms = {e.org.legal_form for e in registry}
    body = environment().get_template("directory.html").render(
        settings=registry.settings,
        cards=[render(entry, "") for entry in entries[:PAGE_SIZE]],
        total=len(entries), count=count, pager=pager("", count, 1, ""),
        page_size=PAGE_SIZE, data_file=DATA_FILE.removeprefix(f"{DIRECTORY}/"),
        locality_count=locality_count, area_count=area_count,
        areas=[t for s, t in PUBLIC_BENEFIT_AREAS.items() if s in used_areas],
        forms=[t for s, t in LEGAL_FORMS.items() if s in used_forms],
        localities=registry.localities_in_use(),
    )
    # Direct: its search entry is the introduction, not the cards (each NGO page has its own).
    return page_from_html(f"{DIRECTORY}/index.md", "Organizacje pozarządowe", body, direct=True)


def organisation_page(registry: Registry, entry: Entry, changed: date | None,
                      sections: Sequence[SectionProvider] = ()) -> GeneratedPage:
    org = entry.org
    settings = registry.settings
    street_line = " ".join(p for p in (org.address.street, org.address.number) if p)
    other = org.identifiers.other_registration
    body = environment().get_template("organisation.html").render(
        settings=settings,
        org=org,
        form=LEGAL_FORMS[org.legal_form],
        areas=[(PUBLIC_BENEFIT_AREAS[a], area_path(a)) for a in org.areas],
        locality_path=locality_path(org.address.locality),
        groups=[TARGET_GROUPS[g] for g in org.target_groups],
        show_street=org.address.pin_precision == "adres",
        street_line=street_line,
        other_registration=OTHER_REGISTERS[other.registry] if other else None,
        description_html=Markup(render_markdown(org.description)),
        offer_html=Markup(render_markdown(org.offer)),
        contact_links=contact_links(org),
        verified_text=polish_date(org.verified),
        krs_registered_text=(polish_date(org.identifiers.krs_registered)
                             if org.identifiers.krs_registered else ""),
        changed=changed,
        changed_text=polish_date(changed) if changed else "",
        edit_url=settings.edit_url(entry.file),
        issue_url=settings.new_issue_url(f"Błąd we wpisie: {entry.slug}"),
        extra_sections=[Markup(html) for provide in sections if (html := provide(registry, entry))],
    )
    return page_from_html(f"{DIRECTORY}/{entry.slug}.md", org.name, body, direct=True)


def contact_links(org: object) -> list[ContactLink]:
    contact = org.contact  # type: ignore[attr-defined]
    links: list[ContactLink] = []
    if contact.email:
        links.append(ContactLink("E-mail", contact.email, f"mailto:{contact.email}"))
    if contact.phone:
        digits = "".join(c for c in contact.phone if c.isdigit() or c == "+")
        tel = digits if digits.startswith("+") else f"+48{digits}"
        links.append(ContactLink("Telefon", contact.phone, f"tel:{tel}"))
    if contact.website:
        links.append(ContactLink("Strona internetowa", _display_url(contact.website),
                                 contact.website, external=True))
    for url in contact.social:
        links.append(ContactLink(_network(url), _display_url(url), url, external=True))
    return links


def _display_url(url: str) -> str:
    parts = urlsplit(url)
    return (parts.netloc.removeprefix("www.") + parts.path).rstrip("/")


def _network(url: str) -> str:
    host = urlsplit(url).netloc.lower().removeprefix("www.").removeprefix("m.")
    return SOCIAL_NETWORKS.get(host, "Profil")
