#!/usr/bin/env python3
"""Benchmark: our build against a plain mkdocs-material site of the same pages.

For each size (default 100, 1,000, 10,000 and 50,000 NGOs) it generates a synthetic registry
over the gmina's localities (every NGO with a point inside the gmina, so all are on the map)
plus the 18 sample NGOs (the targets of the residents' search queries), builds it, and builds
beside it a plain mkdocs-material site with the same pages (same theme and settings, no hooks,
the theme's own search). It reports wall time, CPU time and peak memory of both builds and
their ratio, the growth from one size to the next, transfer sizes (raw and gzip) of the
directory's first view, an NGO page, the map page with its data, the directory's filter data
and the search index; then, in headless Chromium, the time to first markers on the map and,
for our site, the plain site and Pagefind run over our site (``pip install -e '.[bench]'``),
the bytes of a first search and the recall of tests/search_queries.yml
(``bench_search.search_figures``; ``--no-search`` leaves them out). Beside the plain site of the
same pages it builds the plain site of issue 26: the hand-written pages and one short page per
NGO, not in the menu (``short``), and reports (``bench_light``) the bytes of an NGO page and of
each whole site, each page kind's first view on a phone, the directory's first card on the
phone profile, and Lighthouse (npm, pinned in ``bench_light``, run with Debian's Chromium) on
one page of every kind of ours and of the plain site. Separately, for 1,000 NGOs placed
through their localities, it counts geocoding requests of a first run and of a rebuild against
a local fake Nominatim on 127.0.0.1. Results go to stdout and to ``bench/results.md`` with the
machine.

Each site is built ``--runs`` times (default 3), ours and plain alternately, and the median is
reported: on a shared virtual machine one build can take 40% longer than the next. The projects
and their output live on tmpfs (``/dev/shm``) when there is one, so that the virtual disk's
latency does not drown the comparison (``--workdir`` chooses another place).

    .venv/bin/python scripts/benchmark.py                 # 100, 1000, 10000, 50000
    .venv/bin/python scripts/benchmark.py --sizes 100 1000 --runs 5 --out /tmp/results.md

Sizes above 10,000 are built ``--large-runs`` times (default 1): a 50,000-NGO pair of builds
takes several minutes on 2 cores.

This is a measurement, not a test: nothing here fails on a slow machine.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench_light import (  # noqa: E402
    first_card,
    first_views,
    lighthouse_kinds,
    ngo_page_bytes,
    short_plain_project,
    site_bytes,
)

from ngosite.events.synthetic import write_synthetic_events  # noqa: E402
from ngosite.organisations.synthetic import write_synthetic_project  # noqa: E402
from ngosite.pipeline import load_registry  # noqa: E402
from ngosite.site import generated_pages  # noqa: E402

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
ENV.pop("CI", None)
ENV.pop("NGOSITE_GEOCODE_ONLINE", None)


# Runs a command in a child of its own and writes the child's peak memory (KiB) to a file.
# Linux carries, into an exec'd process's ru_maxrss, the peak of the memory it was forked (or
# vforked) from; a build started straight from this benchmark, which holds a whole synthetic
# project by then, reported this process's size (the same 562 MiB for ours and plain at
# 10,000 NGOs). This small process is that parent instead.
_PEAK_WRAPPER = """
import os, sys
pid = os.fork()
if pid == 0:
    os.execv(sys.argv[2], sys.argv[2:])
_, status, usage = os.wait4(pid, 0)
with open(sys.argv[1], "w") as out:
    out.write(str(usage.ru_maxrss))
sys.exit(os.waitstatus_to_exitcode(status))
"""


def timed_build(project: Path, site: Path, extra_env: dict[str, str] | None = None
                ) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (user + system, children included) and peak resident MiB
    of one `mkdocs build` in its own process."""
    import time

    with tempfile.NamedTemporaryFile("r", suffix=".peak") as peak:
        start = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-c", _PEAK_WRAPPER, peak.name,
             sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)], cwd=project,
            env={**ENV, **(extra_env or {})}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        if status != 0:
            raise SystemExit(f"build failed in {project}:\n{process.stderr.read().decode()}")
        # The wrapper reaps the build, and the build reaps the helper it forks for the data
        # files (ngosite.core.background): their CPU time is in this usage, and the build's
        # peak (the largest of its processes) is in the file.
        return elapsed, usage.ru_utime + usage.ru_stime, int(peak.read()) / 1024


