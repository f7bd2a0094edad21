"""Count the answers of one wave into linked tables, keyed so that a number has one identity.

Every closed question becomes one or more *units* with answer categories that add up to the
respondents: a single-choice or scale question is one unit (its options + ``brak``); a
multiple-choice question is one unit per option (``tak``: chose it, ``nie``: answered the
question without choosing it, ``brak``: left the question empty — the same ``brak`` cells for
every option). Each unit is counted overall and in every breakdown's groups.

Keys do not mention the wave: the same question, group and answer have the same key in both
waves of a study, which is how a cell hidden in one wave is hidden in the other too.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable
from dataclasses import dataclass

from .answers import Respondent
from .disclosure import TOTAL, Table
from .loaded import LoadedSurvey
from .model import MISSING, Breakdown, Question, Survey

CHOSE, NOT_CHOSEN = "tak", "nie"
Key = Hashable


def size_key(variable: str | None, group: str = TOTAL) -> Key:
    """A group's number of respondents (``variable`` None: the whole wave)."""
    return ("size", variable, group)


def cell_key(unit: str, variable: str | None, group: str, category: str) -> Key:
    return ("cell", unit, variable, group, category)


@dataclass(frozen=True)
class Unit:
    """One table's worth of a question: ``categories`` add up to every respondent."""

    id: str
    question: Question
    option: str | None  # the option of a multiple-choice question
    categories: tuple[str, ...]

    def key(self, variable: str | None, group: str, category: str) -> Key:
        unit = self.question.id if category == MISSING else self.id
        return cell_key(unit, variable, group, category)


def units(question: Question) -> list[Unit]:
    if question.kind == "otwarte":
        return []
    if question.kind == "wielokrotny":
        return [Unit(f"{question.id}:{code}", question, code, (CHOSE, NOT_CHOSEN))
                for code in question.codes()]
    return [Unit(question.id, question, None, (*question.codes(), MISSING))]


def category_of(unit: Unit, respondent: Respondent) -> str:
    answer = respondent.answers.get(unit.question.id)
    if not isinstance(answer, tuple):
        return MISSING if unit.option is None else NOT_CHOSEN
    if unit.option is None:
        return answer[0]
    return CHOSE if unit.option in answer else NOT_CHOSEN


def group_of(breakdown: Breakdown, respondent: Respondent) -> str:
    """The group's label; respondents who did not give the variable form „nie podano”."""
    value = respondent.demographics.get(breakdown.variable)
    for group in breakdown.groups:
        if value in group.values:
            return group.label
    return NOT_GIVEN


NOT_GIVEN = "nie podano"


@dataclass(frozen=True)
class WaveTables:
    values: dict[Key, int]
    tables: list[Table]
    units: list[Unit]
    groups: dict[str, tuple[str, ...]]  # breakdown variable → its group labels (+ nie podano)


def count_wave(loaded: LoadedSurvey) -> WaveTables:
    """Every count of the wave and the tables that link them (one per unit and breakdown,
    plus the unit's overall one-way table)."""
    survey: Survey = loaded.survey
    people = loaded.respondents
    values: dict[Key, int] = {size_key(None): len(people)}
    groups: dict[str, tuple[str, ...]] = {}
    membership: dict[str, list[str]] = {}
    for breakdown in survey.breakdowns:
        membership[breakdown.variable] = [group_of(breakdown, r) for r in people]
        sizes = Counter(membership[breakdown.variable])
        # A group nobody belongs to adds nothing to any total: it is simply not a row.
        labels = tuple(label for label in (*(g.label for g in breakdown.groups), NOT_GIVEN)
                       if sizes[label])
        groups[breakdown.variable] = labels
        for label in labels:
            values[size_key(breakdown.variable, label)] = sizes[label]
    all_units = [u for q in survey.questions for u in units(q)]
    tables: list[Table] = []
    for unit in all_units:
        answers = [category_of(unit, r) for r in people]
        overall = Counter(answers)
        for category in unit.categories:
            values[unit.key(None, TOTAL, category)] = overall[category]
        tables.append(_table(unit, None, ()))
        for variable, labels in groups.items():
            joint = Counter(zip(membership[variable], answers, strict=True))
            for label in labels:
                for category in unit.categories:
                    values[unit.key(variable, label, category)] = joint[label, category]
            tables.append(_table(unit, variable, labels))
    return WaveTables(values, tables, all_units, groups)


def _table(unit: Unit, variable: str | None, labels: tuple[str, ...]) -> Table:
    cell: dict[tuple[Key, Key], Key] = {}
    for category in unit.categories:
        cell[TOTAL, category] = unit.key(None, TOTAL, category)
        for label in labels:
            cell[label, category] = unit.key(variable, label, category)
    for label in labels:
        cell[label, TOTAL] = size_key(variable, label)
    cell[TOTAL, TOTAL] = size_key(None)
    return Table(labels, unit.categories, cell)
