"""Rules of a fair file that look beyond one value: NGO slugs, stages, times, stands.

Each rule appends located Polish problems and never raises, so one mistake cannot hide another.
Messages name the other line involved ("linia 31"), because the fix is often made there.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, time
from pathlib import Path
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from ngosite.core.fields import IsoDate
from ngosite.core.folding import fold
from ngosite.core.problems import Problem, unpublished_reference
from ngosite.core.validate import problem_at
from ngosite.core.yaml_source import KeyPath, SourceDocument
from ngosite.organisations.rules import SLUG_PATTERN as SLUG

from .model import Fair, Hours, Item, Stage, Stand


@dataclass(frozen=True)
class KnownNgos:
    """What a fair file may refer to: the published NGOs, and the files that failed."""

    slugs: frozenset[str]
    by_name: Mapping[str, str] = field(default_factory=dict)  # folded name → slug
    unpublished: Mapping[str, str] = field(default_factory=dict)  # slug → file with errors

    @classmethod
    def of(cls, entries: Iterable[object], root: Path) -> KnownNgos:
        slugs: set[str] = set()
        by_name: dict[str, str] = {}
        for entry in entries:
            slug, org = entry.slug, entry.org  # type: ignore[attr-defined]
            slugs.add(slug)
            for name in (org.name, org.short_name):
                if name:
                    by_name[fold(name)] = slug
        folder = root / "ngos"
        files = sorted(folder.glob("*.y*ml")) if folder.is_dir() else []
        unpublished = {p.stem: f"ngos/{p.name}" for p in files if p.stem not in slugs}
        return cls(frozenset(slugs), by_name, unpublished)

    def unknown(self, given: str) -> str | None:
        """None for a published NGO's slug; otherwise what is wrong and how to fix it."""
        if given in self.slugs:
            return None
        if given in self.unpublished:
            return unpublished_reference(f"wpis organizacji „{given}”", self.unpublished[given])
        close = self.by_name.get(fold(given)) or next(iter(difflib.get_close_matches(
            fold(given), sorted(self.slugs), n=1, cutoff=0.6)), None)
        hint = f" Czy chodziło o „{close}”?" if close else ""
        missing = f" (brak pliku ngos/{given}.yml)" if SLUG.fullmatch(given) else ""
        return (f"nie ma organizacji „{given}” w katalogu{missing}.{hint} Wpisz adres "
                "organizacji, czyli nazwę jej pliku w ngos/ bez „.yml”")


@dataclass(frozen=True)
class FairParts:
    """What the rules read: the whole valid file, or what is valid in a broken one.

    A broken file still gets its cross-checks (a stand given twice, an unknown NGO) in the same
    run as its type errors; a part that failed its own check is None and is skipped.
    """

    date: date | None
    hours: Hours | None
    stages: tuple[Stage | None, ...]
    stands: tuple[Stand | None, ...]
    programme: tuple[Item | None, ...]

    @classmethod
    def of(cls, fair: Fair) -> FairParts:
        return cls(fair.date, fair.hours, tuple(fair.stages), tuple(fair.stands),
                   tuple(fair.programme))

    @classmethod
    def salvage(cls, data: object) -> FairParts:
        raw: dict[str, Any] = data if isinstance(data, dict) else {}
        return cls(_valid(TypeAdapter(IsoDate).validate_python, raw.get("data")),
                   _valid(Hours.model_validate, raw.get("godziny")),
                   _valid_items(Stage, raw.get("sceny")), _valid_items(Stand, raw.get("stoiska")),
                   _valid_items(Item, raw.get("program")))


def _valid(check: Any, value: object) -> Any:
    try:
        return check(value)
    except ValidationError:
        return None


def _valid_items(model: type[BaseModel], values: object) -> tuple[Any, ...]:
    return tuple(_valid(model.model_validate, v) for v in values) \
        if isinstance(values, list) else ()


def check_fair(doc: SourceDocument, fair: FairParts, year: int | None, ngos: KnownNgos,
               problems: list[Problem]) -> None:
    """Every rule that looks beyond one value, on whatever parts of the file are valid."""
    if year is not None and fair.date is not None and fair.date.year != year:
        problems.append(problem_at(
            doc, ("data",), f"plik {doc.name} opisuje targi z roku {year}, a wpisano datę "
            f"{fair.date.isoformat()}; popraw datę albo nazwę pliku"))
    hours = fair.hours
    if hours is not None and hours.end <= hours.start:
        problems.append(problem_at(
            doc, ("godziny", "do"), f"zamknięcie ({_hm(hours.end)}) nie jest później niż "
            f"otwarcie ({_hm(hours.start)}); sprawdź godziny od i do"))
        hours = None  # every item would be "outside the hours": one message is enough
    stages = _check_stages(doc, fair, problems)
    timed = _check_items(doc, fair, hours, stages, problems)
    _check_overlaps(doc, fair, stages or {}, timed, problems)
    _check_stands(doc, fair, ngos, problems)


def _hm(moment: time) -> str:
    return f"{moment:%H:%M}"


def _line(doc: SourceDocument, path: KeyPath) -> int:
    return doc.locate(path)[0]


def _check_stages(doc: SourceDocument, fair: FairParts,
                  problems: list[Problem]) -> dict[str, str] | None:
    """Codes and names of the stages; None when one of them is broken (so that the items on
    it are not reported as pointing at a missing stage)."""
    seen: dict[str, int] = {}
    for i, stage in enumerate(fair.stages):
        if stage is None:
            continue
        if stage.code in seen:
            first = seen[stage.code]
            problems.append(problem_at(
                doc, ("sceny", i, "kod"), f"kod „{stage.code}” ma już scena "
                f"„{fair.stages[first].name}” (linia {_line(doc, ('sceny', first, 'kod'))}); "
                "każda scena ma własny kod"))
        else:
            seen[stage.code] = i
    if None in fair.stages:
        return None
    return {stage.code: stage.name for stage in fair.stages if stage is not None}


