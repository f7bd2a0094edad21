"""An event as the build holds it, and the collection every page reads.

Loading (``load.py``) makes these; pages, calendars and other rooms' providers read them.
``Events`` keeps the indexes that pages look things up in (by NGO, by consultation), made once
per build: an NGO page must not walk every event.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from functools import cached_property
from types import MappingProxyType
from zoneinfo import ZoneInfo

from ngosite.geo.geocode import Location, Placeable

from .model import KINDS, OFFICE, Event, Kind
from .sequence import Removed

TIMEZONE = ZoneInfo("Europe/Warsaw")
EVENTS_DIR = "wydarzenia"


@dataclass(frozen=True)
class LoadedEvent:
    """One valid event: its file, its address, its venue's point and its calendar sequence."""

    year: int  # the folder: part of the permanent address and of the calendar UID
    slug: str
    file: str
    event: Event
    checksum: str = ""
    sequence: int = 0
    venue_mark: tuple[int, int] = (1, 1)
    venue_location: Location | None = None

    @property
    def key(self) -> str:
        """``2027/ngo-jako-lider``: the event in the sequence record."""
        return f"{self.year}/{self.slug}"

    @property
    def page_dir(self) -> str:
        return f"{EVENTS_DIR}/{self.year}/{self.slug}/"

    @property
    def ics_file(self) -> str:
        return f"{self.page_dir}{self.slug}.ics"

    def uid(self, domain: str) -> str:
        """From the address only: a rebuild, a new event or a deleted one never changes it."""
        return f"wydarzenie-{self.year}-{self.slug}@{domain}"

    @property
    def kind(self) -> Kind:
        return KINDS[self.event.kind]

    @property
    def start(self) -> datetime:
        return self.event.start.replace(tzinfo=TIMEZONE)

    @property
    def end(self) -> datetime:
        return self.event.end.replace(tzinfo=TIMEZONE)

    @property
    def attendance(self) -> str:
        """``offline``, ``online`` or ``mixed`` (a venue and a link: hybrid)."""
        if self.event.online is None:
            return "offline"
        return "mixed" if self.event.venue is not None else "online"

    @property
    def cancelled(self) -> bool:
        return self.event.status == "odwolane"

    @property
    def exact_point(self) -> Location | None:
        """The venue's own point; None when only its village's centre is known (a venue
        without a street is not at the centre of its village, as an NGO's seat is taken to be)."""
        location, venue = self.venue_location, self.event.venue
        if location is None or venue is None or location.precision != "adres":
            return None
        return location if venue.street or venue.coordinates else None

    def organisers(self) -> list[str]:
        """The organiser first, then the partners, each once (slugs or ``urzad``)."""
        return list(dict.fromkeys([self.event.organiser, *self.event.partners]))

    def placeable(self) -> Placeable | None:
        venue = self.event.venue
        if venue is None:
            return None
        coords = venue.coordinates
        return Placeable(
            slug=f"wydarzenie-{self.year}-{self.slug}", file=self.file, line=self.venue_mark[0],
            column=self.venue_mark[1], name=venue.name, street=venue.street,
            number=venue.number, postal_code=venue.postal_code, locality=venue.locality,
            coordinates=(coords.lat, coords.lon) if coords else None, village_only=False)


class Events(tuple[LoadedEvent, ...]):
    """Every valid event, in order of start; indexes made once, on first use."""

    fair_sequences: Mapping[int, int]  # the fair's year → its SEQUENCE (sequence.py)
    today: date  # the build date (NGOSITE_TODAY): pages and calendars count from it
    removed: tuple[Removed, ...]  # published events whose file was deleted: cancelled in feeds

    def __new__(cls, events: Iterable[LoadedEvent] = (), *, today: date | None = None,
                fair_sequences: Mapping[int, int] | None = None,
                removed: Iterable[Removed] = ()) -> Events:
        made = super().__new__(cls, sorted(events, key=lambda e: (e.start, e.end, e.key)))
        made.fair_sequences = MappingProxyType(dict(fair_sequences or {}))
        made.removed = tuple(removed)
        made.today = today or date.today()
        return made

    @cached_property
    def by_organiser(self) -> Mapping[str, tuple[LoadedEvent, ...]]:
        """NGO slug (or ``urzad``) → the events it organises or co-organises."""
        found: dict[str, list[LoadedEvent]] = {}
        for loaded in self:
            for who in loaded.organisers():
                found.setdefault(who, []).append(loaded)
        return MappingProxyType({k: tuple(v) for k, v in found.items()})

    @cached_property
    def by_consultation(self) -> Mapping[tuple[str, int], tuple[LoadedEvent, ...]]:
        found: dict[tuple[str, int], list[LoadedEvent]] = {}
        for loaded in self:
            link = loaded.event.consultation
            if link is not None:
                found.setdefault((link.document, link.version), []).append(loaded)
        return MappingProxyType({k: tuple(v) for k, v in found.items()})

    def upcoming(self, now: datetime) -> list[LoadedEvent]:
        """Not yet ended at ``now`` (cancelled ones too: people must learn of the change)."""
        return [e for e in self if e.end > now]

    def past(self, now: datetime) -> list[LoadedEvent]:
        return [e for e in self if e.end <= now]


def as_events(events: Iterable[LoadedEvent]) -> Events:
    """The registry's events as ``Events`` (a registry made by hand may hold a plain tuple)."""
    return events if isinstance(events, Events) else Events(events)


def meetings_for(events: Iterable[LoadedEvent], document_slug: str,
                 version: int) -> tuple[LoadedEvent, ...]:
    """The meetings of one consultation (a document's version), in order of start: for the
    document's version page and the consultations hub."""
    return as_events(events).by_consultation.get((document_slug, version), ())


def build_moment(today: date) -> datetime:
    """The instant a page built "as of" ``today`` counts from: the start of that day in Poland
    (the site is rebuilt daily; the visitor's browser corrects it during the day)."""
    return datetime.combine(today, datetime.min.time(), TIMEZONE)


__all__ = ["EVENTS_DIR", "OFFICE", "TIMEZONE", "Events", "LoadedEvent", "as_events",
           "build_moment", "meetings_for"]
