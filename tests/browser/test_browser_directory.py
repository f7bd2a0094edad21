"""The directory's filters (``/organizacje/``): a script over server-rendered cards.

The contract: ``form#filtry`` (hidden without JavaScript, by noscript.css) with ``#filtr-tekst``,
``#filtr-obszar``, ``#filtr-miejscowosc``, ``#filtr-forma`` and a reset button; ``#licznik``
announces the count; cards are ``#lista-organizacji li.ngo-card`` with ``data-obszary``,
``data-miejscowosc``, ``data-forma`` and ``data-tekst`` (folded, lowercase, ASCII); the script
hides cards with the ``hidden`` attribute and keeps its state in the query string
(``?obszar=&miejscowosc=&forma=&szukaj=``); ``#brak-wynikow`` shows when nothing matches.
"""

from __future__ import annotations

from collections import Counter
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from playwright.sync_api import Page
from support.browser import DIRECTORY, Card, assert_visible_cards, cards, wait_until

pytestmark = pytest.mark.browser

OSP = "ochotnicza_straz_pozarna"
KGW_NAME = "koło gospodyń"
POLISH_LETTERS = "ąćęłńóśźżĄĆĘŁŃÓŚŹŻ"
QUERY_KEYS = ("obszar", "miejscowosc", "forma", "szukaj")


def _open(page: Page, url: str) -> None:
    response = page.goto(url)
    assert response is not None and response.ok, f"GET {url}: {response}"
    # The form is shown from the first paint (no layout shift when the script runs), so wait
    # for the script to have wired the controls: it marks the form first, in the same task.
    page.locator("#filtry[data-ngo-ready]").wait_for(state="visible")


