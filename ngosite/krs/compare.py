"""An entry compared with the register: what changed there, in Polish, and what ``--update``
may apply.

Only register facts are ever updated: the official name (and ``nazwa`` when the NGO kept the
register's wording), the seat's address, OPP status, NIP, REGON and the registration date.
Descriptions, areas and contacts belong to the NGO and are never touched. Liquidation,
bankruptcy, dissolution and removal have no field in an entry: they are reported until staff
act on them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ngosite.core.folding import fold
from ngosite.core.polish_dates import polish_date
from ngosite.geo.gazetteer import Gazetteer
from ngosite.organisations.model import Organisation

from .client import Fetched
from .naming import readable_name, readable_street
from .record import RegisterRecord

KeyPath = tuple[str, ...]


@dataclass(frozen=True)
class Finding:
    kind: str
    key: KeyPath
    message: str
    severity: str = "warning"  # "warning" (a change to act on) or "info" (a fact to fill in)
    updates: dict[KeyPath, Any] = field(default_factory=dict)


def fetch_findings(fetched: Fetched) -> list[Finding]:
    """What a lookup without an extract says: the number is not in the register, or removed."""
    if fetched.state == "not_found":
        return [Finding("brak_numeru", ("identyfikatory", "krs"),
                        f"numeru KRS {fetched.number} nie ma w rejestrze (ani w rejestrze "
                        "stowarzyszeń, ani przedsiębiorców): sprawdź numer z organizacją")]
    day = f" ({polish_date(fetched.removed_on)})" if fetched.removed_on else ""
    return [Finding("wykreslenie", ("identyfikatory", "krs"),
                    f"organizacja została wykreślona z KRS{day}: ustal z nią, czy nadal "
                    "działa; jeśli nie, usuń wpis z katalogu")]


def compare(org: Organisation, record: RegisterRecord, gazetteer: Gazetteer) -> list[Finding]:
    """Every difference between an entry and the register's record of it."""
    found = _status(record)
    found += _name(org, record)
    found += _address(org, record, gazetteer)
    found += _public_benefit(org, record)
    found += _identifiers(org, record)
    return found


def _status(record: RegisterRecord) -> list[Finding]:
    found = []
    if record.in_liquidation:
        found.append(Finding("likwidacja", ("nazwa",), "organizacja jest w likwidacji (wpis "
                             "w KRS): ustal z nią, czy prowadzi jeszcze działalność"))
    if record.in_bankruptcy:
        found.append(Finding("upadlosc", ("nazwa",), "wobec organizacji toczy się postępowanie "
                             "upadłościowe (wpis w KRS): ustal z nią stan spraw"))
    if record.dissolved:
        found.append(Finding("rozwiazanie", ("nazwa",), "KRS odnotowuje rozwiązanie "
                             "organizacji: ustal z nią, czy wpis ma zostać w katalogu"))
    return found


def _name(org: Organisation, record: RegisterRecord) -> list[Finding]:
    official = org.identifiers.krs_name
    if official is not None and official == record.name:
        return []
    if official is None and fold(org.name) == fold(record.name):
        return [Finding("uzupelnienie", ("identyfikatory", "krs"), "wpis nie ma nazwy z KRS "
                        "(identyfikatory.nazwa_w_krs); --update ją dopisze", "info",
                        {("identyfikatory", "nazwa_w_krs"): record.name})]
    updates: dict[KeyPath, Any] = {("identyfikatory", "nazwa_w_krs"): record.name}
    kept_wording = official is not None and fold(org.name) in (fold(official),
                                                               fold(readable_name(official)))
    if kept_wording:
        updates[("nazwa",)] = readable_name(record.name)[:250]
    before = official if official is not None else org.name
    return [Finding("nazwa", ("nazwa",), f"nazwa w KRS to „{record.name}” (we wpisie: "
                    f"„{before}”)", updates=updates)]


def _address(org: Organisation, record: RegisterRecord, gazetteer: Gazetteer) -> list[Finding]:
    address = org.address
    village_only = address.pin_precision == "miejscowosc"
    ours = [address.postal_code, address.locality]
    theirs = [record.postal_code, readable_name(record.locality or "")]
    if not village_only:
        ours = [address.street, address.number, *ours]
        theirs = [readable_street(record.street), record.house, *theirs]
    if [fold(v or "") for v in ours] == [fold(v or "") for v in theirs]:
        return []
    shown = ", ".join(v for v in theirs if v) or "brak adresu"
    mine = ", ".join(v for v in ours if v)
    by_folded = {fold(n): n for n in gazetteer.by_name()}
    locality = by_folded.get(fold(record.locality or ""))
    if locality is None:
        return [Finding("adres", ("adres",), f"adres siedziby w KRS: „{shown}” (we wpisie: "
                        f"„{mine}”); to miejscowość spoza gminy, więc --update go nie zmieni")]
    updates: dict[KeyPath, Any] = {("adres", "kod_pocztowy"): record.postal_code,
                                   ("adres", "miejscowosc"): locality}
    if not village_only:
        updates[("adres", "ulica")] = readable_street(record.street)
        updates[("adres", "numer")] = record.house
    extra = "; sprawdź też adres.wspolrzedne" if address.coordinates else ""
    return [Finding("adres", ("adres",), f"adres siedziby w KRS: „{shown}” (we wpisie: "
                    f"„{mine}”){extra}", updates=updates)]


def _public_benefit(org: Organisation, record: RegisterRecord) -> list[Finding]:
    if record.public_benefit is None or record.public_benefit == org.public_benefit:
        return []
    text = ("organizacja uzyskała status organizacji pożytku publicznego (OPP)"
            if record.public_benefit else
            "organizacja utraciła status organizacji pożytku publicznego (OPP)")
    return [Finding("opp", ("opp",), text, updates={("opp",): record.public_benefit})]


def _identifiers(org: Organisation, record: RegisterRecord) -> list[Finding]:
    found = []
    ids = org.identifiers
    for key, ours, theirs in (("nip", ids.nip, record.nip), ("regon", _regon9(ids.regon),
                                                             record.regon)):
        path = ("identyfikatory", key)
        if theirs is None or ours == theirs:
            continue
        if ours is None:
            found.append(Finding("uzupelnienie", path, f"KRS podaje {key.upper()} {theirs}; "
                                 "--update go dopisze", "info", {path: theirs}))
        else:
            found.append(Finding(key, path, f"{key.upper()} we wpisie ({ours}) różni się od "
                                 f"podanego w KRS ({theirs})", updates={path: theirs}))
    if record.registered and ids.krs_registered != record.registered:
        path = ("identyfikatory", "data_wpisu_krs")
        found.append(Finding("uzupelnienie", path, "data rejestracji w KRS: "
                             f"{record.registered.isoformat()}; --update ją wpisze", "info",
                             {path: record.registered}))
    return found


def _regon9(regon: str | None) -> str | None:
    if regon and len(regon) == 14 and regon.endswith("00000"):
        return regon[:9]
    return regon