def _check_items(doc: SourceDocument, fair: FairParts, hours: Hours | None,
                 stages: dict[str, str] | None, problems: list[Problem]) -> list[int]:
    """Per-item rules; returns the items whose times make sense (for the overlap rule)."""
    timed: list[int] = []
    for i, item in enumerate(fair.programme):
        if item is None:
            continue
        where: KeyPath = ("program", i)
        if stages is not None and item.stage not in stages:
            by_name = {fold(name): code for code, name in stages.items()}
            close_code = by_name.get(fold(item.stage)) or next(iter(
                difflib.get_close_matches(item.stage, list(stages), n=1, cutoff=0.6)), None)
            hint = f" Czy chodziło o „{close_code}”?" if close_code else ""
            problems.append(problem_at(
                doc, (*where, "scena"), f"nie ma sceny o kodzie „{item.stage}”.{hint} Sceny "
                f"tych targów: {', '.join(stages)}; nową scenę dopisz w polu sceny"))
        if item.end < item.start:
            problems.append(problem_at(
                doc, (*where, "do"), f"punkt kończy się ({_hm(item.end)}), zanim się zaczyna "
                f"({_hm(item.start)}); sprawdź godziny od i do"))
            continue
        if item.end == item.start:
            problems.append(problem_at(
                doc, (*where, "do"), f"punkt zaczyna się i kończy o {_hm(item.start)}; wpisz "
                "godzinę końca późniejszą niż początek"))
            continue
        timed.append(i)
        if hours is not None:
            _check_within_hours(doc, where, item, hours, problems)
    return timed


def _check_within_hours(doc: SourceDocument, where: KeyPath, item: Item, hours: Hours,
                        problems: list[Problem]) -> None:
    open_, close = hours.start, hours.end
    if item.start < open_:
        problems.append(problem_at(
            doc, (*where, "od"), f"punkt zaczyna się o {_hm(item.start)}, przed otwarciem "
            f"targów ({_hm(open_)}); przesuń go albo zmień godziny.od"))
    elif item.start >= close:
        problems.append(problem_at(
            doc, (*where, "od"), f"punkt zaczyna się o {_hm(item.start)}, gdy targi są już "
            f"zamknięte (od {_hm(close)}); przesuń go albo zmień godziny.do"))
    if item.end > close and item.start < close:
        problems.append(problem_at(
            doc, (*where, "do"), f"punkt kończy się o {_hm(item.end)}, po zamknięciu "
            f"targów ({_hm(close)}); skróć go albo zmień godziny.do"))


def _check_overlaps(doc: SourceDocument, fair: FairParts, stages: dict[str, str],
                    timed: list[int], problems: list[Problem]) -> None:
    items = fair.programme
    # Earlier start first (file order breaks ties): the message sits on the item that collides
    # with one already running.
    order = sorted(timed, key=lambda i: (items[i].start, i))  # type: ignore[union-attr]
    for position, later in enumerate(order):
        for earlier in order[:position]:
            a, b = items[earlier], items[later]
            if a is not None and b is not None and a.stage == b.stage and b.start < a.end:
                problems.append(problem_at(
                    doc, ("program", later, "od"),
                    f"na scenie „{stages.get(a.stage, a.stage)}” o tej porze trwa już punkt "
                    f"„{a.title}” ({_span(a)}, linia {_line(doc, ('program', earlier))}); "
                    "przesuń jeden z nich albo przenieś go na inną scenę"))


def _span(item: Item) -> str:
    return f"{_hm(item.start)}–{_hm(item.end)}"


def _check_stands(doc: SourceDocument, fair: FairParts, ngos: KnownNgos,
                  problems: list[Problem]) -> None:
    numbers: dict[str, int] = {}
    owners: dict[str, int] = {}
    for j, stand in enumerate(fair.stands):
        if stand is None:
            continue
        where: KeyPath = ("stoiska", j)
        number = " ".join(stand.number.split()).casefold()
        if number in numbers:
            first = numbers[number]
            problems.append(problem_at(
                doc, (*where, "numer"), f"stoisko „{stand.number}” jest już przydzielone "
                f"organizacji {fair.stands[first].organisation} (linia "
                f"{_line(doc, ('stoiska', first))}); jedno stoisko to jedna organizacja: "
                "zmień numer"))
        else:
            numbers[number] = j
        unknown = ngos.unknown(stand.organisation)
        if unknown:
            problems.append(problem_at(doc, (*where, "organizacja"), unknown))
        elif stand.organisation in owners:
            first = owners[stand.organisation]
            problems.append(problem_at(
                doc, (*where, "organizacja"), f"organizacja {stand.organisation} ma już "
                f"stoisko „{fair.stands[first].number}” (linia {_line(doc, ('stoiska', first))}"
                "); każda organizacja ma jedno stoisko: usuń jeden z wpisów"))
        else:
            owners[stand.organisation] = j
    for i, item in enumerate(fair.programme):
        if item is None:
            continue
        seen: set[str] = set()
        for k, slug in enumerate(item.organisations):
            where = ("program", i, "organizacje", k)
            unknown = ngos.unknown(slug)
            if unknown:
                problems.append(problem_at(doc, where, unknown))
            elif slug in seen:
                problems.append(problem_at(
                    doc, where, f"organizacja {slug} jest już na liście tego punktu; usuń "
                    "powtórzenie"))
            seen.add(slug)
