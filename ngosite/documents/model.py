"""What ``documents/<document>/dokument.yml`` may contain: a document, its versions, their
consultations and the comments received, with the closed lists of statuses and responses.

Rules that need the version texts or the NGO registry (sections, senders, checksums) live in
``documents_rules.py``.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BeforeValidator, Field, create_model

from ngosite.core.fields import IsoDate, Strict, Text, Url

from .text import QUOTE_LIMIT

METADATA_FILE = "dokument.yml"
PRIVATE_PERSON = "osoba fizyczna"
# A sender that is neither a directory NGO nor a private person (a school, a sołectwo council, a
# company): its name is published, from the field ``podmiot``.
OTHER_ENTITY = "inny podmiot"
# A comment's identifier, made by the comment form in the browser (ngosite.consultations):
# document code and version, unit, day and time, two random characters (PW1-5.2-0915-1432-K7).
# The unit part: § . ust. . pkt . lit., a skipped level left empty ("3..3" is § 3 pkt 3).
COMMENT_ID = re.compile(r"[A-Z]{1,8}[0-9]+-(?:C|W|[0-9]+[a-z]*(?:\.(?:[0-9]+[a-z]*)?){0,2}"
                        r"(?:\.[a-z])?)"
                        r"-[0-9]{4}-[0-9]{4}-[A-HJ-NP-Z2-9]{2}")

KINDS = {
    "program_wspolpracy": "Program współpracy z organizacjami pozarządowymi",
    "zmiana_statutu": "Zmiana statutu gminy",
    "uchwala": "Uchwała rady gminy",
    "inny": "Dokument",
}

STATUSES = {
    "projekt": "projekt do konsultacji",
    "projekt_po_konsultacjach": "projekt po konsultacjach",
    "przyjety": "przyjęty uchwałą",
}

RESPONSES = {
    "uwzgledniona": "uwzględniona",
    "czesciowo_uwzgledniona": "uwzględniona częściowo",
    "nieuwzgledniona": "nieuwzględniona",
    "wyjasnienie": "wyjaśnienie",
}
LED_TO_CHANGE = ("uwzgledniona", "czesciowo_uwzgledniona")

# Art. 5a ust. 4 ustawy o działalności pożytku publicznego i o wolontariacie: what a programme of
# cooperation must contain, in the order of the act (key → (pkt, what the act requires)).
PROGRAMME_ELEMENTS: dict[str, tuple[int, str]] = {
    "cele": (1, "cel główny i cele szczegółowe programu"),
    "zasady": (2, "zasady współpracy"),
    "zakres": (3, "zakres przedmiotowy"),
    "formy": (4, "formy współpracy"),
    "priorytety": (5, "priorytetowe zadania publiczne"),
    "okres": (6, "okres realizacji programu"),
    "sposob_realizacji": (7, "sposób realizacji programu"),
    "srodki": (8, "wysokość środków planowanych na realizację programu"),
    "ocena": (9, "sposób oceny realizacji programu"),
    "tworzenie_i_konsultacje": (10, "informacja o sposobie tworzenia programu oraz o przebiegu "
                                    "konsultacji"),
    "komisje_konkursowe": (11, "tryb powoływania i zasady działania komisji konkursowych do "
                               "opiniowania ofert w otwartych konkursach ofert"),
}


def _choice(vocabulary: dict[str, object]) -> object:
    return Literal[tuple(vocabulary)]  # type: ignore[valid-type]


def _version_number(value: object) -> object:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(
            f"numer wersji „{value}” musi być liczbą całkowitą od 1, bez cudzysłowu, np. "
            "wersja: 2 (plik z tekstem tej wersji nazywa się wtedy wersja-2.md)")
    return value


def _checksum(value: str) -> str:
    value = value.strip()
    if not re.fullmatch(r"sha256:[0-9a-f]{64}", value):
        raise ValueError(
            f"suma kontrolna „{value}” ma zły format; nie wpisuj jej ręcznie: uruchom "
            "„ngosite documents checksum --write”, które wpisze ją jako \"sha256:…\" "
            "(64 znaki 0–9, a–f)")
    return value


def _comment_id(value: str) -> str:
    value = value.strip()
    if not COMMENT_ID.fullmatch(value):
        raise ValueError(
            f"identyfikator uwagi „{value}” ma zły format; przepisz go dokładnie z uwagi "
            "(np. PW1-5.2-0915-1432-K7) albo usuń to pole")
    return value


VersionNumber = Annotated[int, BeforeValidator(_version_number)]
Checksum = Annotated[str, AfterValidator(_checksum)]
CommentId = Annotated[str, AfterValidator(_comment_id)]

ProgrammeElements = create_model(  # type: ignore[call-overload]
    "ProgrammeElements",
    __base__=Strict,
    **{key: (Text | None, Field(None, description=f"art. 5a ust. 4 pkt {pkt}: {what}; "
                                 "numer paragrafu, np. \"§ 3\""))
       for key, (pkt, what) in PROGRAMME_ELEMENTS.items()},
)


class Resolution(Strict):
    number: Text = Field(alias="numer", max_length=60, description="Numer uchwały")
    date: IsoDate = Field(alias="data", description="Data podjęcia uchwały, RRRR-MM-DD")
    publication: Url = Field(alias="publikacja",
                             description="Adres urzędowej publikacji (dziennik urzędowy, BIP)")


class Comment(Strict):
    sender: Text = Field(alias="nadawca", max_length=120,
                         description="Adres organizacji z katalogu (nazwa pliku w ngos/, np. "
                                     "kgw-rydzewo), „osoba fizyczna” albo „inny podmiot”; "
                                     "nigdy imię i nazwisko")
    entity: Text | None = Field(None, alias="podmiot", max_length=200,
                                description="Nazwa nadawcy przy nadawca: inny podmiot (np. "
                                            "szkoła, rada sołecka); nigdy imię i nazwisko")
    received: IsoDate | None = Field(None, alias="data", description="Data wpływu uwagi")
    late: bool = Field(False, alias="po_terminie", strict=True,
                       description="true: uwaga wpłynęła po terminie, a urząd ją rozpatruje")
    section: Text = Field(alias="dotyczy", max_length=60,
                          description="Której części dotyczy: np. „§ 5 ust. 2 pkt 3” albo "
                                      "„cały dokument”")
    # The import keeps the wording commented on (text.quote_of), so the report shows it even
    # where the next version removed or rewrote the unit.
    quoted: Text | None = Field(None, alias="brzmienie", max_length=QUOTE_LIMIT + 10,
                                description="Brzmienie komentowanej części w konsultowanej "
                                            "wersji (cytat z uwagi, opcjonalnie)")
    text: Text = Field(alias="tresc", max_length=5000, description="Treść uwagi")
    proposal: Text | None = Field(None, alias="propozycja", max_length=5000,
                                  description="Proponowane brzmienie zapisu (opcjonalnie)")
    identifier: CommentId | None = Field(
        None, alias="identyfikator", description="Identyfikator nadany uwadze przez formularz")
    # Empty until the office answers; from the report's date on, the rules require both.
    response: _choice(RESPONSES) | None = Field(  # type: ignore[valid-type]
        None, alias="stanowisko", description="Stanowisko gminy")
    reasons: Text | None = Field(None, alias="uzasadnienie", max_length=5000,
                                 description="Uzasadnienie stanowiska")
    change: Text | None = Field(
        None, alias="zmiana", max_length=60,
        description="Gdzie w następnej wersji wprowadzono zmianę, gdy nie w tej samej "
                    "części, np. „§ 9 ust. 2”")


class Consultation(Strict):
    start: IsoDate = Field(alias="od", description="Pierwszy dzień konsultacji")
    end: IsoDate = Field(alias="do", description="Ostatni dzień na zgłaszanie uwag")
    how: Text = Field(alias="sposob", max_length=2000,
                      description="Jak i gdzie składać uwagi (formularz, e-mail, pisemnie)")
    who: Text | None = Field(None, alias="kto", max_length=500,
                             description="Kto może zgłaszać uwagi (domyślnie: "
                                         "konsultacje.kto_moze w data/gmina.yml)")
    announced: Text | None = Field(None, alias="ogloszenie", max_length=1000,
                                   description="Gdzie ogłoszono konsultacje")
    report_published: IsoDate | None = Field(
        None, alias="raport_opublikowano",
        description="Data publikacji raportu z konsultacji (pusty: raportu jeszcze nie ma)")
    comments: list[Comment] = Field(default_factory=list, alias="uwagi",
                                    description="Uwagi, które wpłynęły")


class Version(Strict):
    number: VersionNumber = Field(alias="wersja", description="Numer wersji: 1, 2, 3…")
    date: IsoDate = Field(alias="data", description="Data publikacji wersji")
    status: _choice(STATUSES) = Field(description="Status wersji")  # type: ignore[valid-type]
    resolution: Resolution | None = Field(None, alias="uchwala",
                                          description="Uchwała, którą przyjęto tę wersję")
    note: Text | None = Field(None, alias="zmiany", max_length=5000,
                              description="Opis zmian względem poprzedniej wersji")
    checksum: Checksum | None = Field(None, alias="suma_kontrolna",
                                      description="Suma kontrolna tekstu opublikowanej wersji")
    consultation: Consultation | None = Field(None, alias="konsultacje",
                                              description="Konsultacje tej wersji")
    elements: ProgrammeElements | None = Field(  # type: ignore[valid-type]
        None, alias="elementy_programu",
        description="Gdzie w tekście są elementy wymagane przez art. 5a ust. 4 ustawy")


class DocumentMeta(Strict):
    """One consulted document and its history."""

    title: Text = Field(alias="tytul", max_length=300, description="Tytuł dokumentu")
    kind: _choice(KINDS) = Field(alias="rodzaj", description="Rodzaj dokumentu")  # type: ignore[valid-type]
    legal_basis: Text = Field(alias="podstawa_prawna", max_length=1000,
                              description="Podstawa prawna")
    description: Text | None = Field(None, alias="opis", max_length=3000,
                                     description="Krótko: czego dotyczy dokument")
    sample: bool = Field(False, alias="przykladowy", strict=True,
                         description="true: dokument jest przykładem do pokazania serwisu")
    versions: list[Version] = Field(alias="wersje", min_length=1, description="Wersje")
