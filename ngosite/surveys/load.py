"""Read every ``badania/<id>/`` (the questionnaire and its published results) and
``sprawozdania/``, for every page, chart and file to share.

Called by ``ngosite.pipeline`` after the NGO entries (survey options and reports name NGOs by
slug). Problems go to the registry's one list; a survey with errors is left out of the site,
and a wave whose earlier wave is broken is published without the comparison. The respondents'
rows are never here: a folder holding a file of them is refused, with the way out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from ngosite.core.problems import Problem, Severity, relative_name
from ngosite.fair.rules import KnownNgos
from ngosite.settings.surveys import SurveySettings

from .aggregates import RESULTS_FILE
from .aggregates_check import read_published
from .indicators import load_indicators
from .loaded import LoadedSurvey
from .model import DESCRIPTION_FILE, Survey
from .results import SurveyResults, build_results
from .rules import WaveFile, check_survey, check_waves
from .source import GUIDE, read_model_file

SURVEYS_DIR = "badania"
RESERVED = ("porownanie", "skutecznosc", "czy-projekt-zadzialal", "dane")
_SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


def load_surveys(root: Path, entries: Iterable[object], settings: SurveySettings, today: date,
                 problems: list[Problem]) -> SurveyResults:
    """Surveys, their waves compared, and the NGOs' indicators: everything ``/badania/`` shows."""
    ngos = KnownNgos.of(entries, root)
    indicators = load_indicators(root, ngos, today, problems)
    loaded, sources = _load_all(root, ngos, settings, problems)
    failed = check_waves(sources, problems)
    valid = tuple(s for s in loaded if s.slug not in failed)
    return build_results(valid, indicators, settings, today)


def _load_all(root: Path, ngos: KnownNgos, settings: SurveySettings,
              problems: list[Problem]) -> tuple[list[LoadedSurvey], list[WaveFile]]:
    folder = root / SURVEYS_DIR
    if not folder.is_dir():
        return [], []
    loaded: list[LoadedSurvey] = []
    sources: list[WaveFile] = []
    for path in sorted(p for p in folder.iterdir() if not p.name.startswith(".")):
        if not path.is_dir():
            if path.name != "README.md":
                problems.append(_stray_file(root, path))
            continue
        before = len(problems)
        found = _load_one(root, path, ngos, settings, problems)
        if found is None:
            continue
        survey, source = found
        sources.append(source)
        if not any(p.severity is Severity.ERROR for p in problems[before:]):
            loaded.append(survey)
    return loaded, sources


def _load_one(root: Path, folder: Path, ngos: KnownNgos, settings: SurveySettings,
              problems: list[Problem]) -> tuple[LoadedSurvey, WaveFile] | None:
    where = relative_name(folder, root)
    if not _SLUG.fullmatch(folder.name) or folder.name in RESERVED:
        why = "jest zarezerwowana dla stron serwisu" if folder.name in RESERVED else \
            "nie nadaje się na adres strony: używaj małych liter bez polskich znaków, cyfr i " \
            "pojedynczych myślników, np. mieszkancy-2025"
        problems.append(Problem(where, 1, 1, "", f"nazwa folderu „{folder.name}” {why}"))
        return None
    for path in sorted(folder.iterdir()):
        if path.name not in (DESCRIPTION_FILE, RESULTS_FILE, "README.md") \
                and not path.name.startswith("."):
            problems.append(_stray_file(root, path))
    description = folder / DESCRIPTION_FILE
    name = relative_name(description, root)
    if not description.is_file():
        problems.append(Problem(name, 1, 1, "", f"brak pliku {DESCRIPTION_FILE} z opisem "
                                f"badania i kwestionariuszem (wzór: {GUIDE})"))
        return None
    before = len(problems)
    found = read_model_file(description, name, Survey, problems)
    if found is None:
        return None
    doc, survey = found
    check_survey(doc, survey, ngos, problems)
    if any(p.severity is Severity.ERROR for p in problems[before:]):
        return None  # a broken questionnaire would make every number look misplaced
    results = folder / RESULTS_FILE
    if not results.is_file():
        problems.append(Problem(
            relative_name(results, root), 1, 1, "", f"badanie nie ma jeszcze wyników: "
            f"opublikuj je poleceniem „ngosite surveys publish ŚCIEŻKA/odpowiedzi.csv "
            f"--badanie {folder.name}” (plik odpowiedzi zostaje w urzędzie; {GUIDE})",
            Severity.INFO))
        return None
    published = read_published(results, relative_name(results, root), survey, settings,
                               problems)
    if published is None:
        return None
    _check_population(relative_name(results, root), survey, published.n, problems)
    loaded = LoadedSurvey(folder.name, name, survey, published)
    return loaded, WaveFile(folder.name, name, survey, doc)


RESPONDENT_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".xls", ".ods", ".json", ".sav",
                       ".dta", ".xml", ".zip")


def _stray_file(root: Path, path: Path) -> Problem:
    """A file that does not belong in ``badania/``; a table of answers gets the full why."""
    name = relative_name(path, root)
    if path.suffix.lower() in RESPONDENT_SUFFIXES:
        return Problem(name, 1, 1, "", "plik z odpowiedziami osób nie może leżeć w "
                       "repozytorium, bo jest ono publiczne (każdy przeczyta też jego "
                       "historię): przechowuj go w urzędzie, razem z innymi danymi osobowymi, "
                       "usuń go stąd (a jeśli już trafił do historii, powiadom "
                       "administratorów) i opublikuj wyniki poleceniem „ngosite surveys "
                       f"publish ŚCIEŻKA/do/pliku --badanie <kod>” ({GUIDE})")
    return Problem(name, 1, 1, "", f"w {SURVEYS_DIR}/ są tylko foldery badań z plikami "
                   f"{DESCRIPTION_FILE} i {RESULTS_FILE}; usuń albo przenieś ten plik")


def staff_survey(root: Path, slug: str, entries: Iterable[object],
                 problems: list[Problem]) -> tuple[Path, Survey] | None:
    """The folder and valid questionnaire of ``badania/<slug>/`` for a staff command (its
    results may not exist yet); None with the problems otherwise."""
    folder = root / SURVEYS_DIR / slug
    description = folder / DESCRIPTION_FILE
    name = relative_name(description, root)
    if not description.is_file():
        known = sorted(p.name for p in (root / SURVEYS_DIR).iterdir() if p.is_dir()) \
            if (root / SURVEYS_DIR).is_dir() else []
        problems.append(Problem(name, 1, 1, "", f"nie ma badania „{slug}”: brak pliku "
                                f"{name} (są: {', '.join(known) or 'żadne'}); najpierw opisz "
                                f"badanie w {DESCRIPTION_FILE} ({GUIDE})"))
        return None
    before = len(problems)
    found = read_model_file(description, name, Survey, problems)
    if found is None:
        return None
    doc, survey = found
    check_survey(doc, survey, KnownNgos.of(entries, root), problems)
    if any(p.severity is Severity.ERROR for p in problems[before:]):
        return None
    return folder, survey


def _check_population(name: str, survey: Survey, n: int, problems: list[Problem]) -> None:
    size = survey.population.size
    if size is not None and n > size:
        problems.append(Problem(name, 1, 1, "liczba_osob", f"odpowiedzi jest {n}, więcej niż "
                                f"liczebność populacji w badanie.yml ({size}); sprawdź "
                                "liczebność"))
