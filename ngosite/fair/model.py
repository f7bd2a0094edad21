"""The NGO fair as typed models: what a ``data/targi/<year>.yml`` file may contain.

One file per edition; staff plan it, NGOs describe their offer in their own entries (the fair
file only names them by slug). Rules that need other files (NGO slugs) or compare items with
each other live in ``fair_rules.py``; this module only knows one value at a time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time
from functools import cached_property
from typing import Annotated, Literal
from zoneinfo import ZoneInfo

from pydantic import AfterValidator, BeforeValidator, Field

from ngosite.core.fields import IsoDate, PostalAddress, Strict, Text
from ngosite.geo.geocode import Location, Placeable

TIMEZONE = ZoneInfo("Europe/Warsaw")

ITEM_KINDS = {
    "prezentacja": "Prezentacja",
    "warsztaty": "Warsztaty",
    "wystep": "Występ",
    "pokaz": "Pokaz",
    "spotkanie": "Spotkanie",
    "konkurs": "Konkurs",
    "inne": "Inne",
}
ItemKind = Literal[tuple(ITEM_KINDS)]  # type: ignore[valid-type]

_CLOCK = re.compile(r"([01]?[0-9]|2[0-3]):([0-5][0-9])")


def _clock(value: object) -> time:
    """``"10:30"`` → 10:30. YAML 1.1 reads an unquoted ``12:30`` as the number 750 (base 60)."""
    if isinstance(value, time):
        return value
    if isinstance(value, str):
        text = value.strip()
        match = _CLOCK.fullmatch(text)
        if match:
            return time(int(match[1]), int(match[2]))
        fixed = text.replace(".", ":")
        example = fixed if _CLOCK.fullmatch(fixed) else "10:30"
        raise ValueError(f"„{value}” nie jest godziną; wpisz ją w formacie GG:MM, "
                         f"w cudzysłowie, np. \"{example}\"")
    if isinstance(value, int) and not isinstance(value, bool):
        if 0 <= value < 24:
            raise ValueError(f"wpisano samą liczbę {value}; godzinę zapisz z minutami, "
                             f"w cudzysłowie: \"{value:02d}:00\"")
        if 60 <= value < 24 * 60:
            hours, minutes = divmod(value, 60)
            raise ValueError(
                f"YAML odczytał godzinę {hours}:{minutes:02d} napisaną bez cudzysłowu jako "
                f"liczbę {value}; zapisz ją w cudzysłowie: \"{hours:02d}:{minutes:02d}\"")
    raise ValueError("wpisz godzinę w formacie GG:MM, w cudzysłowie, np. \"10:30\"")


def _code(value: str) -> str:
    value = value.strip()
    if not re.fullmatch(r"[a-z0-9]+(?:[-_][a-z0-9]+)*", value):
        raise ValueError(f"kod „{value}” zapisz małymi literami bez polskich znaków i spacji "
                         "(dozwolone cyfry, - i _), np. scena albo namiot")
    return value


def _one_or_many(value: object) -> object:
    # "organizacje: osp-milki" (one NGO without a list) is lossless to accept.
    return [value] if isinstance(value, str) else value


Clock = Annotated[time, BeforeValidator(_clock)]
Code = Annotated[str, AfterValidator(_code)]


class Hours(Strict):
    start: Clock = Field(alias="od", description="Otwarcie, w cudzysłowie, np. \"10:00\"")
    end: Clock = Field(alias="do", description="Zamknięcie, w cudzysłowie, np. \"16:00\"")


class Venue(PostalAddress):
    name: Text = Field(alias="nazwa", max_length=200, description="Nazwa miejsca")

    def address_line(self) -> str:
        """``ul. Mazurska 2, 11-513 Miłki``; in a village without streets ``Rydzewo 5, …``."""
        town = f"{self.postal_code} {self.locality}"
        if self.street:
            return f"ul. {' '.join(p for p in (self.street, self.number) if p)}, {town}"
        return f"{self.locality} {self.number}, {town}" if self.number else town


class Stage(Strict):
    code: Code = Field(alias="kod", description="Krótki kod sceny, używany w programie")
    name: Text = Field(alias="nazwa", max_length=120, description="Nazwa sceny lub sali")
    description: Text | None = Field(None, alias="opis", max_length=300,
                                     description="Gdzie jest scena, jak do niej trafić")


class Stand(Strict):
    number: Text = Field(alias="numer", max_length=20, description="Numer lub nazwa stoiska")
    organisation: Text = Field(alias="organizacja",
                               description="Adres organizacji: nazwa jej pliku w ngos/ bez .yml")


class Item(Strict):
    start: Clock = Field(alias="od", description="Początek, w cudzysłowie, np. \"10:30\"")
    end: Clock = Field(alias="do", description="Koniec, w cudzysłowie, np. \"11:15\"")
    stage: Text = Field(alias="scena", description="Kod sceny z listy sceny")
    title: Text = Field(alias="tytul", max_length=200, description="Tytuł punktu programu")
    kind: ItemKind = Field(alias="rodzaj", description="Rodzaj punktu programu")  # type: ignore[valid-type]
    organisations: Annotated[list[Text], BeforeValidator(_one_or_many)] = Field(
        default_factory=list, alias="organizacje", max_length=10,
        description="Adresy (slugi) organizacji, które prowadzą punkt")
    description: Text | None = Field(None, alias="opis", max_length=2000,
                                     description="Opis (Markdown)")


class Fair(Strict):
    """One edition of the fair, as planned by the gmina's staff."""

    name: Text = Field(alias="nazwa", max_length=200, description="Nazwa edycji targów")
    date: IsoDate = Field(alias="data", description="Dzień targów, RRRR-MM-DD")
    hours: Hours = Field(alias="godziny", description="Godziny otwarcia")
    venue: Venue = Field(alias="miejsce", description="Miejsce targów")
    organiser: Text | None = Field(None, alias="organizator", max_length=200,
                                   description="Kto organizuje targi")
    free_entry: bool | None = Field(None, alias="wstep_wolny", strict=True,
                                    description="true, gdy wstęp jest wolny")
    description: Text | None = Field(None, alias="opis", max_length=3000,
                                     description="Zaproszenie, kilka zdań (Markdown)")
    stages: list[Stage] = Field(alias="sceny", min_length=1, max_length=20,
                                description="Sceny, sale i place, na których jest program")
    stands: list[Stand] = Field(default_factory=list, alias="stoiska", max_length=200,
                                description="Stoiska organizacji")
    programme: list[Item] = Field(alias="program", min_length=1, max_length=200,
                                  description="Punkty programu")


