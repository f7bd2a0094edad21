"""Polish search as residents type it: the queries of tests/search_queries.yml in Chromium.

Each query is typed into the site's search box on the home page; the NGO it names must be among
the first five pages the search shows. At least 97% of the queries must find their NGO, and 90%
of the spelling slips; the misses are listed either way, with the recall of each kind, so a
regression shows which kind of query broke. A weak result explains itself (search-help.js).
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from support.browser import REPO_ROOT, open_search, page_url, wait_until

pytestmark = pytest.mark.browser

QUERY_FILE = REPO_ROOT / "tests" / "search_queries.yml"
KINDS = {"bez polskich liter", "odmiana", "dwa słowa", "literówka", "z polskimi literami",
         "pokrewne słowo", "kilka słów z jednym nieznanym"}
TOP = 5
REQUIRED_RECALL = 0.97
REQUIRED_BY_KIND = {"literówka": 0.90}
INITIALISING = "Inicjowanie wyszukiwania"  # the theme's Polish text before the worker is ready


@dataclass(frozen=True)
class Query:
    text: str
    kind: str
    expected: tuple[str, ...]


def load_queries(path: Path = QUERY_FILE) -> list[Query]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [Query(str(q["zapytanie"]), q["rodzaj"], tuple(q["oczekiwane"])) for q in raw]


@dataclass(frozen=True)
class Outcome:
    query: Query
    found: bool
    top: tuple[str, ...]
    seconds: float  # from the last key to the first results shown


_RESULT_LINKS = "() => [...document.querySelectorAll('.md-search-result__item a')].map(a => a.href)"


def wait_until_search_ready(page, timeout_s: float = 180) -> str:
    """Open the search box and wait for the worker to build its index; returns the text the
    theme shows over an empty query (its "start typing" prompt)."""
    open_search(page)
    meta = page.locator(".md-search-result__meta")
    # The sharded index is ready at once: the prompt may replace the theme's "initialising"
    # text before the box is even open, so wait for the prompt rather than for a change.
    assert wait_until(lambda: meta.inner_text().strip() not in ("", INITIALISING), page,
                      timeout_s), f"the search was not ready after {timeout_s} s"
    return meta.inner_text()


def ask(page, text: str, prompt: str, timeout_s: float = 30) -> tuple[tuple[str, ...], float]:
    """Type ``text`` into the open search box; the result pages in order, and the seconds
    until results showed. The box is emptied first so no earlier result is read by mistake."""
    field = page.locator(".md-search__input")
    meta = page.locator(".md-search-result__meta")
    field.fill("")
    field.press("End")
    wait_until(lambda: meta.inner_text() == prompt, page, timeout_s)
    start = time.monotonic()
    field.fill(text)
    field.press("End")  # the theme searches on keyup
    wait_until(lambda: meta.inner_text() != prompt, page, timeout_s)
    seconds = time.monotonic() - start
    last: list[str] = []
    for _ in range(20):
        links = page.evaluate(_RESULT_LINKS)
        if links == last:
            break
        last = links
        page.wait_for_timeout(150)
    return tuple(dict.fromkeys(page_url(link) for link in last)), seconds


def run_queries(page, site_url: str, queries: list[Query]) -> list[Outcome]:
    """Every query typed on the home page; the first five result pages of each."""
    page.goto(site_url)
    prompt = wait_until_search_ready(page)
    outcomes = []
    for query in queries:
        links, seconds = ask(page, query.text, prompt)
        top = tuple(link.removeprefix(site_url) for link in links[:TOP])
        wanted = {f"organizacje/{slug}/" for slug in query.expected}
        outcomes.append(Outcome(query, bool(wanted & set(top)), top, seconds))
    return outcomes


def recall_by_kind(outcomes: list[Outcome]) -> dict[str, tuple[int, int]]:
    """``kind → (found, queries)``, kinds in the order of the query file."""
    found: Counter[str] = Counter(o.query.kind for o in outcomes if o.found)
    total: Counter[str] = Counter(o.query.kind for o in outcomes)
    return {kind: (found[kind], total[kind]) for kind in total}


def report(outcomes: list[Outcome]) -> str:
    found = sum(o.found for o in outcomes)
    lines = [f"recall {found}/{len(outcomes)} = {found / len(outcomes):.0%}",
             "  " + "; ".join(f"{kind} {f}/{n}" for kind, (f, n) in
                              recall_by_kind(outcomes).items())]
    for o in outcomes:
        if not o.found:
            lines.append(f"  MISS [{o.query.kind}] {o.query.text!r}: wanted "
                         f"{', '.join(o.query.expected)}; top {TOP}: {', '.join(o.top) or '—'}")
    return "\n".join(lines)


def test_query_file_covers_every_kind_and_names_real_ngos():
    queries = load_queries()
    assert len(queries) >= 30
    assert {q.kind for q in queries} == KINDS
    slugs = {p.stem for p in (REPO_ROOT / "ngos").glob("*.yml")}
    unknown = sorted({s for q in queries for s in q.expected} - slugs)
    assert not unknown, f"queries expect NGOs that are not in ngos/: {unknown}"
    assert len({q.text for q in queries}) == len(queries), "a query is listed twice"


def test_residents_queries_find_their_ngo_in_the_first_five(watched, site_url):
    outcomes = run_queries(watched.page, site_url, load_queries())
    found = sum(o.found for o in outcomes)
    print(report(outcomes))
    assert found / len(outcomes) >= REQUIRED_RECALL, report(outcomes)
    by_kind = recall_by_kind(outcomes)
    for kind, required in REQUIRED_BY_KIND.items():
        assert by_kind[kind][0] / by_kind[kind][1] >= required, report(outcomes)
    watched.assert_no_errors()


def test_a_weak_result_says_what_it_tried_and_links_the_nearest_lists(watched, site_url,
                                                                     axe_check):
    page = watched.page
    page.goto(site_url)
    prompt = wait_until_search_ready(page)
    ask(page, "rydzewo sauna", prompt)
    help_box = page.locator(".ngo-search-help")
    assert wait_until(lambda: help_box.count() == 1, page, 10), "no help under a weak result"
    text = help_box.inner_text()
    assert "„sauna”: nie występuje w serwisie" in text and "„rydzewo”: znalezione" in text
    assert help_box.get_attribute("role") == "status"
    axe_check(page, "the search's help under a weak result")
    link = help_box.get_by_role("link", name="Miejscowość: Rydzewo")
    assert link.get_attribute("href") == f"{site_url}organizacje/miejscowosci/rydzewo/"
    ask(page, "seniorzy", prompt)  # a good result: the help goes
    assert wait_until(lambda: help_box.count() == 0, page, 10)
    ask(page, "futbol", prompt)  # found only through a related word: said so, sport offered
    assert wait_until(lambda: "słowa pokrewne" in help_box.inner_text(), page, 10)
    sport = help_box.get_by_role("link", name="Obszar działania: sport i kultura fizyczna")
    sport.focus()  # as from the keyboard (the search overlay's edge is the page's sidebar)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{site_url}organizacje/obszary/sport/")
    assert "sport" in page.locator("h1").inner_text().lower()
    watched.assert_no_errors()


def test_a_weak_result_in_one_tab_shows_no_help_in_another(new_watched, site_url):
    """The help travels on a BroadcastChannel, which every tab of the site hears: a tab with
    another query in its box must not show the help meant for the tab where it was typed."""
    watched = new_watched()
    calm, typing = watched.page, watched.context.new_page()
    for page in (calm, typing):
        page.goto(site_url)
    calm_prompt, typing_prompt = wait_until_search_ready(calm), wait_until_search_ready(typing)
    ask(calm, "seniorzy", calm_prompt)  # a good result in the first tab: no help there
    ask(typing, "rydzewo sauna", typing_prompt)
    assert wait_until(lambda: typing.locator(".ngo-search-help").count() == 1, typing, 10)
    calm.wait_for_timeout(500)  # the message reached the first tab too, at the same moment
    assert calm.locator(".ngo-search-help").count() == 0, "help for another tab's query shown"
    ask(calm, "rydzewo sauna", calm_prompt)  # its own weak query still gets its help
    assert wait_until(lambda: calm.locator(".ngo-search-help").count() == 1, calm, 10)
    watched.assert_no_errors()
