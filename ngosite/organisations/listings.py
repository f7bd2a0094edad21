"""The directory as static lists: paged, and one list per locality and per area of activity.

At 10,000 NGOs one page with every card was 8.9 MiB of HTML. The directory's first page now
shows ``PAGE_SIZE`` cards, links to the next pages (``/organizacje/strona-<n>/``) and to one
list per locality (``/organizacje/miejscowosci/<locality>/``: "organizacje w Rydzewie") and per
area of activity (``/organizacje/obszary/<area>/``), each paged the same way. Without
JavaScript every entry is reachable through them; with it the filters of the first page cover
every entry through ``directory_data``.

A card's HTML is made once per NGO and reused on every list that shows it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from markupsafe import Markup

from ngosite.core.folding import fold
from ngosite.core.markdown_text import summary
from ngosite.core.sorting import polish_key
from ngosite.core.templating import GeneratedPage, environment, page_from_html

from .registry import Entry, Registry
from .vocabulary import LEGAL_FORMS, PUBLIC_BENEFIT_AREAS, TARGET_GROUPS

DIRECTORY = "organizacje"
PAGE_SIZE = 50  # cards on a page of the directory
# One-line entries on a page of a list per locality or area: a line is a fifth of a card, so a
# page of them weighs about what a page of cards does. At 50 a page, the theme's page around
# them (10 KB) weighed as much again as the entries, on 730 pages at 10,000 NGOs.
LIST_PAGE_SIZE = 200
LOCALITIES, AREAS = "miejscowosci", "obszary"


@lru_cache(maxsize=4096)  # a few dozen localities and areas, asked for on every card
def url_slug(text: str) -> str:
    """``Jagodne Wielkie`` → ``jagodne-wielkie``; ``pomoc_spoleczna`` → ``pomoc-spoleczna``."""
    return "-".join("".join(c if c.isalnum() and c.isascii() else " " for c in fold(text))
                    .split()) or "inne"


def locality_path(name: str) -> str:
    return f"{LOCALITIES}/{url_slug(name)}/"


def area_path(slug: str) -> str:
    return f"{AREAS}/{url_slug(slug)}/"


@dataclass(frozen=True)
class Listing:
    """One list of NGOs at ``path`` (relative to the directory, ends with ``/``)."""

    path: str
    heading: str  # "Organizacje w Rydzewie"
    title: str  # the page title
    entries: Sequence[Entry]
    intro: str = ""
    subject: str = ""  # what it lists by: the locality's name, the area's slug ("" for all)


def card_context(entry: Entry) -> dict[str, object]:
    org = entry.org
    areas = [PUBLIC_BENEFIT_AREAS[a] for a in org.areas]
    form = LEGAL_FORMS[org.legal_form]
    words = [org.name, org.short_name or "", org.address.locality, form.label,
             *(a.label for a in areas), *(TARGET_GROUPS[g].label for g in org.target_groups)]
    return {"slug": entry.slug, "name": org.name, "locality": org.address.locality,
            "locality_path": locality_path(org.address.locality), "form": form,
            "areas": [(a, area_path(a.slug)) for a in areas],
            "public_benefit": org.public_benefit, "summary": summary(org.description),
            # Word by word: the vocabulary's labels are folded once (fold caches them).
            "folded": " ".join(fold(word) for word in words)}


def card_renderer(registry: Registry) -> Callable[[Entry, str], Markup]:
    """``render(entry, up)`` → the card's HTML, ``up`` leading from the list to the directory;
    each card is made once and its links re-pointed for each depth."""
    return _made_once("directory_card.html", lambda entry: {"card": card_context(entry)})


def _made_once(template_name: str, context: Callable[[Entry], dict[str, object]]
               ) -> Callable[[Entry, str], Markup]:
    """``render(entry, up)`` from ``template_name``: each NGO's HTML is rendered once, with a
    marker where ``up`` (the way from a list to the directory) goes, and re-pointed per depth."""
    template = environment().get_template(template_name)
    made: dict[str, str] = {}

    def render(entry: Entry, up: str) -> Markup:
        if entry.slug not in made:
            made[entry.slug] = template.render(**context(entry), up="\x00UP\x00")
        return Markup(made[entry.slug].replace("\x00UP\x00", up))

    return render


def pages_of(entries: Sequence[Entry], size: int = PAGE_SIZE) -> list[Sequence[Entry]]:
    return [entries[i:i + size] for i in range(0, len(entries), size)] or [entries]


def page_path(base: str, number: int) -> str:
    return base if number == 1 else f"{base}strona-{number}/"


def pager(base: str, count: int, current: int, up: str) -> list[dict[str, object]]:
    """Links to every page of a list: first, last, and a window around the current one."""
    shown = sorted({1, count, *range(max(1, current - 3), min(count, current + 3) + 1)})
    links: list[dict[str, object]] = []
    for number in shown:
        if links and number - int(links[-1]["number"]) > 1:  # type: ignore[call-overload]
            links.append({"gap": True, "number": number - 1})
        links.append({"number": number, "href": up + page_path(base, number),
                      "current": number == current, "gap": False})
    return links


def listings(registry: Registry) -> tuple[list[Listing], list[Listing]]:
    """One listing per locality in use and per area in use, in Polish order."""
    by_locality: dict[str, list[Entry]] = {}
    by_area: dict[str, list[Entry]] = {}
    for entry in registry:
        by_locality.setdefault(entry.org.address.locality, []).append(entry)
        for area in entry.org.areas:
            by_area.setdefault(area, []).append(entry)
    place = registry.settings.name_locative
    localities = [Listing(locality_path(name), f"Organizacje: {name}",
                          f"Organizacje pozarządowe — {name}", entries,
                          f"Organizacje pozarządowe z siedzibą w miejscowości {name}.", name)
                  for name, entries in sorted(by_locality.items(),
                                              key=lambda item: polish_key(item[0]))]
    areas = [Listing(area_path(slug), f"Organizacje: {term.label}",
                     f"Organizacje pozarządowe — {term.label}", by_area[slug],
                     f"Organizacje w {place}, które działają w obszarze: {term.label}.", slug)
             for slug, term in PUBLIC_BENEFIT_AREAS.items() if slug in by_area]
    return localities, areas


def compact_renderer() -> Callable[[Entry, str], Markup]:
    """``render(entry, up)`` → a one-line entry for the lists per locality and per area: the
    name and the form (each NGO is on four or five lists; full cards on all of them were most
    of the directory's weight in memory and on disk). Each NGO's line is made once and its
    link re-pointed for each depth, as ``card_renderer`` does."""
    return _made_once("directory_item.html",
                      lambda entry: {"entry": entry, "form": LEGAL_FORMS[entry.org.legal_form]})


def listing_pages(registry: Registry, listing: Listing, render: Callable[[Entry, str], Markup],
                  page_size: int = PAGE_SIZE) -> list[GeneratedPage]:
    """The pages of one listing (``/organizacje/<path>``, ``…/strona-<n>/``), ``page_size``
    entries each; ``render`` makes the HTML of one entry."""
    template = environment().get_template("directory_listing.html")
    chunks = pages_of(listing.entries, page_size)
    pages = []
    for number, chunk in enumerate(chunks, start=1):
        path = page_path(listing.path, number)
        up = "../" * path.count("/")
        title = listing.title if number == 1 else f"{listing.title} (strona {number})"
        body = template.render(listing=listing, number=number, count=len(chunks), up=up,
                               cards=[render(e, up) for e in chunk], total=len(listing.entries),
                               pager=pager(listing.path, len(chunks), number, up))
        pages.append(page_from_html(f"{DIRECTORY}/{path}index.md", title, body, direct=True,
                                    searchable=number == 1))
    return pages


def index_page(heading: str, src: str, groups: list[tuple[str, list[Listing]]],
               ) -> GeneratedPage:
    """A page that links every listing of its groups, with counts (``/organizacje/obszary/``)."""
    body = environment().get_template("directory_index.html").render(
        heading=heading, groups=groups, up="../")
    return page_from_html(f"{DIRECTORY}/{src}/index.md", heading, body, direct=True)
