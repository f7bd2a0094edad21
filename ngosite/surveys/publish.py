"""``ngosite surveys publish``: from the respondents' rows the office keeps to the results the
repository may hold.

The rows (one per respondent: age group, sex, sołectwo, which NGOs the person joins, open
answers) identify people in a gmina of a few thousand: they never enter the repository, which
is public. Staff keep the file where the office keeps personal data and point this command at
it. It validates the file against ``badanie.yml`` (every problem located, in Polish), counts,
protects the counts (``protection``: primary and secondary suppression proved against the
attacker's linear programme) and writes ``badania/<id>/wyniki.yml`` (``aggregates``). Open
answers go through staff review first (``open_review``): only approved ones are written.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ngosite.core.atomic import write_text_atomically
from ngosite.core.problems import Problem, Severity, relative_name
from ngosite.core.sorting import polish_key
from ngosite.settings.surveys import SurveySettings

from .aggregates import RESULTS_FILE, OpenAnswers, PublishedResults, results_text, today_note
from .aggregates_check import shape_of
from .answers import OpenAnswer, Respondent, read_answers
from .design import CHOSE, Key, WaveDesign
from .disclosure import TOTAL
from .model import DESCRIPTION_FILE, Survey
from .open_review import read_review, write_review
from .protection import Protection, protect_wave
from .source import read_model_file
from .tables import WaveCounts, count_wave

GUIDE = "docs/jak-opublikowac-badanie.md"


@dataclass
class Outcome:
    """What the command did: the problems, the files written and the figures to report."""

    problems: list[Problem] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    review: Path | None = None
    review_kept: bool = False  # the review file existed already and was left as it was
    awaiting: int = 0  # open answers in the review file
    counts: WaveCounts | None = None
    protection: Protection | None = None

    @property
    def failed(self) -> bool:
        return any(p.severity is Severity.ERROR for p in self.problems)


def outside_repository(raw: Path, root: Path) -> bool:
    return not raw.resolve().is_relative_to(root.resolve())


def publish(root: Path, folder: Path, survey: Survey, raw: Path, settings: SurveySettings,
            today: date, *, reviewed: Path | None = None,
            duplicates_allowed: bool = False) -> Outcome:
    """Validate ``raw`` for the survey in ``folder`` and write its protected results."""
    outcome = Outcome()
    problems = outcome.problems
    name = str(raw)
    if not outside_repository(raw, root):
        problems.append(Problem(relative_name(raw, root), 1, 1, "", "plik z odpowiedziami "
                                "osób leży w folderze serwisu, a repozytorium jest publiczne: "
                                "przenieś go tam, gdzie urząd przechowuje dane osobowe (poza "
                                "tym folderem), usuń stąd i podaj nową ścieżkę"))
        return outcome
    respondents = read_answers(raw, name, survey, problems)
    if respondents is None or outcome.failed:
        return outcome
    _check_duplicates(name, respondents, duplicates_allowed, problems)
    size = survey.population.size
    if size is not None and len(respondents) > size:
        problems.append(Problem(name, 1, 1, "", f"odpowiedzi jest {len(respondents)}, więcej "
                                f"niż liczebność populacji w badanie.yml ({size})"))
    if outcome.failed:
        return outcome
    answers, hidden_in_file = _open_answers(survey, respondents)
    approved: dict[str, list[str]] = {}
    if reviewed is not None:
        approved = read_review(reviewed, survey, answers, problems)
    elif any(answers.values()):
        outcome.review = raw.with_name(f"{raw.stem}-otwarte.yml")
        outcome.awaiting = sum(len(texts) for texts in answers.values())
        if outcome.review.exists():
            # Staff may be half-way through it: never overwrite their decisions.
            outcome.review_kept = True
        else:
            write_review(outcome.review, folder.name, raw, answers)
    if outcome.failed:
        return outcome
    design = WaveDesign.of(survey)
    counts = count_wave(design, respondents)
    outcome.counts = counts
    opened = {qid: OpenAnswers.model_validate({
        "opublikowane": sorted(approved.get(qid, []), key=polish_key),
        "nieopublikowane": len(texts) + hidden_in_file[qid] - len(approved.get(qid, []))})
        for qid, texts in answers.items()}
    enough = counts.n >= settings.group_minimum
    if enough:
        already = _earlier_publication(folder, survey, counts, problems)
        protection = protect_wave(counts, hide_up_to=settings.hide_up_to,
                                  group_minimum=settings.group_minimum,
                                  keep=evaluation_numbers(design, survey, folder.parent),
                                  already=already)
        outcome.protection = protection
        hidden = protection.hidden
        narrowest = min((i.width for i in protection.intervals.values()), default=None)
        note = today_note(settings.hide_up_to, settings.group_minimum, protection.numbers,
                          len(hidden), narrowest, today)
    else:
        hidden = frozenset()
        note = today_note(settings.hide_up_to, settings.group_minimum, 0, 0, None, today)
    text = results_text(design, counts.values, hidden, opened, note, publish_figures=enough)
    target = folder / RESULTS_FILE
    write_text_atomically(target, text)
    outcome.written.append(target)
    return outcome


def evaluation_numbers(design: WaveDesign, survey: Survey, surveys_dir: Path) -> frozenset[Key]:
    """The numbers the evaluation page reads for this wave: every criterion of the study
    (written in any of its waves) overall and in the weighting and comparison breakdowns.
    Protection spares them where it has a choice, so the waves can be weighted."""
    study = [survey]
    if survey.wave is not None:
        study += [s for s in _siblings(surveys_dir) if s.wave and s.wave.study ==
                  survey.wave.study]
    variables = {s.population.structure.variable for s in study if s.population.structure}
    variables |= {s.comparison.variable for s in study if s.comparison}
    found: set[Key] = set()
    for criterion in (c for s in study for c in s.criteria):
        for unit in design.units:
            if unit.question.id != criterion.question:
                continue
            if unit.option not in (None, criterion.answer):
                continue
            category = CHOSE if unit.option else criterion.answer
            if category not in unit.categories:
                continue
            found.add(unit.key(None, TOTAL, category))
            for b, grouping in enumerate(design.groupings):
                if set(grouping.variables) & variables:
                    found.update(unit.key(b, label, category) for label in grouping.labels)
    return frozenset(found)


def _earlier_publication(folder: Path, survey: Survey, counts: WaveCounts,
                         problems: list[Problem]) -> frozenset[Key]:
    """What an earlier ``wyniki.yml`` of the same answers hid (it stays in the repository's
    history, so a new pattern must hide at least as much). Results of other answers (a
    corrected file) cannot be protected together with these: say so."""
    path = folder / RESULTS_FILE
    if not path.is_file():
        return frozenset()
    found = read_model_file(path, str(path), PublishedResults, [])
    if found is None:
        return frozenset()
    numbers = shape_of(found[0], counts.design, found[1], [])
    if numbers is None:
        return frozenset()
    values, hidden, _ = numbers
    if any(counts.values.get(k) != v for k, v in values.items()):
        problems.append(Problem(str(path), 1, 1, "", "poprzednie wyniki tego badania "
                                "pochodzą z innych odpowiedzi (poprawiony plik?): obie wersje "
                                "zostaną w historii repozytorium, a ich ukrytych liczb nie da "
                                "się chronić razem; jeśli poprzednia wersja była publiczna, "
                                "powiadom administratorów", Severity.WARNING))
        return frozenset()
    return frozenset(hidden)


def _siblings(surveys_dir: Path) -> list[Survey]:
    found = []
    for description in sorted(surveys_dir.glob(f"*/{DESCRIPTION_FILE}")):
        read = read_model_file(description, str(description), Survey, [])
        if read is not None:
            found.append(read[1])
    return found


def _check_duplicates(name: str, respondents: list[Respondent], allowed: bool,
                      problems: list[Problem]) -> None:
    """Identical rows are usually one questionnaire typed twice; say which, once per group."""
    seen: dict[tuple, list[int]] = defaultdict(list)
    for r in respondents:
        signature = (tuple(sorted(r.demographics.items())),
                     tuple(sorted((k, repr(v)) for k, v in r.answers.items())))
        seen[signature].append(r.line)
    groups = [lines for lines in seen.values() if len(lines) > 1]
    if not groups:
        return
    severity = Severity.WARNING if allowed else Severity.ERROR
    how = ("" if allowed else "; jeśli to ta sama ankieta wpisana kilka razy, zostaw jeden "
           "wiersz; jeśli to różne osoby z identycznymi odpowiedziami, uruchom polecenie z "
           "opcją --duplikaty")
    for lines in groups:
        for line in lines[1:]:
            problems.append(Problem(name, line, 1, "", f"wiersz {line} jest taki sam jak "
                                    f"wiersz {lines[0]} (te same odpowiedzi na wszystkie "
                                    f"pytania){how}", severity))


def _open_answers(survey: Survey, respondents: list[Respondent]
                  ) -> tuple[dict[str, list[str]], dict[str, int]]:
    """Every open question → its answers (in row order) and how many the file itself hides
    (``[ukryto: powód]``)."""
    found: dict[str, list[str]] = {}
    hidden: dict[str, int] = {}
    for question in survey.questions:
        if question.kind != "otwarte":
            continue
        given = [a for r in respondents
                 if isinstance(a := r.answers.get(question.id), OpenAnswer)]
        found[question.id] = [a.text for a in given if a.text is not None]
        hidden[question.id] = sum(1 for a in given if a.text is None)
    return found, hidden
