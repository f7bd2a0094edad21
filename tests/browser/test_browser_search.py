"""The site search finds Polish words typed without Polish letters.

People type ``straz`` for „straż” and ``milki`` for „Miłki”; the theme's search (lunr) folds no
diacritics by itself, so the index and the query must both be folded. Expected hits are derived
from the directory's cards, so the tests follow the data.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from support.browser import Card, SearchResults, search

pytestmark = pytest.mark.browser


@dataclass(frozen=True)
class Case:
    query: str  # typed without Polish letters
    polish: str  # the same words as written, to tell "no folding" from "search broken"
    wanted: str  # what must be found, for the message
    expected: Callable[[list[Card]], list[Card]] | None  # NGO pages of which one must be a hit
    text: str | None = None  # or: some result's text must contain this (case-insensitive)


CASES = [
    Case(
        "straz",
        "straż",
        "an OSP page",
        lambda cs: [c for c in cs if c.forma == "ochotnicza_straz_pozarna"],
    ),
    Case("milki", "miłki", "a result mentioning „Miłki”", None, text="miłki"),
    Case(
        "kolo gospodyn",
        "koło gospodyń",
        "a „Koło Gospodyń Wiejskich” page",
        lambda cs: [
            c
            for c in cs
            if "koło gospodyń wiejskich" in c.name.casefold()
            or c.forma == "kolo_gospodyn_wiejskich"
        ],
    ),
    Case(
        "seniorow",
        "seniorów",
        "the seniors' association",
        lambda cs: [c for c in cs if "senior" in c.name.casefold()],
    ),
    Case(
        "senior",
        "senior",
        "the seniors' association",
        lambda cs: [c for c in cs if "senior" in c.name.casefold()],
    ),
]


def _found(case: Case, results: SearchResults, targets: list[Card]) -> bool:
    if case.expected is not None:
        return bool({c.href for c in targets} & set(results.links))
    assert case.text is not None
    return any(case.text in t.casefold() for t in results.texts)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.query)
def test_search_without_polish_letters(watched, site_url, directory_cards, case):
    targets: list[Card] = []
    if case.expected is not None:
        targets = case.expected(directory_cards)
        assert targets, f"the test data has no NGO for {case.query!r} ({case.wanted})"

    page = watched.page
    page.goto(site_url)
    results = search(page, case.query)
    if _found(case, results, targets):
        watched.assert_no_errors()
        return

    # Tell the two failures apart: no diacritic folding, or a search that finds nothing at all.
    page.goto(site_url)
    polish = search(page, case.polish)
    if _found(case, polish, targets):
        diagnosis = (
            f"the same words with Polish letters ({case.polish!r}) do find it: the search index "
            "and the query need diacritic folding (ą→a, ć→c, ę→e, ł→l, ń→n, ó→o, ś→s, ź/ż→z)"
        )
    else:
        diagnosis = f"even {case.polish!r} finds nothing of the kind: is the search working?"
    expected = "\n    ".join(c.href for c in targets) or f"text containing {case.text!r}"
    pytest.fail(
        f"searching {case.query!r} did not find {case.wanted}.\n{diagnosis}\n"
        f"expected one of:\n    {expected}\n{results.describe()}\n{polish.describe()}",
        pytrace=False,
    )
