"""What a ``wydarzenia/<rok>/<slug>.yml`` file may contain: one training, meeting or other event.

Times are local (Europe/Warsaw) and written as people say them, ``"2027-03-20 10:00"``; the
rules (``rules.py``) catch a time that does not exist or happens twice when the clocks change.
Rules that need other files (NGO slugs, documents, materials, other events) live there too;
this module only knows one value at a time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field

from ngosite.core.fields import Email, PostalAddress, Strict, Text, Url
from ngosite.documents.model import VersionNumber
from ngosite.fair.model import Clock


@dataclass(frozen=True)
class Kind:
    label: str  # "Szkolenie"
    plural: str  # "Szkolenia"
    path: str  # the kind's page and feed: "szkolenia" → /wydarzenia/szkolenia/, szkolenia.ics


KINDS: dict[str, Kind] = {
    "szkolenie": Kind("Szkolenie", "Szkolenia", "szkolenia"),
    "warsztat": Kind("Warsztat", "Warsztaty", "warsztaty"),
    "spotkanie_konsultacyjne": Kind("Spotkanie konsultacyjne", "Spotkania konsultacyjne",
                                    "spotkania-konsultacyjne"),
    "zebranie_wiejskie": Kind("Zebranie wiejskie", "Zebrania wiejskie", "zebrania-wiejskie"),
    "targi": Kind("Targi", "Targi", "targi"),
    "inne": Kind("Wydarzenie", "Inne wydarzenia", "inne"),
}
STATUSES = {"planowane": "planowane", "odwolane": "odwołane", "przelozone": "przełożone"}
REGISTRATION = {"brak": "bez zapisów", "email": "zapisy e-mailem", "link": "zapisy przez stronę"}
OFFICE = "urzad"  # organiser or partner: the gmina's office (data/gmina.yml, urzad)

_MOMENT = re.compile(r"([0-9]{4}-[0-9]{2}-[0-9]{2})[ T]+([01]?[0-9]|2[0-3])([:.])([0-5][0-9])")
_EXAMPLE = '"2027-03-20 10:00"'


def _local_datetime(value: object) -> object:
    """``"2027-03-20 10:00"`` → a naive datetime, read as Polish time by the rest of the code.

    YAML reads ``2027-03-20 10:00:00`` (with seconds) as a datetime itself, and with an offset
    as a moment in another zone: a zone is refused, because the site counts in Polish time.
    """
    if isinstance(value, datetime):
        if value.tzinfo is not None or value.utcoffset() is not None:
            raise ValueError("nie podawaj strefy czasowej ani przesunięcia (+01:00, Z): wpisz "
                             f"czas polski tak, jak na zegarku, np. {_EXAMPLE}")
        return value.replace(second=0, microsecond=0)
    if isinstance(value, date):
        raise ValueError(f"wpisano samą datę {value.isoformat()}; dopisz godzinę, w "
                         f"cudzysłowie, np. \"{value.isoformat()} 10:00\"")
    if isinstance(value, str):
        match = _MOMENT.fullmatch(value.strip())
        if match:
            day, hour, separator, minute = match.groups()
            try:
                moment = datetime.combine(date.fromisoformat(day), time(int(hour), int(minute)))
            except ValueError:
                raise ValueError(f"„{value}” nie zawiera prawdziwej daty; sprawdź dzień i "
                                 "miesiąc") from None
            if separator == ".":
                raise ValueError(f"godzinę zapisz z dwukropkiem: \"{day} {int(hour):02d}:"
                                 f"{minute}\"")
            return moment
    raise ValueError(f"„{value}” nie jest datą z godziną; wpisz ją jako RRRR-MM-DD GG:MM, w "
                     f"cudzysłowie, np. {_EXAMPLE}")


def _deadline(value: object) -> object:
    """A registration deadline: a whole day (until 23:59) or a day with a time."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return datetime.combine(value, time(23, 59))
    if isinstance(value, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value.strip()):
        try:
            return datetime.combine(date.fromisoformat(value.strip()), time(23, 59))
        except ValueError:
            raise ValueError(f"„{value}” nie jest prawdziwą datą; sprawdź dzień i miesiąc") \
                from None
    return _local_datetime(value)


