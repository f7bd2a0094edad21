"""The NGO entry as typed models: what an ``ngos/<slug>.yml`` file may contain.

YAML keys are Polish ASCII snake_case (the people who edit them are Polish volunteers); Python
attributes are English. Validators raise ``ValueError`` with a Polish message that says how to
fix the value: ``validate.py`` turns it into a located :class:`~ngosite.problems.Problem`.
Rules that need other files (the locality list, other entries) live in ``rules.py``.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    model_validator,
)
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.pl import nip as stdnum_nip
from stdnum.pl import regon as stdnum_regon

from .vocabulary import (
    FORMS_WITHOUT_KRS,
    LEGAL_FORMS,
    OTHER_REGISTERS,
    PIN_PRECISIONS,
    PUBLIC_BENEFIT_AREAS,
    TARGET_GROUPS,
)

SCHEMA_URL_PATH = "dane/schema.json"


def _choice(vocabulary: dict[str, object]) -> object:
    return Literal[tuple(vocabulary)]  # type: ignore[valid-type]


LegalForm = _choice(LEGAL_FORMS)
Area = _choice(PUBLIC_BENEFIT_AREAS)
TargetGroup = _choice(TARGET_GROUPS)
Register = _choice(OTHER_REGISTERS)
PinPrecision = _choice(PIN_PRECISIONS)


def _text(value: str) -> str:
    value = value.strip()
    if not value:
        raise ValueError("pole jest puste; wpisz tekst albo usuń to pole")
    return value


Text = Annotated[str, AfterValidator(_text)]


def _krs(value: str) -> str:
    if not re.fullmatch(r"[0-9]{10}", value):
        raise ValueError(
            f"numer KRS „{value}” musi mieć dokładnie 10 cyfr, z zerami na początku "
            "(np. \"0000123456\"), bez spacji i liter"
        )
    return value


def _digits(value: str) -> str:
    return re.sub(r"[\s-]", "", value)


def _nip(value: str) -> str:
    digits = _digits(value.removeprefix("PL"))
    if not re.fullmatch(r"[0-9]{10}", digits):
        raise ValueError(f"NIP „{value}” musi mieć 10 cyfr (myślniki i spacje są dozwolone)")
    try:
        stdnum_nip.validate(digits)
    except StdnumError:
        raise ValueError(
            f"NIP „{value}” ma błędną cyfrę kontrolną; sprawdź, czy cyfry nie zostały "
            "przestawione lub pomylone (numer znajdziesz w KRS lub na dokumentach z urzędu "
            "skarbowego)"
        ) from None
    return digits


def _regon(value: str) -> str:
    digits = _digits(value)
    if not re.fullmatch(r"[0-9]{9}|[0-9]{14}", digits):
        raise ValueError(f"REGON „{value}” musi mieć 9 albo 14 cyfr")
    try:
        stdnum_regon.validate(digits)
    except StdnumError:
        raise ValueError(
            f"REGON „{value}” ma błędną cyfrę kontrolną; sprawdź numer w wyszukiwarce REGON GUS"
        ) from None
    return digits


def _postal_code(value: str) -> str:
    if not re.fullmatch(r"[0-9]{2}-[0-9]{3}", value):
        raise ValueError(
            f"kod pocztowy „{value}” zapisz w formacie NN-NNN, w cudzysłowie, np. \"11-513\""
        )
    return value


def _phone(value: str) -> str:
    digits = re.sub(r"[\s()-]", "", value)
    if not re.fullmatch(r"(\+48)?[0-9]{9}", digits):
        raise ValueError(
            f"numer telefonu „{value}” zapisz w cudzysłowie jako 9 cyfr, opcjonalnie z +48, "
            "np. \"+48 87 421 10 00\" albo \"600 100 200\""
        )
    return value.strip()


def _email(value: str) -> str:
    value = value.strip()
    if not re.fullmatch(r"[^@\s<>\"']+@[^@\s<>\"']+\.[A-Za-z]{2,}", value):
        raise ValueError(f"adres e-mail „{value}” jest niepoprawny; wzór: kontakt@przyklad.pl")
    return value


def _url(value: str) -> str:
    value = value.strip()
    if not re.fullmatch(r"https?://[^\s<>\"'`]+\.[^\s<>\"'`]+", value):
        raise ValueError(
            f"adres „{value}” musi być pełnym adresem strony zaczynającym się od https:// "
            "(np. https://www.przyklad.pl)"
        )
    return value


def _date(value: object) -> object:
    """Accept a YAML date or an ISO string; refuse numbers that pydantic would read as time."""
    # datetime is a subclass of date: test it first, or a time of day slips through to pydantic.
    if isinstance(value, datetime):
        raise ValueError(f"wpisz samą datę bez godziny, np. {value.date().isoformat()}")
    if isinstance(value, date):
        return value
    if isinstance(value, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value.strip()):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(
                f"„{value}” nie jest prawdziwą datą; sprawdź dzień i miesiąc") from None
    raise ValueError(f"„{value}” nie jest datą; wpisz ją w formacie RRRR-MM-DD, np. 2026-11-26")


Krs = Annotated[str, AfterValidator(_krs)]
Nip = Annotated[str, AfterValidator(_nip)]
Regon = Annotated[str, AfterValidator(_regon)]
PostalCode = Annotated[str, AfterValidator(_postal_code)]
Phone = Annotated[str, AfterValidator(_phone)]
Email = Annotated[str, AfterValidator(_email)]
Url = Annotated[str, AfterValidator(_url)]
IsoDate = Annotated[date, BeforeValidator(_date)]


class Strict(BaseModel):
    """Unknown keys are errors: a typo must never make a value vanish silently."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=False)


