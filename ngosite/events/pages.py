"""The events' pages: ``/wydarzenia/`` (upcoming first, then the archive by year, the feeds),
one page per kind (``/wydarzenia/szkolenia/``…: filtering that needs no JavaScript) and
``/wydarzenia/<rok>/<slug>/`` for each event.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime
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


def events_pages(registry: Registry, existing: Collection[str] = ()) -> list[GeneratedPage]:
    """Every events page; ``existing`` are other generated pages (the map is linked only
    when the site has one)."""
    events = as_events(registry.events)
    if not (registry.root / EVENTS_DIR).is_dir():
        return []
    has_map = any(p in existing or (registry.root / "docs" / p).exists() for p in MAP_PAGES)
    now = build_moment(events.today)
    pages = [_list_page(registry, events, None, now)]
    pages += [_list_page(registry, [e for e in events if e.event.kind == kind], kind, now)
              for kind in _kinds_in_use(registry)]
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


def _list_page(registry: Registry, events: Sequence[LoadedEvent], kind: str | None,
               now: datetime) -> GeneratedPage:
    up = "../" if kind is None else "../../"
    fairs = registry.fairs if kind in (None, "targi") else ()
    upcoming = [row for row in timeline(events, fairs, up, now) if row["window"].shown]
    years: dict[str, list[dict[str, object]]] = {}
    for row in reversed(timeline(events, fairs, up, now, archive=True)):  # newest first
        years.setdefault(str(row["start_iso"])[:4], []).append(row)
    filters = [Link("Wszystkie", f"{up}{EVENTS_DIR}/")]
    filters += [Link(KINDS[k].plural, f"{up}{EVENTS_DIR}/{KINDS[k].path}/")
                for k in _kinds_in_use(registry)]
    title = f"{KINDS[kind].plural} – wydarzenia" if kind else "Wydarzenia"
    body = environment().get_template("events_index.html").render(
        title=title, kind=KINDS[kind] if kind else None, upcoming=upcoming,
        archive=[{"year": y, "items": items, "shown": any(i["window"].shown for i in items)}
                 for y, items in years.items()],
        filters=filters, current=f"{up}{EVENTS_DIR}/" + (f"{KINDS[kind].path}/" if kind else ""),
        feeds=feeds(registry, up, kind), all_feeds=feeds(registry, up) if kind else [],
        as_of=as_of_text(now), zone=ZONE_TEXT, any_sample=any(e.event.sample for e in events),
        script=up + SCRIPT, fair_href=f"{up}targi/" if registry.fairs else "")
    src = f"{EVENTS_DIR}/index.md" if kind is None else f"{EVENTS_DIR}/{KINDS[kind].path}.md"
    return page_from_html(src, title, body)


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
    return page_from_html(f"{EVENTS_DIR}/{loaded.year}/{loaded.slug}.md", event.title, body)


def _consultation_link(registry: Registry, loaded: LoadedEvent, up: str) -> Link | None:
    link = loaded.event.consultation
    if link is None:
        return None
    document = next((d for d in registry.documents if d.slug == link.document), None)
    if document is None:
        return None
    return Link(f"{document.meta.title} – wersja {link.version}",
                up + version_dir(document, link.version))
