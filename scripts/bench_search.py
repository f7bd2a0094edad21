#!/usr/bin/env python3
"""Measure the site search: recall of the residents' queries and bytes of the first search.

    .venv/bin/python scripts/bench_search.py                 # sample data and 1,000 NGOs
    .venv/bin/python scripts/bench_search.py --count 300     # another synthetic size
    .venv/bin/python scripts/bench_search.py --json out.json # also write the figures as JSON

For each project (the bundled sample data; the sample data plus N generated NGOs from
``ngosite.organisations.synthetic``) it builds the site, serves it on 127.0.0.1 and drives
Debian's Chromium:
- bytes: every file the browser fetches for search when a resident opens the home page and
  searches once (the theme's worker, the index, the lunr language files), raw and gzip -6
  (what a server with compression sends);
- recall: the queries of tests/search_queries.yml typed into the search box, NGO in the first
  five results — with the Polish search and, for comparison, with the theme's plain search
  (the same index marked English again).
With ``--pagefind`` (needs ``pip install 'pagefind[bin]'``) the same site is also indexed by
Pagefind (article content only, language pl) and queried through its JavaScript API, for the
same figures.
Not a test: nothing here is timed or asserted; the browser test checks the 90% threshold.
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
sys.path.insert(0, str(ROOT / "tests" / "browser"))

from playwright.sync_api import sync_playwright  # noqa: E402
from test_browser_search_pl import (  # noqa: E402
    ask,
    load_queries,
    report,
    run_queries,
    wait_until_search_ready,
)

from ngosite.organisations.synthetic import write_synthetic_project  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
SEARCH_FILES = ("/search/", "/lunr/", "/workers/")


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


def first_search(browser, url: str, site: Path) -> dict[str, object]:
    """Open the home page and search once: the files fetched for search, the seconds until
    the index was ready (from the start of page load) and until the first results showed."""
    context = browser.new_context(locale="pl-PL")
    page = context.new_page()
    fetched: list[str] = []
    page.on("requestfinished", lambda request: fetched.append(request.url))
    start = time.monotonic()
    page.goto(url)
    prompt = wait_until_search_ready(page)
    ready = time.monotonic() - start
    _, seconds = ask(page, "seniorzy", prompt)
    context.close()
    files = {}
    for address in dict.fromkeys(fetched):
        path = address.removeprefix(url).split("?", 1)[0]
        if any(part in f"/{path}" for part in SEARCH_FILES) and (site / path).is_file():
            data = (site / path).read_bytes()
            files[path] = {"raw": len(data), "gzip": len(gzip.compress(data, 6))}
    return {"files": files, "index_ready_s": round(ready, 2), "first_query_s": round(seconds, 2)}


def as_plain_theme_search(site: Path) -> None:
    """The same index as the theme writes it for ``lang: pl`` (English fallback, no pipeline)."""
    path = site / "search" / "search_index.json"
    index = json.loads(path.read_text(encoding="utf-8"))
    index["config"].update(lang=["en"], separator=r"[\s\-]+", pipeline=[" "])
    path.write_text(json.dumps(index, ensure_ascii=False), encoding="utf-8")


def measure(name: str, project: Path, work: Path, browser,
            pagefind: bool = False) -> dict[str, object]:
    site = work / f"site-{name}"
    build(project, site)
    ngos = len(list((project / "ngos").glob("*.yml")))
    server, url = serve(site)
    try:
        first = first_search(browser, url, site)
        queries = load_queries()
        context = browser.new_context(locale="pl-PL")
        polish = run_queries(context.new_page(), url, queries)
        context.close()
        as_plain_theme_search(site)
        context = browser.new_context(locale="pl-PL")
        plain = run_queries(context.new_page(), url, queries)
        context.close()
    finally:
        server.shutdown()
        server.server_close()
    files = first["files"]
    result = {
        "project": name, "ngos": ngos, "queries": len(queries),
        "recall_polish": sum(o.found for o in polish) / len(queries),
        "recall_theme_default": sum(o.found for o in plain) / len(queries),
        "first_search_files": files,
        "first_search_raw_bytes": sum(f["raw"] for f in files.values()),
        "first_search_gzip_bytes": sum(f["gzip"] for f in files.values()),
        "index_ready_s": first["index_ready_s"],
        "median_query_s": round(statistics.median(o.seconds for o in polish), 2),
    }
    print(f"\n== {name}: {ngos} NGOs, {len(queries)} queries")
    print(f"Polish search: {report(polish)}")
    print(f"theme's default search: {report(plain).splitlines()[0]}")
    print(f"index ready {result['index_ready_s']} s after the page started loading; "
          f"median query {result['median_query_s']} s")
    print("first search downloads:")
    for path, size in files.items():
        print(f"  {path:60} {size['raw']:>10,} B raw {size['gzip']:>9,} B gzip")
    print(f"  {'total':60} {result['first_search_raw_bytes']:>10,} B raw "
          f"{result['first_search_gzip_bytes']:>9,} B gzip")
    if pagefind:
        build(project, site)  # the plain-search comparison rewrote the index
        result.update(measure_pagefind(name, site, work, browser))
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
        for query in load_queries():
            urls = page.evaluate(_PAGEFIND_QUERY, [query.text, 5])
            top = list(dict.fromkeys(u.lstrip("/") for u in urls))[:5]
            wanted = {f"organizacje/{slug}/" for slug in query.expected}
            if wanted & set(top):
                found += 1
            else:
                misses.append(query.text)
        context.close()
    finally:
        server.shutdown()
        server.server_close()
    queries = len(load_queries())
    raw = sum(f["raw"] for f in files.values())
    packed = sum(min(f["raw"], f["gzip"]) for f in files.values())
    print(f"Pagefind: recall {found}/{queries} = {found / queries:.0%}; misses: {misses}")
    print(f"Pagefind first search: {len(files)} files, {raw:,} B as stored "
          f"(index chunks are already compressed), {packed:,} B with gzip where it helps")
    return {"recall_pagefind": found / queries, "pagefind_first_search_bytes": raw,
            "pagefind_first_search_gzip_bytes": packed, "pagefind_files": files}


def synthetic_project(work: Path, count: int) -> Path:
    """N generated NGOs plus the sample ones (so the residents' queries have their targets)."""
    project = write_synthetic_project(ROOT, work / f"project-{count}", count)
    for path in (ROOT / "ngos").glob("*.yml"):
        shutil.copy2(path, project / "ngos" / path.name)
    return project


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=1000, help="generated NGOs (default 1000)")
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    parser.add_argument("--pagefind", action="store_true",
                        help="also measure Pagefind (pip install 'pagefind[bin]')")
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory(prefix="bench-search-") as tmp, sync_playwright() as pw:
        work = Path(tmp)
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        results.append(measure("sample", ROOT, work, browser, args.pagefind))
        results.append(measure(f"sample+{args.count}", synthetic_project(work, args.count),
                               work, browser, args.pagefind))
        browser.close()
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