@dataclass(frozen=True)
class FairEdition:
    """One valid edition, its venue's point, and the day the build takes as today."""

    year: int
    file: str
    fair: Fair
    today: date
    venue_mark: tuple[int, int] = (1, 1)
    venue_location: Location | None = None

    @property
    def slug(self) -> str:
        return f"targi-{self.year}"

    @property
    def status(self) -> str:
        """``przed``, ``dzis`` or ``po``: the page invites before the day, thanks after it."""
        if self.today < self.fair.date:
            return "przed"
        return "dzis" if self.today == self.fair.date else "po"

    def at(self, moment: time) -> datetime:
        return datetime.combine(self.fair.date, moment, TIMEZONE)

    def placeable(self) -> Placeable:
        venue = self.fair.venue
        coords = venue.coordinates
        return Placeable(
            slug=self.slug, file=self.file, line=self.venue_mark[0], column=self.venue_mark[1],
            name=venue.name, street=venue.street, number=venue.number,
            postal_code=venue.postal_code, locality=venue.locality,
            coordinates=(coords.lat, coords.lon) if coords else None, village_only=False)

    def stage_names(self) -> dict[str, str]:
        return {stage.code: stage.name for stage in self.fair.stages}

    def stand_of(self, slug: str) -> Stand | None:
        return next((s for s in self.fair.stands if s.organisation == slug), None)

    def items_of(self, slug: str) -> list[Item]:
        return sorted((i for i in self.fair.programme if slug in i.organisations),
                      key=lambda i: (i.start, i.end))

    @cached_property
    def participant_set(self) -> frozenset[str]:
        """``participants()`` for membership tests, made once (every NGO page asks)."""
        return frozenset(self.participants())

    def participants(self) -> list[str]:
        """Slugs of every NGO with a stand or an item, each once, in the file's order."""
        seen: dict[str, None] = {s.organisation: None for s in self.fair.stands}
        for item in self.fair.programme:
            seen.update(dict.fromkeys(item.organisations))
        return list(seen)


def current_edition(fairs: tuple[FairEdition, ...]) -> FairEdition | None:
    """The newest edition: it stays on /targi/ after its day until the next one is planned."""
    return max(fairs, key=lambda f: f.fair.date, default=None)