def median_builds(projects: dict[str, Path], runs: int) -> dict[str, float]:
    """Each site built ``runs`` times, in turn; medians of wall time, CPU time, memory."""
    figures: dict[str, list[float]] = {f"{name}_{key}": [] for name in projects
                                       for key in ("s", "cpu", "mib")}
    for _ in range(runs):
        for name, project in projects.items():
            wall, cpu, mib = timed_build(project, project / "site")
            figures[f"{name}_s"].append(wall)
            figures[f"{name}_cpu"].append(cpu)
            figures[f"{name}_mib"].append(mib)
    return {key: statistics.median(values) for key, values in figures.items()} | {
        "runs": runs, "ours_all": figures["ours_s"], "plain_all": figures["plain_s"]}


def add_surveys(project: Path) -> Path:
    """The sample surveys and NGO reports (``badania/``, ``sprawozdania/``) copied into a
    synthetic project, each real NGO's slug replaced by a synthetic one's, so the surveys,
    their comparison and the NGO effectiveness sections are part of the measured build."""
    real = sorted(p.stem for p in (ROOT / "ngos").glob("*.yml"))
    synthetic = sorted(p.stem for p in (project / "ngos").glob("*.yml"))[:len(real)]
    mapping = dict(zip(real, synthetic, strict=True))
    pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, real)) + r")(?![\w-])")
    for part in ("badania", "sprawozdania"):
        for source in sorted((ROOT / part).rglob("*")):
            if not source.is_file():
                continue
            relative = source.relative_to(ROOT / part).parts
            folder = mapping.get(relative[0], relative[0]) if part == "sprawozdania" else \
                relative[0]
            target = project / part / folder / Path(*relative[1:])
            target.parent.mkdir(parents=True, exist_ok=True)
            text = source.read_text(encoding="utf-8")
            target.write_text(pattern.sub(lambda m: mapping[m.group(1)], text),
                              encoding="utf-8")
    return project


def copy_sample_ngos(project: Path) -> Path:
    """The 18 sample NGOs added to a synthetic project: the residents' search queries name
    them (after ``add_surveys``, which maps the sample's slugs to synthetic NGOs)."""
    for path in (ROOT / "ngos").glob("*.yml"):
        shutil.copy2(path, project / "ngos" / path.name)
    return project


def add_other_pages(ours: Path, docs: Path) -> int:
    """Every other page our build generates (the directory's further and per-locality lists,
    map, events, surveys, documents, consultations, open data…) as a Markdown page with the
    same body, so the plain site renders as many pages as ours: the theme's work per page
    (navigation, search) is paid by both. Returns the number of pages added."""
    registry = load_registry(ours)
    added = 0
    for page in generated_pages(registry, {}):
        target = docs / page.src_uri
        if target.exists():  # the directory and the NGO pages, written above
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        # Ready-made HTML as one raw block (a blank line inside made Python-Markdown fail on
        # the directory's pager: "'<li>' is not in list").
        html = None if page.html is None else re.sub(r"\n\s*\n", "\n", page.html).strip()
        # Pages ours leaves out of search (the directory's further pages) are left out here
        # too (and the theme's indexer cannot parse their cards' nested lists).
        hidden = "" if page.searchable else "search:\n  exclude: true\n"
        body = page.markdown if html is None else (
            f"---\ntitle: {json.dumps(page.title, ensure_ascii=False)}\n{hidden}---\n\n"
            f"{html}\n")
        target.write_text(body, encoding="utf-8")
        added += 1
    return added