def _query(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def _pick_form(all_cards: list[Card]) -> str:
    """A legal form that selects a non-empty proper subset, OSP if it does."""
    counts = Counter(c.forma for c in all_cards)
    if 0 < counts[OSP] < len(all_cards):
        return OSP
    for form, n in counts.most_common():
        if 0 < n < len(all_cards):
            return form
    pytest.fail(f"every card has the same legal form ({counts}); the test data needs variety")


def _assert_counter(page: Page, expected: int) -> None:
    counter = page.locator("#licznik")
    ok = wait_until(lambda: str(expected) in counter.inner_text(), page)
    assert ok, f"#licznik should mention {expected}: {counter.inner_text()!r}"


def _assert_no_results_message(page: Page, shown: bool) -> None:
    message = page.locator("#brak-wynikow")
    ok = wait_until(lambda: message.is_visible() == shown, page)
    assert ok, f"#brak-wynikow should be {'shown' if shown else 'hidden'}"


def test_directory_markup_matches_the_contract(directory_cards):
    problems = []
    for card in directory_cards:
        if not (card.name and card.href and card.forma and card.obszary and card.miejscowosc):
            problems.append(f"{card.name or card.href}: missing name, link or a data-* attribute")
        if card.tekst != card.tekst.lower() or set(card.tekst) & set(POLISH_LETTERS):
            problems.append(f"{card.name}: data-tekst is not folded lowercase text")
        if card.hidden:
            problems.append(f"{card.name}: hidden in the HTML as served")
    assert not problems, "\n".join(problems)


def test_controls_offer_the_values_used_by_cards(page, site_url, directory_cards):
    _open(page, site_url + DIRECTORY)
    for select, values in (
        ("#filtr-forma", {c.forma for c in directory_cards}),
        ("#filtr-miejscowosc", {c.miejscowosc for c in directory_cards}),
        ("#filtr-obszar", {a for c in directory_cards for a in c.obszary}),
    ):
        offered = set(page.eval_on_selector_all(f"{select} option", "os => os.map(o => o.value)"))
        assert "" in offered, f"{select} needs an empty option meaning 'all'"
        missing = values - offered
        assert not missing, f"{select} lacks options for values used by cards: {sorted(missing)}"


def test_legal_form_filter_shows_exactly_matching_cards(watched, site_url, directory_cards):
    page = watched.page
    _open(page, site_url + DIRECTORY)
    form = _pick_form(directory_cards)
    expected = [c for c in directory_cards if c.forma == form]
    assert 0 < len(expected) < len(directory_cards)

    page.select_option("#filtr-forma", form)
    assert_visible_cards(page, expected, f"forma={form}")
    _assert_counter(page, len(expected))
    _assert_no_results_message(page, shown=False)
    assert wait_until(lambda: _query(page).get("forma") == [form], page), (
        f"the query string should keep forma={form}: {page.url}"
    )
    watched.assert_no_errors()


def test_filters_combine(watched, site_url, directory_cards):
    page = watched.page
    _open(page, site_url + DIRECTORY)
    form = _pick_form(directory_cards)
    with_form = [c for c in directory_cards if c.forma == form]
    # A locality with cards of this form, preferring one that narrows the selection further.
    localities = Counter(c.miejscowosc for c in with_form)
    locality = min(localities, key=lambda loc: (localities[loc] == len(with_form), loc))
    expected = [c for c in with_form if c.miejscowosc == locality]

    page.select_option("#filtr-forma", form)
    page.select_option("#filtr-miejscowosc", locality)
    assert_visible_cards(page, expected, f"forma={form} + miejscowosc={locality}")
    _assert_counter(page, len(expected))

    area = expected[0].obszary[0]
    expected = [c for c in expected if area in c.obszary]
    page.select_option("#filtr-obszar", area)
    assert_visible_cards(page, expected, f"forma={form} + miejscowosc={locality} + obszar={area}")
    assert wait_until(
        lambda: (
            {k: v[0] for k, v in _query(page).items()}
            == {"forma": form, "miejscowosc": locality, "obszar": area}
        ),
        page,
    ), f"the query string should hold the three filters: {page.url}"

    # A combination nothing matches announces it.
    present = {(c.forma, c.miejscowosc) for c in directory_cards}
    empty = next(
        (
            (f, loc)
            for f in sorted({c.forma for c in directory_cards})
            for loc in sorted({c.miejscowosc for c in directory_cards})
            if (f, loc) not in present
        ),
        None,
    )
    if empty:
        page.select_option("#filtr-obszar", "")
        page.select_option("#filtr-forma", empty[0])
        page.select_option("#filtr-miejscowosc", empty[1])
        assert_visible_cards(page, [], f"forma={empty[0]} + miejscowosc={empty[1]}")
        _assert_no_results_message(page, shown=True)
    watched.assert_no_errors()


def test_text_search_ignores_polish_letters(watched, site_url, directory_cards):
    page = watched.page
    _open(page, site_url + DIRECTORY)
    expected = [c for c in directory_cards if KGW_NAME in c.name.casefold()]
    assert expected, "the test data needs an NGO whose name contains „Koło Gospodyń”"

    page.fill("#filtr-tekst", "kolo gospodyn")
    assert_visible_cards(page, expected, "szukaj='kolo gospodyn'")
    assert wait_until(lambda: _query(page).get("szukaj") == ["kolo gospodyn"], page), (
        f"the query string should keep szukaj=kolo gospodyn: {page.url}"
    )
    # Capitals and Polish letters typed by the user fold the same way.
    page.fill("#filtr-tekst", "KOŁO Gospodyń")
    assert_visible_cards(page, expected, "szukaj='KOŁO Gospodyń'")
    watched.assert_no_errors()


def test_reset_shows_everything(watched, site_url, directory_cards):
    page = watched.page
    form = _pick_form(directory_cards)
    _open(page, site_url + DIRECTORY + "?" + urlencode({"forma": form, "szukaj": "a"}))
    page.locator("#filtry button[type=reset]").click()
    assert_visible_cards(page, directory_cards, "after reset")
    _assert_counter(page, len(directory_cards))
    _assert_no_results_message(page, shown=False)
    values = page.eval_on_selector_all(
        "#filtry input, #filtry select", "els => els.map(e => [e.id, e.value])"
    )
    assert all(value == "" for _, value in values), f"controls not cleared: {values}"
    assert wait_until(lambda: not set(_query(page)) & set(QUERY_KEYS), page), (
        f"the query string should be cleared: {page.url}"
    )
    watched.assert_no_errors()


def test_query_string_restores_filters(watched, site_url, directory_cards):
    page = watched.page
    expected = [c for c in directory_cards if c.forma == OSP]
    assert expected, "the test data needs an NGO with forma_prawna: ochotnicza_straz_pozarna"
    _open(page, site_url + DIRECTORY + f"?forma={OSP}")
    assert page.input_value("#filtr-forma") == OSP
    assert_visible_cards(page, expected, f"loaded with ?forma={OSP}")
    _assert_counter(page, len(expected))

    _open(page, site_url + DIRECTORY + "?" + urlencode({"szukaj": "kolo gospodyn"}))
    assert page.input_value("#filtr-tekst") == "kolo gospodyn"
    kgw = [c for c in directory_cards if KGW_NAME in c.name.casefold()]
    assert_visible_cards(page, kgw, "loaded with ?szukaj=kolo+gospodyn")
    watched.assert_no_errors()


def test_without_javascript_everything_is_listed(new_watched, site_url):
    watched = new_watched(java_script_enabled=False)
    page = watched.page
    response = page.goto(site_url + DIRECTORY)
    assert response is not None and response.ok
    assert not page.locator("#filtry").is_visible(), "the filter form needs JavaScript: hide it"
    all_cards = cards(page)
    assert all_cards and all(c.visible for c in all_cards), "every card must be visible"
    assert not page.locator("#brak-wynikow").is_visible()


def test_filters_work_on_a_phone(new_watched, site_url, directory_cards):
    watched = new_watched(
        viewport={"width": 375, "height": 667},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )
    page = watched.page
    _open(page, site_url + DIRECTORY)
    width = page.evaluate("innerWidth")
    controls = [
        "#filtr-tekst",
        "#filtr-obszar",
        "#filtr-miejscowosc",
        "#filtr-forma",
        "#filtry button[type=reset]",
    ]
    boxes = {}
    for selector in controls:
        control = page.locator(selector)
        control.scroll_into_view_if_needed()
        assert control.is_visible(), f"{selector} is not visible on a phone"
        box = control.bounding_box()
        assert box is not None
        assert box["x"] >= 0 and box["x"] + box["width"] <= width + 0.5, (
            f"{selector} sticks out of the {width}px screen: {box}"
        )
        assert box["height"] >= 24, f"{selector} is too small to tap: {box}"
        boxes[selector] = box
    # Page coordinates: bounding_box is relative to the viewport, which may have scrolled.
    boxes = {
        s: page.eval_on_selector(
            s,
            "e => { const r = e.getBoundingClientRect();"
            " return {x: r.x + scrollX, y: r.y + scrollY, width: r.width, height: r.height}; }",
        )
        for s in controls
    }
    for i, a in enumerate(controls):
        for b in controls[i + 1 :]:
            p, q = boxes[a], boxes[b]
            overlap = (
                p["x"] < q["x"] + q["width"]
                and q["x"] < p["x"] + p["width"]
                and p["y"] < q["y"] + q["height"]
                and q["y"] < p["y"] + p["height"]
            )
            assert not overlap, f"{a} and {b} overlap on a phone: {p} {q}"
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, f"horizontal scrollbar on a phone: {scroll_width} > {width}"

    form = _pick_form(directory_cards)
    page.select_option("#filtr-forma", form)
    assert_visible_cards(page, [c for c in directory_cards if c.forma == form], "on a phone")
    watched.assert_no_errors()
