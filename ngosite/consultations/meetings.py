"""A consultation's meetings for the hub, from the events feature's own data (no second copy).

The events room knows which events belong to which consultation (``meetings_for``); this turns
them into the hub's plain ``Meeting`` rows: title, the time with its zone, the place, the page.
"""

from __future__ import annotations

from collections.abc import Sequence

from ngosite.documents.document import Document, LoadedVersion
from ngosite.events.event import meetings_for
from ngosite.events.texts import place_text, when_text
from ngosite.organisations.registry import Registry

from .listing import Meeting, MeetingsFor


def meetings_from_events(registry: Registry) -> MeetingsFor:
    events = registry.events

    def meetings(document: Document, version: LoadedVersion) -> Sequence[Meeting]:
        return tuple(
            Meeting(title=("ODWOŁANE: " if item.cancelled else "") + item.event.title,
                    when_text=when_text(item), when_iso=item.start.isoformat(),
                    place=place_text(item), href=item.page_dir)
            for item in meetings_for(events, document.slug, version.number))

    return meetings
