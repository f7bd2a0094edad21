"""The fair page in Chromium: accessibility, the timeline, the print layout and a printed PDF.

The site is built with ``NGOSITE_TODAY=2027-05-01`` so the page is in its "before the fair" state
whatever day the tests run.
"""

from __future__ import annotations

import io
import json
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page
from pypdf import PdfReader
from support.browser import REPO_ROOT

from ngosite.pipeline import load_registry

pytestmark = pytest.mark.browser

FAIR = "targi/"
BUILD_DAY = "2027-05-01"
A4_POINTS = (595.3, 841.9)


@pytest.fixture(scope="module")
def fair_url(tmp_path_factory: pytest.TempPathFactory, build_site: Callable[[Path, Path], Path],
             serve: Callable[[Path], str]) -> Iterator[str]:
    previous = os.environ.get("NGOSITE_TODAY")
    os.environ["NGOSITE_TODAY"] = BUILD_DAY
    try:
        site = build_site(REPO_ROOT, tmp_path_factory.mktemp("fair-site"))
    finally:
        if previous is None:
            del os.environ["NGOSITE_TODAY"]
        else:
            os.environ["NGOSITE_TODAY"] = previous
    yield serve(site)


@pytest.fixture(scope="module")
def edition():
    return load_registry(REPO_ROOT).fairs[-1]


def _open(page: Page, url: str) -> None:
    response = page.goto(url)
    assert response is not None and response.status == 200, f"{url}: {response}"
    page.wait_for_load_state("load")


def test_fair_page_loads_cleanly_and_passes_axe(watched, fair_url, axe_check):
    _open(watched.page, fair_url + FAIR)
    watched.assert_clean()
    assert "Zapraszamy!" in watched.page.locator(".fair-status").inner_text()
    axe_check(watched.page, "/targi/")


def test_ngo_page_with_its_fair_block_passes_axe(watched, fair_url, axe_check):
    _open(watched.page, fair_url + "organizacje/osp-milki/")
    block = watched.page.locator("section.ngo-page__fair")
    assert block.is_visible() and "Stoisko nr 2" in block.inner_text()
    watched.assert_clean()
    axe_check(watched.page, "/organizacje/osp-milki/")


def test_timeline_per_stage_in_time_order(page, fair_url, edition):
    _open(page, fair_url + FAIR)
    stages = page.locator("section.fair-stage")
    assert stages.count() == len(edition.fair.stages)
    for i, stage in enumerate(edition.fair.stages):
        section = stages.nth(i)
        assert section.locator("h3").inner_text() == stage.name
        starts = section.locator(".fair-item__time time:first-child").all_inner_texts()
        expected = sorted(f"{item.start:%H:%M}" for item in edition.fair.programme
                          if item.stage == stage.code)
        assert starts == expected
    for item in edition.fair.programme:
        assert page.get_by_role("heading", name=item.title, exact=True).is_visible()


def test_json_ld_reads_back_in_the_browser(page, fair_url, edition):
    _open(page, fair_url + FAIR)
    text = page.locator('script[type="application/ld+json"]').text_content() or ""
    data = json.loads(text)
    assert data["name"] == edition.fair.name
    assert len(data["subEvent"]) == len(edition.fair.programme)


def test_calendar_link_serves_the_ics_file(page, fair_url):
    _open(page, fair_url + FAIR)
    link = page.get_by_role("link", name="Dodaj do kalendarza")
    assert link.get_attribute("download") is not None
    response = page.request.get(fair_url + FAIR + (link.get_attribute("href") or ""))
    assert response.status == 200
    assert response.body().startswith(b"BEGIN:VCALENDAR\r\n")


def test_print_layout_has_no_navigation_and_a_black_timeline(page, fair_url):
    _open(page, fair_url + FAIR)
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-search", ".md-footer",
                     ".fair-actions"):
        assert not page.locator(selector).first.is_visible(), selector
    assert page.locator("ol.fair-timeline").first.is_visible()
    style = page.locator("ol.fair-timeline").first.evaluate(
        "el => [getComputedStyle(el).borderLeftColor, getComputedStyle(el).borderLeftStyle]")
    assert style == ["rgb(0, 0, 0)", "solid"]
    colours = page.locator(".fair-item__time, .fair-item__meta, .fair a").evaluate_all(
        "els => [...new Set(els.map(el => getComputedStyle(el).color))]")
    assert colours == ["rgb(0, 0, 0)"], "print in black, nothing carried by colour"


def test_printed_pdf_is_a4_and_holds_the_programme(page, fair_url, edition):
    _open(page, fair_url + FAIR)
    pdf = page.pdf(format="A4", print_background=False)
    reader = PdfReader(io.BytesIO(pdf))
    for sheet in reader.pages:
        width, height = float(sheet.mediabox.width), float(sheet.mediabox.height)
        # A4 is 595.3 × 841.9 pt; Chromium rounds the paper to whole hundredths of an inch.
        assert abs(width - A4_POINTS[0]) < 2 and abs(height - A4_POINTS[1]) < 2, (width, height)
    text = " ".join(" ".join(sheet.extract_text().split()) for sheet in reader.pages)
    assert 2 <= len(reader.pages) <= 12, len(reader.pages)
    for stage in edition.fair.stages:
        assert stage.name in text
    for item in edition.fair.programme:
        assert " ".join(item.title.split()) in text, item.title
        assert re.search(rf"{item.start:%H:%M}\s*–\s*{item.end:%H:%M}", text), item.title
    assert "Szukaj" not in text, "no search box on paper"
