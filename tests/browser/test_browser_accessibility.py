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
