"""Rules of one event file that look beyond one value: times and the clock change, the place,
registration, status, organisers, the consulted document and the materials.

Each rule appends located Polish problems and never raises, so one mistake cannot hide another.
A broken file is still checked: the rules read whatever fields passed their own check
(``EventParts``), and skip a field that did not.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from ngosite.core.polish_dates import polish_date
from ngosite.core.problems import Problem, Severity
from ngosite.core.validate import problem_at
from ngosite.core.yaml_source import KeyPath, SourceDocument
from ngosite.fair.rules import KnownNgos

from .event import TIMEZONE
from .model import OFFICE, Event

EventParts = Mapping[str, Any]  # attribute name → valid value, or None when it failed its check
GUIDE = "docs/jak-dodac-wydarzenie.md"
MATERIALS_DIR = "materialy"


def parts_of(event: Event) -> EventParts:
    return {name: getattr(event, name) for name in Event.model_fields}


def salvage(data: object) -> EventParts:
    """The fields of a broken file that pass their own check, each validated alone."""
    raw: dict[str, Any] = data if isinstance(data, dict) else {}
    parts: dict[str, Any] = {}
    for name, field in Event.model_fields.items():
        value = raw.get(field.alias or name)
        if value is None:
            parts[name] = None if field.is_required() else field.get_default(
                call_default_factory=True)
            continue
        try:
            parts[name] = _adapter(name).validate_python(value)
        except ValidationError:
            parts[name] = None
    return parts


_ADAPTERS: dict[str, TypeAdapter[Any]] = {}


def _adapter(name: str) -> TypeAdapter[Any]:
    if name not in _ADAPTERS:
        from typing import Annotated

        field = Event.model_fields[name]
        _ADAPTERS[name] = TypeAdapter(Annotated[field.annotation, *field.metadata]) \
            if field.metadata else TypeAdapter(field.annotation)
    return _ADAPTERS[name]


@dataclass(frozen=True)
class KnownDocuments:
    """Documents and their versions an event may name: slug → {version: consultation dates}."""

    versions: Mapping[str, Mapping[int, tuple[date, date] | None]]

    @classmethod
    def of(cls, documents: object) -> KnownDocuments:
        found: dict[str, dict[int, tuple[date, date] | None]] = {}
        for document in documents:  # type: ignore[attr-defined]
            found[document.slug] = {
                v.number: (v.meta.consultation.start, v.meta.consultation.end)
                if v.meta.consultation else None for v in document.versions}
        return cls(found)


@dataclass(frozen=True)
class Context:
    """What the rules compare a file with."""

    root: Path
    ngos: KnownNgos
    documents: KnownDocuments
    today: date


def check_event(doc: SourceDocument, parts: EventParts, folder: str, context: Context,
                problems: list[Problem]) -> None:
    """Every rule of one file, on whatever parts of it are valid."""
    _check_times(doc, parts, problems)
    _check_place(doc, parts, problems)
    _check_registration(doc, parts, problems)
    _check_status(doc, parts, problems)
    _check_organisers(doc, parts, context.ngos, problems)
    _check_consultation(doc, parts, context.documents, problems)
    _check_materials(doc, parts, folder, context.root, problems)
    _check_summary(doc, parts, context.today, problems)


def clock_change_problem(moment: datetime) -> str | None:
    """Why a Polish wall-clock time is not one moment, or None when it is."""
    first, second = (moment.replace(tzinfo=TIMEZONE, fold=f) for f in (0, 1))
    if first.utcoffset() == second.utcoffset():
        return None
    hm, day = f"{moment:%H:%M}", polish_date(moment.date())
    back = first.astimezone(UTC).astimezone(TIMEZONE).replace(tzinfo=None)
    if back != moment:
        return (f"godzina {hm} nie istnieje {day}: tej nocy zegary przestawia się z 2:00 na "
                "3:00 (zaczyna się czas letni); wpisz godzinę przed 2:00 albo od 3:00")
    return (f"godzina {hm} wypada {day} dwa razy: tej nocy zegary cofa się z 3:00 na 2:00 "
            "(kończy się czas letni), więc nie wiadomo, o którą chodzi; wpisz godzinę przed "
            "2:00 albo od 3:00")


def _when(moment: datetime) -> str:
    return f"{polish_date(moment.date())}, {moment:%H:%M}"


def _check_times(doc: SourceDocument, parts: EventParts, problems: list[Problem]) -> None:
    start, end = parts.get("start"), parts.get("end")
    for key, moment in (("poczatek", start), ("koniec", end)):
        reason = clock_change_problem(moment) if moment is not None else None
        if reason:
            problems.append(problem_at(doc, (key,), reason))
    if start is not None and end is not None:
        aware_start, aware_end = start.replace(tzinfo=TIMEZONE), end.replace(tzinfo=TIMEZONE)
        if aware_end < aware_start:
            problems.append(problem_at(doc, ("koniec",), (
                f"wydarzenie kończy się ({_when(end)}), zanim się zaczyna ({_when(start)}); "
                "sprawdź datę i godzinę w polach poczatek i koniec")))
        elif aware_end == aware_start:
            problems.append(problem_at(doc, ("koniec",), (
                f"wydarzenie zaczyna się i kończy w tej samej chwili ({_when(start)}); wpisz "
                "godzinę końca późniejszą niż początek")))
        elif start.date() == end.date():
            _check_agenda(doc, parts, start, end, problems)
    registration = parts.get("registration")
    deadline = registration.deadline if registration is not None else None
    reason = clock_change_problem(deadline) if deadline is not None else None
    if reason:  # a deadline is a moment too: 02:30 on the spring night is none
        problems.append(problem_at(doc, ("zapisy", "termin"), reason))
    elif deadline is not None and start is not None and deadline > start:
        problems.append(problem_at(doc, ("zapisy", "termin"), (
            f"termin zapisów ({_when(deadline)}) jest po początku wydarzenia ({_when(start)}); "
            "zapisy muszą się skończyć najpóźniej, gdy wydarzenie się zaczyna")))


def _check_agenda(doc: SourceDocument, parts: EventParts, start: datetime, end: datetime,
                  problems: list[Problem]) -> None:
    for i, item in enumerate(parts.get("agenda") or ()):
        for key, moment in (("od", item.start), ("do", item.end)):
            reason = clock_change_problem(datetime.combine(start.date(), moment)) \
                if moment is not None else None
            if reason:
                problems.append(problem_at(doc, ("program", i, key), reason))
            elif moment is not None and not start.time() <= moment <= end.time():
                problems.append(problem_at(doc, ("program", i, key), (
                    f"godzina {moment:%H:%M} jest poza czasem wydarzenia ({start:%H:%M}–"
                    f"{end:%H:%M}); popraw program albo pola poczatek i koniec"),
                    Severity.WARNING))
        if item.start is not None and item.end is not None and item.end <= item.start:
            problems.append(problem_at(doc, ("program", i, "do"), (
                f"ta część programu kończy się ({item.end:%H:%M}), zanim się zacznie "
                f"({item.start:%H:%M}); sprawdź godziny od i do")))


def _check_place(doc: SourceDocument, parts: EventParts, problems: list[Problem]) -> None:
    raw = doc.data if isinstance(doc.data, dict) else {}
    if "miejsce" not in raw and "online" not in raw:
        problems.append(problem_at(doc, ("miejsce",), (
            "brak miejsca wydarzenia; dodaj pole miejsce (nazwa, adres, miejscowość) albo pole "
            "online (adres spotkania w internecie), albo oba, gdy wydarzenie jest hybrydowe")))


def _check_registration(doc: SourceDocument, parts: EventParts,
                        problems: list[Problem]) -> None:
    registration = parts.get("registration")
    if registration is None:
        return
    where: KeyPath = ("zapisy", "sposob")
    if registration.method == "email" and registration.email is None:
        problems.append(problem_at(doc, where, (
            "zapisy e-mailem: dodaj pole email z adresem, na który się zapisuje, np. "
            "email: sekretariat@urzad.example.pl")))
    if registration.method == "link" and registration.url is None:
        problems.append(problem_at(doc, where, (
            "zapisy przez stronę: dodaj pole adres ze stroną zapisów (zaczynającą się od "
            "https://)")))
    if registration.method == "brak" and (registration.email or registration.url
                                          or registration.deadline):
        problems.append(problem_at(doc, where, (
            "wpisano sposob: brak, a podano e-mail, stronę albo termin zapisów; zmień sposob "
            "na email albo link, albo usuń te pola"), Severity.WARNING))


def _check_status(doc: SourceDocument, parts: EventParts, problems: list[Problem]) -> None:
    status = parts.get("status")
    if status in ("odwolane", "przelozone") and not parts.get("status_note"):
        what = "odwołane" if status == "odwolane" else "przełożone"
        problems.append(problem_at(doc, ("status",), (
            f"wydarzenie jest {what}: dodaj pole status_uwagi z jednym-dwoma zdaniami dla "
            "uczestników (dlaczego i co dalej, np. nowy termin podamy do 15 marca)")))


def _check_organisers(doc: SourceDocument, parts: EventParts, ngos: KnownNgos,
                      problems: list[Problem]) -> None:
    def check(path: KeyPath, slug: str) -> None:
        if slug != OFFICE:
            unknown = ngos.unknown(slug)
            if unknown:
                problems.append(problem_at(doc, path, unknown + f" (albo {OFFICE}, gdy "
                                                                "organizuje urząd gminy)"))

    organiser = parts.get("organiser")
    if organiser is not None:
        check(("organizator",), organiser)
    seen = {organiser}
    for i, slug in enumerate(parts.get("partners") or ()):
        if slug in seen:
            problems.append(problem_at(doc, ("partnerzy", i), (
                f"„{slug}” jest już organizatorem albo partnerem tego wydarzenia; usuń "
                "powtórzenie")))
            continue
        seen.add(slug)
        check(("partnerzy", i), slug)


def _check_consultation(doc: SourceDocument, parts: EventParts, documents: KnownDocuments,
                        problems: list[Problem]) -> None:
    link, kind = parts.get("consultation"), parts.get("kind")
    if link is None:
        if kind == "spotkanie_konsultacyjne" and "konsultacja" not in doc.data:
            problems.append(problem_at(doc, ("rodzaj",), (
                "spotkanie konsultacyjne bez pola konsultacja: dodaj konsultacja z polami "
                "dokument i wersja, a spotkanie pokaże się przy konsultowanym dokumencie"),
                Severity.WARNING))
        return
    versions = documents.versions.get(link.document)
    if versions is None:
        close = difflib.get_close_matches(link.document, sorted(documents.versions), n=1)
        hint = f" Czy chodziło o „{close[0]}”?" if close else ""
        known = ", ".join(sorted(documents.versions)) or "brak dokumentów"
        problems.append(problem_at(doc, ("konsultacja", "dokument"), (
            f"nie ma dokumentu „{link.document}” w folderze documents/.{hint} Wpisz nazwę "
            f"folderu dokumentu; są: {known}")))
        return
    if link.version not in versions:
        problems.append(problem_at(doc, ("konsultacja", "wersja"), (
            f"dokument „{link.document}” nie ma wersji {link.version}; ma wersje: "
            f"{', '.join(str(n) for n in sorted(versions))}")))
        return
    period, start = versions[link.version], parts.get("start")
    if period is None:
        problems.append(problem_at(doc, ("konsultacja", "wersja"), (
            f"wersja {link.version} dokumentu „{link.document}” nie była konsultowana (nie ma "
            "pola konsultacje w dokument.yml); sprawdź numer wersji"), Severity.WARNING))
    elif start is not None and not period[0] <= start.date() <= period[1]:
        problems.append(problem_at(doc, ("poczatek",), (
            f"spotkanie jest poza konsultacjami wersji {link.version} (od "
            f"{polish_date(period[0])} do {polish_date(period[1])}); sprawdź datę albo "
            "wersję"), Severity.WARNING))


def _check_materials(doc: SourceDocument, parts: EventParts, folder: str, root: Path,
                     problems: list[Problem]) -> None:
    for i, material in enumerate(parts.get("materials") or ()):
        where: KeyPath = ("materialy", i)
        if (material.file is None) == (material.url is None):
            problems.append(problem_at(doc, where, (
                "podaj dokładnie jedno z pól: plik (plik w repozytorium, np. "
                "materialy/prezentacja.pdf) albo adres (link do materiału w sieci)")))
            continue
        if material.file is not None:
            message = material_problem(root, folder, material.file)
            if message:
                problems.append(problem_at(doc, (*where, "plik"), message))


def material_problem(root: Path, folder: str, name: str) -> str | None:
    """Why ``name`` (relative to the event's folder) is not a published material, or None."""
    parts = name.replace("\\", "/").split("/")
    if (len(parts) != 2 or parts[0] != MATERIALS_DIR or parts[1] in ("", ".", "..")
            or parts[1].startswith(".")):
        return (f"plik „{name}” musi leżeć w folderze {folder}/{MATERIALS_DIR}/; wpisz go jako "
                f"{MATERIALS_DIR}/nazwa-pliku.pdf (bez podfolderów i „..”)")
    path = root / folder / MATERIALS_DIR / parts[1]
    if path.is_file():
        return None
    present = sorted(p.name for p in path.parent.iterdir()) if path.parent.is_dir() else []
    close = difflib.get_close_matches(parts[1], present, n=1, cutoff=0.6)
    hint = f" Czy chodziło o „{MATERIALS_DIR}/{close[0]}”?" if close else ""
    return (f"nie ma pliku {folder}/{MATERIALS_DIR}/{parts[1]}.{hint} Dodaj plik do folderu "
            f"{folder}/{MATERIALS_DIR}/ albo popraw nazwę (wielkość liter ma znaczenie)")


def _check_summary(doc: SourceDocument, parts: EventParts, today: date,
                   problems: list[Problem]) -> None:
    end = parts.get("end")
    if parts.get("summary") is not None and end is not None and end.date() > today:
        problems.append(problem_at(doc, ("podsumowanie",), (
            f"podsumowanie wydarzenia, które jeszcze się nie odbyło (koniec {_when(end)}); "
            "dodaj je po wydarzeniu"), Severity.WARNING))