def _one_or_many(value: object) -> object:
    return [value] if isinstance(value, str) else value


LocalDateTime = Annotated[datetime, BeforeValidator(_local_datetime)]
Deadline = Annotated[datetime, BeforeValidator(_deadline)]
Slugs = Annotated[list[Text], BeforeValidator(_one_or_many)]


def _choice(vocabulary: dict[str, object]) -> object:
    return Literal[tuple(vocabulary)]  # type: ignore[valid-type]


class Accessibility(Strict):
    step_free: bool | None = Field(None, alias="bez_barier", strict=True,
                                   description="true: wejście i sala bez schodów (albo z "
                                               "podjazdem lub windą)")
    toilet: bool | None = Field(None, alias="toaleta", strict=True,
                                description="true: toaleta dostosowana do wózka")
    induction_loop: bool | None = Field(None, alias="petla_indukcyjna", strict=True,
                                        description="true: pętla indukcyjna dla osób "
                                                    "słabosłyszących")
    sign_language: bool | None = Field(None, alias="tlumacz_pjm", strict=True,
                                       description="true: tłumacz polskiego języka migowego")
    note: Text | None = Field(None, alias="opis", max_length=1000,
                              description="Inne informacje o dostępności, dojazd, parking")


class Venue(PostalAddress):
    name: Text = Field(alias="nazwa", max_length=200,
                       description="Nazwa miejsca, np. świetlica wiejska albo sala urzędu")
    accessibility: Accessibility | None = Field(None, alias="dostepnosc",
                                                description="Dostępność miejsca")

    def address_line(self) -> str:
        """``ul. Mazurska 2, 11-513 Miłki``; in a village without streets ``Rydzewo 5, …``."""
        town = f"{self.postal_code} {self.locality}"
        if self.street:
            return f"ul. {' '.join(p for p in (self.street, self.number) if p)}, {town}"
        return f"{self.locality} {self.number}, {town}" if self.number else town


class Online(Strict):
    url: Url | None = Field(None, alias="adres",
                            description="Link do spotkania online (pomiń, gdy link dostaną "
                                        "tylko zapisani)")
    platform: Text | None = Field(None, alias="platforma", max_length=100,
                                  description="Na czym odbywa się spotkanie, np. Zoom, Teams")
    note: Text | None = Field(None, alias="uwagi", max_length=500,
                              description="Jak dołączyć, np. link wyślemy zapisanym")


class AgendaItem(Strict):
    start: Clock | None = Field(None, alias="od", description="Początek, np. \"10:00\"")
    end: Clock | None = Field(None, alias="do", description="Koniec, np. \"11:30\"")
    topic: Text = Field(alias="temat", max_length=300, description="Temat tej części")


class Trainer(Strict):
    name: Text = Field(alias="nazwa", max_length=200,
                       description="Kto prowadzi: imię i nazwisko (za zgodą tej osoby) albo "
                                   "nazwa zespołu lub instytucji")
    note: Text | None = Field(None, alias="opis", max_length=500,
                              description="Krótko o prowadzącym")


class Registration(Strict):
    method: _choice(REGISTRATION) = Field(  # type: ignore[valid-type]
        alias="sposob", description="brak, email albo link")
    email: Email | None = Field(None, description="Adres do zapisów (sposob: email)")
    url: Url | None = Field(None, alias="adres", description="Strona zapisów (sposob: link)")
    limit: int | None = Field(None, alias="limit_miejsc", ge=1, le=100_000, strict=True,
                              description="Liczba miejsc")
    deadline: Deadline | None = Field(None, alias="termin",
                                      description="Do kiedy przyjmujemy zapisy: RRRR-MM-DD "
                                                  "albo \"RRRR-MM-DD GG:MM\"")
    note: Text | None = Field(None, alias="uwagi", max_length=1000,
                              description="Co podać przy zapisie, kogo zapytać")


