"""The events' pages: ``/wydarzenia/`` (the next events, the feeds, the last ones that ended),
one page per kind (``/wydarzenia/szkolenia/``…: filtering that needs no JavaScript), one page
per year of each (``/wydarzenia/2027/``, ``/wydarzenia/szkolenia/2027/``: every event of the
year, the calendar's full record) and ``/wydarzenia/<rok>/<slug>/`` for each event.

A list page carries the next ``NEXT_SHOWN`` events and the last ``RECENT_SHOWN`` that ended, not
every event twice (to move it from one list to the other in the browser): 1,000 events made
``/wydarzenia/`` 1 MB, a Lighthouse performance of 93 on a phone (71 at 5,000). The page is
right on the build date and corrected in the visitor's browser (``events.js``): it also carries,
hidden, the events that can take a place in either list before the next builds (those ending
within ``STALE_AFTER``), so the lists stay full for that long even if a daily build fails.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime, timedelta
from urllib.parse import quote

from markupsafe import Markup

from ngosite.core.markdown_text import render_markdown
from ngosite.core.templating import GeneratedPage, environment, page_from_html
from ngosite.documents.urls import version_dir
from ngosite.fair.jsonld import script_json
from ngosite.organisations.registry import Registry

from .calendar import feed_file, page_address
from .event import EVENTS_DIR, LoadedEvent, as_events, build_moment
from .jsonld import event_jsonld
from .model import KINDS, STATUSES
from .place import map_links, material_views
from .texts import ZONE_TEXT, deadline_text, registration_text
from .views import (
    SCRIPT,
    Link,
    Window,
    as_of_text,
    full_when,
    iso,
    organiser_links,
    timeline,
)

MAP_PAGES = ("mapa/index.md", "mapa.md")
NEXT_SHOWN = 20
RECENT_SHOWN = 10
# How long a list page stays right without a new build: the site is rebuilt daily.
STALE_AFTER = timedelta(days=14)
MONTHS = ("styczeń", "luty", "marzec", "kwiecień", "maj", "czerwiec", "lipiec", "sierpień",
          "wrzesień", "październik", "listopad", "grudzień")


def events_pages(registry: Registry, existing: Collection[str] = ()) -> list[GeneratedPage]:
    """Every events page; ``existing`` are other generated pages (the map is linked only
    when the site has one)."""
    events = as_events(registry.events)
    if not (registry.root / EVENTS_DIR).is_dir():
        return []
    has_map = any(p in existing or (registry.root / "docs" / p).exists() for p in MAP_PAGES)
    now = build_moment(events.today)
    pages = []
    kinds_by_year = _kinds_by_year(registry, now)
    for kind in (None, *_kinds_in_use(registry)):
        chosen = events if kind is None else [e for e in events if e.event.kind == kind]
        pages.append(_list_page(registry, chosen, kind, now))
        pages += _year_pages(registry, chosen, kind, now, kinds_by_year)
    pages += [_event_page(registry, e, now, has_map) for e in events]
    return pages


def _kinds_in_use(registry: Registry) -> list[str]:
    used = {e.event.kind for e in as_events(registry.events)}
    if registry.fairs:
        used.add("targi")
    return [kind for kind in KINDS if kind in used]


def feeds(registry: Registry, up: str, only: str | None = None) -> list[dict[str, object]]:
    """Every feed (or one kind's), with the addresses people subscribe to."""
    site = registry.settings.site_url
    found = []
    for kind in ([only] if only else [None, *KINDS]):
        path = feed_file(kind)
        absolute = f"{site.rstrip('/')}/{path}" if site else ""
        webcal = "webcal://" + absolute.split("://", 1)[1] if absolute else ""
        found.append({
            "label": KINDS[kind].plural if kind else "Wszystkie wydarzenia",
            "href": f"{up}{path}",
            "path": f"/{path}",
            "absolute": absolute,
            "webcal": webcal,
            "google": "https://calendar.google.com/calendar/render?cid=" + quote(webcal, safe="")
            if webcal else "",
        })
    return found


def _kind_dir(kind: str | None) -> str:
    """The folder of a list page under the site: ``wydarzenia/`` or ``wydarzenia/szkolenia/``."""
    return f"{EVENTS_DIR}/" + (f"{KINDS[kind].path}/" if kind else "")


def _list_page(registry: Registry, events: Sequence[LoadedEvent], kind: str | None,
               now: datetime) -> GeneratedPage:
    up = "../" if kind is None else "../../"
    fairs = registry.fairs if kind in (None, "targi") else ()
    rows = timeline(events, fairs, up, now)
    upcoming = _next_rows(rows, timeline(events, fairs, up, now + STALE_AFTER))
    coming = {row["key"] for row in upcoming}
    recent = [row for row in reversed(timeline(events, fairs, up, now, archive=True))
              if row["key"] in coming or row["window"].shown]  # newest first
    # Hidden now, shown as they end: before the ones that have ended (newer), then the last.
    recent = [row for row in recent if not row["window"].shown] + [
        row for row in recent if row["window"].shown][:RECENT_SHOWN]
    title = f"{KINDS[kind].plural} – wydarzenia" if kind else "Wydarzenia"
    body = environment().get_template("events_index.html").render(
        title=title, kind=KINDS[kind] if kind else None, upcoming=upcoming, next_shown=NEXT_SHOWN,
        recent=recent, recent_shown=RECENT_SHOWN,
        years=_year_links(rows, kind, up), filters=_filters(registry, up, None),
        current=up + _kind_dir(kind), feeds=feeds(registry, up, kind),
        all_feeds=feeds(registry, up) if kind else [],
        as_of=as_of_text(now), zone=ZONE_TEXT, any_sample=any(e.event.sample for e in events),
        script=up + SCRIPT, fair_href=f"{up}targi/" if registry.fairs else "")
    src = f"{EVENTS_DIR}/index.md" if kind is None else f"{EVENTS_DIR}/{KINDS[kind].path}.md"
    return page_from_html(src, title, body, direct=True)


def _next_rows(now_rows: list[dict[str, object]],
               later_rows: list[dict[str, object]]) -> list[dict[str, object]]:
    """The upcoming list: events not over at the build, until ``NEXT_SHOWN`` of them are not
    over either ``STALE_AFTER`` later (the others end before, and the browser hides them)."""
    lasting = {row["key"] for row in later_rows if row["window"].shown}  # type: ignore[attr-defined]
    rows: list[dict[str, object]] = []
    counted = 0
    for row in now_rows:
        if counted >= NEXT_SHOWN:
            break
        if row["window"].shown:  # type: ignore[attr-defined]
            rows.append(row)
            counted += row["key"] in lasting
    return rows


def _filters(registry: Registry, up: str, year: str | None,
             kinds: Collection[str] | None = None) -> list[Link]:
    """Links to the list of every kind (of one year: only the kinds it has)."""
    tail = f"{year}/" if year else ""
    links = [Link("Wszystkie", f"{up}{EVENTS_DIR}/{tail}")]
    links += [Link(KINDS[k].plural, f"{up}{_kind_dir(k)}{tail}") for k in _kinds_in_use(registry)
              if kinds is None or k in kinds]
    return links


def _year_links(rows: Sequence[dict[str, object]], kind: str | None, up: str) -> list[Link]:
    years = sorted({str(row["start_iso"])[:4] for row in rows})
    return [Link(year, f"{up}{_kind_dir(kind)}{year}/") for year in years]


def _kinds_by_year(registry: Registry, now: datetime) -> dict[str, set[str]]:
    """The kinds of event each year has (a year page links only to those)."""
    found: dict[str, set[str]] = {}
    for row in timeline(as_events(registry.events), registry.fairs, "", now):
        found.setdefault(str(row["start_iso"])[:4], set()).add(str(row["kind"]))
    return found


def _year_pages(registry: Registry, events: Sequence[LoadedEvent], kind: str | None,
                now: datetime, kinds_by_year: dict[str, set[str]]) -> list[GeneratedPage]:
    """Every event of each year in order of start, by month: nothing here depends on the date,
    so these pages need no script and no correction."""
    up = "../../" if kind is None else "../../../"
    fairs = registry.fairs if kind in (None, "targi") else ()
    rows = timeline(events, fairs, up, now)
    by_year: dict[str, list[dict[str, object]]] = {}
    for row in rows:
        by_year.setdefault(str(row["start_iso"])[:4], []).append({**row, "window": None})
    years = _year_links(rows, kind, up)
    plural = KINDS[kind].plural if kind else "Wydarzenia"
    pages = []
    for year, items in by_year.items():
        months: dict[int, list[dict[str, object]]] = {}
        for row in items:
            months.setdefault(int(str(row["start_iso"])[5:7]), []).append(row)
        title = f"{plural} w roku {year}"
        body = environment().get_template("events_year.html").render(
            title=title, year=year, kind=KINDS[kind] if kind else None,
            months=[{"id": f"{year}-{m:02d}", "name": MONTHS[m - 1], "items": found}
                    for m, found in sorted(months.items())],
            filters=_filters(registry, up, year, kinds_by_year.get(year, set())),
            current=f"{up}{_kind_dir(kind)}{year}/", years=years,
            list_href=up + _kind_dir(kind), list_title=plural,
            zone=ZONE_TEXT, any_sample=any(row["sample"] for row in items))
        # Out of the search: every event on it has its own page there.
        pages.append(page_from_html(f"{_kind_dir(kind)}{year}/index.md", title, body,
                                    direct=True, searchable=False))
    return pages


def _event_page(registry: Registry, loaded: LoadedEvent, now: datetime,
                has_map: bool) -> GeneratedPage:
    up = "../../../"
    event = loaded.event
    page = page_address(registry, loaded)
    registration = event.registration
    closes = registration.deadline.replace(tzinfo=loaded.start.tzinfo) \
        if registration is not None and registration.deadline else loaded.start
    body = environment().get_template("event.html").render(
        settings=registry.settings, loaded=loaded, event=event, kind=loaded.kind,
        status_label=STATUSES[event.status], when=full_when(loaded),
        start_iso=iso(loaded.start), end_iso=iso(loaded.end),
        before=Window.of(now, end=loaded.start), during=Window.of(now, loaded.start, loaded.end),
        after=Window.of(now, start=loaded.end),
        organisers=organiser_links(registry, loaded, up),
        description_html=Markup(render_markdown(event.description)),
        summary_html=Markup(render_markdown(event.summary.text)) if event.summary else "",
        registration_text=registration_text(registration) if registration else "",
        registration_open=Window.of(now, end=closes),
        registration_closed=Window.of(now, start=closes),
        closes_text=deadline_text(registration.deadline) if registration and
        registration.deadline else "",
        map_links=map_links(loaded, up, has_map),
        materials=material_views(registry.root, loaded),
        consultation=_consultation_link(registry, loaded, up),
        ics_href=f"{loaded.slug}.ics", feed_href=f"{up}{feed_file(None)}",
        events_href=f"{up}{EVENTS_DIR}/", as_of=as_of_text(now), script=up + SCRIPT,
        jsonld=Markup(script_json(event_jsonld(registry, loaded, page))))
    return page_from_html(f"{EVENTS_DIR}/{loaded.year}/{loaded.slug}.md", event.title, body,
                          direct=True)


def _consultation_link(registry: Registry, loaded: LoadedEvent, up: str) -> Link | None:
    link = loaded.event.consultation
    if link is None:
        return None
    document = next((d for d in registry.documents if d.slug == link.document), None)
    if document is None:
        return None
    return Link(f"{document.meta.title} – wersja {link.version}",
                up + version_dir(document, link.version))
