#!/usr/bin/env python3
"""Measure the site search: recall of the residents' queries and bytes of the first search.

    .venv/bin/python scripts/bench_search.py                  # sample data, +1,000, +10,000
    .venv/bin/python scripts/bench_search.py --counts 300 --pagefind --plain
    .venv/bin/python scripts/bench_search.py --json out.json  # also write the figures

For each project (the bundled sample data; the sample data plus N generated NGOs from
``ngosite.organisations.synthetic``) it builds the site, serves it on 127.0.0.1 and drives
Debian's Chromium:
- bytes: every file the browser fetches for search when a resident opens the home page and
  searches once ("seniorzy": our worker, the manifest, the shards of the query's words and
  the result texts of the pages found), raw and gzip -6 (what a server with compression
  sends), and what a second search ("straz pozarna") fetches after it;
- recall: the queries of tests/search_queries.yml typed into the search box, NGO in the first
  five results, in all and per kind of query.
The related words come from the sources of ``NGOSITE_THESAURUS`` (default: all that were
kept); ``scripts/bench_thesaurus.py`` compares the sources.
With ``--plain`` the same NGO pages are built as a plain mkdocs-material site
(``benchmark.plain_project``) and the theme's own search (lunr, whole index) is measured the
same way; with ``--pagefind`` (``pip install -e '.[bench]'``) our site is also indexed by
Pagefind (article content only, language pl) and queried through its JavaScript API.
``scripts/benchmark.py`` uses the same functions for its search columns.
Not a test: nothing here is timed or asserted; the browser tests check the thresholds.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "tests" / "browser"))
sys.path.insert(0, str(ROOT / "scripts"))

from playwright.sync_api import sync_playwright  # noqa: E402
from test_browser_search_pl import (  # noqa: E402
    TOP,
    ask,
    load_queries,
    recall_by_kind,
    report,
    run_queries,
    wait_until_search_ready,
)

from ngosite.organisations.synthetic import write_synthetic_project  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
SEARCH_FILES = ("/search/", "/lunr/", "/workers/", "/search-pl.js", "/search-pl-near.js")


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def build(project: Path, site: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)],
                   cwd=project, env=env, check=True)


def serve(site: Path) -> tuple[ThreadingHTTPServer, str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0),
                                 functools.partial(_Quiet, directory=str(site)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def _files(fetched: list[str], url: str, site: Path) -> dict[str, dict[str, int]]:
    files = {}
    for address in dict.fromkeys(fetched):
        path = address.removeprefix(url).split("?", 1)[0]
        if any(part in f"/{path}" for part in SEARCH_FILES) and (site / path).is_file():
            data = (site / path).read_bytes()
            files[path] = {"raw": len(data), "gzip": len(gzip.compress(data, 6))}
    return files


def first_search(browser, url: str, site: Path) -> dict[str, object]:
    """Open the home page and search once, then once more: the files fetched for each
    search, the seconds until the search was ready (from the start of page load) and until
    the first results showed."""
    context = browser.new_context(locale="pl-PL")
    page = context.new_page()
    fetched: list[str] = []
    page.on("requestfinished", lambda request: fetched.append(request.url))
    start = time.monotonic()
    page.goto(url)
    prompt = wait_until_search_ready(page)
    ready = time.monotonic() - start
    _, seconds = ask(page, "seniorzy", prompt)
    first = _files(fetched, url, site)
    fetched.clear()
    ask(page, "straz pozarna", prompt)
    second = _files(fetched, url, site)
    context.close()
    return {"files": first, "second_files": second, "index_ready_s": round(ready, 2),
            "first_query_s": round(seconds, 2)}


def search_figures(site: Path, browser, prefix: str = "") -> dict[str, object]:
    """Bytes of the first and second search and recall of the residents' queries on a built
    site (ours or the plain one), keys prefixed with ``prefix``."""
    server, url = serve(site)
    try:
        first = first_search(browser, url, site)
        context = browser.new_context(locale="pl-PL")
        outcomes = run_queries(context.new_page(), url, load_queries())
        context.close()
    finally:
        server.shutdown()
        server.server_close()
    files, second = first["files"], first["second_files"]
    return {
        f"{prefix}recall": sum(o.found for o in outcomes) / len(outcomes),
        f"{prefix}misses": [o.query.text for o in outcomes if not o.found],
        f"{prefix}by_kind": recall_by_kind(outcomes),
        f"{prefix}report": report(outcomes),
        f"{prefix}first_search_files": files,
        f"{prefix}first_search_raw_bytes": sum(f["raw"] for f in files.values()),
        f"{prefix}first_search_gzip_bytes": sum(f["gzip"] for f in files.values()),
        f"{prefix}second_search_gzip_bytes": sum(f["gzip"] for f in second.values()),
        f"{prefix}index_ready_s": first["index_ready_s"],
        f"{prefix}median_query_s": round(statistics.median(o.seconds for o in outcomes), 2),
    }


def measure(name: str, project: Path, work: Path, browser, pagefind: bool = False,
            plain: bool = False) -> dict[str, object]:
    site = work / f"site-{name}"
    build(project, site)
    ngos = len(list((project / "ngos").glob("*.yml")))
    index = sorted((site / "search").rglob("*.json"))
    result = {"project": name, "ngos": ngos, **search_figures(site, browser),
              "index_raw_bytes": sum(p.stat().st_size for p in index),
              "index_gzip_bytes": sum(len(gzip.compress(p.read_bytes(), 6)) for p in index)}
    print(f"\n== {name}: {ngos} NGOs")
    print(f"Polish search: {result['report']}")
    print(f"search ready {result['index_ready_s']} s after the page started loading; "
          f"median query {result['median_query_s']} s")
    print("first search downloads:")
    for path, size in result["first_search_files"].items():  # type: ignore[union-attr]
        print(f"  {path:60} {size['raw']:>10,} B raw {size['gzip']:>9,} B gzip")
    print(f"  {'total':60} {result['first_search_raw_bytes']:>10,} B raw "
          f"{result['first_search_gzip_bytes']:>9,} B gzip")
    print(f"whole index: {result['index_raw_bytes']:,} B raw, {result['index_gzip_bytes']:,} B "
          "gzip")
    print(f"a second search (straz pozarna) fetches {result['second_search_gzip_bytes']:,} B "
          "gzip more")
    if pagefind:
        result.update(measure_pagefind(name, site, work, browser))
    if plain:
        from benchmark import plain_project

        plain_site = work / f"plain-site-{name}"
        build(plain_project(project, work / f"plain-{name}"), plain_site)
        result.update(search_figures(plain_site, browser, "plain_"))
        print(f"plain site, theme's search: {str(result['plain_report']).splitlines()[0]}; "
              f"first search {result['plain_first_search_gzip_bytes']:,} B gzip")
    return result


_PAGEFIND_QUERY = """
async ([query, top]) => {
  window.__pf = window.__pf || await import('/pagefind/pagefind.js');
  const found = await window.__pf.search(query);
  const data = await Promise.all(found.results.slice(0, top * 3).map(r => r.data()));
  return data.map(d => d.url);
}
"""


def measure_pagefind(name: str, site: Path, work: Path, browser) -> dict[str, object]:
    """Pagefind over a copy of the built site: recall, and the files of the first search."""
    pf_site = work / f"pagefind-{name}"
    shutil.copytree(site, pf_site)
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(pf_site), "--silent",
                    "--root-selector", "article.md-content__inner", "--glob", "**/index.html",
                    "--force-language", "pl"], check=True)
    server, url = serve(pf_site)
    try:
        context = browser.new_context(locale="pl-PL")
        page = context.new_page()
        fetched: list[str] = []
        page.on("requestfinished", lambda request: fetched.append(request.url))
        page.goto(url)
        page.evaluate(_PAGEFIND_QUERY, ["seniorzy", 5])
        files = {}
        for address in dict.fromkeys(fetched):
            path = address.removeprefix(url).split("?", 1)[0]
            if path.startswith("pagefind/") and (pf_site / path).is_file():
                data = (pf_site / path).read_bytes()
                files[path] = {"raw": len(data), "gzip": len(gzip.compress(data, 6))}
        found = 0
        misses = []
        by_kind: dict[str, list[int]] = {}
        for query in load_queries():
            urls = page.evaluate(_PAGEFIND_QUERY, [query.text, TOP])
            top = list(dict.fromkeys(u.lstrip("/") for u in urls))[:TOP]
            wanted = {f"organizacje/{slug}/" for slug in query.expected}
            kind = by_kind.setdefault(query.kind, [0, 0])
            kind[1] += 1
            if wanted & set(top):
                found += 1
                kind[0] += 1
            else:
                misses.append(query.text)
        context.close()
    finally:
        server.shutdown()
        server.server_close()
    queries = len(load_queries())
    raw = sum(f["raw"] for f in files.values())
    packed = sum(min(f["raw"], f["gzip"]) for f in files.values())
    print(f"Pagefind: recall {found}/{queries} = {found / queries:.0%}; "
          + "; ".join(f"{k} {f}/{n}" for k, (f, n) in by_kind.items()) + f"; misses: {misses}")
    print(f"Pagefind first search: {len(files)} files, {raw:,} B as stored "
          f"(index chunks are already compressed), {packed:,} B with gzip where it helps")
    return {"recall_pagefind": found / queries, "pagefind_by_kind": by_kind,
            "pagefind_first_search_bytes": raw,
            "pagefind_first_search_gzip_bytes": packed, "pagefind_files": files}


def synthetic_project(work: Path, count: int, spread_points: bool = False) -> Path:
    """N generated NGOs plus the sample ones (so the residents' queries have their targets)."""
    project = write_synthetic_project(ROOT, work / f"project-{count}", count,
                                      spread_points=spread_points)
    for path in (ROOT / "ngos").glob("*.yml"):
        shutil.copy2(path, project / "ngos" / path.name)
    return project


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--counts", type=int, nargs="*", default=[1000, 10000],
                        help="generated NGOs added to the sample data (default 1000 10000)")
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    parser.add_argument("--pagefind", action="store_true",
                        help="also measure Pagefind (pip install -e '.[bench]')")
    parser.add_argument("--morphology", action="store_true",
                        help="build with the morphology table too (NGOSITE_MORPHOLOGY=1)")
    parser.add_argument("--plain", action="store_true",
                        help="also measure the theme's search on a plain site of the same pages")
    args = parser.parse_args()
    os.environ["NGOSITE_MORPHOLOGY"] = "1" if args.morphology else "0"
    results = []
    with tempfile.TemporaryDirectory(prefix="bench-search-") as tmp, sync_playwright() as pw:
        work = Path(tmp)
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        results.append(measure("sample", ROOT, work, browser, args.pagefind, args.plain))
        for count in args.counts:
            results.append(measure(f"sample+{count}", synthetic_project(work, count), work,
                                   browser, args.pagefind, args.plain))
        browser.close()
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
