#!/usr/bin/env python3
"""Regenerate docs/assets/css/critical.css: the rules every page needs for its first screen.

    .venv/bin/python scripts/critical_css.py

Run it after changing a stylesheet in docs/assets/css/ or upgrading mkdocs-material (a test
fails until you do). It builds the sample site, loads every page in Debian's Chromium at six
sizes, from a phone to a wide screen (each of the theme's breakpoints), and keeps each rule of
the theme's and our stylesheets whose selector matches an element on the first screen of any of
them, or a hidden one (rules that hide something must come too). The pages then link those
rules as one blocking stylesheet and load the whole stylesheets without blocking
(ngosite.publishing.critical_css).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from bench_map import CHROMIUM, serve  # noqa: E402

from ngosite.publishing.critical_css import (  # noqa: E402
    CRITICAL,
    CriticalSheet,
    header,
    stylesheet_sources,
)

# Widths on either side of each of the theme's breakpoints (30, 45, 60, 76.25 and 100 em).
VIEWPORTS = ((360, 740), (600, 960), (800, 1100), (1024, 768), (1280, 800), (1700, 950))

# Which probes match an element that shows on the first screen. An element counts when its box
# starts above the fold and its parent is drawn and on screen: so a hidden element counts (the
# rule that hides it must come), and so does the closed menu drawer beside the screen (the rule
# that keeps it there), but not what is inside them. A parent of no size counts wherever it is
# above the fold: what it holds overflows it. A probe the browser cannot parse is kept:
# better a few bytes too many than an unstyled first screen.
MATCHING = """
(probes) => {
  const fold = window.innerHeight, width = window.innerWidth;
  const onScreen = (element) => {
    const parent = element.parentElement;
    if (element.getBoundingClientRect().top >= fold) return false;
    if (!parent) return true;
    if (parent.getClientRects().length === 0) return false;
    const box = parent.getBoundingClientRect();
    // A wrapper of no size (the phone's closed search box) lets its content overflow it.
    if (box.width === 0 || box.height === 0) return box.top < fold;
    return box.bottom > 0 && box.right > 0 && box.left < width && box.top < fold;
  };
  const applies = (conditions) => conditions.every(([kind, text]) => {
    try { return kind === 'media' ? window.matchMedia(text).matches : CSS.supports(text); }
    catch (error) { return true; }
  });
  const found = [];
  probes.forEach(([selector, conditions], position) => {
    if (!applies(conditions)) return;
    let elements;
    try { elements = document.querySelectorAll(selector); }
    catch (error) { found.push(position); return; }
    for (const element of elements) {
      if (onScreen(element)) { found.push(position); break; }
    }
  });
  return found;
}
"""


def pages(site: Path) -> list[str]:
    """Every page of the built site, as addresses below it."""
    found = []
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site).as_posix()
        found.append(relative.removesuffix("index.html"))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path,
                        help="an already built sample site (default: build one)")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    sources = stylesheet_sources(ROOT)
    sheet = CriticalSheet(path.read_text(encoding="utf-8") for path in sources)
    probes = sheet.probes()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="critical-css-") as tmp:
        site = args.site
        if site is None:
            site = Path(tmp) / "site"
            subprocess.run([str(ROOT / ".venv" / "bin" / "mkdocs"), "build", "-q", "-d",
                            str(site)], cwd=ROOT, check=True)
        url, server = serve(site)
        kept: set[int] = set()
        addresses = pages(site)
        try:
            with sync_playwright() as playwright:
                # Map tiles and anything else from another host fail at once (offline).
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[
                    "--headless", "--no-sandbox",
                    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"])
                for width, height in VIEWPORTS:
                    context = browser.new_context(viewport={"width": width, "height": height})
                    page = context.new_page()
                    for address in addresses:
                        page.goto(url + address, wait_until="load")
                        kept.update(page.evaluate(MATCHING, probes))
                    context.close()
                browser.close()
        finally:
            server.shutdown()
    sheet.keep(kept)
    css = sheet.serialise()
    (ROOT / CRITICAL).write_text(header(sources) + css + "\n", encoding="utf-8")
    total = sum(len(path.read_bytes()) for path in sources)
    print(f"{CRITICAL}: {len(kept)} of {len(probes)} selectors, "
          f"{len(css):,} of {total:,} bytes, from {len(addresses)} pages at "
          f"{len(VIEWPORTS)} sizes in {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
