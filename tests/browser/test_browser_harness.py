"""The harness itself: it must notice what the other browser tests rely on it to notice."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_requests_to_other_hosts_are_blocked_and_recorded(watched, site_url):
    page = watched.page
    # A data file, not a page: a page's Content Security Policy refuses the image before any
    # request leaves, and this test is about the harness, the layer behind the policy.
    page.goto(site_url + "dane/organizacje.json")
    page.evaluate(
        """() => new Promise(done => {
             const img = new Image();
             img.onload = img.onerror = done;
             img.src = 'https://example.org/pixel.png';
           })"""
    )
    assert watched.external_requests == ["https://example.org/pixel.png"]
    with pytest.raises(AssertionError, match=r"example\.org"):
        watched.assert_no_external_requests()
    watched.external_requests.clear()  # the fixture's teardown check would fail otherwise


def test_script_errors_are_recorded(watched, site_url):
    page = watched.page
    page.goto(site_url)
    page.evaluate("setTimeout(() => { throw new Error('boom') }, 0)")
    page.evaluate("console.error('bad')")
    page.wait_for_timeout(100)
    with pytest.raises(AssertionError, match="boom"):
        watched.assert_no_errors()
    assert any("bad" in e for e in watched.console_errors)
