"""What the events add to other pages, handed to them by ``site.py`` (those rooms do not import
this one): the NGO page's list of its events, the next three events on the home page, and a
consultation's meetings on the document version's page.
"""

from __future__ import annotations

from markupsafe import Markup

from ngosite.core.templating import environment
from ngosite.organisations.registry import Entry, Registry

from .event import EVENTS_DIR, as_events, build_moment, meetings_for
from .views import SCRIPT, as_of_text, item_view, timeline

HOME_PAGE = "index.md"
HOME_MARKER = "<!-- ngosite:najblizsze-wydarzenia -->"
HOME_COUNT = 3
# Events rendered on the home page beyond the three shown: the visitor's browser hides the ones
# that ended since the build and shows the next (the site is rebuilt daily).
HOME_SPARE = 5


def events_section(registry: Registry, entry: Entry) -> Markup | str:
    """The NGO page's block: events it organises or co-organises, upcoming first."""
    mine = as_events(registry.events).by_organiser.get(entry.slug, ())
    if not mine:
        return ""
    now = build_moment(as_events(registry.events).today)
    up = "../../"
    return Markup(environment().get_template("events_section.html").render(
        upcoming=[item_view(e, up, now) for e in mine if e.end > now],
        past=[item_view(e, up, now, archive=True) for e in reversed(mine)],
        events_href=f"{up}{EVENTS_DIR}/", as_of=as_of_text(now), script=up + SCRIPT))


def home_block(registry: Registry, up: str) -> str:
    """The next three events, corrected in the browser by the visitor's date."""
    if not (registry.root / EVENTS_DIR).is_dir():
        return ""
    events = as_events(registry.events)
    now = build_moment(events.today)
    coming = events.upcoming(now)
    items = [row for row in timeline(coming, registry.fairs, up, now)
             if row["window"].shown][:HOME_COUNT + HOME_SPARE]
    return environment().get_template("events_home.html").render(
        items=items, count=HOME_COUNT, events_href=f"{up}{EVENTS_DIR}/", as_of=as_of_text(now),
        script=up + SCRIPT, any_sample=any(e.event.sample for e in coming))


def consultation_meetings(registry: Registry, document: object, version: object,
                          up: str) -> Markup | str:
    """The meetings of a version's consultation, past and coming, for the version's page;
    ``up`` leads from that page to the site's root."""
    meetings = meetings_for(registry.events, document.slug,  # type: ignore[attr-defined]
                            version.number)  # type: ignore[attr-defined]
    if not meetings:
        return ""
    now = build_moment(as_events(registry.events).today)
    return Markup(environment().get_template("events_meetings.html").render(
        items=[item_view(e, up, now) for e in meetings]))
