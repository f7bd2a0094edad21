"""One NGO as the register describes it: the facts we use, read from the raw JSON answer.

Bytes in, a :class:`RegisterRecord` out, or :class:`BadAnswer` with one Polish line: whatever
the server sends (HTML, a cut-off body, ``NaN``, a field of the wrong type) ends there, never
as a traceback. Identifiers that fail their checksum are dropped with a note rather than
refusing the whole extract: everything else in it is still good.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pydantic import ValidationError
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.pl import nip as stdnum_nip
from stdnum.pl import regon as stdnum_regon

from . import faults
from .faults import BadAnswer
from .model import Answer, FullAnswer, error_messages

MAX_BODY = 5 * 1024 * 1024
REMOVAL = "WYKREŚLENIE"


@dataclass(frozen=True)
class RegisterRecord:
    """The register's facts about one entity; ``notes`` say what was left out and why."""

    number: str
    register: str  # "S" (associations, foundations) or "P" (entrepreneurs)
    name: str
    legal_form: str
    public_benefit: bool | None
    nip: str | None
    regon: str | None
    street: str | None
    house: str | None
    postal_code: str | None
    locality: str | None
    seat_gmina: str | None
    registered: date | None
    as_of: date | None
    aims: str | None
    email: str | None
    website: str | None
    in_liquidation: bool
    in_bankruptcy: bool
    dissolved: bool
    notes: tuple[str, ...] = field(default=())


def decode_json(body: bytes) -> Any:
    """The answer's JSON, refusing what Python's parser would let through (NaN, 1e999)."""
    if len(body) > MAX_BODY:
        raise BadAnswer(faults.TOO_BIG)
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise BadAnswer(faults.NOT_UTF8) from None
    stripped = text.strip()
    if not stripped:
        raise BadAnswer(faults.EMPTY)
    if stripped.startswith("<"):
        raise BadAnswer(faults.HTML_PAGE)
    try:
        return json.loads(stripped, parse_constant=_refuse_constant, parse_float=_finite)
    except json.JSONDecodeError as exc:
        raise BadAnswer(faults.malformed_json(exc.lineno, exc.colno)) from None
    except RecursionError:
        raise BadAnswer(faults.TOO_DEEP) from None


def _refuse_constant(name: str) -> float:
    raise BadAnswer(faults.NON_FINITE)


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise BadAnswer(faults.NON_FINITE)
    return value


def parse_current(number: str, register: str, body: bytes) -> RegisterRecord:
    """The record in an ``OdpisAktualny`` answer for ``number``; BadAnswer if there is none."""
    data = decode_json(body)
    try:
        answer = Answer.model_validate(data)
    except ValidationError as exc:
        raise BadAnswer(faults.invalid_extract(error_messages(exc))) from None
    except (RecursionError, ValueError, TypeError):
        raise BadAnswer(faults.invalid_extract(["nieczytelna struktura"])) from None
    extract = answer.extract
    if extract.header.number != number:
        raise BadAnswer(faults.wrong_number(number, extract.header.number))
    return _record(number, register, answer)


def _record(number: str, register: str, answer: Answer) -> RegisterRecord:
    extract = answer.extract
    entity = extract.sections.section1.entity
    place = extract.sections.section1.seat_and_address
    section6 = extract.sections.section6
    notes: list[str] = []
    nip = _nip(entity.identifiers.nip, notes)
    regon = _regon(entity.identifiers.regon, notes)
    return RegisterRecord(
        number=number, register=register, name=entity.name, legal_form=entity.legal_form,
        public_benefit=entity.public_benefit, nip=nip, regon=regon,
        street=place.address.street, house=_house(place.address.house, place.address.flat),
        postal_code=place.address.postal_code,
        locality=place.address.locality or place.seat.locality,
        seat_gmina=place.seat.gmina, registered=extract.header.registered,
        as_of=extract.header.as_of, aims=extract.sections.section3.aims.text,
        email=place.email, website=place.website,
        in_liquidation=_present(section6.liquidation) or entity.name.endswith("W LIKWIDACJI"),
        in_bankruptcy=_present(section6.bankruptcy) or entity.name.endswith("W UPADŁOŚCI"),
        dissolved=_present(section6.dissolution), notes=tuple(notes))


def _present(section: Any) -> bool:
    return section not in (None, {}, [], "")


def _house(house: str | None, flat: str | None) -> str | None:
    if house and flat:
        return f"{house}/{flat}"
    return house or None


def _nip(value: str | None, notes: list[str]) -> str | None:
    if not value:
        return None
    digits = value.replace("-", "").replace(" ", "")
    try:
        return stdnum_nip.validate(digits)
    except StdnumError:
        notes.append(f"NIP z rejestru „{value[:20]}” nie przechodzi sprawdzenia cyfry "
                     "kontrolnej; pominięto go (sprawdź go z organizacją)")
        return None


def _regon(value: str | None, notes: list[str]) -> str | None:
    """The register pads a 9-digit REGON to 14 digits with zeros: the 9 digits are the REGON."""
    if not value:
        return None
    digits = value.replace(" ", "")
    if len(digits) == 14 and digits.endswith("00000"):
        digits = digits[:9]
    try:
        return stdnum_regon.validate(digits)
    except StdnumError:
        notes.append(f"REGON z rejestru „{value[:20]}” nie przechodzi sprawdzenia cyfry "
                     "kontrolnej; pominięto go (sprawdź go z organizacją)")
        return None


def removal_date(body: bytes) -> date | None:
    """The day of the entry that removed the NGO, from an ``OdpisPelny`` answer (or None)."""
    try:
        answer = FullAnswer.model_validate(decode_json(body))
    except (BadAnswer, ValidationError, RecursionError, ValueError, TypeError):
        return None
    for entry in reversed(answer.extract.header.entries):
        if entry.description and entry.description.startswith(REMOVAL):
            return entry.day
    return None
