"""axe-core on one page of every kind the built site has, and keyboard-only use of its controls.

Page kinds are found in the built site, not listed by hand, so pages added by later features are
covered as they land: a kind is a page address with its variable parts generalised
(``organizacje/<slug>/`` → ``organizacje/*/``, ``dokumenty/<doc>/wersja-2/`` →
``dokumenty/*/wersja-N/``). The first page of each kind is checked.

The keyboard test tabs through the directory, map, fair and form pages (those that exist) and
requires that Tab reaches every visible control in the main content and that each one shows a
visible focus indicator when it gets there.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from support.browser import page_kinds
from support.map_browser import serve_blank_tiles

pytestmark = pytest.mark.browser

KEYBOARD_PAGES = ["organizacje/", "mapa/", "targi/", "dodaj-organizacje/", "wydarzenia/"]


def test_page_kinds_include_the_core_pages(built_site):
    kinds = page_kinds(built_site)
    for kind in ("", "organizacje", "organizacje/*", "dane", "deklaracja-dostepnosci"):
        assert kind in kinds, f"no page of kind {kind!r} in the built site: {sorted(kinds)}"


def _axe_in_every_frame(page, axe_check, what: str) -> None:
    """axe-core checks an iframe only where it is injected: inject it into every frame."""
    script = Axe().axe_script
    for frame in page.frames[1:]:
        frame.evaluate(script)
    axe_check(page, what)


def test_every_page_kind_has_no_wcag_violations(watched, site_url, built_site, axe_check):
    serve_blank_tiles(watched.context)
    page = watched.page
    kinds = page_kinds(built_site)
    failures = []
    for kind, path in sorted(kinds.items()):
        response = page.goto(site_url + path)
        assert response is not None and response.ok, f"/{path}: {response}"
        page.wait_for_load_state("load")
        page.wait_for_timeout(300)
        try:
            _axe_in_every_frame(page, axe_check, f"/{path} (kind {kind or 'home'!r})")
        except pytest.fail.Exception as failure:
            failures.append(str(failure))
    print(f"axe: {len(kinds)} page kinds, {len(failures)} with violations")
    assert not failures, "\n\n".join(failures)


def test_no_page_kind_scrolls_sideways_on_a_320_px_phone(new_watched, site_url, built_site):
    """WCAG 1.4.10 (reflow): a wide table may scroll in its own box, never the whole page."""
    watched = new_watched(viewport={"width": 320, "height": 640}, is_mobile=True)
    serve_blank_tiles(watched.context)
    page = watched.page
    wide = []
    for kind, path in sorted(page_kinds(built_site).items()):
        page.goto(site_url + path)
        page.wait_for_load_state("load")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 320:
            wide.append(f"/{path} (kind {kind or 'home'!r}): {width} px")
    assert not wide, "\n".join(wide)


_MARK_CONTROLS = """
() => {
  const selector = 'a[href], button, input, select, textarea, summary, iframe, [tabindex]';
  const main = document.querySelector('main') || document.body;
  const controls = [...main.querySelectorAll(selector)].filter(el =>
    el.tabIndex >= 0 && !el.disabled && !el.closest('[inert]') &&
    el.checkVisibility({visibilityProperty: true, opacityProperty: true}) &&
    !(el.closest('details:not([open])') && el.tagName !== 'SUMMARY'));
  // Tab enters a group of radio buttons once (arrows move inside it): one control per group.
  const names = {};
  controls.forEach((el, i) => el.setAttribute('data-kb',
    el.type === 'radio' && el.name ? 'radio:' + el.name : String(i)));
  for (const el of controls)
    names[el.getAttribute('data-kb')] = (el.tagName.toLowerCase() + ' ' +
      (el.getAttribute('aria-label') || el.textContent || el.name || '').trim()).slice(0, 60);
  return names;
}
"""

_FOCUSED = """
() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  const shadow = style.boxShadow && style.boxShadow !== 'none';
  const underline = style.textDecorationLine.includes('underline') &&
    el.matches(':focus-visible');
  return {
    kb: el.getAttribute('data-kb'),
    visible: outline || shadow || el.tagName === 'IFRAME',
    what: el.tagName.toLowerCase() + ' ' + (el.textContent || el.name || '').trim().slice(0, 40),
    styles: [style.outlineStyle, style.outlineWidth, style.boxShadow, underline].join(' / '),
  };
}
"""


@pytest.mark.parametrize("path", KEYBOARD_PAGES)
def test_keyboard_reaches_every_control_with_a_visible_focus(watched, site_url, built_site,
                                                            path):
    if not (built_site / path / "index.html").is_file():
        pytest.skip(f"/{path} is not part of the site yet")
    serve_blank_tiles(watched.context)
    page = watched.page
    page.goto(site_url + path)
    page.wait_for_load_state("load")
    page.wait_for_timeout(300)
    controls = page.evaluate(_MARK_CONTROLS)
    assert controls, f"/{path} has no controls in its main content"
    reached: set[str] = set()
    invisible: list[str] = []
    page.locator("body").focus()
    for _ in range(len(controls) + 150):
        page.keyboard.press("Tab")
        focused = page.evaluate(_FOCUSED)
        if focused is None or focused["kb"] is None:
            if reached and len(reached) == len(controls):
                break
            continue
        if focused["kb"] not in reached and not focused["visible"]:
            invisible.append(f"{focused['what']} ({focused['styles']})")
        reached.add(focused["kb"])
        if len(reached) == len(controls):
            break
    missing = [name for kb, name in controls.items() if kb not in reached]
    assert not missing, f"/{path}: Tab never reaches {len(missing)} control(s): {missing[:15]}"
    assert not invisible, f"/{path}: no visible focus on {invisible[:15]}"
