"""What ``badania/<id>/badanie.yml`` may contain: the survey's description, its questionnaire,
the coarse demographics, the breakdowns and, for a later wave, the criteria of success.

The respondents' answers (``odpowiedzi.csv``, ``answers.py``) stay with the office and are
published as ``wyniki.yml`` beside it (``publish.py``). Rules that compare parts of the file,
two waves or the NGO directory live in ``rules.py``; this module knows one value at a time.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, model_validator

from ngosite.core.fields import IsoDate, Strict, Text

DESCRIPTION_FILE = "badanie.yml"
ANSWERS_FILE = "odpowiedzi.csv"
MISSING = "brak"  # the answer category of respondents who left a question empty

KINDS = {
    "jednokrotny": "jednokrotnego wyboru",
    "wielokrotny": "wielokrotnego wyboru",
    "skala": "skala ocen",
    "otwarte": "pytanie otwarte",
}
RECRUITMENT = {
    "losowy": "dobór losowy",
    "kwotowy": "dobór kwotowy",
    "samodzielny": "ankieta otwarta: respondenci zgłaszali się sami",
}
ROLES = {
    "znajomosc_organizacji": "które organizacje mieszkańcy znają",
    "udzial_w_dzialaniach": "w działaniach których organizacji brali udział",
}
DIRECTIONS = {"wzrost": "wzrost", "spadek": "spadek"}
Kind = Literal[tuple(KINDS)]  # type: ignore[valid-type]
Recruitment = Literal[tuple(RECRUITMENT)]  # type: ignore[valid-type]
Role = Literal[tuple(ROLES)]  # type: ignore[valid-type]
Direction = Literal[tuple(DIRECTIONS)]  # type: ignore[valid-type]


def _code(value: str) -> str:
    value = value.strip()
    if not re.fullmatch(r"[a-z0-9]+(?:[-_][a-z0-9]+)*", value):
        raise ValueError(f"kod „{value}” zapisz małymi literami bez polskich znaków i spacji "
                         "(dozwolone cyfry, - i _), np. tak, 18-29 albo q4")
    if value == MISSING:
        raise ValueError(f"kod „{MISSING}” jest zarezerwowany dla braku odpowiedzi (pusta "
                         "komórka w pliku odpowiedzi); wybierz inny kod")
    return value


Code = Annotated[str, AfterValidator(_code)]


class Option(Strict):
    """An answer option: a code with its label, or an NGO of the directory by its slug."""

    code: Code | None = Field(None, alias="kod", description="Kod odpowiedzi w pliku CSV")
    label: Text | None = Field(None, alias="etykieta", max_length=200,
                               description="Treść odpowiedzi, jak w kwestionariuszu")
    organisation: Text | None = Field(
        None, alias="organizacja",
        description="Adres (slug) organizacji z katalogu; jest też kodem odpowiedzi")

    @model_validator(mode="after")
    def _one_kind(self) -> Option:
        if self.organisation is not None and (self.code is not None or self.label is not None):
            raise ValueError("odpowiedź to albo organizacja z katalogu (samo pole organizacja), "
                             "albo kod z etykietą; usuń jedno z nich")
        if self.organisation is None and (self.code is None or self.label is None):
            raise ValueError("podaj kod i etykietę odpowiedzi (np. kod: tak, etykieta: Tak) "
                             "albo organizacja: adres-organizacji")
        return self

    @property
    def key(self) -> str:
        return self.organisation or self.code or ""


class Scale(Strict):
    low: int = Field(alias="od", ge=0, le=10, strict=True, description="Najniższa ocena")
    high: int = Field(alias="do", ge=1, le=11, strict=True, description="Najwyższa ocena")
    low_label: Text = Field(alias="etykieta_od", max_length=80,
                            description="Co znaczy najniższa ocena, np. bardzo źle")
    high_label: Text = Field(alias="etykieta_do", max_length=80,
                             description="Co znaczy najwyższa ocena, np. bardzo dobrze")

    @model_validator(mode="after")
    def _ordered(self) -> Scale:
        if self.high <= self.low or self.high - self.low > 10:
            raise ValueError(f"skala {self.low}–{self.high} jest niepoprawna: „do” musi być "
                             "większe od „od”, a skala mieć najwyżej 11 stopni (np. od: 1, do: 5)")
        return self


class Question(Strict):
    id: Code = Field(description="Kod pytania, nazwa kolumny w pliku odpowiedzi, np. q4")
    text: Text = Field(alias="tresc", max_length=500, description="Treść pytania")
    kind: Kind = Field(alias="rodzaj", description="Rodzaj pytania")  # type: ignore[valid-type]
    options: list[Option] = Field(default_factory=list, alias="odpowiedzi", max_length=60,
                                  description="Odpowiedzi do wyboru (pytania wyboru)")
    scale: Scale | None = Field(None, alias="skala", description="Skala ocen (rodzaj: skala)")
    role: Role | None = Field(None, alias="rola",  # type: ignore[valid-type]
                              description="Pytanie o organizacje z katalogu, używane w ocenie "
                                          "skuteczności organizacji")

    def codes(self) -> list[str]:
        """Answer categories in questionnaire order (scale points as text: "1"…"5")."""
        if self.scale is not None:
            return [str(v) for v in range(self.scale.low, self.scale.high + 1)]
        return [o.key for o in self.options]


class Value(Strict):
    code: Code = Field(alias="kod", description="Kod w pliku odpowiedzi")
    label: Text = Field(alias="etykieta", max_length=120, description="Etykieta na stronie")


class Demographic(Strict):
    """A coarse demographic column (age group, sex, locality): a closed list of values."""

    id: Code = Field(description="Nazwa kolumny w pliku odpowiedzi, np. wiek")
    text: Text = Field(alias="tresc", max_length=200, description="Pytanie metryczkowe")
    values: list[Value] = Field(alias="wartosci", min_length=2, max_length=40,
                                description="Dozwolone wartości")


class Group(Strict):
    label: Text = Field(alias="etykieta", max_length=120, description="Nazwa grupy na stronie")
    values: list[Code] = Field(alias="wartosci", min_length=1,
                               description="Kody wartości zmiennej, które tworzą grupę")


class Breakdown(Strict):
    """Results split by one demographic, in groups fixed in advance (no ad-hoc filters)."""

    variable: Code = Field(alias="zmienna", description="Kod zmiennej z metryczki, np. wiek")
    title: Text = Field(alias="tytul", max_length=120, description="Np. Według grup wieku")
    groups: list[Group] = Field(alias="grupy", min_length=2, max_length=20,
                                description="Grupy; razem obejmują wszystkie wartości zmiennej")


class Structure(Strict):
    """The population's known counts by one demographic (age groups from GUS), to weight the
    waves to it: each wave's sample may hold the groups in other shares."""

    variable: Code = Field(alias="zmienna", description="Zmienna metryczki, np. wiek")
    counts: dict[str, Annotated[int, Field(ge=0, strict=True)]] = Field(
        alias="liczebnosci", description="Liczba mieszkańców dla każdego kodu zmiennej")
    source: Text = Field(alias="zrodlo", max_length=300,
                         description="Skąd liczby, np. GUS, Bank Danych Lokalnych, stan na "
                                     "31.12.2025")


