"""The published results: every figure a page, chart or file may show, computed once.

Counting (``tables``) and disclosure control (``disclosure``) meet here. Waves of one study are
protected together until the hidden cells agree: a cell hidden in one wave is hidden in every
wave that has it, so the same cells are missing from every page, chart and file. Renderers
read only these objects; none of them sees a hidden count.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from ngosite.settings.surveys import SurveySettings

from .answers import OpenAnswer
from .disclosure import TOTAL, Key, primary_cells, protect
from .indicators import IndicatorsFile
from .loaded import LoadedSurvey
from .model import MISSING, Breakdown, Question, Survey
from .respondent_file import RespondentTable, respondent_table
from .statistics import Interval, fpc_applies, margin_of_error, wilson
from .tables import CHOSE, Unit, WaveTables, count_wave, size_key


@dataclass(frozen=True)
class Figure:
    """One published count of ``base`` respondents, or a hidden one (``count`` None)."""

    count: int | None
    base: int
    interval: Interval | None = None

    @property
    def hidden(self) -> bool:
        return self.count is None

    @property
    def share(self) -> float | None:
        return None if self.count is None else self.count / self.base


@dataclass(frozen=True)
class GroupRow:
    label: str
    size: int
    figures: tuple[Figure, ...]


@dataclass(frozen=True)
class BreakdownResult:
    breakdown: Breakdown
    rows: tuple[GroupRow, ...]
    left_out: tuple[str, ...]  # groups not shown: too small, or hidden to protect another


@dataclass(frozen=True)
class UnitResult:
    """A question's table: categories with labels, overall figures, breakdowns."""

    unit: Unit
    labels: tuple[str, ...]
    overall: tuple[Figure, ...]
    breakdowns: tuple[BreakdownResult, ...]

    def figure(self, category: str) -> Figure:
        return self.overall[self.unit.categories.index(category)]


@dataclass(frozen=True)
class QuestionResult:
    question: Question
    units: tuple[UnitResult, ...]
    open_answers: tuple[OpenAnswer, ...] = ()


@dataclass(frozen=True)
class WaveResults:
    slug: str
    file: str
    survey: Survey
    n: int
    questions: tuple[QuestionResult, ...]
    hidden: frozenset[Key] = field(default_factory=frozenset)
    respondent_rows: RespondentTable | None = None  # only when the settings allow it

    @property
    def published(self) -> bool:
        """False when the wave has too few respondents to publish any figure."""
        return bool(self.questions)

    @property
    def indicative(self) -> bool:
        return self.survey.recruitment == "samodzielny"

    @property
    def fpc(self) -> bool:
        return fpc_applies(self.n, self.survey.population.size)

    @property
    def margin(self) -> float:
        return margin_of_error(self.n, self.survey.population.size)

    def question(self, qid: str) -> QuestionResult | None:
        return next((q for q in self.questions if q.question.id == qid), None)


@dataclass(frozen=True)
class SurveyResults:
    waves: tuple[WaveResults, ...]
    indicators: tuple[IndicatorsFile, ...]
    settings: SurveySettings
    today: date

    def studies(self) -> dict[str, tuple[WaveResults, ...]]:
        """Study code → its published waves in order (only studies with two or more)."""
        found: dict[str, list[WaveResults]] = {}
        for wave in self.waves:
            if wave.survey.wave is not None and wave.published:
                found.setdefault(wave.survey.wave.study, []).append(wave)
        return {k: tuple(sorted(v, key=lambda w: w.survey.wave.number))  # type: ignore[union-attr]
                for k, v in sorted(found.items()) if len(v) > 1}


def build_results(surveys: tuple[LoadedSurvey, ...], indicators: tuple[IndicatorsFile, ...],
                  settings: SurveySettings, today: date) -> SurveyResults:
    counted = {s.slug: count_wave(s) for s in surveys}
    hidden = _protect_studies(surveys, counted, settings)
    waves = tuple(_wave(s, counted[s.slug], hidden.get(s.slug), settings) for s in surveys)
    return SurveyResults(waves, indicators, settings, today)


