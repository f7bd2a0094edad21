"""The accessibility statement's facts, as ``deklaracja_dostepnosci`` in ``data/gmina.yml``.

The statement is a legal document (ustawa z dnia 4 kwietnia 2019 r. o dostępności cyfrowej,
art. 10): what the office has not told us must not be guessed. Any field may therefore hold the
marker ``do uzupełnienia przez urząd``; the page then shows that marker in place of the fact and
the build reports each one as information for staff (never a warning: the site stays buildable;
``accessibility_statement.statement_problems``).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, Field

from ngosite.core.fields import Strict, Text, check_date, check_email, check_phone, check_url
from ngosite.core.yaml_source import KeyPath

PENDING = "do uzupełnienia przez urząd"
SECTION = "deklaracja_dostepnosci"
SETTINGS_FILE = "data/gmina.yml"


def is_pending(value: object) -> bool:
    return isinstance(value, str) and value.strip().casefold() == PENDING


def _pending_or(check):
    def validate(value: object) -> object:
        return PENDING if is_pending(value) else check(value)
    return validate


PendingDate = Annotated[date | str, BeforeValidator(_pending_or(check_date))]
PendingEmail = Annotated[str, AfterValidator(_pending_or(check_email))]
PendingPhone = Annotated[str, AfterValidator(_pending_or(check_phone))]
PendingUrl = Annotated[str, AfterValidator(_pending_or(check_url))]

STATUSES = {
    "zgodna": "w pełni zgodna",
    "czesciowo_zgodna": "częściowo zgodna",
    "niezgodna": "niezgodna",
}
Status = Literal["zgodna", "czesciowo_zgodna", "niezgodna", "do uzupełnienia przez urząd"]


class InaccessibleContent(Strict):
    content: Text = Field(alias="tresc", description="Która treść lub funkcja nie jest dostępna")
    reason: Text = Field(alias="powod",
                         description="Dlaczego (np. wyłączenie z art. 3 ustawy, treść "
                                     "przekazana przez organizację)")
    alternative: Text | None = Field(None, alias="alternatywa",
                                     description="Jak inaczej dotrzeć do tej informacji")


class AccessibilityStatementSettings(Strict):
    """The facts of the statement; text fields are Polish sentences shown as written."""

    published: PendingDate = Field(
        PENDING, alias="data_publikacji",
        description="Data publikacji serwisu (RRRR-MM-DD), czyli dzień, w którym serwis "
                    "pierwszy raz udostępniono mieszkańcom")
    updated: PendingDate = Field(
        PENDING, alias="data_aktualizacji",
        description="Data ostatniej istotnej aktualizacji serwisu (RRRR-MM-DD)")
    status: Status = Field(  # type: ignore[valid-type]
        PENDING, alias="status",
        description="Zgodność z ustawą: zgodna, czesciowo_zgodna albo niezgodna")
    inaccessible: list[InaccessibleContent] = Field(
        default_factory=list, alias="niedostepne_tresci",
        description="Treści niedostępne, z powodem i sposobem alternatywnego dostępu")
    burden_analysis: PendingUrl | None = Field(
        None, alias="analiza_nadmiernego_obciazenia",
        description="Adres analizy nadmiernego obciążenia (tylko jeśli ją sporządzono)")
    prepared: PendingDate = Field(PENDING, alias="data_sporzadzenia",
                                  description="Data sporządzenia deklaracji (RRRR-MM-DD)")
    reviewed: PendingDate | None = Field(
        None, alias="data_przegladu",
        description="Data ostatniego przeglądu deklaracji (RRRR-MM-DD); przegląd co najmniej "
                    "raz w roku")
    assessment: Text = Field(
        PENDING, alias="sposob_oceny",
        description="Jak oceniono dostępność: samoocena (jak) albo badanie zewnętrzne")
    auditor: Text | None = Field(None, alias="audytor",
                                 description="Kto przeprowadził badanie zewnętrzne (jeśli było)")
    contact_person: Text = Field(
        PENDING, alias="osoba_kontaktowa",
        description="Imię i nazwisko osoby odpowiedzialnej za sprawy dostępności")
    email: PendingEmail = Field(PENDING, description="E-mail do spraw dostępności")
    phone: PendingPhone = Field(PENDING, alias="telefon",
                                description="Telefon do spraw dostępności")
    architecture: list[Text] = Field(
        default_factory=lambda: [PENDING], alias="dostepnosc_architektoniczna",
        description="Dostępność architektoniczna siedziby urzędu: wejścia, schody, windy, "
                    "toalety, parking, pies asystujący, pętla indukcyjna (akapity)")
    sign_language: Text = Field(
        PENDING, alias="jezyk_migowy",
        description="Tłumacz języka migowego: czy i jak z niego skorzystać")
    mobile_apps: Text = Field(PENDING, alias="aplikacje_mobilne",
                              description="Aplikacje mobilne podmiotu i ich deklaracje")


def pending_fields(model: BaseModel, prefix: KeyPath = ()) -> list[KeyPath]:
    """Key paths (YAML spelling) of every value still marked „do uzupełnienia przez urząd”."""
    found: list[KeyPath] = []
    for name, info in type(model).model_fields.items():
        key = info.alias or name
        value = getattr(model, name)
        values = list(enumerate(value)) if isinstance(value, list) else [(None, value)]
        for index, item in values:
            path = (*prefix, key) if index is None else (*prefix, key, index)
            if is_pending(item):
                found.append(path)
            elif isinstance(item, BaseModel):
                found.extend(pending_fields(item, path))
    return found
