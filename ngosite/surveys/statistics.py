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
