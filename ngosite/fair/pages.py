"""The fair's pages: ``/targi/`` (the current edition), ``/targi/<year>/`` (earlier editions)
and the block on every participating NGO's page.

Python builds the context, the Jinja templates (autoescaping on) make the HTML. NGO offers come
from the NGOs' own entries, rendered by the same safe Markdown as their pages.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date, time

from markupsafe import Markup

from ngosite.core.markdown_text import render_markdown
from ngosite.core.polish_dates import polish_date
from ngosite.core.sorting import polish_key
from ngosite.core.templating import GeneratedPage, environment, page_from_html
from ngosite.organisations.registry import Entry, Registry

from .calendar import calendar_file, page_url
from .jsonld import fair_event, script_json
from .model import ITEM_KINDS, FairEdition, Item, current_edition

FAIR_DIR = "targi"
MAP_PAGES = ("mapa/index.md", "mapa.md")
WEEKDAYS = ("poniedziałek", "wtorek", "środa", "czwartek", "piątek", "sobota", "niedziela")
ON_WEEKDAYS = ("w poniedziałek", "we wtorek", "w środę", "w czwartek", "w piątek", "w sobotę",
               "w niedzielę")


@dataclass(frozen=True)
class Link:
    text: str
    href: str


def fair_pages(registry: Registry, existing: Collection[str] = ()) -> list[GeneratedPage]:
    """The current edition at ``targi/``, every earlier one at ``targi/<year>/``.

    ``existing`` are the pages other features generate: the venue links to the site's map
    only when there is one.
    """
    current = current_edition(registry.fairs)
    if current is None:
        return []
    has_map = any(p in existing or (registry.root / "docs" / p).exists() for p in MAP_PAGES)
    pages = [_edition_page(registry, current, current, has_map)]
    pages.extend(_edition_page(registry, edition, current, has_map)
                 for edition in reversed(registry.fairs) if edition is not current)
    return pages


def fair_day_text(day: date, *, on: bool = False) -> str:
    """``sobota, 5 czerwca 2027``; with ``on``: ``w sobotę, 5 czerwca 2027``."""
    return f"{(ON_WEEKDAYS if on else WEEKDAYS)[day.weekday()]}, {polish_date(day)}"


def stand_label(number: str | None) -> str:
    if number is None:
        return "Bez stoiska: spotkasz nas w programie"
    return f"Stoisko nr {number}" if number.isdigit() else f"Stoisko: {number}"


def _hm(moment: time) -> str:
    return f"{moment:%H:%M}"


def _edition_page(registry: Registry, edition: FairEdition, current: FairEdition,
                  has_map: bool) -> GeneratedPage:
    is_current = edition is current
    up = "../" if is_current else "../../"  # from this page to the site's root
    fair = edition.fair
    entries = registry.by_slug
    body = environment().get_template("fair.html").render(
        settings=registry.settings,
        edition=edition,
        fair=fair,
        is_current=is_current,
        day_text=fair_day_text(fair.date),
        on_day_text=fair_day_text(fair.date, on=True),
        hours=f"{_hm(fair.hours.start)}–{_hm(fair.hours.end)}",
        intro_html=Markup(render_markdown(fair.description)),
        venue_links=_venue_links(edition, up, has_map),
        calendar_href=("" if is_current else "../") + calendar_file(edition),
        stages=_stages(edition, entries, up),
        participants=_participants(edition, entries, up),
        other_editions=_other_editions(registry, edition, current, up),
        jsonld=Markup(script_json(fair_event(
            edition, {s: e.org.name for s, e in entries.items()},
            page_url=page_url(registry.settings.site_url, edition, current=is_current),
            site_url=registry.settings.site_url))),
    )
    src = f"{FAIR_DIR}/index.md" if is_current else f"{FAIR_DIR}/{edition.year}.md"
    return page_from_html(src, fair.name, body)


def _venue_links(edition: FairEdition, up: str, has_map: bool) -> list[Link]:
    links = []
    location = edition.venue_location
    if has_map:
        links.append(Link("Zobacz na mapie organizacji", f"{up}mapa/"))
    if location is not None:
        lat, lon = f"{location.lat:.5f}", f"{location.lon:.5f}"
        text = "Pokaż w OpenStreetMap" + (
            "" if location.precision == "adres" else f" (środek miejscowości "
                                                   f"{edition.fair.venue.locality})")
        links.append(Link(text, f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}"
                                f"#map=17/{lat}/{lon}"))
    return links


def _org_links(slugs: list[str], entries: Mapping[str, Entry], up: str) -> list[Link]:
    return [Link(entries[s].org.name, f"{up}organizacje/{s}/") for s in slugs if s in entries]


def _item(edition: FairEdition, item: Item, entries: Mapping[str, Entry], up: str,
          stage_names: dict[str, str]) -> dict[str, object]:
    return {
        "start": _hm(item.start),
        "end": _hm(item.end),
        "start_iso": edition.at(item.start).isoformat(timespec="minutes"),
        "end_iso": edition.at(item.end).isoformat(timespec="minutes"),
        "title": item.title,
        "kind": item.kind,
        "kind_label": ITEM_KINDS[item.kind],
        "stage": stage_names.get(item.stage, item.stage),
        "organisations": _org_links(item.organisations, entries, up),
        "description_html": Markup(render_markdown(item.description)),
    }


def _stages(edition: FairEdition, entries: Mapping[str, Entry], up: str) -> list[dict[str, object]]:
    names = edition.stage_names()
    stages = []
    for stage in edition.fair.stages:
        items = sorted((i for i in edition.fair.programme if i.stage == stage.code),
                       key=lambda i: i.start)
        stages.append({"code": stage.code, "name": stage.name,
                       "description": stage.description,
                       "items": [_item(edition, i, entries, up, names) for i in items]})
    return stages


def _participants(edition: FairEdition, entries: Mapping[str, Entry],
                  up: str) -> list[dict[str, object]]:
    names = edition.stage_names()
    found = []
    for slug in edition.participants():
        entry = entries.get(slug)
        if entry is None:
            continue
        stand = edition.stand_of(slug)
        found.append({
            "slug": slug,
            "name": entry.org.name,
            "href": f"{up}organizacje/{slug}/",
            "stand_label": stand_label(stand.number if stand else None),
            "offer_html": Markup(render_markdown(entry.org.offer)),
            "items": [_item(edition, i, entries, up, names) for i in edition.items_of(slug)],
        })
    return sorted(found, key=lambda p: polish_key(str(p["name"])))


def _other_editions(registry: Registry, edition: FairEdition, current: FairEdition,
                    up: str) -> list[Link]:
    links = []
    for other in reversed(registry.fairs):
        if other is edition:
            continue
        href = f"{up}{FAIR_DIR}/" + ("" if other is current else f"{other.year}/")
        links.append(Link(f"{other.fair.name} ({polish_date(other.fair.date)})", href))
    return links


def fair_section(registry: Registry, entry: Entry) -> Markup | str:
    """The NGO page's block about the current edition: its stand and its items, or ""."""
    edition = current_edition(registry.fairs)
    if edition is None or entry.slug not in edition.participant_set:
        return ""
    stand = edition.stand_of(entry.slug)
    entries = registry.by_slug
    items = [_item(edition, i, entries, "../../", edition.stage_names())
             for i in edition.items_of(entry.slug)]
    return Markup(environment().get_template("fair_section.html").render(
        edition=edition, fair=edition.fair, day_text=fair_day_text(edition.fair.date),
        stand_label=stand_label(stand.number if stand else None), items=items,
        fair_href="../../targi/"))
