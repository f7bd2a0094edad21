"""Requests to Nominatim are spaced from the previous answer, not from the previous start."""

from __future__ import annotations

import itertools
import time

from ngosite.geo.nominatim import _PoliteRateLimiter


def test_the_delay_counts_from_the_previous_answer():
    calls: list[tuple[float, float]] = []

    def slow_then_fast(name: str) -> str:
        start = time.monotonic()
        time.sleep(0.3 if not calls else 0.0)  # the first request is slow to arrive
        calls.append((start, time.monotonic()))
        return name

    limit = _PoliteRateLimiter(slow_then_fast, time.sleep, min_delay_seconds=0.4,
                               max_retries=0, swallow_exceptions=False)
    assert [limit("a"), limit("b"), limit("c")] == ["a", "b", "c"]
    for (_, previous_end), (start, _) in itertools.pairwise(calls):
        assert start - previous_end >= 0.39
