"""The published shape of one wave, from its questionnaire alone: which numbers exist and which
respondents each one adds up.

Every published number of a wave is a sum over *atoms*. An atom is one combination of the
classes of the breakdown variables: a variable's class is the tuple of groups its value falls
in, one per breakdown that uses the variable, so two breakdowns of one variable (sołectwa and
regions made of them) refine each other instead of hiding their overlap. A cell of a question
is the atoms of its group (or all of them) in one answer category; a group's size is the
atoms of the group. Counting at publication and the attacker's linear programme both read
this module, so what is counted and what is audited cannot drift apart.

Keys name numbers, not waves: ``("size", b, group)`` and ``("cell", unit, b, group, category)``
with ``b`` the breakdown's position (None and ``TOTAL`` for the whole wave).
"""

from __future__ import annotations

import itertools
from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field
from functools import cached_property

from .disclosure import TOTAL, Table
from .model import MISSING, Question, Survey

Key = Hashable
NOT_GIVEN = "nie podano"
CHOSE, NOT_CHOSEN = "tak", "nie"


def size_key(breakdown: int | None, group: str = TOTAL) -> Key:
    """A group's number of respondents (``breakdown`` None: the whole wave)."""
    return ("size", breakdown, group)


def cell_key(unit: str, breakdown: int | None, group: str, category: str) -> Key:
    return ("cell", unit, breakdown, group, category)


@dataclass(frozen=True)
class Unit:
    """One table's worth of a question: ``categories`` add up to every respondent. A
    single-choice or scale question is one unit (its codes and ``brak``); a multiple-choice
    question is one unit per option (``tak`` chose it, ``nie`` did not or left it empty)."""

    id: str
    question: Question
    option: str | None
    categories: tuple[str, ...]

    def key(self, breakdown: int | None, group: str, category: str) -> Key:
        return cell_key(self.id, breakdown, group, category)


def units(question: Question) -> list[Unit]:
    if question.kind == "otwarte":
        return []
    if question.kind == "wielokrotny":
        return [Unit(f"{question.id}:{code}", question, code, (CHOSE, NOT_CHOSEN))
                for code in question.codes()]
    return [Unit(question.id, question, None, (*question.codes(), MISSING))]


@dataclass(frozen=True)
class Grouping:
    """One breakdown: the group of each value of each of its variables. The questionnaire
    makes one-variable breakdowns; the engine also takes a cross of two variables (a group is
    then the pair of their groups), so that its protection is proved on such tables too."""

    variables: tuple[str, ...]
    groups: tuple[Mapping[str, str], ...]  # per variable: value code → its group's label
    labels: tuple[str, ...]  # every group of the breakdown, in order, ``nie podano`` last

    def label(self, parts: tuple[str, ...]) -> str:
        return " · ".join(parts)

    def part(self, position: int, value: str | None) -> str:
        return self.groups[position].get(value or "", NOT_GIVEN)


def grouping_of(survey: Survey, index: int) -> Grouping:
    breakdown = survey.breakdowns[index]
    groups = {code: group.label for group in breakdown.groups for code in group.values}
    return Grouping((breakdown.variable,), (groups,),
                    (*(g.label for g in breakdown.groups), NOT_GIVEN))


def cross(first: Grouping, second: Grouping) -> Grouping:
    """A breakdown by two one-variable breakdowns at once (``Miłki · 18–29 lat``)."""
    labels = tuple(f"{a} · {b}" for a in first.labels for b in second.labels)
    return Grouping((*first.variables, *second.variables), (*first.groups, *second.groups),
                    labels)


Atom = tuple[tuple[str, ...], ...]  # per breakdown variable: the value's class


@dataclass(frozen=True)
class WaveDesign:
    """Units, breakdowns and atoms of one wave: everything but the counts."""

    units: tuple[Unit, ...]
    groupings: tuple[Grouping, ...]
    _uses: dict[str, list[tuple[int, int]]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        uses: dict[str, list[tuple[int, int]]] = {}
        for b, grouping in enumerate(self.groupings):
            for position, variable in enumerate(grouping.variables):
                uses.setdefault(variable, []).append((b, position))
        object.__setattr__(self, "_uses", uses)

    @classmethod
    def of(cls, survey: Survey) -> WaveDesign:
        return cls(tuple(u for q in survey.questions for u in units(q)),
                   tuple(grouping_of(survey, i) for i in range(len(survey.breakdowns))))

    @property
    def variables(self) -> tuple[str, ...]:
        return tuple(self._uses)

    def value_class(self, variable: str, value: str | None) -> tuple[str, ...]:
        """The groups a value falls in, one per breakdown using the variable."""
        return tuple(self.groupings[b].part(p, value) for b, p in self._uses[variable])

    def atom_of(self, demographics: Mapping[str, str | None]) -> Atom:
        return tuple(self.value_class(v, demographics.get(v)) for v in self.variables)

    @cached_property
    def atoms(self) -> tuple[Atom, ...]:
        """Every combination an attacker must allow for (also those nobody is in)."""
        classes = []
        for variable in self.variables:
            values = {c for b, p in self._uses[variable] for c in self.groupings[b].groups[p]}
            found = {self.value_class(variable, v) for v in values}
            found.add(self.value_class(variable, None))
            classes.append(sorted(found))
        return tuple(itertools.product(*classes))

    def group_of_atom(self, b: int, atom: Atom) -> str:
        grouping = self.groupings[b]
        parts = []
        for variable in grouping.variables:
            i = self.variables.index(variable)
            position = next(j for j, (bb, _) in enumerate(self._uses[variable]) if bb == b)
            parts.append(atom[i][position])
        return grouping.label(tuple(parts))

    @cached_property
    def membership(self) -> dict[tuple[int, str], tuple[int, ...]]:
        """(breakdown, group) → positions in ``atoms`` of its members."""
        found: dict[tuple[int, str], list[int]] = {}
        for i, atom in enumerate(self.atoms):
            for b in range(len(self.groupings)):
                found.setdefault((b, self.group_of_atom(b, atom)), []).append(i)
        return {k: tuple(v) for k, v in found.items()}

    def members(self, b: int, group: str) -> tuple[int, ...]:
        return self.membership.get((b, group), ())

    def tables(self) -> list[Table]:
        """Each unit's overall one-way table and its table in every breakdown; a group's
        size is the row total of every table of its breakdown, an answer's overall count the
        column total of every table of its unit."""
        found = []
        for unit in self.units:
            found.append(_table(unit, None, ()))
            for b, grouping in enumerate(self.groupings):
                found.append(_table(unit, b, grouping.labels))
        return found


def _table(unit: Unit, b: int | None, labels: tuple[str, ...]) -> Table:
    cell: dict[tuple[Key, Key], Key] = {}
    for category in unit.categories:
        cell[TOTAL, category] = unit.key(None, TOTAL, category)
        for label in labels:
            cell[label, category] = unit.key(b, label, category)
    for label in labels:
        cell[label, TOTAL] = size_key(b, label)
    cell[TOTAL, TOTAL] = size_key(None)
    return Table(labels, unit.categories, cell)