class Population(Strict):
    description: Text = Field(alias="opis", max_length=300,
                              description="Kogo dotyczy badanie, np. mieszkańcy w wieku 18+")
    size: int | None = Field(None, alias="liczebnosc", ge=1, strict=True,
                             description="Ile osób liczy populacja (do poprawki na skończoną "
                                         "populację)")
    structure: Structure | None = Field(
        None, alias="struktura", description="Struktura populacji według zmiennej metryczki, "
                                             "do ważenia wyników (np. wiek według GUS)")


class Fieldwork(Strict):
    start: IsoDate = Field(alias="od", description="Początek badania, RRRR-MM-DD")
    end: IsoDate = Field(alias="do", description="Koniec badania, RRRR-MM-DD")


class WaveOf(Strict):
    study: Code = Field(alias="badanie", description="Kod serii badań, wspólny dla fal")
    number: int = Field(alias="numer", ge=1, le=20, strict=True, description="Numer fali: 1, 2…")
    name: Text = Field(alias="nazwa", max_length=80, description="Np. przed projektem")


class Criterion(Strict):
    """A measure of the project's success, read from two waves of the same question."""

    question: Code = Field(alias="pytanie", description="Kod pytania wspólnego dla fal")
    answer: Text = Field(alias="odpowiedz", description="Kod odpowiedzi, której odsetek liczymy")
    direction: Direction = Field(alias="kierunek",  # type: ignore[valid-type]
                                 description="Czego oczekujemy: wzrost albo spadek")
    description: Text = Field(alias="opis", max_length=300,
                              description="Kryterium w jednym zdaniu, dla mieszkańców")