class OtherRegistration(Strict):
    registry: Register = Field(alias="rejestr", description="Rodzaj rejestru")  # type: ignore[valid-type]
    number: Text | None = Field(None, alias="numer", max_length=40,
                                description="Numer wpisu w rejestrze (jeśli znany)")
    authority: Text | None = Field(None, alias="organ", max_length=200,
                                   description="Kto prowadzi rejestr, np. Starosta Giżycki")


class Identifiers(Strict):
    krs: Krs | None = Field(None, description="Numer KRS: 10 cyfr w cudzysłowie")
    nip: Nip | None = Field(None, description="NIP: 10 cyfr")
    regon: Regon | None = Field(None, description="REGON: 9 albo 14 cyfr")
    other_registration: OtherRegistration | None = Field(
        None, alias="inny_rejestr",
        description="Wpis w innym rejestrze niż KRS (KGW w ARiMR, ewidencja starosty)")


class Coordinates(Strict):
    @model_validator(mode="before")
    @classmethod
    def _not_swapped(cls, data: object) -> object:
        if isinstance(data, dict):
            lat, lon = data.get("szerokosc"), data.get("dlugosc")
            if (isinstance(lat, float | int) and isinstance(lon, float | int)
                    and 14.0 <= lat <= 24.2 and 49.0 <= lon <= 55.0):
                raise ValueError(
                    f"szerokość {lat} i długość {lon} wyglądają na zamienione; w Polsce "
                    "szerokość to 49–55 (np. 53.94), a długość 14–24 (np. 21.88)")
        return data

    lat: float = Field(alias="szerokosc", ge=49.0, le=55.0,
                       description="Szerokość geograficzna (stopnie dziesiętne), np. 53.9431")
    lon: float = Field(alias="dlugosc", ge=14.0, le=24.2,
                       description="Długość geograficzna (stopnie dziesiętne), np. 21.8825")


class PostalAddress(Strict):
    """An address in the gmina, as written on an envelope (NGO seat, fair venue)."""

    street: Text | None = Field(None, alias="ulica", max_length=120,
                                description="Ulica bez „ul.”; pomiń we wsiach bez ulic")
    number: Text | None = Field(None, alias="numer", max_length=20,
                                description="Numer budynku (i lokalu), w cudzysłowie")
    postal_code: PostalCode = Field(alias="kod_pocztowy", description="Kod pocztowy NN-NNN")
    locality: Text = Field(alias="miejscowosc", description="Miejscowość z listy gminy")
    coordinates: Coordinates | None = Field(None, alias="wspolrzedne",
                                            description="Dokładne współrzędne (opcjonalnie)")


class Address(PostalAddress):
    pin_precision: PinPrecision = Field(  # type: ignore[valid-type]
        "adres", alias="na_mapie",
        description="adres: pinezka pod adresem; miejscowosc: tylko miejscowość (ochrona "
                    "prywatności, np. adres domowy wolontariusza)")


