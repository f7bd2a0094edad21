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
``.ngo-card``; plain: the first link of its list) is laid out on screen, and until the page's
``load`` event, with the bytes the page transferred. A measurement, not a test.
"""

from __future__ import annotations

import argparse
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

# Resolves when the first element matching the selector has a box on screen; records the time
# from navigation start (the page's own clock, so the throttled CPU counts).
FIRST_CARD_JS = """
selector => new Promise(resolve => {
  const check = () => {
    const card = document.querySelector(selector);
    if (card && card.getBoundingClientRect().height > 0) {
      resolve(performance.now());
    } else {
      requestAnimationFrame(check);
    }
  };
  check();
})
"""
OURS, PLAIN = ".ngo-card", "article.md-content__inner li a"


def first_cards(browser, url: str, selector: str, runs: int) -> dict[str, float]:
    """Median ms to the first card and to ``load``, and the bytes transferred (gzip)."""
    profile = PROFILES["mobile"]
    firsts, loads, transferred = [], [], []
    for _ in range(runs):
        context = browser.new_context(viewport={"width": 390, "height": 844},
                                      is_mobile=True, has_touch=True)
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", {
            "offline": False, "latency": profile["latency"],
            "downloadThroughput": profile["download"], "uploadThroughput": profile["upload"]})
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": profile["cpu"]})
        page.goto(url, wait_until="commit", timeout=300_000)
        firsts.append(page.evaluate(FIRST_CARD_JS, selector))
        page.wait_for_load_state("load", timeout=300_000)
        loads.append(page.evaluate(
            "performance.getEntriesByType('navigation')[0].loadEventEnd"))
        transferred.append(page.evaluate(
            "performance.getEntriesByType('navigation')[0].transferSize + performance"
            ".getEntriesByType('resource').reduce((sum, r) => sum + r.transferSize, 0)"))
        context.close()
    return {"first_card_ms": statistics.median(firsts), "load_ms": statistics.median(loads),
            "bytes": statistics.median(transferred)}


def measure(size: int, work: Path, browser, runs: int) -> dict[str, object]:
    ours = add_surveys(write_synthetic_project(ROOT, work / f"ours-{size}", size,
                                               spread_points=True))
    write_synthetic_events(ours, max(5, size // 10), size)
    copy_sample_ngos(ours)
    plain = plain_project(ours, work / f"plain-{size}")
    row: dict[str, object] = {"n": size}
    for name, project, selector in (("ours", ours, OURS), ("plain", plain, PLAIN)):
        timed_build(project, project / "site")
        url, server = serve(project / "site")
        try:
            row[name] = first_cards(browser, url + "organizacje/", selector, runs)
        finally:
            server.shutdown()
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000])
    parser.add_argument("--runs", type=int, default=3, help="cold loads of each page (median)")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    print("| NGOs | site | first card (ms) | load (ms) | transferred (KiB) |")
    print("| ---: | --- | ---: | ---: | ---: |")
    with tempfile.TemporaryDirectory(prefix="bench-directory-",
                                     dir=_default_workdir()) as tmp, \
            sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM,
                                             args=["--headless", "--no-sandbox"])
        for size in args.sizes:
            row = measure(size, Path(tmp), browser, args.runs)
            for name in ("ours", "plain"):
                figures = row[name]
                assert isinstance(figures, dict)
                print(f"| {size:,} | {name} | {figures['first_card_ms']:.0f} | "
                      f"{figures['load_ms']:.0f} | {figures['bytes'] / 1024:.0f} |", flush=True)
        browser.close()


if __name__ == "__main__":
    main()
