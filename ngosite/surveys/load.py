"""Read every ``badania/<id>/`` (description + answers) and ``sprawozdania/``; compute the
published results once, with disclosure control, for every page, chart and file to share.

Called by ``ngosite.pipeline`` after the NGO entries (survey options and reports name NGOs by
slug). Problems go to the registry's one list; a survey with errors is left out of the site,
and a wave whose earlier wave is broken is published without the comparison.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from ngosite.core.problems import Problem, Severity, relative_name
from ngosite.fair.rules import KnownNgos
from ngosite.settings.surveys import SurveySettings

from .answers import Respondent, read_answers
from .indicators import load_indicators
from .loaded import LoadedSurvey
from .model import ANSWERS_FILE, DESCRIPTION_FILE, Survey
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
    loaded, sources = _load_all(root, ngos, problems)
    failed = check_waves(sources, problems)
    valid = tuple(s for s in loaded if s.slug not in failed)
    return build_results(valid, indicators, settings, today)


def _load_all(root: Path, ngos: KnownNgos,
              problems: list[Problem]) -> tuple[list[LoadedSurvey], list[WaveFile]]:
    folder = root / SURVEYS_DIR
    if not folder.is_dir():
        return [], []
    loaded: list[LoadedSurvey] = []
    sources: list[WaveFile] = []
    for path in sorted(p for p in folder.iterdir() if not p.name.startswith(".")):
        if not path.is_dir():
            if path.name != "README.md":
                problems.append(Problem(relative_name(path, root), 1, 1, "", "każde badanie "
                                        f"ma własny folder: {SURVEYS_DIR}/<kod-badania>/ z plikami "
                                        f"{DESCRIPTION_FILE} i {ANSWERS_FILE}"))
            continue
        before = len(problems)
        found = _load_one(root, path, ngos, problems)
        if found is None:
            continue
        survey, source = found
        sources.append(source)
        if not any(p.severity is Severity.ERROR for p in problems[before:]):
            loaded.append(survey)
    return loaded, sources


def _load_one(root: Path, folder: Path, ngos: KnownNgos,
              problems: list[Problem]) -> tuple[LoadedSurvey, WaveFile] | None:
    where = relative_name(folder, root)
    if not _SLUG.fullmatch(folder.name) or folder.name in RESERVED:
        why = "jest zarezerwowana dla stron serwisu" if folder.name in RESERVED else \
            "nie nadaje się na adres strony: używaj małych liter bez polskich znaków, cyfr i " \
            "pojedynczych myślników, np. mieszkancy-2025"
        problems.append(Problem(where, 1, 1, "", f"nazwa folderu „{folder.name}” {why}"))
        return None
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
    answers = folder / ANSWERS_FILE
    if not answers.is_file():
        problems.append(Problem(relative_name(answers, root), 1, 1, "", f"brak pliku "
                                f"{ANSWERS_FILE} z odpowiedziami obok {DESCRIPTION_FILE}"))
        return None
    if any(p.severity is Severity.ERROR for p in problems[before:]):
        return None  # a broken questionnaire would make every row of the answers look wrong
    respondents = read_answers(answers, relative_name(answers, root), survey, problems)
    _check_population(doc.name, survey, respondents, problems)
    loaded = LoadedSurvey(folder.name, name, survey, tuple(respondents or ()))
    return loaded, WaveFile(folder.name, name, survey, doc)


def _check_population(name: str, survey: Survey, respondents: list[Respondent] | None,
                      problems: list[Problem]) -> None:
    size = survey.population.size
    if respondents and size is not None and len(respondents) > size:
        problems.append(Problem(name, 1, 1, "populacja.liczebnosc", f"odpowiedzi jest "
                                f"{len(respondents)}, więcej niż liczebność populacji ({size}); "
                                "sprawdź liczebność"))
