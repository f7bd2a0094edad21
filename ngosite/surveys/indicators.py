"""An NGO's yearly indicators: ``sprawozdania/<slug>/<rok>.yml``, one small file per NGO and
year (events held, participants, volunteers, funds from the gmina's programme of cooperation).

The folder is the NGO's slug in the directory, the file name the year; a year is reported once
it has ended. Numbers are checked as a volunteer types them: ``1 200`` or ``12 500,00 zł`` get
a message saying how to write them, never a silent guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Annotated

from pydantic import BeforeValidator, Field, WithJsonSchema

from ngosite.core.fields import Strict, Text
from ngosite.core.problems import Problem, Severity, relative_name
from ngosite.fair.rules import KnownNgos

from .source import read_model_file

REPORTS_DIR = "sprawozdania"
MAX_COUNT = 1_000_000
MAX_FUNDS = Decimal("100000000")


def _count(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ValueError("wpisz liczbę całkowitą bez cudzysłowu, np. 12")
    if isinstance(value, str):
        digits = value.replace(" ", "").replace("\u00a0", "")
        hint = f", np. {digits}" if digits.isdigit() else ", np. 12"
        raise ValueError(f"„{value}” to tekst; wpisz liczbę bez spacji i cudzysłowu{hint}")
    if isinstance(value, float):
        raise ValueError(f"{value} nie jest liczbą całkowitą; wpisz liczbę osób lub wydarzeń "
                         "bez części ułamkowej")
    if not 0 <= value <= MAX_COUNT:
        raise ValueError(f"{value} jest poza zakresem 0–{MAX_COUNT}; sprawdź liczbę")
    return value


def _money(value: object) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ValueError("wpisz kwotę w złotych jako liczbę z kropką, np. 12500.00")
    if isinstance(value, str):
        cleaned = re.sub(r"\s|zł|pln", "", value, flags=re.IGNORECASE).replace(",", ".")
        example = cleaned if re.fullmatch(r"\d+(\.\d{1,2})?", cleaned) else "12500.00"
        raise ValueError(f"„{value}” to tekst; wpisz kwotę jako liczbę z kropką dziesiętną, bez "
                         f"spacji, „zł” i cudzysłowu, np. {example}")
    try:
        amount = Decimal(str(value))
    except InvalidOperation:  # pragma: no cover - str of a number is always a Decimal
        raise ValueError("wpisz kwotę w złotych, np. 12500.00") from None
    if amount.as_tuple().exponent < -2:  # type: ignore[operator]
        raise ValueError(f"{value}: kwota może mieć najwyżej dwa miejsca po przecinku (grosze)")
    if not 0 <= amount <= MAX_FUNDS:
        raise ValueError(f"kwota {value} jest poza zakresem; wpisz kwotę w złotych, od 0")
    return amount


Count = Annotated[int, BeforeValidator(_count),
                  WithJsonSchema({"type": "integer", "minimum": 0, "maximum": MAX_COUNT})]
Money = Annotated[Decimal, BeforeValidator(_money),
                  WithJsonSchema({"type": "number", "minimum": 0, "multipleOf": 0.01})]


class YearlyIndicators(Strict):
    """What one NGO did in one year, from its own report (e.g. to the gmina)."""

    sample: bool = Field(False, alias="przykladowe", strict=True,
                         description="true, gdy dane są przykładowe (strony to zaznaczają)")
    events: Count = Field(alias="wydarzenia", description="Ile wydarzeń i zajęć zorganizowano")
    participants: Count = Field(alias="uczestnicy", description="Ilu uczestników łącznie")
    volunteers: Count = Field(alias="wolontariusze", description="Ilu wolontariuszy pomagało")
    funds: Money = Field(alias="srodki_z_programu",
                         description="Dotacje z programu współpracy gminy, w zł, np. 12500.00")
    source: Text | None = Field(None, alias="zrodlo", max_length=300,
                                description="Skąd pochodzą liczby, np. sprawozdanie z zadania")
    note: Text | None = Field(None, alias="uwagi", max_length=1000,
                              description="Krótki komentarz organizacji")


@dataclass(frozen=True)
class IndicatorsFile:
    slug: str
    year: int
    file: str
    indicators: YearlyIndicators


def load_indicators(root: Path, ngos: KnownNgos, today: date,
                    problems: list[Problem]) -> tuple[IndicatorsFile, ...]:
    """Every valid ``sprawozdania/<slug>/<rok>.yml``, by NGO and year."""
    folder = root / REPORTS_DIR
    if not folder.is_dir():
        return ()
    found: list[IndicatorsFile] = []
    for ngo_dir in sorted(p for p in folder.iterdir() if not p.name.startswith(".")):
        name = relative_name(ngo_dir, root)
        if not ngo_dir.is_dir():
            problems.append(Problem(name, 1, 1, "", "pliki sprawozdań leżą w folderze "
                                    "organizacji: sprawozdania/<adres-organizacji>/<rok>.yml"))
            continue
        unknown = ngos.unknown(ngo_dir.name)
        if unknown:
            problems.append(Problem(name, 1, 1, "", f"folder sprawozdań: {unknown}"))
            continue
        for path in sorted(p for p in ngo_dir.iterdir() if not p.name.startswith(".")):
            loaded = _load_year(root, ngo_dir.name, path, today, problems)
            if loaded is not None:
                found.append(loaded)
    return tuple(found)


def _load_year(root: Path, slug: str, path: Path, today: date,
               problems: list[Problem]) -> IndicatorsFile | None:
    name = relative_name(path, root)
    if path.suffix != ".yml" or not re.fullmatch(r"20[0-9]{2}", path.stem):
        problems.append(Problem(name, 1, 1, "", f"plik „{path.name}” nazwij rokiem, którego "
                                "dotyczy sprawozdanie, np. 2025.yml"))
        return None
    year = int(path.stem)
    if year >= today.year:
        problems.append(Problem(name, 1, 1, "", f"rok {year} jeszcze się nie skończył (dziś "
                                f"{today.isoformat()}); sprawozdanie za ten rok dodaj po jego "
                                "zakończeniu"))
        return None
    before = len(problems)
    found = read_model_file(path, name, YearlyIndicators, problems)
    if found is None or any(p.severity is Severity.ERROR for p in problems[before:]):
        return None
    return IndicatorsFile(slug, year, name, found[1])
