"""The consultation periods as an iCalendar file, ``/konsultacje/konsultacje.ics``.

One all-day event per consultation (DTEND is the day after the last day, as RFC 5545 counts
all-day events), so a phone shows "Konsultacje: …" across the whole period. UIDs come from the
document's folder and the version's number, which never change, so a subscribed calendar
updates an event instead of adding it twice (see ``ngosite.fair.calendar`` for the project's
conventions). The link to the version's page is in DESCRIPTION too, because calendar apps tend
to ignore URL. The icalendar library escapes commas, semicolons and new lines.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from ngosite.core.polish_dates import polish_date
from ngosite.documents.urls import version_dir
from ngosite.organisations.registry import Registry

from .listing import HUB_DIR, Item, consultations

CALENDAR_FILE = "konsultacje.ics"


def calendar_url(site_url: str | None) -> str | None:
    """The calendar's absolute address (to subscribe to), or None while the site has none."""
    return f"{site_url.rstrip('/')}/{HUB_DIR}/{CALENDAR_FILE}" if site_url else None


def consultation_calendar(registry: Registry) -> tuple[str, bytes]:
    from icalendar import Calendar  # imported when the calendar is made, in the background

    settings = registry.settings
    calendar = Calendar()
    calendar.add("prodid", f"-//{settings.name}//Konsultacje//PL")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", f"Konsultacje – {settings.name}")
    calendar.add("x-wr-timezone", "Europe/Warsaw")
    for item in consultations(registry):
        calendar.add_component(_event(registry, item))
    return f"{HUB_DIR}/{CALENDAR_FILE}", calendar.to_ical()


def _event(registry: Registry, item: Item):
    from icalendar import Event

    settings = registry.settings
    c = item.consultation
    base = (settings.site_url or "").rstrip("/")
    page = f"{base}/{version_dir(item.document, item.version.number)}" if base else None
    sample = " (przykład)" if item.document.meta.sample else ""
    event = Event()
    event.add("uid", f"konsultacje-{item.document.slug}-wersja-{item.version.number}"
                     f"@teryt-{settings.teryt}.ngosite")
    event.add("dtstamp", datetime.combine(item.document.today, time(0), UTC))
    event.add("summary", f"Konsultacje: {item.document.meta.title}, wersja "
                         f"{item.version.number}{sample}")
    event.add("dtstart", c.start)
    event.add("dtend", c.end + timedelta(days=1))
    event.add("transp", "TRANSPARENT")  # a period to know about, not a busy day
    lines = [f"Uwagi można zgłaszać od {polish_date(c.start)} do {polish_date(c.end)}.", c.how]
    if settings.consultations.email:
        lines.append(f"E-mail na uwagi: {settings.consultations.email}")
    if page:
        lines.append(f"Tekst projektu i formularz uwag: {page}")
        event.add("url", page)
    event.add("description", "\n\n".join(lines))
    event.add("categories", ["Konsultacje"])
    return event