def _protect_studies(surveys: tuple[LoadedSurvey, ...], counted: Mapping[str, WaveTables],
                     settings: SurveySettings) -> dict[str, frozenset[Key]]:
    """Hidden cells per wave; waves of one study repeat until their hidden cells agree."""
    primary = {s.slug: primary_cells(counted[s.slug].values, counted[s.slug].tables,
                                     hide_up_to=settings.hide_up_to,
                                     group_minimum=settings.group_minimum)
               for s in surveys if _publishable(s, settings)}
    hidden = {slug: protect(counted[slug].values, counted[slug].tables, cells)
              for slug, cells in primary.items()}
    studies: dict[str | None, list[str]] = {}
    for s in surveys:
        if s.slug in hidden:
            studies.setdefault(s.study or s.slug, []).append(s.slug)
    for members in studies.values():
        while len(members) > 1:
            union = frozenset().union(*(hidden[m] for m in members))
            changed = False
            for m in members:
                wanted = (union & counted[m].values.keys()) | hidden[m]
                if wanted != hidden[m]:
                    hidden[m] = protect(counted[m].values, counted[m].tables, set(wanted))
                    changed = True
            if not changed:
                break
    return hidden


def _publishable(survey: LoadedSurvey, settings: SurveySettings) -> bool:
    return len(survey.respondents) >= settings.group_minimum


def _wave(survey: LoadedSurvey, counted: WaveTables, hidden: frozenset[Key] | None,
          settings: SurveySettings) -> WaveResults:
    n = len(survey.respondents)
    if hidden is None:
        return WaveResults(survey.slug, survey.file, survey.survey, n, ())
    questions = []
    for question in survey.survey.questions:
        if question.kind == "otwarte":
            answers = [r.answers.get(question.id) for r in survey.respondents]
            given = sorted((a for a in answers if isinstance(a, OpenAnswer)),
                           key=lambda a: (a.text is None, (a.text or a.hidden_reason or "")))
            questions.append(QuestionResult(question, (), tuple(given)))
            continue
        results = tuple(_unit(survey.survey, unit, counted, hidden)
                        for unit in counted.units if unit.question is question)
        questions.append(QuestionResult(question, results))
    rows = respondent_table(survey, counted.units, counted.values, hidden,
                            settings.group_minimum) if settings.respondent_data else None
    return WaveResults(survey.slug, survey.file, survey.survey, n, tuple(questions), hidden,
                       rows)


def _figure(values: Mapping[Key, int], hidden: frozenset[Key], key: Key, base: int,
            population: int | None) -> Figure:
    if key in hidden:
        return Figure(None, base)
    count = values[key]
    return Figure(count, base, wilson(count, base, population=population))


def _unit(survey: Survey, unit: Unit, counted: WaveTables, hidden: frozenset[Key]) -> UnitResult:
    values = counted.values
    n = values[size_key(None)]
    population = survey.population.size
    overall = tuple(_figure(values, hidden, unit.key(None, TOTAL, c), n, population)
                    for c in unit.categories)
    breakdowns = []
    for breakdown in survey.breakdowns:
        rows, left_out = [], []
        for label in counted.groups.get(breakdown.variable, ()):
            size = size_key(breakdown.variable, label)
            if size in hidden:
                left_out.append(label)
                continue
            base = values[size]
            rows.append(GroupRow(label, base, tuple(
                _figure(values, hidden, unit.key(breakdown.variable, label, c), base, None)
                for c in unit.categories)))
        breakdowns.append(BreakdownResult(breakdown, tuple(rows), tuple(left_out)))
    return UnitResult(unit, _labels(unit), overall, tuple(breakdowns))


def _labels(unit: Unit) -> tuple[str, ...]:
    question = unit.question
    if unit.option is not None:
        return ("zaznaczono", "nie zaznaczono lub brak odpowiedzi")
    if question.scale is not None:
        scale = question.scale
        ends = {str(scale.low): scale.low_label, str(scale.high): scale.high_label}
        return (*(f"{c} – {ends[c]}" if c in ends else c for c in question.codes()),
                "brak odpowiedzi")
    return (*(o.label or o.key for o in question.options), "brak odpowiedzi")


def option_label(question: Question, code: str, names: Mapping[str, str]) -> str:
    """An option's label; an NGO option is named by the directory (``names``: slug → name)."""
    option = next((o for o in question.options if o.key == code), None)
    if option is None:
        return code
    return option.label or names.get(code, code)


__all__ = ["CHOSE", "MISSING", "BreakdownResult", "Figure", "GroupRow", "QuestionResult",
           "SurveyResults", "UnitResult", "WaveResults", "build_results", "option_label"]
