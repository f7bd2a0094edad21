"""The survey pages in Chromium: axe-core finds no WCAG 2.1 A/AA violation on any kind of them,
every chart is an image named by its own ``<title>`` with its text inside its box, chart text
is at least 11 px and no table cell breaks inside a word on a 390 px phone, a phone 320 px
wide never scrolls sideways, and a script in any text field of a survey never runs.

Page kinds: the list ``/badania/``, a wave, the before/after comparison, an NGO's report, "Czy
projekt zadziałał?" and an NGO page with its effectiveness section.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from support.survey_project import WAVES, survey_project
from test_browser_security import _assert_no_script_ran

pytestmark = pytest.mark.browser

KINDS = {
    "list": "badania/",
    "wave": "badania/mieszkancy-2026-po/",
    "comparison": "badania/porownanie/akademia-wspolpracy/",
    "NGO report": "badania/skutecznosc/kgw-rydzewo/",
    "summary": "badania/czy-projekt-zadzialal/",
    "NGO page": "organizacje/kgw-rydzewo/",
}
PAYLOAD = "<svg onload=__xss=1></script><script>__xss=1</script>${__xss=1}"

_CHARTS = """() => [...document.querySelectorAll('svg.survey-chart')].map(svg => {
  const ids = (svg.getAttribute('aria-labelledby') || '').split(' ');
  const title = svg.querySelector(':scope > title');
  const box = svg.viewBox.baseVal;
  const overflow = [...svg.querySelectorAll('text')].filter(t => {
    const b = t.getBBox();
    return b.x < -0.5 || b.x + b.width > box.width + 0.5;
  }).map(t => t.textContent);
  return {role: svg.getAttribute('role'), first: ids[0], title: title && title.id,
          titleText: title && title.textContent.trim(), texts: svg.querySelectorAll('text').length,
          overflow};
})"""


@pytest.mark.parametrize("kind", list(KINDS))
def test_survey_page_kinds_have_no_wcag_violations(watched, site_url, built_site, axe_check,
                                                   kind):
    path = KINDS[kind]
    assert (built_site / path / "index.html").is_file(), f"no /{path} in the built site"
    response = watched.page.goto(site_url + path)
    assert response is not None and response.ok
    watched.page.wait_for_load_state("load")
    axe_check(watched.page, f"/{path} ({kind})")
    assert not watched.page_errors and not watched.console_errors


@pytest.mark.parametrize("kind", ["wave", "comparison"])
def test_charts_are_images_named_by_their_title(watched, site_url, kind):
    page = watched.page
    page.goto(site_url + KINDS[kind])
    charts = page.evaluate(_CHARTS)
    assert len(charts) >= 9
    for chart in charts:
        assert chart["role"] == "img" and chart["first"] == chart["title"], chart
        assert chart["titleText"] and chart["texts"] >= 2, chart
        assert not chart["overflow"], f"text past the chart's edge: {chart['overflow']}"
    first = page.locator("svg.survey-chart").first
    name = first.evaluate("svg => svg.querySelector('title').textContent")
    assert page.get_by_role("img", name=name.strip()).count() >= 1


_SMALLEST_CHART_TEXT = """() => Math.min(...[...document.querySelectorAll('svg.survey-chart')]
  .flatMap(svg => { const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    return [...svg.querySelectorAll('text')].map(
      t => parseFloat(getComputedStyle(t).fontSize) * scale); }))"""
# Each word of every table cell must sit on one line: a word whose characters fall on two
# lines was broken inside.
_BROKEN_WORDS = """() => { const broken = [];
  for (const cell of document.querySelectorAll('main td, main th')) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      for (const m of n.data.matchAll(/\\S+/g)) {
        const r = document.createRange();
        r.setStart(n, m.index); r.setEnd(n, m.index + m[0].length);
        if (new Set([...r.getClientRects()].map(x => Math.round(x.top))).size > 1)
          broken.push(m[0]);
      }
    }
  }
  return broken; }"""


def test_a_390_px_phone_reads_charts_and_tables_whole(new_watched, site_url):
    watched = new_watched(viewport={"width": 390, "height": 844}, device_scale_factor=1)
    page = watched.page
    for kind in ("wave", "comparison", "summary", "NGO report"):
        page.goto(site_url + KINDS[kind])
        page.wait_for_load_state("load")
        page.wait_for_function("() => !document.querySelector('link[media=print]"
                               "[data-nonblocking]')")
        if kind in ("wave", "comparison"):
            smallest = page.evaluate(_SMALLEST_CHART_TEXT)
            assert smallest >= 11, f"/{KINDS[kind]}: chart text {smallest:.1f} px"
        assert page.evaluate(_BROKEN_WORDS) == [], f"/{KINDS[kind]}: words broken in cells"


@pytest.mark.parametrize("kind", list(KINDS))
def test_no_sideways_scrolling_at_320_px(new_watched, site_url, kind):
    watched = new_watched(viewport={"width": 320, "height": 640}, device_scale_factor=1)
    page = watched.page
    page.goto(site_url + KINDS[kind])
    page.wait_for_load_state("load")
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 320, f"/{KINDS[kind]} is {width} px wide at a 320 px viewport"
    wide = page.evaluate("""() => [...document.querySelectorAll('main table')]
        .filter(t => t.closest('.survey-table-wrap, .md-typeset__scrollwrap') === null
                     && t.getBoundingClientRect().width > 320).length""")
    assert wide == 0, "a wide table without a scrolling box"


def test_tables_scroll_without_javascript(new_watched, site_url):
    watched = new_watched(viewport={"width": 320, "height": 640}, java_script_enabled=False)
    watched.page.goto(site_url + KINDS["wave"])
    assert watched.page.evaluate("() => document.documentElement.scrollWidth") <= 320


@pytest.fixture(scope="module")
def payload_site_url(tmp_path_factory: pytest.TempPathFactory,
                     build_site: Callable[[Path, Path], Path],
                     serve: Callable[[Path], str]) -> str:
    work = tmp_path_factory.mktemp("survey-xss")
    project = survey_project(work / "project", site=True, payload=PAYLOAD)
    return serve(build_site(project, work / "site"))


def test_survey_text_never_runs_as_script(watched, payload_site_url):
    page = watched.page
    paths = ["badania/", *(f"badania/{w}/" for w in WAVES), "badania/porownanie/mala/",
             "badania/skutecznosc/osp-milki/", "badania/czy-projekt-zadzialal/",
             "organizacje/osp-milki/"]
    for path in paths:
        response = page.goto(payload_site_url + path)
        assert response is not None and response.ok, f"/{path}: {response}"
        page.wait_for_load_state("load")
        for element in page.locator("main svg.survey-chart text").all()[:10]:
            element.hover(force=True)  # a wrapped label's centre may fall between lines
        _assert_no_script_ran(watched, f"/{path}")
    # The payload was shown as text, not dropped: a resident sees what was written.
    page.goto(payload_site_url + f"badania/{WAVES[0]}/")
    assert PAYLOAD in page.locator("main").inner_text()
