"""The statistics against published values: Wilson's and Newcombe's own examples, the finite
population correction, and the words a resident reads."""

from __future__ import annotations

import math

import pytest

from ngosite.surveys.statistics import (
    Difference,
    Interval,
    effective_n,
    fpc,
    fpc_applies,
    interval_text,
    margin_of_error,
    newcombe,
    percent,
    points_text,
    round_half_up,
    signed_points,
    wilson,
    z_value,
)


def test_z_for_95_percent():
    assert z_value() == pytest.approx(1.959964, abs=1e-6)


@pytest.mark.parametrize(("x", "n", "low", "high"), [
    (2, 10, 0.057, 0.510),   # the value
    (0, 12, 0.0, 0.242),     # where Wald collapses to [0, 0]
    (12, 12, 0.758, 1.0),
    (81, 263, 0.2553, 0.3662),  # Newcombe 1998, table I (method 3)
    (15, 148, 0.0624, 0.1605),
    (0, 20, 0.0, 0.1611),
    (1, 29, 0.0061, 0.1718),
])
def test_wilson_interval_against_published_values(x, n, low, high):
    interval = wilson(x, n)
    assert interval.low == pytest.approx(low, abs=5e-4)
    assert interval.high == pytest.approx(high, abs=5e-4)


def test_wilson_is_not_wald_at_zero():
    interval = wilson(0, 12)
    assert interval.low == 0 and interval.high > 0.2


def test_wilson_refuses_impossible_counts():
    with pytest.raises(ValueError):
        wilson(3, 2)
    with pytest.raises(ValueError):
        wilson(0, 0)


@pytest.mark.parametrize(("x1", "n1", "x2", "n2", "low", "high"), [
    # Newcombe 1998, table II, method 10 (his p1 − p2; here later − earlier).
    (48, 80, 56, 70, 0.0524, 0.3339),
    (3, 10, 9, 10, 0.1705, 0.8090),
    (0, 29, 5, 56, -0.0381, 0.1926),
    (0, 20, 0, 10, -0.1611, 0.2775),
    (0, 10, 0, 10, -0.2775, 0.2775),
])
def test_newcombe_difference_against_published_values(x1, n1, x2, n2, low, high):
    difference = newcombe(x1, n1, x2, n2)
    assert difference.estimate == pytest.approx(x2 / n2 - x1 / n1)
    assert difference.interval.low == pytest.approx(low, abs=5e-4)
    assert difference.interval.high == pytest.approx(high, abs=5e-4)


def test_finite_population_correction_from_five_percent():
    assert not fpc_applies(149, 3000) and fpc(149, 3000) == 1.0
    assert fpc_applies(150, 3000)
    assert fpc(300, 3000) == pytest.approx(math.sqrt(2700 / 2999))
    assert fpc(300, None) == 1.0
    assert effective_n(300, 3000) == pytest.approx(300 * 2999 / 2700)
    # The whole population answered: no sampling error at all.
    assert wilson(40, 100, population=100) == Interval(0.4, 0.4)


def test_margin_of_error_with_and_without_the_correction():
    assert margin_of_error(300) == pytest.approx(0.0566, abs=1e-4)
    assert margin_of_error(300, 3000) == pytest.approx(0.0566 * math.sqrt(2700 / 2999),
                                                       abs=1e-4)
    assert margin_of_error(100, 100) == 0.0


def test_the_correction_narrows_wilson_intervals():
    plain, corrected = wilson(150, 300), wilson(150, 300, population=1000)
    assert corrected.low > plain.low and corrected.high < plain.high


@pytest.mark.parametrize(("difference", "text"), [
    (Difference(0.12, Interval(0.04, 0.20)), "wzrost o 12 pkt proc., poza granicą błędu"),
    (Difference(-0.08, Interval(-0.15, -0.01)), "spadek o 8 pkt proc., poza granicą błędu"),
    (Difference(0.03, Interval(-0.04, 0.10)), "wzrost o 3 pkt proc., zmiana w granicach błędu"),
    (Difference(0.001, Interval(-0.05, 0.05)), "bez zmian (w granicach błędu)"),
    (Difference(0.004, Interval(0.001, 0.008)),
     "wzrost o mniej niż 1 pkt proc., poza granicą błędu"),
])
def test_plain_polish_for_a_change(difference, text):
    assert points_text(difference) == text


def test_rounding_is_half_up_everywhere():
    assert round_half_up(12.5) == 13 and round_half_up(0.5) == 1 and round_half_up(2.4999) == 2
    assert percent(0.125) == 13 and percent(0.0) == 0
    assert interval_text(Interval(0.3949, 0.515)) == "39–52%"
    assert signed_points(0.12) == "+12" and signed_points(-0.031) == "−3"
    assert signed_points(0.004) == "0"
