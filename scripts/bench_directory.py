#!/usr/bin/env python3
"""Time to the directory's first cards on a phone: ours against the plain site's list.

    .venv/bin/python scripts/bench_directory.py                 # 10,000 NGOs
    .venv/bin/python scripts/bench_directory.py --sizes 1000 10000 --runs 5

For each size it writes the synthetic project the benchmark builds (``benchmark.py``: the
generated NGOs, the sample ones, surveys and events) and the plain mkdocs-material site of the
same pages, builds both, serves each on 127.0.0.1 with gzip (level 6, as a web server would)
and loads ``/organizacje/`` in Debian's Chromium on the benchmark's mobile profile (150 ms
round trip, 1.6 Mbit/s down, CPU 4× slower; ``bench_map.PROFILES``), cold, ``--runs`` times.
It reports the median milliseconds from navigation start until the first NGO card (ours:
``.ngo-card``; plain: the first link of its list) is laid out on screen, the first contentful
paint, the page's ``load`` event, and the bytes the page transferred.

A third row is the theme's floor: the plain site's page with nothing in its article but a
heading. On this profile a page of the theme as it comes waits for its render-blocking styles
(about 25 KB gzip) behind a 150 ms round trip, then styles and lays out its header and menu on
a 4× slower CPU; no such page shows anything sooner. Ours block only on one small cached
stylesheet of their first screen's rules and load the others without blocking (README, "Styles
and the first screen"), so they can. A measurement, not a test.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_map import CHROMIUM, PROFILES, serve
from benchmark import (
    ROOT,
    _default_workdir,
    add_surveys,
    copy_sample_ngos,
    plain_project,
    timed_build,
)

from ngosite.events.synthetic import write_synthetic_events
from ngosite.organisations.synthetic import write_synthetic_project

# Installed before the page's own scripts (an init script), so it watches from the document's
# first frame: on every animation frame it looks for the first element matching the selector
# with a box on screen and records the time from navigation start (the page's own clock, so the
# throttled CPU counts). A poller started after navigation by ``page.evaluate`` would wait for
# the main thread to be free and could miss the first frames.
FIRST_CARD_WATCH = """
(() => {
  const selector = %s;
  const check = () => {
    const card = document.querySelector(selector);
    if (card && card.getBoundingClientRect().height > 0) {
      window.__firstCardMs = performance.now();
    } else {
      requestAnimationFrame(check);
    }
  };
  requestAnimationFrame(check);
})();
"""
OURS, PLAIN = ".ngo-card", "article.md-content__inner li a"
FLOOR = "article.md-content__inner h1"
LABELS = {"ours": "ours: directory", "plain": "plain: directory",
          "floor": "plain: a page with only its heading (the theme's floor)"}


def first_cards(browser, url: str, selector: str, runs: int) -> dict[str, float]:
    """Median ms to the first card, the first contentful paint and ``load``, and the bytes
    transferred (gzip)."""
    profile = PROFILES["mobile"]
    firsts, paints, loads, transferred = [], [], [], []
    for _ in range(runs):
        context = browser.new_context(viewport={"width": 390, "height": 844},
                                      is_mobile=True, has_touch=True)
        context.add_init_script(FIRST_CARD_WATCH % json.dumps(selector))
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", {
            "offline": False, "latency": profile["latency"],
            "downloadThroughput": profile["download"], "uploadThroughput": profile["upload"]})
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": profile["cpu"]})
        page.goto(url, wait_until="load", timeout=300_000)
        page.wait_for_function("() => window.__firstCardMs !== undefined", timeout=60_000)
        firsts.append(page.evaluate("window.__firstCardMs"))
        paints.append(page.evaluate(
            "performance.getEntriesByName('first-contentful-paint')[0].startTime"))
        loads.append(page.evaluate(
            "performance.getEntriesByType('navigation')[0].loadEventEnd"))
        transferred.append(page.evaluate(
            "performance.getEntriesByType('navigation')[0].transferSize + performance"
            ".getEntriesByType('resource').reduce((sum, r) => sum + r.transferSize, 0)"))
        context.close()
    return {"first_card_ms": statistics.median(firsts),
            "first_paint_ms": statistics.median(paints), "load_ms": statistics.median(loads),
            "bytes": statistics.median(transferred)}


def theme_floor(plain_site: Path) -> str:
    """A page of the plain site with nothing but a heading in its article, written beside its
    directory (same header, menu, styles and scripts): the soonest any mkdocs-material page
    shows its content on this profile. Returns its address below the site."""
    html = (plain_site / "organizacje" / "index.html").read_text(encoding="utf-8")
    start = html.index(">", html.index('<article class="md-content__inner')) + 1
    end = html.index("</article>", start)
    # Beside the directory's index.html, so that its relative links still lead to the assets.
    (plain_site / "organizacje" / "sam-naglowek.html").write_text(
        html[:start] + "<h1>Organizacje</h1>" + html[end:], encoding="utf-8")
    return "organizacje/sam-naglowek.html"


def measure(size: int, work: Path, browser, runs: int) -> dict[str, object]:
    ours = add_surveys(write_synthetic_project(ROOT, work / f"ours-{size}", size,
                                               spread_points=True))
    write_synthetic_events(ours, max(5, size // 10), size)
    copy_sample_ngos(ours)
    plain = plain_project(ours, work / f"plain-{size}")
    row: dict[str, object] = {"n": size}
    for project in (ours, plain):
        timed_build(project, project / "site")
    pages = (("ours", ours, "organizacje/", OURS), ("plain", plain, "organizacje/", PLAIN),
             ("floor", plain, theme_floor(plain / "site"), FLOOR))
    for name, project, address, selector in pages:
        url, server = serve(project / "site")
        try:
            row[name] = first_cards(browser, url + address, selector, runs)
        finally:
            server.shutdown()
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000])
    parser.add_argument("--runs", type=int, default=3, help="cold loads of each page (median)")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    print("| NGOs | page | first card (ms) | first paint (ms) | load (ms) | transferred (KiB) |")
    print("| ---: | --- | ---: | ---: | ---: | ---: |")
    with tempfile.TemporaryDirectory(prefix="bench-directory-",
                                     dir=_default_workdir()) as tmp, \
            sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM,
                                             args=["--headless", "--no-sandbox"])
        for size in args.sizes:
            row = measure(size, Path(tmp), browser, args.runs)
            for name, label in LABELS.items():
                figures = row[name]
                assert isinstance(figures, dict)
                print(f"| {size:,} | {label} | {figures['first_card_ms']:.0f} | "
                      f"{figures['first_paint_ms']:.0f} | {figures['load_ms']:.0f} | "
                      f"{figures['bytes'] / 1024:.0f} |", flush=True)
        browser.close()


if __name__ == "__main__":
    main()
