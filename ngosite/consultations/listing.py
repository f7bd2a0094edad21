"""Every consultation of every document, with what the hub, the home page, the calendar and the
feed say about it on the build date.

A consultation is a version's ``konsultacje`` block (``documents/<document>/dokument.yml``); its
state follows the build date (``NGOSITE_TODAY``) and the pages also correct it in the visitor's
browser (``docs/assets/js/consultation-status.js``). Meetings (trainings, open meetings) come
from the events feature when it lands: the hub shows whatever ``MeetingsFor`` hands over.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from jinja2 import Environment

from ngosite.core.polish_dates import polish_date
from ngosite.core.templating import environment
from ngosite.documents.consultation import (
    CLOSED,
    OPEN,
    PLANNED,
    REPORTED,
    ConsultationState,
)
from ngosite.documents.document import Document, LoadedVersion
from ngosite.documents.model import Consultation
from ngosite.organisations.registry import Registry

HUB_DIR = "konsultacje"
GROUPS = (("trwaja", "Trwające"), ("planowane", "Zaplanowane"), ("zakonczone", "Zakończone"))
_GROUP_OF = {OPEN: "trwaja", PLANNED: "planowane", CLOSED: "zakonczone", REPORTED: "zakonczone"}


@dataclass(frozen=True)
class Meeting:
    """A meeting that belongs to a consultation (handed over by the events feature)."""

    title: str
    when_text: str  # Polish, e.g. "17 września 2026, godz. 17:00"
    when_iso: str  # for <time datetime>
    place: str
    href: str | None = None  # the meeting's page, relative to the site's root


MeetingsFor = Callable[[Document, LoadedVersion], Sequence[Meeting]]


def no_meetings(document: Document, version: LoadedVersion) -> Sequence[Meeting]:
    return ()


@dataclass(frozen=True)
class Item:
    document: Document
    version: LoadedVersion
    consultation: Consultation
    state: ConsultationState

    @property
    def group(self) -> str:
        return _GROUP_OF[self.state.code]

    @property
    def anchor(self) -> str:
        return f"{self.document.slug}-wersja-{self.version.number}"


def consultations(registry: Registry) -> list[Item]:
    """Every consultation, each group in the order the hub shows it: open ones ending first,
    planned ones starting first, closed ones newest first."""
    items = [Item(d, v, v.meta.consultation, v.state) for d in registry.documents
             for v in d.versions if v.meta.consultation is not None and v.state is not None]
    return sorted(items, key=_order)


def _order(item: Item) -> tuple[int, int, str]:
    c = item.consultation
    rank = [code for code, _ in GROUPS].index(item.group)
    day = {"trwaja": c.end, "planowane": c.start}.get(item.group)
    key = day.toordinal() if day else -c.end.toordinal()
    return rank, key, item.anchor


def current(items: Sequence[Item]) -> list[Item]:
    """What the home page shows: every open consultation, else the next planned one."""
    open_now = [i for i in items if i.group == "trwaja"]
    if open_now:
        return open_now
    return [i for i in items if i.group == "planowane"][:1]


def build_date_of(registry: Registry, fallback: date) -> date:
    """The date the documents were loaded "as of" (the registry's build date)."""
    return registry.documents[0].today if registry.documents else fallback


def templates() -> Environment:
    """The project's template environment, with the ``polish_date`` filter the consultation
    templates use."""
    env = environment()
    env.filters.setdefault("polish_date", polish_date)
    return env