class Material(Strict):
    title: Text = Field(alias="tytul", max_length=200, description="Tytuł materiału")
    file: Text | None = Field(None, alias="plik",
                              description="Plik w repozytorium, w folderze materialy/ obok "
                                          "pliku wydarzenia, np. materialy/prezentacja.pdf")
    url: Url | None = Field(None, alias="adres", description="Albo adres materiału w sieci")


class Summary(Strict):
    participants: int | None = Field(None, alias="uczestnicy", ge=0, le=100_000, strict=True,
                                     description="Ile osób wzięło udział")
    rating: float | None = Field(None, alias="ocena", ge=1, le=5,
                                 description="Średnia ocena w ankiecie (1–5), np. 4.6")
    responses: int | None = Field(None, alias="ankiety", ge=0, le=100_000, strict=True,
                                  description="Ile osób wypełniło ankietę")
    text: Text | None = Field(None, alias="opis", max_length=3000,
                              description="Krótkie podsumowanie (Markdown)")


class ConsultationLink(Strict):
    document: Text = Field(alias="dokument",
                           description="Folder dokumentu w documents/, np. program-wspolpracy")
    version: VersionNumber = Field(alias="wersja", description="Numer konsultowanej wersji")


class Event(Strict):
    """One event, as staff describe it."""

    title: Text = Field(alias="tytul", max_length=200, description="Tytuł wydarzenia")
    kind: _choice(KINDS) = Field(alias="rodzaj", description="Rodzaj wydarzenia")  # type: ignore[valid-type]
    start: LocalDateTime = Field(alias="poczatek",
                                 description="Początek, czas polski: \"RRRR-MM-DD GG:MM\"")
    end: LocalDateTime = Field(alias="koniec",
                               description="Koniec, czas polski: \"RRRR-MM-DD GG:MM\"")
    venue: Venue | None = Field(None, alias="miejsce",
                                description="Gdzie: nazwa miejsca i adres (pomiń, gdy tylko "
                                            "online)")
    online: Online | None = Field(None, description="Udział przez internet (sam albo obok "
                                                    "miejsca: wydarzenie hybrydowe)")
    organiser: Text = Field(alias="organizator",
                            description="Adres organizacji z katalogu (nazwa jej pliku w "
                                        "ngos/) albo urzad")
    partners: Slugs = Field(default_factory=list, alias="partnerzy", max_length=20,
                            description="Współorganizatorzy: adresy organizacji albo urzad")
    audience: Text | None = Field(None, alias="dla_kogo", max_length=300,
                                  description="Dla kogo jest wydarzenie")
    description: Text | None = Field(None, alias="opis", max_length=5000,
                                     description="Opis (Markdown)")
    agenda: list[AgendaItem] = Field(default_factory=list, alias="program", max_length=50,
                                     description="Program: części z godzinami")
    trainers: list[Trainer] = Field(default_factory=list, alias="prowadzacy", max_length=20,
                                    description="Prowadzący")
    registration: Registration | None = Field(None, alias="zapisy", description="Zapisy")
    status: _choice(STATUSES) = Field(  # type: ignore[valid-type]
        "planowane", description="planowane, odwolane albo przelozone")
    status_note: Text | None = Field(None, alias="status_uwagi", max_length=1000,
                                     description="Dlaczego odwołano albo przełożono, co dalej")
    materials: list[Material] = Field(default_factory=list, alias="materialy", max_length=50,
                                      description="Materiały po wydarzeniu")
    summary: Summary | None = Field(None, alias="podsumowanie",
                                    description="Podsumowanie po wydarzeniu")
    consultation: ConsultationLink | None = Field(
        None, alias="konsultacja",
        description="Konsultowany dokument i wersja (spotkanie konsultacyjne)")
    sample: bool = Field(False, alias="przykladowy", strict=True,
                         description="true: wydarzenie jest przykładem do pokazania serwisu")
