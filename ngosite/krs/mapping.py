"""A register record made into a draft NGO entry in the directory's own format.

The register gives the facts (name, form, OPP, identifiers, seat, registration date, statutory
aims); what only the NGO can say (what it does for residents, for whom, how to reach it) is
left for it, and the aims go into ``opis`` as a clearly marked draft to rewrite. The areas of
activity are proposed from words of the aims and the name and the clerk is told to check them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from ngosite.core.fields import check_email, check_postal_code, check_url
from ngosite.core.folding import fold
from ngosite.geo.gazetteer import Gazetteer

from .legal_forms import map_legal_form
from .naming import readable_name, readable_street, sentence_case, shorten
from .record import RegisterRecord

DRAFT_MARK = ("**Szkic do przepisania przez organizację.** Poniżej są cele statutowe "
              "przepisane z KRS; zastąpcie je kilkoma zdaniami o tym, co robicie dla "
              "mieszkańców gminy.")
NO_AIMS = "Rejestr nie podaje celów statutowych: opiszcie, czym zajmuje się organizacja."
DEFAULT_AREA = "wspolnoty_lokalne"
MAX_AREAS = 5

# Word stems (folded) → area of public benefit; the first matches of the aims win.
AREA_WORDS: tuple[tuple[str, str], ...] = (
    ("pozar", "ratownictwo"), ("ratown", "ratownictwo"), ("bezpieczen", "bezpieczenstwo"),
    ("sport", "sport"), ("kultury fizycznej", "sport"), ("rekreac", "sport"),
    ("kultur", "kultura"), ("sztuk", "kultura"), ("dziedzictw", "kultura"),
    ("tradycj", "tradycja_narodowa"), ("eduka", "edukacja"), ("oswiat", "edukacja"),
    ("wychowa", "edukacja"), ("dzieci", "dzieci_i_mlodziez"), ("mlodziez", "dzieci_i_mlodziez"),
    ("senior", "seniorzy"), ("emeryt", "seniorzy"), ("podeszlym wieku", "seniorzy"),
    ("zdrowi", "zdrowie"), ("niepelnospraw", "niepelnosprawnosc"),
    ("ekolog", "ekologia"), ("srodowisk", "ekologia"), ("przyrod", "ekologia"),
    ("zwierz", "ekologia"), ("turyst", "turystyka"), ("krajoznaw", "turystyka"),
    ("pomoc spoleczn", "pomoc_spoleczna"), ("ubog", "pomoc_spoleczna"),
    ("charytat", "dzialalnosc_charytatywna"), ("wolontar", "wolontariat"),
    ("rodzin", "rodzina"), ("uzaleznien", "uzaleznienia"), ("alkohol", "uzaleznienia"),
    ("narkoman", "uzaleznienia"), ("spolecznosci lokaln", "wspolnoty_lokalne"),
    ("wsi", "wspolnoty_lokalne"), ("obszarow wiejskich", "wspolnoty_lokalne"),
    ("organizacji pozarzadowych", "wspieranie_organizacji"),
)


@dataclass(frozen=True)
class Draft:
    """The entry as a mapping of YAML keys, and notes for the clerk (Polish)."""

    entry: dict[str, Any]
    notes: tuple[str, ...]
    locality_found: bool


def draft_entry(record: RegisterRecord, gazetteer: Gazetteer, today: date) -> Draft:
    notes = list(record.notes)
    form = map_legal_form(record.legal_form, record.name)
    if form.note:
        notes.append(form.note)
    name = shorten(readable_name(record.name), 250)
    areas = propose_areas(f"{record.name}\n{record.aims or ''}")
    notes.append(f"obszary działalności zaproponowano ze słów celów statutowych "
                 f"({', '.join(areas)}): sprawdźcie je z organizacją")
    address, found = _address(record, gazetteer, notes)
    entry: dict[str, Any] = {
        "nazwa": name,
        "forma_prawna": form.slug,
        "forma_prawna_opis": form.other,
        "opp": bool(record.public_benefit),
        "opis": draft_description(record.aims, status_warnings(record)),
        "obszary": areas,
        "identyfikatory": {
            "krs": record.number, "nazwa_w_krs": shorten(record.name, 1000),
            "data_wpisu_krs": record.registered.isoformat() if record.registered else None,
            "nip": record.nip, "regon": record.regon,
        },
        "adres": address,
        "kontakt": _contact(record),
        "zweryfikowano": today.isoformat(),
    }
    return Draft(entry, tuple(notes), found)


def status_warnings(record: RegisterRecord) -> list[str]:
    """What the register says that puts the organisation's activity in doubt (Polish)."""
    found = []
    if record.in_liquidation:
        found.append("jest w likwidacji")
    if record.in_bankruptcy:
        found.append("jest w upadłości (toczy się postępowanie upadłościowe)")
    if record.dissolved:
        found.append("została rozwiązana")
    return found


def draft_description(aims: str | None, warnings: list[str] | None = None) -> str:
    """The marked draft: the aims from the register, in sentence case, within 5,000 chars;
    first, in bold, what the register says about the organisation's liquidation or bankruptcy,
    so nobody publishes the draft without seeing it."""
    mark = DRAFT_MARK
    if warnings:
        mark += (f"\n\n**Według KRS organizacja {' i '.join(warnings)}:** ustalcie z nią, czy "
                 "nadal działa, zanim wpis trafi do katalogu.")
    if not aims:
        return f"{mark}\n\n{NO_AIMS}"
    head = f"{mark}\n\nCele statutowe (KRS):\n\n"
    return head + shorten(sentence_case(aims), 5000 - len(head))


def propose_areas(text: str) -> list[str]:
    folded = fold(text)
    found: list[tuple[int, str]] = []
    for stem, area in AREA_WORDS:
        at = folded.find(stem)
        if at >= 0 and area not in {a for _, a in found}:
            found.append((at, area))
    areas = [area for _, area in sorted(found)][:MAX_AREAS]
    return areas or [DEFAULT_AREA]


def _address(record: RegisterRecord, gazetteer: Gazetteer,
             notes: list[str]) -> tuple[dict[str, Any], bool]:
    by_folded = {fold(name): name for name in gazetteer.by_name()}
    locality = by_folded.get(fold(record.locality or ""))
    postal = record.postal_code if _valid(check_postal_code, record.postal_code) else None
    if locality is None:
        where = readable_name(record.locality or "") or "nieznana miejscowość"
        notes.append(f"siedziba według KRS: {where} — poza listą miejscowości gminy")
    house = record.house[:20] if record.house else None
    return ({"ulica": shorten(readable_street(record.street) or "", 120) or None,
             "numer": house, "kod_pocztowy": postal,
             "miejscowosc": locality or readable_name(record.locality or "")}, locality is not None)


def _contact(record: RegisterRecord) -> dict[str, Any]:
    """The organisation's own e-mail and website from the register, when they pass our checks."""
    email = (record.email or "").strip().lower() or None
    website = (record.website or "").strip().lower() or None
    if website and not website.startswith(("http://", "https://")):
        website = f"https://{website}"
    return {"email": email if _valid(check_email, email) else None,
            "www": website if _valid(check_url, website) else None}


def _valid(check: Any, value: str | None) -> bool:
    if not value:
        return False
    try:
        check(value)
    except ValueError:
        return False
    return True


def register_address(record: RegisterRecord) -> dict[str, str | None]:
    """The register's address in the entry's terms, for comparing with an entry."""
    return {"ulica": readable_street(record.street), "numer": record.house,
            "kod_pocztowy": record.postal_code, "miejscowosc": readable_name(record.locality or "")}

