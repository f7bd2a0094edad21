"""The published results: every figure a page, chart or file may show, read once.

Everything comes from ``wyniki.yml`` (``aggregates_check``), which the staff command wrote
after disclosure control; a hidden number is absent there, so it is absent here too and no
renderer can show it. Waves are independent samples: each was protected on its own, and a
comparison shows a change only where both waves show the count.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from ngosite.settings.surveys import SurveySettings

from .aggregates import OpenAnswers, PublishedWave
from .design import CHOSE, Key, Unit, WaveDesign, size_key
from .disclosure import TOTAL
from .indicators import IndicatorsFile
from .loaded import LoadedSurvey
from .model import MISSING, Breakdown, Question, Survey
from .statistics import Interval, fpc_applies, margin_of_error, wilson


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
class LeftOut:
    """A group whose answers are not shown: fewer people than the threshold (``size`` says
    how many), or its size hidden too (``size`` None)."""

    label: str
    size: int | None
    figures: tuple[Figure, ...] = ()  # with a known size: every answer (hidden but for zeros)


@dataclass(frozen=True)
class BreakdownResult:
    breakdown: Breakdown
    rows: tuple[GroupRow, ...]
    left_out: tuple[LeftOut, ...]


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
    open_answers: OpenAnswers | None = None

    @property
    def answered(self) -> bool | None:
        """False when nobody answered the question (every published count says so), None
        when the hidden counts leave it open."""
        if not self.units:
            return None
        if self.question.kind == "wielokrotny":
            figures = [u.figure(CHOSE) for u in self.units]
            if any(f.hidden for f in figures):
                return None
            return any(f.count for f in figures)
        missing = self.units[0].figure(MISSING)
        if missing.hidden:
            return None
        return missing.count != missing.base


@dataclass(frozen=True)
class WaveResults:
    slug: str
    file: str
    survey: Survey
    n: int
    questions: tuple[QuestionResult, ...]
    published_wave: PublishedWave | None = None

    @property
    def published(self) -> bool:
        """False when the wave has too few respondents to publish any figure."""
        return bool(self.questions)

    @property
    def hidden(self) -> frozenset[Key]:
        return self.published_wave.hidden if self.published_wave else frozenset()

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
    loaded: tuple[LoadedSurvey, ...] = ()  # what the waves were read from (for the audit)

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
    waves = tuple(_wave(s, settings) for s in surveys)
    return SurveyResults(waves, indicators, settings, today, surveys)


def _wave(survey: LoadedSurvey, settings: SurveySettings) -> WaveResults:
    published = survey.published
    n = published.n
    if not published.published:
        return WaveResults(survey.slug, survey.file, survey.survey, n, (), published)
    design = WaveDesign.of(survey.survey)
    questions = []
    for question in survey.survey.questions:
        if question.kind == "otwarte":
            questions.append(QuestionResult(question, (), published.open_answers.get(
                question.id)))
            continue
        results = tuple(_unit(survey.survey, design, unit, published, settings)
                        for unit in design.units if unit.question is question)
        questions.append(QuestionResult(question, results))
    return WaveResults(survey.slug, survey.file, survey.survey, n, tuple(questions), published)


def _figure(published: PublishedWave, key: Key, base: int, population: int | None) -> Figure:
    if key in published.hidden:
        return Figure(None, base)
    count = published.values[key]
    return Figure(count, base, wilson(count, base, population=population))


def _unit(survey: Survey, design: WaveDesign, unit: Unit, published: PublishedWave,
          settings: SurveySettings) -> UnitResult:
    n = published.n
    population = survey.population.size
    overall = tuple(_figure(published, unit.key(None, TOTAL, c), n, population)
                    for c in unit.categories)
    breakdowns = []
    for b, grouping in enumerate(design.groupings):
        rows, left_out = [], []
        for label in grouping.labels:
            size = published.values.get(size_key(b, label))
            if size == 0:
                continue  # nobody in the group: not a row
            if size is None or size < settings.group_minimum:
                figures = () if size is None else tuple(
                    _figure(published, unit.key(b, label, c), size, None)
                    for c in unit.categories)
                left_out.append(LeftOut(label, size, figures))
                continue
            rows.append(GroupRow(label, size, tuple(
                _figure(published, unit.key(b, label, c), size, None)
                for c in unit.categories)))
        breakdowns.append(BreakdownResult(survey.breakdowns[b], tuple(rows), tuple(left_out)))
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


__all__ = ["CHOSE", "MISSING", "BreakdownResult", "Figure", "GroupRow", "LeftOut",
           "QuestionResult", "SurveyResults", "UnitResult", "WaveResults", "build_results",
           "option_label"]
