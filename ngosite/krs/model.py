"""The register's JSON "odpis aktualny" as typed models: tolerant where the API varies, strict
where we rely on a value.

The Ministry of Justice's API (api-krs.ms.gov.pl) adds fields over time and leaves out empty
sections, so unknown keys are ignored and nearly every section is optional. What the commands
write into an entry or compare with it (the number, the name, the legal form, the OPP flag,
dates) must have the right type, or the answer is refused with a Polish message naming the
field. People (board, founders, liquidators, proxies) are never read: no model here has a
field for them, so they cannot reach anything the commands write or print.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StrictBool, ValidationError
from pydantic_core import ErrorDetails


def register_date(value: object) -> object:
    """``"25.07.2001"`` (the register's spelling) → a date."""
    if value is None or isinstance(value, date):
        return value
    if isinstance(value, str):
        match = re.fullmatch(r"\s*(\d{2})\.(\d{2})\.(\d{4})\s*", value)
        if match:
            try:
                return date(int(match[3]), int(match[2]), int(match[1]))
            except ValueError:
                pass
    raise ValueError(f"„{str(value)[:40]}” nie jest datą w postaci DD.MM.RRRR")


def register_text(value: object) -> object:
    """Text as the register writes it, with runs of spaces and tabs made single."""
    if isinstance(value, str):
        return re.sub(r"[ \t]+", " ", value).strip()
    return value


RegisterDate = Annotated[date, BeforeValidator(register_date)]
RegisterText = Annotated[str, BeforeValidator(register_text)]
NonEmpty = Annotated[RegisterText, Field(min_length=1)]


class Loose(BaseModel):
    """Keys the API adds later are ignored: they must not break an import."""

    model_config = ConfigDict(extra="ignore", frozen=True)


class Header(Loose):
    register_code: RegisterText | None = Field(None, alias="rejestr")
    number: Annotated[str, Field(pattern=r"^\d{10}$")] = Field(alias="numerKRS")
    registered: RegisterDate | None = Field(None, alias="dataRejestracjiWKRS")
    as_of: RegisterDate | None = Field(None, alias="stanZDnia")


class Identifiers(Loose):
    nip: RegisterText | None = None
    regon: RegisterText | None = None


class Entity(Loose):
    legal_form: NonEmpty = Field(alias="formaPrawna")
    name: NonEmpty = Field(alias="nazwa")
    identifiers: Identifiers = Field(default_factory=Identifiers, alias="identyfikatory")
    public_benefit: StrictBool | None = Field(None, alias="czyPosiadaStatusOPP")


class Seat(Loose):
    country: RegisterText | None = Field(None, alias="kraj")
    voivodeship: RegisterText | None = Field(None, alias="wojewodztwo")
    county: RegisterText | None = Field(None, alias="powiat")
    gmina: RegisterText | None = None
    locality: RegisterText | None = Field(None, alias="miejscowosc")


class Address(Loose):
    street: RegisterText | None = Field(None, alias="ulica")
    house: RegisterText | None = Field(None, alias="nrDomu")
    flat: RegisterText | None = Field(None, alias="nrLokalu")
    locality: RegisterText | None = Field(None, alias="miejscowosc")
    postal_code: RegisterText | None = Field(None, alias="kodPocztowy")
    post_office: RegisterText | None = Field(None, alias="poczta")
    country: RegisterText | None = Field(None, alias="kraj")


class SeatAndAddress(Loose):
    seat: Seat = Field(default_factory=Seat, alias="siedziba")
    address: Address = Field(default_factory=Address, alias="adres")
    email: RegisterText | None = Field(None, alias="adresPocztyElektronicznej")
    website: RegisterText | None = Field(None, alias="adresStronyInternetowej")


class Section1(Loose):
    entity: Entity = Field(alias="danePodmiotu")
    seat_and_address: SeatAndAddress = Field(default_factory=SeatAndAddress,
                                             alias="siedzibaIAdres")


class Aims(Loose):
    text: RegisterText | None = Field(None, alias="celDzialania")


class Section3(Loose):
    aims: Aims = Field(default_factory=Aims, alias="celDzialaniaOrganizacji")


class Section6(Loose):
    """Only whether each proceeding is there: its contents name liquidators and receivers."""

    liquidation: Any = Field(None, alias="likwidacja")
    bankruptcy: Any = Field(None, alias="postepowanieUpadlosciowe")
    dissolution: Any = Field(None, alias="rozwiazanieUniewaznienie")


class Sections(Loose):
    section1: Section1 = Field(alias="dzial1")
    section3: Section3 = Field(default_factory=Section3, alias="dzial3")
    section6: Section6 = Field(default_factory=Section6, alias="dzial6")


class Extract(Loose):
    kind: RegisterText | None = Field(None, alias="rodzaj")
    header: Header = Field(alias="naglowekA")
    sections: Sections = Field(alias="dane")


class Answer(Loose):
    """The whole JSON answer of ``OdpisAktualny``."""

    extract: Extract = Field(alias="odpis")


class FullEntry(Loose):
    description: RegisterText | None = Field(None, alias="opis")
    day: RegisterDate | None = Field(None, alias="dataWpisu")


class FullHeader(Loose):
    entries: list[FullEntry] = Field(default_factory=list, alias="wpis")


class FullExtract(Loose):
    header: FullHeader = Field(default_factory=FullHeader, alias="naglowekP")


class FullAnswer(Loose):
    """``OdpisPelny``: read only for the entry that removed the NGO from the register."""

    extract: FullExtract = Field(alias="odpis")


def error_messages(exc: ValidationError) -> list[str]:
    """Each problem of an answer as ``pole „odpis.dane…”: what is wrong``, in Polish."""
    return [_message(error) for error in exc.errors(include_url=False)]


def _message(error: ErrorDetails) -> str:
    where = ".".join(str(p) for p in error["loc"] if not str(p).startswith("function-"))
    kind = error["type"]
    if kind == "missing":
        text = "brak tego pola"
    elif kind == "value_error":
        text = str(error.get("ctx", {}).get("error", error["msg"]))
    elif kind == "string_type":
        text = "oczekiwano tekstu"
    elif kind in ("string_too_short", "too_short"):
        text = "oczekiwano niepustego tekstu"
    elif kind in ("bool_type", "bool_parsing"):
        text = "oczekiwano wartości true albo false"
    elif kind in ("model_type", "model_attributes_type", "dict_type"):
        text = "oczekiwano obiektu z polami"
    elif kind == "list_type":
        text = "oczekiwano listy"
    elif kind == "string_pattern_mismatch":
        text = "oczekiwano numeru KRS z 10 cyfr"
    else:
        text = f"niepoprawna wartość ({kind})"
    return f"pole „{where}”: {text}" if where else text