def plain_project(ours: Path, target: Path) -> Path:
    """The same pages as plain Markdown: a directory page, one page per NGO, and every other
    page our build generates (``add_other_pages``)."""
    docs = target / "docs"
    shutil.copytree(ROOT / "docs", docs)
    (docs / "organizacje").mkdir(exist_ok=True)
    links = []
    for path in sorted((ours / "ngos").glob("*.yml")):
        entry = yaml.safe_load(path.read_text(encoding="utf-8"))
        address = entry["adres"]
        areas = ", ".join(entry["obszary"])
        (docs / "organizacje" / f"{path.stem}.md").write_text(
            f"# {entry['nazwa']}\n\n**Forma prawna:** {entry['forma_prawna']}  \n"
            f"**Obszary:** {areas}  \n**Adres:** {address['kod_pocztowy']} "
            f"{address['miejscowosc']}\n\n## O organizacji\n\n{entry['opis']}\n\n"
            f"## Oferta dla mieszkańców\n\n{entry.get('oferta', '')}\n\n## Kontakt\n\n"
            f"Dane sprawdzone: {entry['zweryfikowano']}.\n", encoding="utf-8")
        links.append(f"- [{entry['nazwa']}]({path.stem}.md) — {address['miejscowosc']}, {areas}")
    (docs / "organizacje" / "index.md").write_text(
        "# Organizacje pozarządowe\n\n" + "\n".join(links) + "\n", encoding="utf-8")
    add_other_pages(ours, docs)
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config.pop("hooks", None)
    # A plain site links its stylesheets the theme's way, render-blocking (``extra_css``).
    config["extra_css"] = config["extra"].pop("stylesheets")
    config["watch"] = []
    config["strict"] = False
    (target / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True),
                                       encoding="utf-8")
    shutil.copytree(ROOT / "overrides", target / "overrides")
    # The theme's own search: not our worker (overrides/main.html points the theme at it).
    (target / "overrides" / "main.html").unlink(missing_ok=True)
    return target


class _CountingNominatim:
    """A local stand-in for Nominatim that answers every query with the gmina's centre."""

    def __init__(self, point: tuple[float, float]) -> None:
        self.count = 0
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                owner.count += 1
                body = json.dumps([{"lat": str(point[0]), "lon": str(point[1]),
                                    "display_name": "benchmark"}]).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


