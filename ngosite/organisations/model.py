"""The NGO entry as typed models: what an ``ngos/<slug>.yml`` file may contain.

YAML keys are Polish ASCII snake_case (the people who edit them are Polish volunteers); Python
attributes are English. Validators raise ``ValueError`` with a Polish message that says how to
fix the value; the field types every data file shares are in ``fields``. Rules that need
other files (the locality list, other entries) live in ``rules.py``.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from ngosite.core.fields import (
    Email,
    IsoDate,
    Krs,
    Nip,
    Phone,
    PostalAddress,
    Regon,
    Strict,
    Text,
    Url,
)

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


class OtherRegistration(Strict):
    registry: Register = Field(alias="rejestr", description="Rodzaj rejestru")  # type: ignore[valid-type]
    number: Text | None = Field(None, alias="numer", max_length=40,
                                description="Numer wpisu w rejestrze (jeśli znany)")
    authority: Text | None = Field(None, alias="organ", max_length=200,
                                   description="Kto prowadzi rejestr, np. starosta powiatu")


class Identifiers(Strict):
    krs: Krs | None = Field(None, description="Numer KRS: 10 cyfr w cudzysłowie")
    krs_name: Text | None = Field(
        None, alias="nazwa_w_krs", max_length=1000,
        description="Nazwa dokładnie tak, jak w KRS (zwykle wielkimi literami); wpisuje ją "
                    "polecenie ngosite krs import")
    krs_registered: IsoDate | None = Field(
        None, alias="data_wpisu_krs", description="Data rejestracji w KRS, RRRR-MM-DD")
    nip: Nip | None = Field(None, description="NIP: 10 cyfr")
    regon: Regon | None = Field(None, description="REGON: 9 albo 14 cyfr")
    other_registration: OtherRegistration | None = Field(
        None, alias="inny_rejestr",
        description="Wpis w innym rejestrze niż KRS (KGW w ARiMR, ewidencja starosty)")


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
                                    description="Nazwa skrócona, np. OSP i nazwa miejscowości")
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
    if (ids.krs_name or ids.krs_registered) and not ids.krs:
        key = "nazwa_w_krs" if ids.krs_name else "data_wpisu_krs"
        found.append((("identyfikatory", key),
                      f"pole {key} opisuje wpis w KRS, więc wymaga numeru KRS; wpisz go "
                      "w identyfikatory.krs albo usuń to pole"))
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
