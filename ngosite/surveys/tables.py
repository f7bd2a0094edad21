"""Count one wave's answers, at publication, into the numbers its design says exist.

Run only by the staff command that publishes a survey (``publish.py``), on the respondents'
rows read from outside the repository. Respondents are counted once into atoms (``design``);
every published number is a sum of atoms, so a group's size, an answer's overall count and
each breakdown cell agree by construction, and the attacker's programme can be checked
against the very vector it tries to recover.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from .answers import Respondent
from .design import CHOSE, NOT_CHOSEN, Key, Unit, WaveDesign, size_key
from .disclosure import TOTAL
from .model import MISSING


def category_of(unit: Unit, respondent: Respondent) -> str:
    answer = respondent.answers.get(unit.question.id)
    if not isinstance(answer, tuple):
        return MISSING if unit.option is None else NOT_CHOSEN
    if unit.option is None:
        return answer[0]
    return CHOSE if unit.option in answer else NOT_CHOSEN


@dataclass(frozen=True)
class WaveCounts:
    """Every number of the wave's design, and the atoms they were summed from."""

    design: WaveDesign
    people: tuple[int, ...]  # per atom (``design.atoms`` order): respondents
    answers: dict[tuple[str, int, str], int]  # (unit, atom, category) → respondents
    values: dict[Key, int]

    @property
    def n(self) -> int:
        return sum(self.people)


def count_wave(design: WaveDesign, respondents: Sequence[Respondent]) -> WaveCounts:
    index = {atom: i for i, atom in enumerate(design.atoms)}
    atoms = [index[design.atom_of(r.demographics)] for r in respondents]
    people = Counter(atoms)
    answers: Counter[tuple[str, int, str]] = Counter()
    for unit in design.units:
        for atom, respondent in zip(atoms, respondents, strict=True):
            answers[unit.id, atom, category_of(unit, respondent)] += 1
    values: dict[Key, int] = {size_key(None): len(respondents)}
    groups = [(b, label) for b, g in enumerate(design.groupings) for label in g.labels]
    for b, label in groups:
        values[size_key(b, label)] = sum(people[i] for i in design.members(b, label))
    everyone = range(len(design.atoms))
    for unit in design.units:
        for category in unit.categories:
            values[unit.key(None, TOTAL, category)] = sum(
                answers[unit.id, i, category] for i in everyone)
            for b, label in groups:
                values[unit.key(b, label, category)] = sum(
                    answers[unit.id, i, category] for i in design.members(b, label))
    return WaveCounts(design, tuple(people[i] for i in everyone), dict(answers), values)
