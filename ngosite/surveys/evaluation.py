"""What the evaluation page may claim: each criterion's change with its interval, adjusted for
the number of comparisons, in words that never say more than the design allows.

- The estimate: the later wave minus the earlier one. When the survey gives the population's
  structure (``populacja.struktura``: age groups from GUS), both waves are post-stratified to
  it from the published breakdown cells, so a wave that happened to reach more people of one
  age does not show as a change; otherwise the unweighted shares with Newcombe's interval.
  Weighted figures use only published numbers: where a group's cell is hidden, the weighted
  estimate is not made (a new number computed from hidden ones could give them away).
- Many criteria are many chances to find a change by luck: p-values of the family (the
  study's criteria; the differences in differences are a family of their own) are adjusted
  with Holm's method, and the verdict reads the adjusted value.
- No verdict is causal without a comparison: a before/after change "beyond random error" is
  a change, not an effect of the project (Maryland Scientific Methods Scale, level 1). With a
  comparison group of places the project did not reach, the difference in differences is
  shown (level 3, under the parallel-trends assumption, said in words).
- Rounding happens once (``statistics.shown_pair``), from the numbers the verdict uses.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from .results import Figure, WaveResults
from .statistics import (
    Difference,
    Estimate,
    change,
    difference_p,
    holm,
    newcombe,
    percent,
    post_stratified,
    shown_pair,
)

ALPHA = 0.05


@dataclass
class Change:
    """One comparison of two waves' shares, ready to print."""

    before: str
    after: str
    change: str
    interval: str
    difference: Difference
    p: float
    weighted: bool
    p_adjusted: float = 1.0

    @property
    def beyond_error(self) -> bool:
        return self.p_adjusted < ALPHA


@dataclass
class CriterionResult:
    description: str
    direction: str  # wzrost / spadek
    change: Change | None
    missing: str | None  # why there is no change to show
    did: Change | None = None  # the difference in differences, when a comparison exists
    notes: list[str] = field(default_factory=list)

    @property
    def verdict(self) -> str:
        if self.change is None:
            return f"nie do oceny: {self.missing}"
        found = self.change
        if not found.beyond_error:
            return "zmiana w granicach błędu losowego: nie widać zmiany"
        expected = (found.difference.estimate > 0) == (self.direction == "wzrost")
        return ("zmiana w oczekiwanym kierunku, większa niż błąd losowy" if expected else
                "zmiana w przeciwnym kierunku niż oczekiwany, większa niż błąd losowy")

    @property
    def did_verdict(self) -> str | None:
        if self.did is None:
            return None
        if not self.did.beyond_error:
            return ("w grupach projektu zmiana nie różni się od zmiany w grupie "
                    "porównawczej ponad błąd losowy: nie widać wpływu projektu")
        stronger = (self.did.difference.estimate > 0) == (self.direction == "wzrost")
        return ("w grupach projektu zmiana silniejsza niż w grupie porównawczej, ponad błąd "
                "losowy" if stronger else "w grupach projektu zmiana słabsza niż w grupie "
                "porównawczej, ponad błąd losowy")


def signed(value: float) -> str:
    shown = percent(value)
    return f"+{shown}" if shown > 0 else ("0" if shown == 0 else f"−{-shown}")


def interval_words(difference: Difference) -> str:
    return (f"{signed(difference.interval.low)} do {signed(difference.interval.high)} "
            "pkt proc.")


def unweighted(one: Figure, two: Figure, earlier: WaveResults,
               later: WaveResults) -> Change:
    x1, n1, x2, n2 = one.count or 0, one.base, two.count or 0, two.base
    difference = newcombe(x1, n1, x2, n2, population=earlier.survey.population.size,
                          population2=later.survey.population.size)
    p = difference_p(x1, n1, x2, n2, population=earlier.survey.population.size,
                     population2=later.survey.population.size)
    before, after, moved = shown_pair(x1 / n1, x2 / n2)
    return Change(before, after, moved, interval_words(difference), difference, p, False)


def weighted(one: Estimate, two: Estimate) -> Change:
    difference, p = change(one, two)
    before, after, moved = shown_pair(one.share, two.share)
    return Change(before, after, moved, interval_words(difference), difference, p, True)


def stratified(wave: WaveResults, qid: str, answer: str,
               weights: Mapping[str, float]) -> Estimate | None:
    """The answer's share post-stratified over the groups of ``weights`` (label → population),
    from the wave's published breakdown; None when a group's cell or row is not published."""
    result = wave.question(qid)
    if result is None or not result.units:
        return None
    unit, column = _unit_and_column(result, answer)
    if unit is None:
        return None
    for breakdown in unit.breakdowns:
        rows = {row.label: row for row in breakdown.rows}
        if not set(weights) <= {g.label for g in breakdown.breakdown.groups}:
            continue
        cells = []
        for label, weight in weights.items():
            row = rows.get(label)
            if row is None or row.figures[column].hidden:
                return None
            cells.append((weight, row.figures[column].count or 0, row.size))
        return post_stratified(cells)
    return None


def _unit_and_column(result, answer: str):  # type: ignore[no-untyped-def]
    for unit in result.units:
        if unit.unit.option == answer:
            return unit, unit.unit.categories.index("tak")
        if unit.unit.option is None and answer in unit.unit.categories:
            return unit, unit.unit.categories.index(answer)
    return None, 0


def adjust(changes: list[Change]) -> None:
    """Holm's adjustment over one family of comparisons, in place."""
    for found, adjusted in zip(changes, holm([c.p for c in changes]), strict=True):
        found.p_adjusted = adjusted


def p_text(value: float) -> str:
    if value < 0.001:
        return "poniżej 0,001"
    return f"{value:.3f}".replace(".", ",")
