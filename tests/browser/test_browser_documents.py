"""Documents in the browser: a version page, a changes page and a consultation report pass
axe-core, read well with a screen reader (the redline says "dodano:" / "usunięto:") and fit a
phone's screen without sideways scrolling."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

PROGRAMME = "dokumenty/program-wspolpracy/"
VERSION = PROGRAMME + "wersja-1/"
CHANGES = PROGRAMME + "zmiany-1-2/"
REPORT = PROGRAMME + "wersja-1/raport/"
PAGES = ["dokumenty/", PROGRAMME, VERSION, CHANGES, REPORT,
         "dokumenty/zmiana-statutu-konsultacje/zmiany-1-2/"]

_HIDDEN_PREFIXES = """
els => els.map(el => {
  const hidden = el.querySelector('.doc-sr');
  const box = hidden ? hidden.getBoundingClientRect() : null;
  const style = hidden ? getComputedStyle(hidden) : null;
  return {
    prefix: hidden ? hidden.textContent : null,
    tiny: box ? box.width <= 1 && box.height <= 1 : false,
    shown_to_readers: style ? style.display !== 'none' && style.visibility !== 'hidden'
                              && !hidden.closest('[aria-hidden="true"]') : false,
    decoration: getComputedStyle(el).textDecorationLine,
  };
})
"""


@pytest.mark.parametrize("path", PAGES)
def test_document_pages_have_no_wcag_violations(watched, site_url, axe_check, path):
    response = watched.page.goto(site_url + path)
    assert response is not None and response.status == 200, path
    watched.page.wait_for_load_state("load")
    axe_check(watched.page, f"/{path}")
    watched.assert_clean()


def test_version_page_banner_and_sections(page, site_url):
    page.goto(site_url + VERSION)
    banner = page.locator(".doc-banner")
    assert "Wersja 1 z 3" in banner.inner_text()
    newer = banner.get_by_role("link", name="wersja 3 z 16 listopada 2026")
    assert newer.get_attribute("href") == "../wersja-3/"
    assert page.get_by_role("heading", name="§ 5. Formy współpracy").is_visible()
    assert page.locator(".doc-checksum").inner_text().startswith("02c3c5bd")


def test_redline_tells_screen_readers_what_was_added_and_removed(page, site_url):
    page.goto(site_url + CHANGES)
    insertions = page.eval_on_selector_all(".doc-changes ins", _HIDDEN_PREFIXES)
    deletions = page.eval_on_selector_all(".doc-changes del", _HIDDEN_PREFIXES)
    assert len(insertions) > 10 and len(deletions) > 3
    assert {i["prefix"] for i in insertions} == {"dodano: "}
    assert {d["prefix"] for d in deletions} == {"usunięto: "}
    for mark in insertions + deletions:
        assert mark["tiny"] and mark["shown_to_readers"], mark
    # Not colour alone: underline and strike-through.
    assert {i["decoration"] for i in insertions} == {"underline"}
    assert {d["decoration"] for d in deletions} == {"line-through"}
    change = page.locator("#zmiana-par-5-ust-3-pkt-4")
    snapshot = change.aria_snapshot()
    assert "dodano: nieodpłatnym" in snapshot and "usunięto: w miarę możliwości" in snapshot


def test_report_links_a_comment_to_its_change_and_back(page, site_url):
    page.goto(site_url + REPORT)
    rows = page.locator("tr[id^='uwaga-']")
    assert rows.count() == 12
    first = page.locator("#uwaga-1")
    first.get_by_role("link", name="zobacz zmianę: § 5 ust. 3 pkt 4").click()
    page.wait_for_url("**/zmiany-1-2/#zmiana-par-5-ust-3-pkt-4")
    target = page.locator("#zmiana-par-5-ust-3-pkt-4")
    assert target.is_visible()
    target.get_by_role("link", name="nr 1").click()
    page.wait_for_url("**/wersja-1/raport/#uwaga-1")
    page.goto(site_url + REPORT)
    page.locator("#uwaga-1").get_by_role("link", name="§ 5 ust. 3 pkt 4", exact=True).click()
    page.wait_for_url("**/wersja-1/#par-5-ust-3-pkt-4")
    assert page.locator("#par-5-ust-3-pkt-4").is_visible()


@pytest.mark.parametrize("path", [VERSION, CHANGES, REPORT])
def test_document_pages_fit_a_phone_screen(new_watched, site_url, path):
    watched = new_watched(viewport={"width": 320, "height": 640}, is_mobile=True,
                          has_touch=True, device_scale_factor=2)
    watched.page.goto(site_url + path)
    watched.page.wait_for_load_state("load")
    widths = watched.page.evaluate(
        "() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"/{path} scrolls sideways on a phone: {widths}"
    watched.assert_clean()


def test_report_table_becomes_cards_on_a_phone_and_stays_a_table(new_watched, site_url):
    watched = new_watched(viewport={"width": 360, "height": 740})
    page = watched.page
    page.goto(site_url + REPORT)
    table = page.get_by_role("table")
    assert table.count() == 1
    assert page.get_by_role("row").count() == 13
    cell = page.locator("#uwaga-3 td[data-label='Stanowisko']")
    label = cell.evaluate("el => getComputedStyle(el, '::before').content")
    assert "Stanowisko" in label
    assert "nieuwzględniona" in cell.inner_text()


def test_a_version_prints_without_the_site_around_it(page, site_url):
    page.goto(site_url + VERSION)
    page.emulate_media(media="print")
    hidden = page.evaluate("""() => ['.md-header', '.md-sidebar--primary', '.md-footer',
        '.doc-history'].map(s => document.querySelector(s))
        .filter(Boolean).map(el => getComputedStyle(el).display)""")
    assert hidden and set(hidden) == {"none"}
    assert page.locator(".doc-banner").is_visible()
    assert page.locator("#par-13").is_visible()
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
