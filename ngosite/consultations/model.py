"""A comment as the form sends it: the fixed block between ``=== UWAGA KONSULTACYJNA ===`` and
``=== KONIEC UWAGI ===``, read back by ``ngosite consultation import``.

The block is YAML with Polish keys, readable by the clerk who opens the e-mail and by the
import. ``uzasadnienie`` is the comment itself (it becomes ``tresc`` of the report entry, where
``uzasadnienie`` is the gmina's answer); a resident's name and contact never leave the terminal.
The limits are the report's own (``ngosite.documents.model.Comment``), so whatever the form
accepts fits the report.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from pydantic import Field

from ngosite.core.fields import IsoDate, Strict, Text
from ngosite.documents.model import Comment, CommentId, VersionNumber
from ngosite.documents.text import QUOTE_LIMIT

START_MARKER = "=== UWAGA KONSULTACYJNA ==="
END_MARKER = "=== KONIEC UWAGI ==="
SCHEMA_FILE = "data/uwaga-konsultacyjna.schema.json"

ORGANISATION, RESIDENT, OTHER = "organizacja", "mieszkaniec", "inny_podmiot"
SENDER_KINDS = {
    ORGANISATION: "organizacja pozarządowa z katalogu",
    RESIDENT: "mieszkanka albo mieszkaniec (osoba fizyczna)",
    OTHER: "inny podmiot (np. szkoła, rada sołecka, firma)",
}


def _limit(field: str) -> int:
    for meta in Comment.model_fields[field].metadata:
        if hasattr(meta, "max_length"):
            return int(meta.max_length)
    raise LookupError(field)  # pragma: no cover - the report's model always limits these


TEXT_LIMIT = _limit("text")
PROPOSAL_LIMIT = _limit("proposal")
ENTITY_LIMIT = _limit("entity")
NAME_LIMIT = 200
CONTACT_LIMIT = 200


class Submission(Strict):
    """One comment, as the resident or NGO sent it."""

    identifier: CommentId = Field(alias="identyfikator",
                                  description="Identyfikator uwagi nadany przez formularz")
    document: Text = Field(alias="dokument", max_length=100,
                           description="Adres dokumentu w serwisie, np. program-wspolpracy")
    version: VersionNumber = Field(alias="wersja", description="Numer konsultowanej wersji")
    section: Text = Field(alias="dotyczy", max_length=60,
                          description="Której części dotyczy: np. „§ 5 ust. 2”, „wstęp”, "
                                      "„cały dokument”")
    quoted: Text | None = Field(None, alias="brzmienie", max_length=QUOTE_LIMIT + 10,
                                description="Obecne brzmienie tej części (cytat)")
    proposal: Text | None = Field(None, alias="propozycja", max_length=PROPOSAL_LIMIT,
                                  description="Proponowane brzmienie (opcjonalnie)")
    text: Text = Field(alias="uzasadnienie", max_length=TEXT_LIMIT,
                       description="Treść uwagi i jej uzasadnienie")
    sender: Literal["organizacja", "mieszkaniec", "inny_podmiot"] = Field(
        alias="nadawca", description="Kto zgłasza: organizacja, mieszkaniec albo inny_podmiot")
    organisation: Text | None = Field(None, alias="organizacja", max_length=120,
                                      description="Adres organizacji w katalogu (przy "
                                                  "nadawca: organizacja)")
    entity: Text | None = Field(None, alias="podmiot", max_length=ENTITY_LIMIT,
                                description="Nazwa podmiotu (przy nadawca: inny_podmiot)")
    person: Text | None = Field(None, alias="imie_i_nazwisko", max_length=NAME_LIMIT,
                                description="Imię i nazwisko mieszkańca: tylko dla urzędu, "
                                            "nigdy nie jest publikowane")
    contact: Text | None = Field(None, alias="kontakt", max_length=CONTACT_LIMIT,
                                 description="Kontakt do odpowiedzi (opcjonalnie): tylko dla "
                                             "urzędu")
    written: IsoDate = Field(alias="data", description="Dzień przygotowania uwagi, RRRR-MM-DD")


def submission_schema() -> dict[str, Any]:
    schema = Submission.model_json_schema(by_alias=True, mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Uwaga konsultacyjna",
        "description": f"Blok między liniami {START_MARKER} i {END_MARKER} w wiadomości, pliku "
                       "albo zgłoszeniu z formularza uwag; czyta go polecenie "
                       "„ngosite consultation import”.",
        **{k: v for k, v in schema.items() if k not in ("title", "description")},
    }


def schema_json() -> str:
    return json.dumps(submission_schema(), ensure_ascii=False, indent=2) + "\n"
