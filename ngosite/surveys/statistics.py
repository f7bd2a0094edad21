"""Proportions with honest intervals, and what a change between two waves means in words.

- Wilson score interval for one proportion: unlike the Wald interval (statsmodels' default),
  it does not collapse to [0, 0] at 0 of 12 and stays inside [0, 1].
- Newcombe's hybrid score interval (his method 10) for the difference of two independent
  proportions, built from the two Wilson intervals: the waves are separate samples.
- The finite population correction when a sample is 5% or more of the population: 300
  respondents of a gmina of 3,700 adults know more than 300 of a country. It enters as an
  effective sample size n·(N−1)/(N−n), so every interval gets the same correction.
- A self-selected sample (an open questionnaire) has no sampling error to speak of: its
  intervals are still computed, but labelled "orientacyjny" (AAPOR's advice).

Pure functions of counts; rounding for display lives here too, so a page, a chart and a file
print the same number.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist

FPC_SHARE = 0.05  # the correction applies from a sample of 5% of the population


@dataclass(frozen=True)
class Interval:
    low: float
    high: float


def z_value(confidence: float = 0.95) -> float:
    """1.959964… for 95%: the two-sided normal quantile."""
    return NormalDist().inv_cdf(0.5 + confidence / 2)


def fpc_applies(n: int, population: int | None) -> bool:
    return population is not None and population > 1 and n >= FPC_SHARE * population


def fpc(n: int, population: int | None) -> float:
    """√((N−n)/(N−1)) when the sample is ≥ 5% of the population, else 1."""
    if not fpc_applies(n, population):
        return 1.0
    assert population is not None
    return math.sqrt(max(population - n, 0) / (population - 1))


def effective_n(n: int, population: int | None) -> float:
    """The sample size the intervals use: n divided by the squared correction."""
    factor = fpc(n, population)
    if factor == 1.0:
        return float(n)
    return math.inf if factor == 0 else n / factor**2


def wilson(successes: int, n: int, *, population: int | None = None,
           confidence: float = 0.95) -> Interval:
    """Wilson score interval for successes/n (2 of 10 → 0.057–0.510; 0 of 12 → 0–0.242)."""
    if n <= 0:
        raise ValueError("n must be positive")
    if not 0 <= successes <= n:
        raise ValueError("successes must be between 0 and n")
    p = successes / n
    m = effective_n(n, population)
    if math.isinf(m):  # the whole population answered: no sampling error
        return Interval(p, p)
    z = z_value(confidence)
    denominator = 1 + z * z / m
    centre = (p + z * z / (2 * m)) / denominator
    half = z / denominator * math.sqrt(p * (1 - p) / m + z * z / (4 * m * m))
    return Interval(max(0.0, centre - half), min(1.0, centre + half))


@dataclass(frozen=True)
class Difference:
    """p2 − p1 (the later wave minus the earlier one) with Newcombe's interval."""

    estimate: float
    interval: Interval

    @property
    def beyond_error(self) -> bool:
        """True when the interval excludes zero: the change is more than sampling error."""
        return self.interval.low > 0 or self.interval.high < 0


def newcombe(x1: int, n1: int, x2: int, n2: int, *, population: int | None = None,
             population2: int | None = None, confidence: float = 0.95) -> Difference:
    """Newcombe's method 10: difference of independent proportions from two Wilson intervals.

    56/70 vs 48/80 (Newcombe 1998, table II) gives p1 − p2 = 0.2 in 0.0524–0.3339; here the
    arguments are (earlier, later) and the estimate is later − earlier. ``population2`` is
    the later wave's population when it differs (default: the same as the earlier one).
    """
    p1, p2 = x1 / n1, x2 / n2
    w1 = wilson(x1, n1, population=population, confidence=confidence)
    w2 = wilson(x2, n2, population=population2 if population2 is not None else population,
                confidence=confidence)
    d = p2 - p1
    low = d - math.sqrt((p2 - w2.low) ** 2 + (w1.high - p1) ** 2)
    high = d + math.sqrt((w2.high - p2) ** 2 + (p1 - w1.low) ** 2)
    return Difference(d, Interval(max(-1.0, low), min(1.0, high)))


def margin_of_error(n: int, population: int | None = None, confidence: float = 0.95) -> float:
    """Half-width of the 95% interval at p = 50% (the widest), with the correction if due."""
    m = effective_n(n, population)
    return 0.0 if math.isinf(m) else z_value(confidence) * math.sqrt(0.25 / m)


def round_half_up(value: float) -> int:
    """12.5 → 13 (Python's round() would give 12, and a reader's calculator 13)."""
    return math.floor(value + 0.5 + 1e-9)


def percent(value: float) -> int:
    """A proportion as whole percent, as every page, chart and file prints it."""
    return round_half_up(value * 100)


def points_text(difference: Difference) -> str:
    """The change as a resident reads it: „wzrost o 12 pkt proc., poza granicą błędu”."""
    points = abs(difference.estimate) * 100
    shown = round_half_up(points)
    amount = "mniej niż 1 pkt proc." if shown == 0 else f"{shown} pkt proc."
    if not difference.beyond_error:
        if shown == 0:
            return "bez zmian (w granicach błędu)"
        direction = "wzrost" if difference.estimate > 0 else "spadek"
        return f"{direction} o {amount}, zmiana w granicach błędu"
    direction = "wzrost" if difference.estimate > 0 else "spadek"
    return f"{direction} o {amount}, poza granicą błędu"


