"""The first screen of every page kind looks the same with only the critical styles as with
every stylesheet, and only those block the first paint.

Pages link the rules their first screens need as one small blocking stylesheet
(``docs/assets/css/critical.css``, from ``scripts/critical_css.py``) and load the theme's and
our stylesheets without blocking. If those rules are incomplete, a resident on a slow line sees
the page jump or change colour when the stylesheets arrive. This test loads one page of each
kind twice, at a phone's and a desktop's size: once with the other stylesheets refused (only
the critical rules apply) and once with all of them, and compares every element on the first
screen: its box, colours, font and visibility. A difference names the element and what
changed; the fix is to run the script.
"""

from __future__ import annotations

import re

import pytest
from support.browser import REPO_ROOT, Watched, page_kinds
from support.map_browser import serve_blank_tiles

from ngosite.publishing.critical_css import stylesheet_sources

pytestmark = pytest.mark.browser

SIZES = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 800}}

# Every element drawn on the first screen, in document order, with what a visitor sees of it.
FIRST_SCREEN = """
() => {
  const fold = window.innerHeight, width = window.innerWidth;
  const path = (element) => {
    const parts = [];
    for (let e = element; e && e !== document.body; e = e.parentElement) {
      parts.unshift(e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
                    (e.classList.length ? '.' + [...e.classList].join('.') : ''));
    }
    return parts.join(' > ');
  };
  // Outside a box that clips its content (the phone's closed menu drawer): not seen.
  const clipped = (element, box) => {
    for (let outer = element.parentElement; outer; outer = outer.parentElement) {
      if (getComputedStyle(outer).overflow === 'visible') continue;
      const edge = outer.getBoundingClientRect();
      if (box.right <= edge.left || box.left >= edge.right || box.bottom <= edge.top ||
          box.top >= edge.bottom) return true;
    }
    return false;
  };
  const seen = [];
  for (const element of document.body.querySelectorAll('*')) {
    if (element.closest('svg, iframe, .folium-map, noscript')) continue;
    const box = element.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    if (box.top >= fold || box.bottom <= 0 || box.left >= width || box.right <= 0) continue;
    if (clipped(element, box)) continue;
    const style = getComputedStyle(element);
    if (style.visibility !== 'visible' || style.opacity === '0') continue;
    seen.push({
      element: path(element),
      // Only the part on the first screen: what comes below may still be unstyled.
      box: [box.left, box.top, box.width, Math.min(box.bottom, fold)].map(Math.round).join(','),
      colour: style.color, background: style.backgroundColor,
      font: `${style.fontSize} ${style.fontWeight} ${style.fontStyle}`,
    });
  }
  return seen;
}
"""
ALL_APPLIED = ("() => !document.querySelector("
               "'link[rel=stylesheet][media=print][data-nonblocking]')")
# The theme's and our stylesheets, joined by the build into one file named by its content.
BUNDLE = re.compile(r"site-[0-9a-f]{10}\.css")


def _bundled(address: str) -> bool:
    return BUNDLE.fullmatch(address.split("?", 1)[0].rsplit("/", 1)[-1]) is not None


def _first_screen(watched: Watched, url: str, all_stylesheets: bool) -> list[dict]:
    page = watched.page
    page.goto(url, wait_until="domcontentloaded")
    if all_stylesheets:
        page.wait_for_function(ALL_APPLIED)
    # Let the theme's script settle the header and sidebars: two frames.
    page.evaluate("new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    return page.evaluate(FIRST_SCREEN)


def _critical_only(new_watched, size: dict[str, int]) -> Watched:
    """A context whose pages get no stylesheet but the critical rules."""
    watched = new_watched(viewport=size)
    watched.context.route(_bundled, lambda route: route.abort())
    return watched


def _differences(inline: list[dict], full: list[dict]) -> list[str]:
    if [item["element"] for item in inline] != [item["element"] for item in full]:
        shown = {item["element"] for item in inline}
        expected = {item["element"] for item in full}
        return ([f"only with all stylesheets: {element}" for element in expected - shown]
                + [f"only with the critical rules: {element}" for element in shown - expected])
    found = []
    for before, after in zip(inline, full, strict=True):
        changed = [f"{key} {before[key]} → {after[key]}" for key in before
                   if key != "element" and before[key] != after[key]]
        if changed:
            found.append(f"{before['element']}: {'; '.join(changed)}")
    return found


@pytest.mark.parametrize("size", SIZES)
def test_first_screen_is_the_same_before_the_stylesheets_arrive(new_watched, site_url,
                                                                built_site, size):
    inline_only, full = _critical_only(new_watched, SIZES[size]), new_watched(viewport=SIZES[size])
    for watched in (inline_only, full):
        serve_blank_tiles(watched.context)
    problems = []
    for kind, address in sorted(page_kinds(built_site).items()):
        before = _first_screen(inline_only, site_url + address, all_stylesheets=False)
        after = _first_screen(full, site_url + address, all_stylesheets=True)
        assert after, f"nothing on the first screen of /{address}"
        differences = _differences(before, after)
        if differences:
            problems.append(f"/{address} ({kind or 'home'}):\n    " + "\n    ".join(
                differences[:8]) + (f"\n    … {len(differences) - 8} more"
                                    if len(differences) > 8 else ""))
    assert not problems, (
        f"The first screen changes when the stylesheets arrive ({size}); run "
        "scripts/critical_css.py:\n" + "\n".join(problems))


BLOCKING_LINK = re.compile(
    r'<link rel="stylesheet"(?! media="print" data-nonblocking)[^>]*href="([^"]+)"')


def test_no_page_waits_for_the_site_stylesheets(built_site):
    """Every page of the theme links the critical rules first, no page carries them inline (or
    any other style), and outside <noscript> every page links the theme's and our stylesheets
    without blocking (the map page's own map.css is the map's business)."""
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 50
    for path in pages:
        html = path.read_text(encoding="utf-8")
        head = re.sub(r"<noscript>.*?</noscript>", "", html.split("</head>", 1)[0], flags=re.S)
        if "md-header" not in html:
            continue  # not a page of the theme (the map's frame document)
        assert "<style" not in head, path
        first = BLOCKING_LINK.search(head)
        assert first and first.group(1).endswith("assets/css/critical.css"), path
        blocking = [href for href in BLOCKING_LINK.findall(head) if _bundled(href)]
        assert not blocking, f"{path.relative_to(built_site)} blocks on {blocking}"
        assert len([href for href in re.findall(r'href="([^"]+\.css)"', head)
                    if _bundled(href)]) == 1, path
    # The one file holds every rule of the theme's and our stylesheets, in their order.
    [bundle] = (built_site / "assets" / "css").glob("site-*.css")
    text = bundle.read_text(encoding="utf-8")
    at = 0
    for source in stylesheet_sources(REPO_ROOT):
        body = re.sub(r'@charset "UTF-8";|/\*# sourceMappingURL=[^*]*\*/', "",
                      source.read_text(encoding="utf-8")).strip()
        found = text.find(body, at)
        assert found >= at, f"{source.name} is not in {bundle.name} in its place"
        at = found + len(body)


def test_without_javascript_the_stylesheets_still_apply(new_watched, site_url):
    watched = new_watched(java_script_enabled=False, viewport=SIZES["phone"])
    watched.page.goto(site_url + "organizacje/")
    applied = watched.page.evaluate(
        "[...document.styleSheets].filter(s => s.href && !s.media.mediaText)"
        ".map(s => s.href.split('/').pop())")
    assert len([name for name in applied if BUNDLE.fullmatch(name)]) == 1, applied