class Contact(Strict):
    email: Email | None = Field(None, description="Adres e-mail")
    phone: Phone | None = Field(None, alias="telefon", description="Telefon, w cudzysłowie")
    website: Url | None = Field(None, alias="www", description="Strona internetowa")
    social: list[Url] = Field(default_factory=list, alias="media_spolecznosciowe",
                              max_length=10, description="Profile w mediach społecznościowych")


class Organisation(Strict):
    """One NGO, as published in the directory."""

    name: Text = Field(alias="nazwa", max_length=250, description="Pełna nazwa organizacji")
    short_name: Text | None = Field(None, alias="nazwa_skrocona", max_length=80,
                                    description="Nazwa skrócona, np. OSP Miłki")
    legal_form: LegalForm = Field(alias="forma_prawna", description="Forma prawna")  # type: ignore[valid-type]
    legal_form_other: Text | None = Field(
        None, alias="forma_prawna_opis", max_length=120,
        description="Opis formy prawnej, gdy forma_prawna: inna")
    public_benefit: bool = Field(False, alias="opp", strict=True,
                                 description="Status organizacji pożytku publicznego (true/false)")
    description: Text = Field(alias="opis", max_length=5000,
                              description="Opis działalności (Markdown)")
    areas: list[Area] = Field(  # type: ignore[valid-type]
        alias="obszary", min_length=1, max_length=10,
        description="Sfery pożytku publicznego (art. 4 ustawy), od 1 do 10")
    target_groups: list[TargetGroup] = Field(  # type: ignore[valid-type]
        default_factory=list, alias="grupy_docelowe", description="Do kogo kierujecie działania")
    identifiers: Identifiers = Field(default_factory=Identifiers, alias="identyfikatory",
                                     description="KRS, NIP, REGON, inny rejestr")
    address: Address = Field(alias="adres", description="Adres siedziby lub miejsca działania")
    contact: Contact = Field(default_factory=Contact, alias="kontakt", description="Kontakt")
    offer: Text | None = Field(None, alias="oferta", max_length=3000,
                               description="Oferta współpracy dla mieszkańców (Markdown)")
    verified: IsoDate = Field(alias="zweryfikowano",
                              description="Data ostatniego sprawdzenia danych, RRRR-MM-DD")



def field_aliases(model: type[BaseModel]) -> list[str]:
    return [f.alias or name for name, f in model.model_fields.items()]


def check_cross_field(org: Organisation) -> list[tuple[tuple[str | int, ...], str]]:
    """Rules between fields of one entry, as (key path, Polish message) pairs."""
    found: list[tuple[tuple[str | int, ...], str]] = []
    ids = org.identifiers
    if org.legal_form in FORMS_WITHOUT_KRS and ids.krs:
        found.append((("identyfikatory", "krs"),
                      "stowarzyszenie zwykłe nie jest wpisywane do KRS; usuń numer KRS, a numer "
                      "z ewidencji starosty wpisz w polu identyfikatory.inny_rejestr"))
    if org.public_benefit and not ids.krs:
        found.append((("opp",),
                      "status OPP nadaje sąd rejestrowy, więc organizacja pożytku publicznego "
                      "ma numer KRS; wpisz go w identyfikatory.krs albo ustaw opp: false"))
    if org.legal_form == "inna" and not org.legal_form_other:
        found.append((("forma_prawna",),
                      "przy forma_prawna: inna opisz formę prawną w polu forma_prawna_opis, "
                      "np. forma_prawna_opis: koło Polskiego Związku Wędkarskiego"))
    if org.legal_form != "inna" and org.legal_form_other:
        found.append((("forma_prawna_opis",),
                      "pole forma_prawna_opis wypełnia się tylko przy forma_prawna: inna; "
                      "usuń je"))
    for key, values in (("obszary", org.areas), ("grupy_docelowe", org.target_groups)):
        seen: set[str] = set()
        for i, value in enumerate(values):
            if value in seen:
                found.append(((key, i), f"wartość „{value}” powtarza się na liście (pozycja "
                                        f"{i + 1}); usuń powtórzenie"))
            seen.add(value)
    return found