def rebuild_requests(project: Path) -> tuple[int, int]:
    """Requests made by the first geocoding run and by a rebuild, against a local server."""
    fake = _CountingNominatim((53.9431, 21.8825))
    settings_path = project / "data" / "gmina.yml"
    settings = yaml.safe_load(settings_path.read_text(encoding="utf-8"))
    settings["geokodowanie"].update({"kontakt": "benchmark@example.org", "serwer": fake.url})
    settings_path.write_text(yaml.safe_dump(settings, allow_unicode=True), encoding="utf-8")
    # One request a second, as with the public server: a dozen localities take a dozen seconds.
    subprocess.run([sys.executable, "-m", "ngosite", "--root", str(project), "geocode",
                    "--online"], env=ENV, check=False, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    first = fake.count
    timed_build(project, project / "site-rebuild", {"NGOSITE_GEOCODE_ONLINE": "1"})
    fake.server.shutdown()
    return first, fake.count - first


def sizes(site: Path) -> dict[str, tuple[int, int]]:
    """Raw and gzip bytes of what a visitor downloads (the directory: its first page only;
    its filter data comes on the first use of a filter)."""
    def measure(*paths: Path) -> tuple[int, int]:
        raw = sum(p.stat().st_size for p in paths if p.exists())
        packed = sum(len(gzip.compress(p.read_bytes(), 6)) for p in paths if p.exists())
        return raw, packed

    ngo_page = next(iter(sorted((site / "organizacje").glob("organizacja-*/index.html"))))
    # The plain site: its directory is one page, its search one file.
    # The map page frames the map document, whose data is one JSON block inside it.
    map_files = [site / "mapa" / "index.html", *sorted((site / "mapa").glob("*.html")),
                 *sorted((site / "mapa").glob("*.json"))]
    return {
        "directory": measure(site / "organizacje" / "index.html"),
        "NGO page": measure(ngo_page),
        "map page + data": measure(*dict.fromkeys(map_files)),
        "filter data": measure(site / "organizacje" / "katalog.json"),
        "search index": measure(site / "search" / "search_index.json",
                                *sorted((site / "search" / "pl").glob("*.json"))),
    }


def first_markers_ms(site: Path) -> float:
    """Median of 3 cold loads: navigation start to the first pin on screen (desktop)."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from bench_map import serve, time_first_markers
    from playwright.sync_api import sync_playwright

    url, server = serve(site)  # the map document loads the site's vendored assets
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
                "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run"])
            first, _ = time_first_markers(browser, url + "mapa/mapa.html", None, 3)
            browser.close()
    finally:
        server.shutdown()
    return first


def light_columns(projects: dict[str, Path], card_runs: int, lighthouse: bool
                  ) -> dict[str, object]:
    """Issue 26's figures: site and NGO page bytes of every site, each page kind's first view
    on a phone and Lighthouse (ours and the plain site of the same pages), the directory's
    first card (ours and plain)."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from bench_directory import OURS, PLAIN
    from bench_map import CHROMIUM
    from playwright.sync_api import sync_playwright

    columns: dict[str, object] = {
        f"{name}_site_bytes": site_bytes(project / "site") for name, project in projects.items()}
    columns.update({f"{name}_ngo_page": ngo_page_bytes(project / "site")
                    for name, project in projects.items() if name != "bare"})
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM,
                                    args=["--headless", "--no-sandbox"])
        for name in ("ours", "plain"):
            site = projects[name] / "site"
            columns[f"{name}_first_views"] = first_views(site, browser)
            columns[f"{name}_first_card"] = first_card(site, browser,
                                                       OURS if name == "ours" else PLAIN,
                                                       card_runs)
        browser.close()
    if lighthouse:
        for name in ("ours", "plain"):
            columns[f"{name}_lighthouse"] = lighthouse_kinds(projects[name] / "site")
    return columns


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (f"{os.cpu_count()} cores ({cpu}), {memory:.0f} GiB RAM, {platform.system()} "
            f"{platform.release()}, Python {platform.python_version()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000, 50000])
    parser.add_argument("--runs", type=int, default=3, help="builds of each site (median)")
    parser.add_argument("--large-runs", type=int, default=1,
                        help="builds of each site above 10,000 NGOs")
    parser.add_argument("--workdir", type=Path, default=_default_workdir(),
                        help="where the projects are written (default: tmpfs when present)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results.md")
    parser.add_argument("--json", type=Path, help="also write every figure as JSON")
    parser.add_argument("--no-search", action="store_true",
                        help="leave out the search figures (bench_search.py measures them)")
    parser.add_argument("--no-bare", action="store_true",
                        help="leave out the build without surveys")
    parser.add_argument("--no-lighthouse", action="store_true",
                        help="leave out Lighthouse (npm, run with Debian's Chromium)")
    parser.add_argument("--card-runs", type=int, default=5,
                        help="cold loads of the directory on the phone profile (median)")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="ngosite-bench-", dir=args.workdir) as tmp:
        for n in args.sizes:
            ours = add_surveys(write_synthetic_project(ROOT, Path(tmp) / f"ours-{n}", n,
                                                       spread_points=True))
            # The calendar too: one event per ten NGOs (at least the sample's five).
            write_synthetic_events(ours, max(5, n // 10), n)
            copy_sample_ngos(ours)  # the search queries' targets
            plain = plain_project(ours, Path(tmp) / f"plain-{n}")
            short = short_plain_project(ours, Path(tmp) / f"short-{n}")
            runs = args.runs if n <= 10_000 else args.large_runs
            projects = {"ours": ours, "plain": plain, "short": short}
            if n <= 10_000 and not args.no_bare:  # the same project without surveys
                bare = write_synthetic_project(ROOT, Path(tmp) / f"bare-{n}", n,
                                               spread_points=True)
                write_synthetic_events(bare, max(5, n // 10), n)
                projects["bare"] = copy_sample_ngos(bare)
            row = {"n": n, **median_builds(projects, runs)}
            row["sizes"] = sizes(ours / "site")
            row["plain_sizes"] = plain_sizes(plain / "site")
            row["first_markers_ms"] = first_markers_ms(ours / "site")
            row.update(light_columns(projects, args.card_runs, not args.no_lighthouse))
            if not args.no_search:
                row.update(search_columns(ours / "site", plain / "site", Path(tmp), n))
            rows.append(row)
            without = f", without surveys {row['bare_s']:.1f} s" if "bare_s" in row else ""
            print(f"{n}: ours {row['ours_s']:.1f} s, plain {row['plain_s']:.1f} s{without} "
                  f"(medians of {runs}); recall {row.get('recall')}", file=sys.stderr)
            for project in projects.values():
                shutil.rmtree(project)
        located = write_synthetic_project(ROOT, Path(tmp) / "geocoded", 1000)
        requests = rebuild_requests(located)
    report = render(rows, requests, args.workdir)
    print(report)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(report + _kept_notes(args.out), encoding="utf-8")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2, default=str), encoding="utf-8")
    if args.out == ROOT / "bench" / "results.md":
        update_readme(report)


README_START, README_END = "<!-- benchmark: start -->", "<!-- benchmark: end -->"


def update_readme(report: str, readme: Path = ROOT / "README.md") -> None:
    """Put the first two tables of the results (builds; directory and search) into the
    README between its markers, so the README always shows the last full run."""
    text = readme.read_text(encoding="utf-8")
    if README_START not in text or README_END not in text:
        return
    tables = [block for block in report.split("\n\n") if block.startswith("| NGOs")][:3]
    machine_line = next(line for line in report.splitlines() if line.startswith("Machine:"))
    body = (f"{report.splitlines()[0].removeprefix('# ')}. {machine_line}\n\n"
            "Build wall and CPU time (s) and peak memory (MiB) of ours, of the plain "
            "mkdocs-material site of the same pages and of the plain site of one short page "
            "per NGO:\n\n" + tables[0] + "\n\n"
            "Bytes (an NGO page raw, KB; the site, MB; the largest first view of any page kind "
            "on a phone, KB gzip) and the directory's first card on the phone profile (ms):"
            "\n\n" + tables[1] + "\n\n"
            "Lighthouse (mobile) on one page of every kind; every kind, and the search figures "
            "when measured, are in `bench/results.md`:\n\n" + tables[2])
    start = text.index(README_START) + len(README_START)
    readme.write_text(f"{text[:start]}\n{body}\n{text[text.index(README_END):]}",
                      encoding="utf-8")


def plain_sizes(site: Path) -> dict[str, tuple[int, int]]:
    def measure(path: Path) -> tuple[int, int]:
        data = path.read_bytes()
        return len(data), len(gzip.compress(data, 6))

    return {"directory": measure(site / "organizacje" / "index.html"),
            "search index": measure(site / "search" / "search_index.json")}


PLAIN_SEARCH_UP_TO = 10_000  # the plain site's search is measured up to this size


def search_columns(ours: Path, plain: Path, work: Path, n: int) -> dict[str, object]:
    """First-search bytes and recall: ours, the theme's search on the plain site, Pagefind
    over our site. A figure that could not be measured (the plain site's whole index built
    in the browser within 3 minutes; Pagefind not installed) is None."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from bench_search import ARGS, CHROMIUM, measure_pagefind, search_figures
    from playwright.sync_api import sync_playwright

    columns: dict[str, object] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        columns.update(search_figures(ours, browser))
        if n > PLAIN_SEARCH_UP_TO:
            # At 50,000 NGOs one tab held 2.7 GB building the theme's whole lunr index and had
            # not answered after 12 minutes; the row of build figures was lost with it.
            columns["plain_error"] = f"not measured above {PLAIN_SEARCH_UP_TO:,} NGOs"
        else:
            try:
                columns.update(search_figures(plain, browser, "plain_"))
            except AssertionError as failure:  # the theme's index not ready in time
                columns["plain_error"] = str(failure).splitlines()[0]
        try:
            columns.update(measure_pagefind(str(n), ours, work, browser))
        except (OSError, subprocess.CalledProcessError) as failure:
            columns["pagefind_error"] = str(failure).splitlines()[0]
        browser.close()
    return columns


NOTES = "## Notes"


def _kept_notes(out: Path) -> str:
    """The hand-written ``## Notes`` section of the previous results (profiles, before and
    after), kept when the figures above it are measured again."""
    try:
        previous = out.read_text(encoding="utf-8")
    except OSError:
        return ""
    at = previous.find(f"\n{NOTES}")
    return previous[at:] if at >= 0 else ""


def _load() -> str:
    """The 1, 5 and 15-minute load averages: the machine is shared, so say how busy it was."""
    try:
        return ", ".join(f"{v:.2f}" for v in os.getloadavg())
    except OSError:
        return "unknown"


def _default_workdir() -> Path | None:
    shm = Path("/dev/shm")
    return shm if shm.is_dir() and os.access(shm, os.W_OK) else None


def _kib(value: object) -> str:
    return "—" if value is None else f"{int(value) / 1024:,.0f}"  # type: ignore[call-overload]


def _share(value: object) -> str:
    return "—" if value is None else f"{float(value):.0%}"  # type: ignore[arg-type]


def _mb(value: object) -> str:
    return "—" if value is None else f"{int(value) / 1e6:,.1f}"  # type: ignore[call-overload]


def _kb(value: object) -> str:
    return "—" if value is None else f"{int(value) / 1e3:,.1f}"  # type: ignore[call-overload]


def _ratio(a: object, b: object) -> str:
    return "—" if not a or not b else f"{float(a) / float(b):.2f}"  # type: ignore[arg-type]


def _lighthouse_summary(result: dict | None) -> tuple[str, str, str, str]:
    """Lowest performance, lowest accessibility, largest CLS over the page kinds, and the kinds
    under 95 or 100."""
    if not result:
        return "—", "—", "—", "—"
    scored = {kind: r for kind, r in result.items() if "performance" in r}
    if not scored:
        return "—", "—", "—", "—"
    low = [kind for kind, r in scored.items()
           if r["performance"] < 0.95 or r["accessibility"] < 1]
    return (f"{min(r['performance'] for r in scored.values()) * 100:.0f}",
            f"{min(r['accessibility'] for r in scored.values()) * 100:.0f}",
            f"{max(r['cls'] for r in scored.values()):.3f}",
            ", ".join(f"{kind} ({scored[kind]['performance'] * 100:.0f}/"
                      f"{scored[kind]['accessibility'] * 100:.0f})" for kind in sorted(low))
            or "none")


def render(rows: list[dict], requests: tuple[int, int], workdir: Path | None) -> str:
    lines = [f"# Benchmark results ({date.today().isoformat()})", "",
             f"Machine: {machine()}. Load average when the run ended: {_load()}.", "",
             f"Projects and output in {workdir or tempfile.gettempdir()}. Every figure is the "
             "median of the builds of each site (runs below), built in turn (ours, plain, "
             "short…). CPU is user + system time of the build process and of the helper "
             "processes it forks (data files, search index); peak memory is the largest of "
             "them. Each project has the generated NGOs plus the 18 sample ones; ours includes "
             "the sample surveys and NGO reports (`badania/`, `sprawozdania/`, their NGO slugs "
             "mapped to synthetic ones) and one event per ten NGOs. *Plain* is mkdocs-material "
             "with the same settings and every page ours makes, as Markdown; *short* is "
             "mkdocs-material with the hand-written pages and one short page per NGO, not in "
             "the menu (issue 26's comparison). KB and MB are 1,000 and 1,000,000 bytes.", "",
             "| NGOs | runs | wall: ours | plain | short | CPU: ours | plain | short "
             "| CPU ours/short | ours/plain | peak MiB: ours | plain | short "
             "| memory ours/short |",
             "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: "
             "| ---: | ---: | ---: |"]
    for r in rows:
        lines.append(
            f"| {r['n']:,} | {r['runs']} | {r['ours_s']:.1f} | {r['plain_s']:.1f} | "
            f"{r['short_s']:.1f} | {r['ours_cpu']:.1f} | {r['plain_cpu']:.1f} | "
            f"{r['short_cpu']:.1f} | {_ratio(r['ours_cpu'], r['short_cpu'])} | "
            f"{_ratio(r['ours_cpu'], r['plain_cpu'])} | {r['ours_mib']:.0f} | "
            f"{r['plain_mib']:.0f} | {r['short_mib']:.0f} | "
            f"{_ratio(r['ours_mib'], r['short_mib'])} |")
    lines += ["", "Bytes: an NGO page (raw: the benchmark's first NGO page, and the median and "
              "largest of all), the built site (MB, every file), the largest first view of any "
              "page kind on a phone (KB gzip of the documents and data it fetched, cached "
              "assets aside; the kinds are below) and the directory's first card on the phone "
              "profile (ms, median of cold loads; 150 ms round trip, 1.6 Mbit/s, CPU 4× "
              "slower):", "",
              "| NGOs | NGO page: ours (first / median / max) | plain | short | site MB: ours "
              "| plain | short | ours/short | largest first view: ours | plain "
              "| first card ms: ours | plain |",
              "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: "
              "| ---: |"]
    for r in rows:
        ours_page, plain_page, short_page = (r.get(f"{name}_ngo_page") or {}
                                             for name in ("ours", "plain", "short"))
        views = {name: r.get(f"{name}_first_views") or {} for name in ("ours", "plain")}
        largest = {name: max(views[name].items(), key=lambda item: item[1]["page"],
                             default=(None, None)) for name in views}
        lines.append(
            f"| {r['n']:,} | {_kb(ours_page.get('first'))} / {_kb(ours_page.get('median'))} / "
            f"{_kb(ours_page.get('max'))} | {_kb(plain_page.get('first'))} | "
            f"{_kb(short_page.get('first'))} | {_mb(r.get('ours_site_bytes'))} | "
            f"{_mb(r.get('plain_site_bytes'))} | {_mb(r.get('short_site_bytes'))} | "
            f"{_ratio(r.get('ours_site_bytes'), r.get('short_site_bytes'))} | "
            + " | ".join("—" if kind is None else f"{_kb(view['page'])} ({kind})"
                         for kind, view in largest.values())
            + f" | {(r.get('ours_first_card') or {}).get('first_card_ms', 0):.0f} | "
            f"{(r.get('plain_first_card') or {}).get('first_card_ms', 0):.0f} |")
    lines += ["", "Lighthouse 13 (mobile, simulated phone) on one page of every kind: the "
              "lowest performance and accessibility score and the largest layout shift (CLS) "
              "of all kinds, and the kinds under 95 or 100 (performance/accessibility):", "",
              "| NGOs | kinds | performance: ours | plain | accessibility: ours | plain "
              "| CLS: ours | plain | ours under 95/100 |",
              "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"]
    for r in rows:
        ours, plain = (_lighthouse_summary(r.get(f"{name}_lighthouse"))
                       for name in ("ours", "plain"))
        lines.append(f"| {r['n']:,} | {len(r.get('ours_lighthouse') or {})} | {ours[0]} | "
                     f"{plain[0]} | {ours[1]} | {plain[1]} | {ours[2]} | {plain[2]} | "
                     f"{ours[3]} |")
    lines += _per_kind(rows)
    if any("recall" in r for r in rows):
        lines += _search_table(rows)
    if any("bare_s" in r for r in rows):
        lines += _surveys_table(rows)
    lines += ["", "Every build, in seconds (ours / plain):", ""]
    for r in rows:
        pairs = ", ".join(f"{a:.1f} / {b:.1f}" for a, b in zip(r["ours_all"], r["plain_all"],
                                                                 strict=True))
        lines.append(f"- {r['n']:,} NGOs: {pairs}")
    lines.append("")
    for a, b in itertools.pairwise(rows):
        ours_growth, plain_growth = b["ours_s"] / a["ours_s"], b["plain_s"] / a["plain_s"]
        lines.append(f"Growth from {a['n']:,} to {b['n']:,} NGOs ({b['n'] / a['n']:.0f}× "
                     f"more): ours {ours_growth:.1f}×, plain {plain_growth:.1f}×.")
    lines += ["", f"Geocoding requests for 1,000 NGOs placed through their localities: "
              f"{requests[0]} on the first run (one per locality without a point), "
              f"{requests[1]} on the rebuild.", "",
              "Time to first markers on the map (desktop, median of 3 cold loads, ms): "
              + "; ".join(f"{r['n']:,}: {r['first_markers_ms']:.0f}" for r in rows) + ".",
              "", "Transfer sizes of our site, raw / gzip (KiB); the search index is every "
              "file of it (a search fetches a few):", "",
              "| NGOs | " + " | ".join(rows[0]["sizes"]) + " |",
              "| ---: |" + " ---: |" * len(rows[0]["sizes"])]
    for r in rows:
        cells = [f"{raw / 1024:.0f} / {packed / 1024:.0f}" for raw, packed in r["sizes"].values()]
        lines.append(f"| {r['n']:,} | " + " | ".join(cells) + " |")
    for r in rows:
        for key in ("plain_error", "pagefind_error"):
            if r.get(key):
                lines.append(f"\n{r['n']:,} NGOs, {key.split('_')[0]} not measured: {r[key]}")
    return "\n".join(lines) + "\n"


def _per_kind(rows: list[dict]) -> list[str]:
    """Each page kind: its first view on a phone (KB gzip, documents and data) and its
    Lighthouse performance/accessibility/CLS, ours and plain, at every size."""
    kinds = sorted({kind for r in rows for kind in (r.get("ours_first_views") or {})})
    head = " | ".join(f"{r['n']:,}: first view ours / plain | Lighthouse ours | plain"
                      for r in rows)
    lines = ["", "Per page kind (first view: KB gzip; Lighthouse: performance / accessibility "
             "/ CLS; a kind the plain site lacks is —):", "", f"| kind | {head} |",
             "| --- |" + " ---: | ---: | ---: |" * len(rows)]

    def score(result: dict | None) -> str:
        if not result or "performance" not in result:
            return "—"
        return (f"{result['performance'] * 100:.0f} / {result['accessibility'] * 100:.0f} / "
                f"{result['cls']:.3f}")

    for kind in kinds:
        cells = []
        for r in rows:
            ours = (r.get("ours_first_views") or {}).get(kind)
            plain = (r.get("plain_first_views") or {}).get(kind)
            cells.append(f"{_kb(ours and ours['page'])} / {_kb(plain and plain['page'])}")
            cells.append(score((r.get("ours_lighthouse") or {}).get(kind)))
            cells.append(score((r.get("plain_lighthouse") or {}).get(kind)))
        lines.append(f"| {kind} | " + " | ".join(cells) + " |")
    return lines


def _search_table(rows: list[dict]) -> list[str]:
    lines = ["", "Directory and search, gzip KiB and recall of the residents' 45 queries "
             "(tests/search_queries.yml, NGO among the first five results):", "",
             "| NGOs | first search: ours | plain | Pagefind | recall: ours | plain "
             "| Pagefind |", "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in (r for r in rows if "recall" in r):
        lines.append(
            f"| {r['n']:,} | {_kib(r.get('first_search_gzip_bytes'))} | "
            f"{_kib(r.get('plain_first_search_gzip_bytes'))} | "
            f"{_kib(r.get('pagefind_first_search_gzip_bytes'))} | {_share(r.get('recall'))} | "
            f"{_share(r.get('plain_recall'))} | {_share(r.get('recall_pagefind'))} |")
    return lines


def _surveys_table(rows: list[dict]) -> list[str]:
    lines = ["", "What the surveys add (the same project without `badania/` and "
             "`sprawozdania/`, built in turn with the others; up to 10,000 NGOs):", "",
             "| NGOs | with surveys (s) | without (s) | increase | CPU with (s) | "
             "CPU without (s) | CPU increase |", "| ---: | ---: | ---: | ---: | ---: | ---: "
             "| ---: |"]
    for r in (r for r in rows if "bare_s" in r):
        lines.append(f"| {r['n']:,} | {r['ours_s']:.2f} | {r['bare_s']:.2f} | "
                     f"{r['ours_s'] - r['bare_s']:+.2f} s ({r['ours_s'] / r['bare_s'] - 1:+.0%}) "
                     f"| {r['ours_cpu']:.2f} | {r['bare_cpu']:.2f} | "
                     f"{r['ours_cpu'] - r['bare_cpu']:+.2f} s "
                     f"({r['ours_cpu'] / r['bare_cpu'] - 1:+.0%}) |")
    return lines


if __name__ == "__main__":
    main()