class ComparisonGroup(Strict):
    """Groups of a breakdown the project did not reach: their change between the waves is
    what would have happened anyway, if both kinds of place would have changed alike."""

    variable: Code = Field(alias="zmienna", description="Zmienna przekroju, np. solectwo")
    groups: list[Text] = Field(alias="grupy", min_length=1,
                               description="Etykiety grup przekroju, do których projekt nie "
                                           "dotarł")
    description: Text = Field(alias="opis", max_length=500,
                              description="Dlaczego te grupy: co projekt robił gdzie indziej")


class Survey(Strict):
    """One survey (one wave of a study), as the office or its contractor describes it."""

    title: Text = Field(alias="tytul", max_length=200, description="Tytuł badania")
    purpose: Text = Field(alias="cel", max_length=1000, description="Cel badania")
    sample: bool = Field(False, alias="przykladowe", strict=True,
                         description="true, gdy dane są przykładowe (strony to zaznaczają)")
    population: Population = Field(alias="populacja", description="Badana populacja")
    method: Text = Field(alias="sposob", max_length=300,
                         description="Jak zbierano odpowiedzi, np. ankieta papierowa")
    recruitment: Recruitment = Field(alias="dobor",  # type: ignore[valid-type]
                                     description="Jak dobrano respondentów")
    recruitment_note: Text = Field(alias="dobor_opis", max_length=500,
                                   description="Jak dotarto do respondentów, jednym zdaniem")
    fieldwork: Fieldwork = Field(alias="realizacja", description="Kiedy zbierano odpowiedzi")
    contractor: Text = Field(alias="wykonawca", max_length=200, description="Kto przeprowadził")
    contractor_ngo: Text | None = Field(
        None, alias="wykonawca_organizacja",
        description="Adres (slug) organizacji z katalogu, jeśli badanie przeprowadziła "
                    "organizacja (strona oceny mówi wtedy, że ocenia też siebie)")
    wave: WaveOf | None = Field(None, alias="fala", description="Fala serii badań")
    demographics: list[Demographic] = Field(default_factory=list, alias="metryczka",
                                            max_length=5, description="Zmienne metryczki")
    breakdowns: list[Breakdown] = Field(default_factory=list, alias="przekroje", max_length=4,
                                        description="Przekroje wyników")
    questions: list[Question] = Field(alias="pytania", min_length=1, max_length=60,
                                      description="Kwestionariusz")
    criteria: list[Criterion] = Field(default_factory=list, alias="ocena", max_length=20,
                                      description="Kryteria oceny projektu (fala późniejsza)")
    comparison: ComparisonGroup | None = Field(
        None, alias="grupa_porownawcza",
        description="Grupy przekroju, do których projekt nie dotarł (fala późniejsza)")

    def question(self, qid: str) -> Question | None:
        return next((q for q in self.questions if q.id == qid), None)

    def demographic(self, did: str) -> Demographic | None:
        return next((d for d in self.demographics if d.id == did), None)
