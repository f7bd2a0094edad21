"""``badania/<id>/wyniki.yml``: the only results of a survey the repository holds.

Written by the staff command ``ngosite surveys publish`` from the respondents' rows the office
keeps outside the repository, after disclosure control: every number of the wave's design
(``design``), shown or written ``ukryto``; the group sizes; the open answers staff approved
after review; and the audit's summary. The build reads only this file, so nothing a page,
chart or download shows can come from a respondent's row.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Annotated

import yaml
from pydantic import BeforeValidator, Field, WithJsonSchema

from ngosite.core.fields import IsoDate, Strict, Text

from .design import Key, WaveDesign, size_key
from .disclosure import TOTAL

RESULTS_FILE = "wyniki.yml"
HIDDEN = "ukryto"

def _count(value: object) -> int | str:
    """A number of people, or ``ukryto``: anything else is a hand edit gone wrong."""
    if value == HIDDEN or (isinstance(value, int) and not isinstance(value, bool)
                           and value >= 0):
        return value  # type: ignore[return-value]
    raise ValueError(f"„{value}” nie jest liczbą osób ani słowem „ukryto”; wpisz liczbę "
                     "całkowitą (np. 12) albo ukryto")


Count = Annotated[int | str, BeforeValidator(_count), WithJsonSchema(
    {"anyOf": [{"type": "integer", "minimum": 0}, {"const": HIDDEN}]})]


class ProtectionNote(Strict):
    """How the numbers were protected, and what the audit proved."""

    hide_up_to: int = Field(alias="ukryj_liczby_do", ge=2, strict=True,
                            description="Liczby od 1 do tej wartości ukryto")
    group_minimum: int = Field(alias="min_grupa", ge=5, strict=True,
                               description="Odpowiedzi grup mniejszych niż ta liczba ukryto")
    numbers: int = Field(alias="liczb", ge=0, strict=True,
                         description="Ile liczb ma badanie (pokazanych i ukrytych)")
    hidden: int = Field(alias="ukrytych", ge=0, strict=True, description="Ile z nich ukryto")
    narrowest: int | None = Field(
        None, alias="najwezszy_przedzial", ge=0, strict=True,
        description="Najwęższy przedział, w jakim ktoś może ustalić ukrytą liczbę z "
                    "opublikowanych (szerokość, w osobach)")
    published: IsoDate = Field(alias="data", description="Kiedy opublikowano wyniki")


class UnitTables(Strict):
    overall: dict[str, Count] = Field(alias="wszyscy", description="Odpowiedzi wszystkich")
    breakdowns: list[dict[str, dict[str, Count]]] = Field(
        default_factory=list, alias="przekroje",
        description="Odpowiedzi w grupach każdego przekroju, w kolejności z badanie.yml")


class OpenAnswers(Strict):
    published: list[Annotated[Text, Field(max_length=2000)]] = Field(
        default_factory=list, alias="opublikowane",
        description="Odpowiedzi zatwierdzone do publikacji po przeglądzie")
    withheld: int = Field(0, alias="nieopublikowane", ge=0, strict=True,
                          description="Ile odpowiedzi nie opublikowano")


class PublishedResults(Strict):
    """The whole file."""

    n: int = Field(alias="liczba_osob", ge=0, strict=True,
                   description="Ile osób odpowiedziało")
    protection: ProtectionNote = Field(alias="ochrona", description="Ochrona małych liczb")
    sizes: list[dict[str, Count]] = Field(
        default_factory=list, alias="liczebnosci",
        description="Liczebność grup każdego przekroju, w kolejności z badanie.yml")
    tables: dict[str, UnitTables] = Field(
        default_factory=dict, alias="tabele",
        description="Tabele pytań zamkniętych; pytanie wielokrotnego wyboru ma tabelę dla "
                    "każdej odpowiedzi (q3:sport)")
    open: dict[str, OpenAnswers] = Field(default_factory=dict, alias="otwarte",
                                         description="Pytania otwarte")


@dataclass(frozen=True)
class PublishedWave:
    """The file read and checked against its questionnaire: numbers by key."""

    n: int
    values: dict[Key, int]  # shown numbers only
    hidden: frozenset[Key]
    open_answers: dict[str, OpenAnswers]
    note: ProtectionNote

    @property
    def published(self) -> bool:
        """False when the wave had too few respondents for any figure."""
        return bool(self.values.keys() - {size_key(None)})


def results_text(design: WaveDesign, values: Mapping[Key, int], hidden: frozenset[Key],
                 open_answers: Mapping[str, OpenAnswers], note: ProtectionNote,
                 *, publish_figures: bool = True) -> str:
    """The YAML of ``wyniki.yml`` (``publish_figures`` False: a wave too small to show)."""
    def shown(key: Key) -> int | str:
        return HIDDEN if key in hidden else values[key]

    data: dict[str, object] = {"liczba_osob": values[size_key(None)],
                               "ochrona": note.model_dump(by_alias=True, mode="json",
                                                          exclude_none=True)}
    if publish_figures:
        data["liczebnosci"] = [{label: shown(size_key(b, label)) for label in g.labels}
                               for b, g in enumerate(design.groupings)]
        data["tabele"] = {unit.id: {
            "wszyscy": {c: shown(unit.key(None, TOTAL, c)) for c in unit.categories},
            "przekroje": [{label: {c: shown(unit.key(b, label, c)) for c in unit.categories}
                           for label in g.labels} for b, g in enumerate(design.groupings)],
        } for unit in design.units}
        data["otwarte"] = {qid: answers.model_dump(by_alias=True, mode="json")
                           for qid, answers in open_answers.items()}
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    return HEADER + body


HEADER = (
    "# yaml-language-server: $schema=../../data/wyniki-badania.schema.json\n"
    "# Wyniki zbiorcze badania zapisane poleceniem „ngosite surveys publish” z odpowiedzi,\n"
    "# które urząd przechowuje poza repozytorium. Nie poprawiaj liczb ręcznie: po zmianie\n"
    "# odpowiedzi lub kwestionariusza opublikuj wyniki ponownie\n"
    "# (docs/jak-opublikowac-badanie.md).\n"
)


def today_note(hide_up_to: int, group_minimum: int, numbers: int, hidden: int,
               narrowest: int | None, day: date) -> ProtectionNote:
    return ProtectionNote.model_validate({
        "ukryj_liczby_do": hide_up_to, "min_grupa": group_minimum, "liczb": numbers,
        "ukrytych": hidden, "najwezszy_przedzial": narrowest, "data": day.isoformat()})
