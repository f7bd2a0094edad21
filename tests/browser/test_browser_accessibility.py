"""Every kind of page loads cleanly and passes axe-core's WCAG 2.1 A/AA rules."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

PAGES = ["home", "directory", "ngo"]


@pytest.fixture(params=PAGES)
def page_path(request: pytest.FixtureRequest) -> str:
    if request.param == "home":
        return ""
    if request.param == "directory":
        return "organizacje/"
    return request.getfixturevalue("first_ngo_path")


def test_page_loads_without_errors(watched, site_url, page_path):
    response = watched.page.goto(site_url + page_path)
    assert response is not None and response.status == 200, f"/{page_path}: {response}"
    watched.page.wait_for_load_state("load")
    watched.assert_clean()


def test_page_has_no_wcag_violations(watched, site_url, page_path, axe_check):
    watched.page.goto(site_url + page_path)
    watched.page.wait_for_load_state("load")
    axe_check(watched.page, f"/{page_path}")


@pytest.mark.parametrize(("scheme", "drawn"), [("light", "invert(1)"), ("dark", "none")])
def test_the_logo_stays_visible_in_forced_colours(watched, site_url, scheme, drawn):
    """The logo is a white image file: a contrast theme repaints the header behind it but not
    the image, so on a light theme it is drawn dark (an inline icon took the text colour)."""
    page = watched.page
    page.set_viewport_size({"width": 1280, "height": 800})  # the header shows the logo
    page.emulate_media(forced_colors="active", color_scheme=scheme)
    page.goto(site_url)
    page.locator("link[data-nonblocking][media=all]").wait_for(state="attached")  # all rules
    logo = page.locator(".md-header__button.md-logo img")
    assert logo.is_visible()
    assert logo.evaluate("img => img.complete && img.naturalWidth > 0")
    assert logo.evaluate("img => getComputedStyle(img).filter") == drawn
    watched.assert_clean()
