"""Measures of issue 26 for ``benchmark.py``: bytes of pages and sites, each page kind's first
view on a phone, the directory's first card, Lighthouse per page kind, and a plain site of one
short page per NGO.

Used by ``scripts/benchmark.py`` (not run on its own). Lighthouse is the npm package, run with
Debian's Chromium (``CHROME_PATH``); ``install_lighthouse`` puts the pinned version into
``.tools/lighthouse`` with npm when it is missing (measuring only: neither the build nor the
tests need it). A measurement, not a test.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "tests"))

LIGHTHOUSE_VERSION = "13.5.0"
LIGHTHOUSE = ROOT / ".tools" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
PHONE = {"width": 390, "height": 844}


def install_lighthouse() -> Path:
    """The pinned Lighthouse in ``.tools/lighthouse`` (npm, once)."""
    if not LIGHTHOUSE.exists():
        subprocess.run(["npm", "install", "--prefix", str(LIGHTHOUSE.parents[2]), "--no-audit",
                        "--no-fund", "--silent", f"lighthouse@{LIGHTHOUSE_VERSION}"], check=True)
    return LIGHTHOUSE


def short_plain_project(ours: Path, target: Path) -> Path:
    """The plain site of the issue: mkdocs-material with the same settings, the hand-written
    pages and one short page per NGO (name, form, areas, locality, description), not in the
    menu; nothing else our build generates."""
    docs = target / "docs"
    shutil.copytree(ROOT / "docs", docs)
    (docs / "organizacje").mkdir(exist_ok=True)
    for path in sorted((ours / "ngos").glob("*.yml")):
        entry = yaml.safe_load(path.read_text(encoding="utf-8"))
        (docs / "organizacje" / f"{path.stem}.md").write_text(
            f"# {entry['nazwa']}\n\n**Forma prawna:** {entry['forma_prawna']}  \n"
            f"**Obszary:** {', '.join(entry['obszary'])}  \n"
            f"**Miejscowość:** {entry['adres']['miejscowosc']}\n\n{entry['opis']}\n",
            encoding="utf-8")
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config.pop("hooks", None)
    config["extra_css"] = config["extra"].pop("stylesheets")
    config["strict"] = False
    # The menu names only pages that exist here.
    config["nav"] = [item for item in config["nav"]
                     if (docs / next(iter(item.values()))).is_file()]
    (target / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True),
                                       encoding="utf-8")
    shutil.copytree(ROOT / "overrides", target / "overrides")
    (target / "overrides" / "main.html").unlink(missing_ok=True)
    return target


def site_bytes(site: Path) -> int:
    """Bytes of every file of a built site (their sizes, not the disk's blocks)."""
    return sum(path.stat().st_size for path in site.rglob("*") if path.is_file())


def ngo_page_bytes(site: Path) -> dict[str, int]:
    """Raw bytes of the NGO pages: the benchmark's first one, the median and the largest."""
    pages = sorted((site / "organizacje").glob("organizacja-*/index.html"))
    if not pages:
        pages = sorted((site / "organizacje").glob("organizacja-*.html"))
    sizes = [path.stat().st_size for path in pages]
    return {"first": sizes[0], "median": int(statistics.median(sizes)), "max": max(sizes)}


def kinds(site: Path) -> dict[str, str]:
    """One page of every kind of the built site (as the browser tests find them)."""
    from support.browser import page_kinds

    return page_kinds(site)


def first_views(site: Path, browser) -> dict[str, dict[str, int]]:
    """Each page kind loaded cold on a phone's screen (390 px): gzip bytes of the documents
    and data it fetched (``page``: everything but ``/assets/``, which a visitor caches once for
    the whole site) and of everything (``cold``)."""
    from bench_map import serve

    url, server = serve(site)
    found: dict[str, dict[str, int]] = {}
    try:
        for kind, address in sorted(kinds(site).items()):
            context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
            page = context.new_page()
            page.goto(url + address, wait_until="load", timeout=120_000)
            page.wait_for_timeout(1500)  # what the page fetches after load (data, frames)
            entries = page.evaluate(
                "() => [...performance.getEntriesByType('navigation'),"
                " ...performance.getEntriesByType('resource')].map(e =>"
                " [new URL(e.name).pathname, e.transferSize])")
            for frame in page.frames[1:]:
                entries += frame.evaluate(
                    "() => [...performance.getEntriesByType('navigation'),"
                    " ...performance.getEntriesByType('resource')].map(e =>"
                    " [new URL(e.name).pathname, e.transferSize])")
            context.close()
            found[kind or "(home)"] = {
                "address": address,  # type: ignore[dict-item]
                "page": sum(size for path, size in entries if "/assets/" not in path),
                "cold": sum(size for _, size in entries)}
    finally:
        server.shutdown()
    return found


def first_card(site: Path, browser, selector: str, runs: int) -> dict[str, float]:
    """The directory's first card on the benchmark's phone profile, median of ``runs`` cold
    loads (``bench_directory.first_cards``)."""
    from bench_directory import first_cards
    from bench_map import serve

    url, server = serve(site)
    try:
        return first_cards(browser, url + "organizacje/", selector, runs)
    finally:
        server.shutdown()


def lighthouse_kinds(site: Path) -> dict[str, dict[str, float]]:
    """Lighthouse (mobile, its default simulated phone) on one page of every kind: scores of
    performance and accessibility, CLS, and the accessibility audits that failed."""
    from bench_map import serve

    binary = install_lighthouse()
    url, server = serve(site)
    results: dict[str, dict[str, float]] = {}
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    try:
        for kind, address in sorted(kinds(site).items()):
            run = subprocess.run(
                [str(binary), url + address, "--only-categories=performance,accessibility",
                 "--output=json", "--quiet", "--max-wait-for-load=90000",
                 "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
                capture_output=True, text=True, env=env, timeout=600, check=False)
            try:
                report = json.loads(run.stdout)
            except json.JSONDecodeError:
                results[kind or "(home)"] = {"error": run.stderr.strip()[-200:]}  # type: ignore
                continue
            categories, audits = report["categories"], report["audits"]
            accessibility = {ref["id"] for ref in categories["accessibility"]["auditRefs"]}
            results[kind or "(home)"] = {
                "address": address,  # type: ignore[dict-item]
                "performance": categories["performance"]["score"],
                "accessibility": categories["accessibility"]["score"],
                "cls": audits["cumulative-layout-shift"]["numericValue"],
                "tbt": audits["total-blocking-time"]["numericValue"],
                "lcp": audits["largest-contentful-paint"]["numericValue"],
                "failed": sorted(key for key in accessibility  # type: ignore[dict-item]
                                 if audits[key].get("score") == 0),
            }
    finally:
        server.shutdown()
    return results
