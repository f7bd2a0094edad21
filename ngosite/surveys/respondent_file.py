"""Respondent-level answers to download, when ``badania.udostepnij_odpowiedzi`` allows it: a
reduced form that publishes nothing the aggregated tables hide.

One row per respondent, but only what cannot point at a person (README, "Surveys", says why
in full):

- no demographics: age group, sex and locality are exactly what a neighbour knows about a
  resident; with them every hidden cell and every left-out group of the breakdowns could be
  counted back from the rows;
- no open answers (the issue's rule; they are free text);
- no question with a ``rola`` (which NGOs one knows or joins): taking part in a small NGO is
  visible in a village, so those columns would let a reader pick out a person's row;
- in every remaining column, each answer the tables hide (counts 1–4 and their partners) and
  each answer given by fewer people than the group threshold is written ``ukryto``: counting
  the file gives exactly the published overall counts, and no answer forms a group the
  disclosure rules would not show;
- rows sorted, without the source's line numbers (the order of a survey file follows the
  interviewers' route, i.e. the locality).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from .disclosure import TOTAL, Key
from .loaded import LoadedSurvey
from .model import MISSING
from .tables import CHOSE, NOT_CHOSEN, Unit, category_of

HIDDEN = "ukryto"


@dataclass(frozen=True)
class RespondentTable:
    columns: tuple[str, ...]  # ``q1`` or, for one option of a multiple choice, ``q3:sport``
    rows: tuple[tuple[str, ...], ...]


def respondent_table(survey: LoadedSurvey, units: list[Unit], values: Mapping[Key, int],
                     hidden: frozenset[Key], group_minimum: int) -> RespondentTable | None:
    """The reduced respondent rows of one wave, or None when no column is left."""
    columns: list[str] = []
    cells: list[list[str]] = []
    for unit in units:
        if unit.question.role is not None:
            continue
        masked = _masked(unit, values, hidden, group_minimum)
        if masked >= set(unit.categories):
            continue  # nothing but "ukryto": the column would say nothing
        columns.append(unit.id)
        cells.append([HIDDEN if (c := category_of(unit, r)) in masked else _shown(c)
                      for r in survey.respondents])
    if not columns:
        return None
    rows = sorted(zip(*cells, strict=True))
    return RespondentTable(tuple(columns), tuple(rows))


def _masked(unit: Unit, values: Mapping[Key, int], hidden: frozenset[Key],
            group_minimum: int) -> set[str]:
    """Answers of this column written as ``ukryto``: hidden in the overall table, or given by
    fewer than ``group_minimum`` people (never a group the rules would not show). When that
    leaves exactly one other answer, it is masked too, or the masked count would be its
    complement of a published total and the rare answer's count would show."""
    counts = Counter({c: values[unit.key(None, TOTAL, c)] for c in unit.categories})
    masked = {c for c in unit.categories
              if unit.key(None, TOTAL, c) in hidden or 0 < counts[c] < group_minimum}
    if masked:
        others = [c for c in unit.categories if c not in masked and counts[c] > 0]
        masked_total = sum(counts[c] for c in masked)
        if 0 < masked_total < group_minimum and others:
            masked.add(min(others, key=lambda c: (counts[c], c)))
    return masked


def _shown(category: str) -> str:
    return {MISSING: "", CHOSE: "tak", NOT_CHOSEN: "nie"}.get(category, category)
