"""The Content Security Policy in Chromium: the site works under it, and it stops injected script.

- One page of every kind (found in the built site, as ``test_browser_page_kinds`` finds them),
  the map document on its own, and what people do there (a search, which starts the worker and
  fetches the index; a pin's popup; the NGO form's "prepare" and a code block's copy button)
  raise no ``securitypolicyviolation`` event in any frame.
- A built NGO page with an inline script, an ``onerror`` attribute and a ``javascript:`` link
  added runs none of them; the same page without its policy runs all three, so the test can see
  a payload run.

The static side (every HTML file has its policy, and its hashes are exactly those of its inline
scripts) is ``tests/site/test_links.py``.
"""

from __future__ import annotations

import pytest
from support.browser import Watched, page_kinds, search
from support.map_browser import map_frame, serve_blank_tiles, wait_for_map

pytestmark = pytest.mark.browser

# Runs in every frame before the page's own scripts (a DevTools injection, not subject to CSP).
LISTEN = """window.__violations = [];
document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(
  `${e.violatedDirective} ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber} ${e.sample}`));"""
PAYLOAD = ('<script>window.__ran = (window.__ran || []).concat("script")</script>'
           '<img src="brak.png" alt="" '
           'onerror="window.__ran = (window.__ran || []).concat(\'onerror\')">'
           '<a id="wstrzykniety" href="javascript:void(window.__ran = '
           '(window.__ran || []).concat(\'link\'))">link</a>')
META = '<meta http-equiv="Content-Security-Policy"'


def _violations(watched: Watched, where: str) -> list[str]:
    found = []
    for frame in watched.page.frames:
        found += [f"{where} ({frame.url}): {v}"
                  for v in frame.evaluate("window.__violations || []")]
    return found


def _open(watched: Watched, url: str) -> None:
    """Load a page; the inline parts are checked as it is parsed, the scripts' work by "load"
    (the lazy map frame loads in the map's own steps below)."""
    response = watched.page.goto(url)
    assert response is not None and response.ok, f"{url}: {response}"
    watched.page.wait_for_load_state("load")


def test_no_page_kind_breaks_its_policy(watched, site_url, built_site):
    serve_blank_tiles(watched.context)
    watched.context.add_init_script(LISTEN)
    page = watched.page
    kinds = page_kinds(built_site)
    violations: list[str] = []
    for path in sorted(kinds.values()):
        _open(watched, site_url + path)
        violations += _violations(watched, f"/{path}")

    _open(watched, site_url + "mapa/mapa.html")
    wait_for_map(page)
    page.locator(".leaflet-marker-icon").first.click()
    page.locator(".leaflet-popup").wait_for()
    violations += _violations(watched, "map document, a popup opened")

    _open(watched, site_url + "mapa/")
    map_frame(watched.page)
    violations += _violations(watched, "/mapa/ with its frame")

    _open(watched, site_url)
    results = search(page, "ochotnicza straz")
    assert results.links, results.describe()
    violations += _violations(watched, f"search ({len(results.links)} results)")

    _open(watched, site_url + "dodaj-organizacje/")
    page.click("#formularz-przygotuj")
    page.locator(".md-typeset pre").first.hover()
    page.locator(".md-code__button[data-md-type=copy]").first.click()
    page.locator(".md-dialog--active").wait_for()  # the theme's "copied" note
    violations += _violations(watched, "the NGO form and a copy button")

    checked = len(kinds) + 2
    print(f"policy: {checked} documents of {len(kinds)} kinds and the map, "
          f"{len(violations)} violations")
    assert not violations, "\n".join(violations)
    watched.assert_no_errors()


def _injected_page(built_site, with_policy: bool) -> str:
    path = page_kinds(built_site)["organizacje/*"]
    html = (built_site / path / "index.html").read_text(encoding="utf-8")
    assert META in html and "</article>" in html
    if not with_policy:
        start = html.index(META)
        html = html[:start] + html[html.index(">", start) + 1:]
    return html.replace("</article>", PAYLOAD + "</article>", 1)


@pytest.mark.parametrize("with_policy", [True, False], ids=["policy", "control"])
def test_an_injected_script_and_handler_do_not_run(watched, site_url, built_site, with_policy):
    # Served beside the NGO pages, so the page's relative links reach the real site.
    address = site_url + "organizacje/wstrzykniecie/"
    body = _injected_page(built_site, with_policy)
    watched.context.route(address, lambda route: route.fulfill(
        status=200, content_type="text/html; charset=utf-8", body=body))
    watched.context.add_init_script(LISTEN)
    page = watched.page
    page.goto(address)
    page.wait_for_load_state("load")
    page.click("#wstrzykniety")
    page.wait_for_timeout(200)
    ran = page.evaluate("window.__ran || []")
    if not with_policy:
        assert sorted(ran) == ["link", "onerror", "script"], ran
        return
    assert ran == [], f"injected code ran under the policy: {ran}"
    blocked = " ".join(page.evaluate("window.__violations"))
    for directive in ("script-src-elem", "script-src-attr"):
        assert directive in blocked, blocked
    watched.console_errors.clear()  # the refusals are reported there too, as they should be
