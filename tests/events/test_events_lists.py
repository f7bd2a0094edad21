"""The list pages carry the next events and the last that ended, not the whole calendar; the
year pages carry every event once. A calendar of 60 weekly trainings, built on 26 November 2026:
12 have ended, 2 more end within the two weeks a page must stay right without a build."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from support.events_project import BASE_EVENT, new_project, write_event

from ngosite.events.pages import NEXT_SHOWN, RECENT_SHOWN, events_pages
from ngosite.pipeline import load_registry

TODAY = date(2026, 11, 26)
FIRST = date(2026, 9, 5)  # a Saturday; weekly from here
COUNT = 60


def _title(i: int) -> str:
    return f"Szkolenie numer {i:02d}"


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    root = new_project(tmp_path_factory.mktemp("lists"))
    for i in range(COUNT):
        day = FIRST + timedelta(days=7 * i)
        write_event(root, day.year, f"szkolenie-{i:02d}", BASE_EVENT.replace(
            "Szkolenie testowe", _title(i)).replace("2027-03-20", day.isoformat()))
    registry = load_registry(root, today=TODAY)
    assert not registry.errors, registry.errors
    return {page.src_uri: page.html or "" for page in events_pages(registry)}


def _items(html: str) -> list[tuple[str, bool]]:
    """(title, hidden at the build) of every list item, in order."""
    return [(title, " hidden>" in attrs or attrs.endswith(" hidden")) for attrs, title in
            re.findall(r'<li class="events-item([^>]*)>.*?class="events-item__title"><a '
                       r'href="[^"]+">([^<]+)<', html, re.S)]


def _section(html: str, start: str, end: str) -> str:
    first = html.index(start)
    return html[first:html.index(end, first)]


def test_the_list_carries_the_next_events_and_those_that_end_before_it_is_stale(pages):
    page = pages["wydarzenia/index.md"]
    upcoming = _items(_section(page, 'id="nadchodzace"', 'id="subskrypcja"'))
    # 12 ended; the 2 that end within two weeks, then the next 20.
    assert [title for title, _ in upcoming] == [_title(i) for i in range(12, 12 + 2 + NEXT_SHOWN)]
    assert not any(hidden for _, hidden in upcoming)
    assert f'data-events-limit="{NEXT_SHOWN}"' in page


def test_the_recent_list_has_the_last_ended_and_hidden_those_that_will_end(pages):
    recent = _items(_section(pages["wydarzenia/index.md"], 'id="archiwum"', 'id="wedlug-lat"'))
    coming = [(_title(i), True) for i in reversed(range(12, 12 + 2 + NEXT_SHOWN))]
    ended = [(_title(i), False) for i in reversed(range(12 - RECENT_SHOWN, 12))]
    assert recent == coming + ended


def test_every_event_is_on_the_page_of_its_year_once_with_no_date_logic(pages):
    years = {"2026": pages["wydarzenia/2026/index.md"], "2027": pages["wydarzenia/2027/index.md"]}
    found = [title for html in years.values() for title, _ in _items(html)]
    assert found == [_title(i) for i in range(COUNT)]
    for html in years.values():
        assert "data-pokaz" not in html and " hidden" not in html and "<script" not in html
    assert '<h2 id="miesiac-2026-09">Wrzesień 2026</h2>' in years["2026"]
    assert [t for t, _ in _items(pages["wydarzenia/szkolenia/2027/index.md"])] == \
        [t for t, _ in _items(years["2027"])]


def test_list_and_year_pages_link_to_each_other(pages):
    page = pages["wydarzenia/index.md"]
    years = _section(page, 'id="wedlug-lat"', "</nav>")
    assert re.findall(r'href="([^"]+)"', years) == ["../wydarzenia/2026/", "../wydarzenia/2027/"]
    year = pages["wydarzenia/szkolenia/2027/index.md"]
    assert 'href="../../../wydarzenia/szkolenia/2027/" aria-current="page">Szkolenia<' in year
    assert 'href="../../../wydarzenia/2027/">Wszystkie<' in year
    assert 'href="../../../wydarzenia/szkolenia/2026/">2026<' in year
    assert 'href="../../../wydarzenia/szkolenia/">Szkolenia</a>' in year


def test_a_list_page_stays_small_however_long_the_calendar(pages):
    # 60 events: the list's size is bounded by NEXT_SHOWN and RECENT_SHOWN, not by the count.
    per_item = len(pages["wydarzenia/2027/index.md"]) / 43
    assert len(pages["wydarzenia/index.md"]) < (2 * (2 + NEXT_SHOWN) + RECENT_SHOWN + 20) * per_item