def interval_text(interval: Interval) -> str:
    """``39–51%``: the bounds in whole percent."""
    return f"{percent(interval.low)}–{percent(interval.high)}%"


def signed_points(value: float) -> str:
    """``+12`` / ``−3`` / ``0`` (a true minus sign, as Polish typesetting wants)."""
    shown = round_half_up(abs(value) * 100)
    if shown == 0:
        return "0"
    return f"{'+' if value > 0 else '−'}{shown}"


def two_sided_p(z: float) -> float:
    return 2 * (1 - NormalDist().cdf(abs(z)))


def difference_p(x1: int, n1: int, x2: int, n2: int, *, population: int | None = None,
                 population2: int | None = None) -> float:
    """Two-sided p-value of the score (pooled) test that two independent proportions are
    equal, with each sample's finite population correction (its effective size)."""
    m1 = effective_n(n1, population)
    m2 = effective_n(n2, population2 if population2 is not None else population)
    pooled = (x1 + x2) / (n1 + n2)
    variance = pooled * (1 - pooled) * (_inverse(m1) + _inverse(m2))
    if variance <= 0:
        return 1.0 if x1 / n1 == x2 / n2 else 0.0
    return two_sided_p((x2 / n2 - x1 / n1) / math.sqrt(variance))


def _inverse(m: float) -> float:
    return 0.0 if math.isinf(m) else 1 / m


def holm(p_values: list[float]) -> list[float]:
    """Holm's step-down adjustment (family-wise error rate): each p-value multiplied by the
    number of hypotheses not yet rejected, kept monotone, capped at 1 — the same as
    statsmodels' ``multipletests(method="holm")``."""
    order = sorted(range(len(p_values)), key=lambda i: p_values[i])
    adjusted = [0.0] * len(p_values)
    running = 0.0
    for rank, i in enumerate(order):
        running = max(running, min(1.0, (len(p_values) - rank) * p_values[i]))
        adjusted[i] = running
    return adjusted


@dataclass(frozen=True)
class Estimate:
    """A share with its variance (a weighted one is not a binomial count)."""

    share: float
    variance: float

    def interval(self, confidence: float = 0.95) -> Interval:
        half = z_value(confidence) * math.sqrt(max(self.variance, 0.0))
        return Interval(max(0.0, self.share - half), min(1.0, self.share + half))


def post_stratified(cells: list[tuple[float, int, int]]) -> Estimate:
    """Σ W·p over strata from (population weight W, count, stratum size); the weights are
    normalised. Variance of the stratified estimator, Σ W²·p(1−p)/n."""
    total = sum(w for w, _, _ in cells)
    share = sum(w / total * x / n for w, x, n in cells)
    variance = sum((w / total) ** 2 * (x / n) * (1 - x / n) / n for w, x, n in cells)
    return Estimate(share, variance)


def change(before: Estimate, after: Estimate) -> tuple[Difference, float]:
    """after − before of two independent estimates: Wald interval and two-sided p-value."""
    d = after.share - before.share
    se = math.sqrt(before.variance + after.variance)
    if se == 0:
        return Difference(d, Interval(d, d)), (1.0 if d == 0 else 0.0)
    half = z_value() * se
    return Difference(d, Interval(max(-1.0, d - half), min(1.0, d + half))), two_sided_p(d / se)


def shown_pair(before: float, after: float) -> tuple[str, str, str]:
    """Before, after and the change in points, rounded so that they agree: whole percent when
    the rounded shares differ by the rounded change, else one decimal for all three (never
    "22% → 22%; wzrost o 1 pkt proc.")."""
    b, a, d = before * 100, after * 100, (after - before) * 100
    if round_half_up(a) - round_half_up(b) == _signed_round(d):
        return f"{round_half_up(b)}%", f"{round_half_up(a)}%", _points(_signed_round(d))
    return _decimal(b) + "%", _decimal(a) + "%", _points_decimal(d)


def _signed_round(value: float) -> int:
    return round_half_up(value) if value >= 0 else -round_half_up(-value)


def _decimal(value: float) -> str:
    return f"{math.floor(value * 10 + 0.5 + 1e-9) / 10:.1f}".replace(".", ",")


def _points(value: int) -> str:
    return "0 pkt proc." if value == 0 else f"{'+' if value > 0 else '−'}{abs(value)} pkt proc."


def _points_decimal(value: float) -> str:
    shown = _decimal(abs(value))
    if shown == "0,0":
        return "0 pkt proc."
    return f"{'+' if value > 0 else '−'}{shown} pkt proc."


def shown_changes(first: float, second: float) -> tuple[str, str, str]:
    """Two changes (in proportions) and their difference, in points, rounded so that they
    agree, as ``shown_pair`` does for two shares."""
    a, b, d = first * 100, second * 100, (second - first) * 100
    if _signed_round(b) - _signed_round(a) == _signed_round(d):
        return (_points(_signed_round(a)), _points(_signed_round(b)),
                _points(_signed_round(d)))
    return _points_decimal(a), _points_decimal(b), _points_decimal(d)
