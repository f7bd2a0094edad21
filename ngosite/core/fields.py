"""Field types shared by every data file: text, Polish identifiers, contacts, dates, places.

Validators raise ``ValueError`` with a Polish message that says how to fix the value:
``ngosite.core.validate`` turns it into a located problem. The NGO entry, the fair, documents
and the settings all build their models from these, so a postal code or a date is checked the
same way in every file.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, model_validator
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.pl import nip as stdnum_nip
from stdnum.pl import regon as stdnum_regon


def check_text(value: str) -> str:
    value = value.strip()
    if not value:
        raise ValueError("pole jest puste; wpisz tekst albo usuń to pole")
    return value


Text = Annotated[str, AfterValidator(check_text)]


def check_krs(value: str) -> str:
    if not re.fullmatch(r"[0-9]{10}", value):
        raise ValueError(
            f"numer KRS „{value}” musi mieć dokładnie 10 cyfr, z zerami na początku "
            "(np. \"0000123456\"), bez spacji i liter"
        )
    return value


def _digits(value: str) -> str:
    return re.sub(r"[\s-]", "", value)


def check_nip(value: str) -> str:
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


def check_regon(value: str) -> str:
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


def check_postal_code(value: str) -> str:
    if not re.fullmatch(r"[0-9]{2}-[0-9]{3}", value):
        raise ValueError(
            f"kod pocztowy „{value}” zapisz w formacie NN-NNN, w cudzysłowie, np. \"11-513\""
        )
    return value


def check_phone(value: str) -> str:
    digits = re.sub(r"[\s()-]", "", value)
    if not re.fullmatch(r"(\+48)?[0-9]{9}", digits):
        raise ValueError(
            f"numer telefonu „{value}” zapisz w cudzysłowie jako 9 cyfr, opcjonalnie z +48, "
            "np. \"+48 87 421 10 00\" albo \"600 100 200\""
        )
    return value.strip()


def check_email(value: str) -> str:
    value = value.strip()
    if not re.fullmatch(r"[^@\s<>\"']+@[^@\s<>\"']+\.[A-Za-z]{2,}", value):
        raise ValueError(f"adres e-mail „{value}” jest niepoprawny; wzór: kontakt@przyklad.pl")
    return value


def check_url(value: str) -> str:
    value = value.strip()
    if not re.fullmatch(r"https?://[^\s<>\"'`]+\.[^\s<>\"'`]+", value):
        raise ValueError(
            f"adres „{value}” musi być pełnym adresem strony zaczynającym się od https:// "
            "(np. https://www.przyklad.pl)"
        )
    return value


def check_date(value: object) -> object:
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


Krs = Annotated[str, AfterValidator(check_krs)]
Nip = Annotated[str, AfterValidator(check_nip)]
Regon = Annotated[str, AfterValidator(check_regon)]
PostalCode = Annotated[str, AfterValidator(check_postal_code)]
Phone = Annotated[str, AfterValidator(check_phone)]
Email = Annotated[str, AfterValidator(check_email)]
Url = Annotated[str, AfterValidator(check_url)]
IsoDate = Annotated[date, BeforeValidator(check_date)]


class Strict(BaseModel):
    """Unknown keys are errors: a typo must never make a value vanish silently."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=False)


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
