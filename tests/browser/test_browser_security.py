"""NGO text is untrusted: no page, no search result and no filter runs script from it.

A copy of the project gets one extra entry whose every free-text field carries a script payload;
the copy is built and browsed. The directory's filters also get payloads in the query string.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlencode

import pytest
from playwright.sync_api import Frame
from support.browser import DIRECTORY, REPO_ROOT, Watched, search
from support.map_browser import serve_blank_tiles

pytestmark = pytest.mark.browser

SLUG = "zzz-xss"
NAME = (
    '<img src=x onerror="window.__xss=1"> </script><script>window.__xss=1</script> '
    "${window.__xss=1}"
)
# Every free-text field carries a payload. URL and e-mail fields must pass validation, so they
# carry only what the validators allow: a template-literal payload.
MALICIOUS_ENTRY = f"""\
nazwa: {json.dumps(NAME)}
nazwa_skrocona: "<b onmouseover=window.__xss=1>X</b>"
forma_prawna: stowarzyszenie
opis: |
  <script>window.__xss=1</script> **pogrubienie** [link](javascript:window.__xss=1)
  <img src=x onerror="window.__xss=1">

  <a href="javascript:window.__xss=1">klik</a> `${{window.__xss=1}}`
  <style>body{{display:none}}</style>
obszary: [kultura]
identyfikatory:
  krs: "0000999999"
  nazwa_w_krs: "</script><script>window.__xss=1</script>"
  inny_rejestr:
    rejestr: inny
    numer: "<svg onload=window.__xss=1>"
    organ: "</script><script>window.__xss=1</script>"
adres:
  ulica: "<svg onload=window.__xss=1>"
  numer: "<svg/onload=__xss=1>"
  kod_pocztowy: "11-513"
  miejscowosc: Miłki
kontakt:
  email: "${{window.__xss=1}}@przyklad.pl"
  www: "https://przyklad.pl/${{window.__xss=1}}/?a=1&b=2"
oferta: "<iframe src=javascript:window.__xss=1></iframe> ${{window.__xss=1}}"
zweryfikowano: 2026-11-01
"""
QUERY_PAYLOADS = {
    "szukaj": '"><img src=x onerror="window.__xss=1">',
    "obszar": "<svg onload=window.__xss=1>",
    "miejscowosc": "</script><script>window.__xss=1</script>",
    "forma": "${window.__xss=1}",
}
IGNORED = shutil.ignore_patterns(
    ".venv",
    "site",
    ".git",
    "__pycache__",
    ".pytest_cache",
    ".ruff_cache",
    "*.egg-info",
    "node_modules",
)

_INJECTED_JS = """() => {
  const found = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase(), value = attr.value;
      if (name.startsWith('on') && value.includes('__xss')) found.push(`${el.tagName} ${name}`);
      if (['href', 'src', 'action', 'formaction', 'data'].includes(name)
          && /^\\s*javascript:/i.test(value) && value.includes('__xss'))
        found.push(`${el.tagName} ${name}=${value}`);
    }
  }
  for (const s of document.scripts) {
    const type = (s.type || '').toLowerCase();
    const runs = !type || type.includes('javascript') || type === 'module';
    if (runs && s.textContent.includes('__xss')) found.push('executable <script> with payload');
  }
  return found;
}"""


@pytest.fixture(scope="module")
def malicious_site_url(
    tmp_path_factory: pytest.TempPathFactory,
    build_site: Callable[[Path, Path], Path],
    serve: Callable[[Path], str],
) -> str:
    work = tmp_path_factory.mktemp("xss")
    project = work / "project"
    shutil.copytree(REPO_ROOT, project, ignore=IGNORED, symlinks=True)
    (project / "ngos" / f"{SLUG}.yml").write_text(MALICIOUS_ENTRY, encoding="utf-8")
    return serve(build_site(project, work / "site"))


def _assert_no_script_ran(watched: Watched, where: str) -> None:
    page = watched.page
    frames: list[Frame] = page.frames
    for frame in frames:
        flag = frame.evaluate("typeof window.__xss")
        assert flag == "undefined", f"{where}: injected script ran in {frame.url}"
        injected = frame.evaluate(_INJECTED_JS)
        assert not injected, f"{where}: live markup from NGO text in {frame.url}: {injected}"
    assert not watched.dialogs, f"{where}: a dialog opened: {watched.dialogs}"


def _load_frames(watched: Watched) -> None:
    """Bring lazy iframes (the map) into view so their documents load and get checked too."""
    page = watched.page
    for iframe in page.locator("iframe").all():
        iframe.scroll_into_view_if_needed()
        frame = iframe.content_frame
        frame.locator("body").wait_for(state="attached")
    page.wait_for_load_state("load")


def test_ngo_text_never_runs_as_script(watched, malicious_site_url):
    serve_blank_tiles(watched.context)  # the map page's only other host: answered locally
    page = watched.page
    base = malicious_site_url

    response = page.goto(base + DIRECTORY)
    assert response is not None and response.ok
    card = page.locator(f'#lista-organizacji li.ngo-card a[href$="{SLUG}/"]')
    assert card.count() == 1, f"the malicious entry's card is missing from /{DIRECTORY}"
    card.hover()
    _assert_no_script_ran(watched, "directory")

    page.fill("#filtr-tekst", "pogrubienie")
    page.wait_for_timeout(200)
    _assert_no_script_ran(watched, "directory filtered by text")

    response = page.goto(base + DIRECTORY + f"{SLUG}/")
    assert response is not None and response.ok
    page.wait_for_load_state("load")
    for element in page.locator("main b, main strong").all()[:20]:
        if element.is_visible():
            element.hover()
    _load_frames(watched)
    _assert_no_script_ran(watched, "NGO page")

    map_page = page.goto(base + "mapa/")
    if map_page is not None and map_page.ok:
        page.wait_for_load_state("load")
        _load_frames(watched)
        _assert_no_script_ran(watched, "map page")

    for query in (NAME, "pogrubienie", "svg onload", "xss"):
        page.goto(base)
        results = search(page, query, timeout_s=3.0)
        _assert_no_script_ran(watched, f"search for {query!r} ({len(results.links)} results)")
        if query == "pogrubienie":
            # The payloads were rendered as search results, not just skipped.
            assert base + DIRECTORY + f"{SLUG}/" in results.links, results.describe()


def test_query_string_never_runs_as_script(watched, site_url):
    page = watched.page
    for key, payload in QUERY_PAYLOADS.items():
        response = page.goto(site_url + DIRECTORY + "?" + urlencode({key: payload}))
        assert response is not None and response.ok
        page.wait_for_load_state("load")
        _assert_no_script_ran(watched, f"/{DIRECTORY}?{key}=…")
    page.goto(site_url + DIRECTORY)
    page.fill("#filtr-tekst", QUERY_PAYLOADS["szukaj"])
    page.wait_for_timeout(200)
    _assert_no_script_ran(watched, "payload typed into the filter box")


def test_the_checks_catch_an_injection(watched):
    """The detector itself: a page that does run the payload must be caught."""
    watched.page.set_content('<p>x</p><img src=x onerror="window.__xss=1">')
    watched.page.wait_for_function("window.__xss === 1")
    with pytest.raises(AssertionError, match="injected script ran"):
        _assert_no_script_ran(watched, "control")
    watched.page.evaluate("delete window.__xss")
    watched.page.set_content('<b onmouseover="window.__xss=1">X</b>')
    with pytest.raises(AssertionError, match="live markup"):
        _assert_no_script_ran(watched, "control")
