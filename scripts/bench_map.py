#!/usr/bin/env python3
"""Measure the map: transfer size and time to first markers, ours against folium's default.

For the sample data and for synthetic registries of 1,000 and 10,000 NGOs (every one given a
point inside the gmina, ``write_synthetic_project(..., spread_points=True)``) it writes

- ours: the map document as build_map.py writes it (one JSON block, pins made by map.js, assets
  vendored and cacheable), and
- folium's default: ``folium.Map`` + ``MarkerCluster`` with one ``Marker`` + ``Popup`` +
  ``Tooltip`` per NGO (the text HTML-escaped), as folium writes it,

then measures each document's size (raw and gzip level 6) and opens it in headless Chromium
(Debian's /usr/bin/chromium) served by a local server that gzips, recording the time from
navigation start to the first marker on screen (median of ``--runs`` cold loads). Two profiles:
"desktop" (no throttling) and "mobile" (150 ms round trip, 1.6 Mbit/s down, CPU 4× slower).

folium's default loads Leaflet, jQuery, Bootstrap, Font Awesome and awesome-markers from CDNs.
To time it offline its Leaflet and markercluster links point at our vendored copies and jQuery
(which its popups need) at a copy fetched once with ``npm pack jquery@3.7.1`` into
bench-results/tmp/; Bootstrap, Font Awesome and awesome-markers are dropped. That favours the
default: the figures for it are a lower bound. Tile requests fail at once for both.

    .venv/bin/python scripts/bench_map.py                      # sample, 1000, 10000
    .venv/bin/python scripts/bench_map.py --sizes 1000 --runs 1 --profiles desktop

A measurement, not a test: nothing fails on a slow machine.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import html
import re
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import folium  # noqa: E402
from folium.plugins import MarkerCluster  # noqa: E402

from ngosite.map.assets import all_files  # noqa: E402
from ngosite.map.data import MapPoint, map_points  # noqa: E402
from ngosite.map.export import write_map_folder  # noqa: E402
from ngosite.organisations.registry import Registry  # noqa: E402
from ngosite.organisations.synthetic import write_synthetic_project  # noqa: E402
from ngosite.pipeline import load_registry  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
JQUERY = "3.7.1"
CACHE = ROOT / "bench-results" / "tmp"
SITE_URL = "https://organizacje.example.pl"
PROFILES = {
    "desktop": None,
    "mobile": {"latency": 150, "download": 1.6e6 / 8, "upload": 0.75e6 / 8, "cpu": 4},
}
# CDN links of folium's default page → local copies (None: dropped, not needed to show pins).
LOCAL_COPIES = {
    "leaflet.js": "assets/vendor/leaflet/leaflet.js",
    "leaflet.css": "assets/vendor/leaflet/leaflet.css",
    "leaflet.markercluster.js": "assets/vendor/leaflet.markercluster/leaflet.markercluster.js",
    "MarkerCluster.css": "assets/vendor/leaflet.markercluster/MarkerCluster.css",
    "MarkerCluster.Default.css": "assets/vendor/leaflet.markercluster/MarkerCluster.Default.css",
    "jquery": "jquery.min.js",
}
FIRST_MARKER_JS = """
window.__times = {};
new MutationObserver(() => {
  const t = window.__times;
  if (!t.first && document.querySelector('.leaflet-marker-icon')) t.first = performance.now();
  if (!t.ready && document.documentElement.dataset.ngoMap === 'ready') t.ready = performance.now();
}).observe(document, {subtree: true, childList: true, attributes: true});
"""


@dataclass
class Variant:
    label: str
    document: Path  # what is measured for size
    timed: Path  # what the browser opens


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))


def kib(n: float) -> str:
    return f"{n / 1024:,.0f} KiB" if n >= 10 * 1024 else f"{n / 1024:,.1f} KiB"


# --------------------------------------------------------------------------- the two pages


def write_ours(registry: Registry, dest: Path) -> Variant:
    write_map_folder(registry, dest, SITE_URL)
    return Variant("ours", dest / "index.html", dest / "index.html")


def write_folium_default(registry: Registry, points: list[MapPoint], dest: Path,
                         jquery: Path) -> Variant:
    lats = [p.lat for p in points] or [53.93]
    lons = [p.lon for p in points] or [21.82]
    fmap = folium.Map(location=[statistics.mean(lats), statistics.mean(lons)], zoom_start=11)
    cluster = MarkerCluster().add_to(fmap)
    for p in points:
        popup = (f"<b>{html.escape(p.name)}</b><br>{html.escape(p.form)} · "
                 f"{html.escape(p.locality)}<br><a href=\"{SITE_URL}/organizacje/{p.slug}/\" "
                 'target="_top">Strona organizacji</a>')
        folium.Marker([p.lat, p.lon], popup=folium.Popup(popup, max_width=300),
                      tooltip=html.escape(p.name)).add_to(cluster)
    document = fmap.get_root().render()
    dest.mkdir(parents=True, exist_ok=True)
    (dest / "index.html").write_text(document, encoding="utf-8")
    (dest / "timed.html").write_text(_local_links(document), encoding="utf-8")
    _copy_ours_assets(dest)
    shutil.copyfile(jquery, dest / "jquery.min.js")
    return Variant("folium default", dest / "index.html", dest / "timed.html")


def _local_links(document: str) -> str:
    def replace(match: re.Match[str]) -> str:
        url = match.group(2)
        for needle, local in LOCAL_COPIES.items():
            if url.endswith(needle) or (needle == "jquery" and "jquery" in url):
                return match.group(0).replace(url, local)
        return ""

    return re.sub(r'<(script src|link rel="stylesheet" href)="(https://[^"]+)"[^>]*>'
                  r"(</script>)?", replace, document)


def _copy_ours_assets(dest: Path) -> None:
    for name in all_files():
        target = dest / "assets" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ROOT / "docs" / "assets" / name, target)


def fetch_jquery() -> Path:
    target = CACHE / f"jquery-{JQUERY}.min.js"
    if not target.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory() as tmp:
            name = subprocess.run(["npm", "pack", "--silent", f"jquery@{JQUERY}"], cwd=tmp,
                                  check=True, capture_output=True, text=True).stdout.split()[-1]
            with tarfile.open(Path(tmp) / name) as archive:
                member = archive.extractfile("package/dist/jquery.min.js")
                assert member is not None
                target.write_bytes(member.read())
    return target


# --------------------------------------------------------------------------- serving, timing


class _GzipHandler(SimpleHTTPRequestHandler):
    """Static files, gzipped when the browser accepts it (as any web server would)."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"  # a folder's address: its index, compressed too
        if "gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file():
            return super().send_head()
        body = _compressed(path)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        from io import BytesIO

        return BytesIO(body)


@functools.cache
def _compressed(path: Path) -> bytes:
    return gzip.compress(path.read_bytes(), compresslevel=6)


class _QuietServer(ThreadingHTTPServer):
    """A browser that closes a connection mid-answer (a page left before a file arrived, as
    Lighthouse does between runs) is no error of the site: not printed."""

    def handle_error(self, request, client_address) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def serve(directory: Path) -> tuple[str, ThreadingHTTPServer]:
    server = _QuietServer(("127.0.0.1", 0),
                          functools.partial(_GzipHandler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


def time_first_markers(browser, url: str, profile: dict | None, runs: int
                       ) -> tuple[float, float | None]:
    """Median ms from navigation start to the first marker, and to all pins (ours only)."""
    firsts, readies = [], []
    for _ in range(runs):
        context = browser.new_context(viewport={"width": 1000, "height": 700})
        page = context.new_page()
        page.add_init_script(FIRST_MARKER_JS)
        if profile:
            cdp = context.new_cdp_session(page)
            cdp.send("Network.enable")
            cdp.send("Network.emulateNetworkConditions", {
                "offline": False, "latency": profile["latency"],
                "downloadThroughput": profile["download"],
                "uploadThroughput": profile["upload"]})
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": profile["cpu"]})
        page.goto(url, wait_until="commit", timeout=300_000)
        page.wait_for_function("() => window.__times && window.__times.first", timeout=300_000)
        if page.evaluate("document.querySelector('#ngo-map-data') !== null"):
            page.wait_for_function("() => window.__times.ready", timeout=300_000)
        times = page.evaluate("window.__times")
        firsts.append(times["first"])
        if times.get("ready"):
            readies.append(times["ready"])
        context.close()
    return statistics.median(firsts), statistics.median(readies) if readies else None


# --------------------------------------------------------------------------- main


def registries(sizes: list[str], work: Path):
    for size in sizes:
        if size == "sample":
            yield "przykładowe", load_registry(ROOT)
        else:
            project = write_synthetic_project(ROOT, work / f"project-{size}", int(size),
                                              spread_points=True)
            yield f"{int(size):,}".replace(",", " "), load_registry(project)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", nargs="+", default=["sample", "1000", "10000"],
                        help="'sample' and/or numbers of synthetic NGOs")
    parser.add_argument("--runs", type=int, default=3, help="cold loads per measurement")
    parser.add_argument("--profiles", nargs="+", default=list(PROFILES), choices=PROFILES)
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    jquery = fetch_jquery()
    assets = sum((ROOT / "docs" / "assets" / name).stat().st_size for name in all_files()
                 if not name.endswith(".txt") and "/images/" not in name)
    assets_gz = sum(gz((ROOT / "docs" / "assets" / name).read_bytes()) for name in all_files()
                    if not name.endswith(".txt") and "/images/" not in name)
    rows = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        work = Path(tmp)
        base, server = serve(work)
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run",
            # Tiles fail at once without a detour through request interception, which would
            # slow every request down and distort the timings.
            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"])
        for label, registry in registries(args.sizes, work):
            points = map_points(registry)
            slug = re.sub(r"\W+", "-", label)
            started = time.perf_counter()
            ours = write_ours(registry, work / f"ours-{slug}")
            ours_s = time.perf_counter() - started
            started = time.perf_counter()
            default = write_folium_default(registry, points, work / f"default-{slug}", jquery)
            default_s = time.perf_counter() - started
            row = {"data": label, "pins": len(points), "render": (ours_s, default_s)}
            for variant in (ours, default):
                data = variant.document.read_bytes()
                row[variant.label] = {"raw": len(data), "gz": gz(data)}
                for profile in args.profiles:
                    url = base + str(variant.timed.relative_to(work))
                    row[variant.label][profile] = time_first_markers(
                        browser, url, PROFILES[profile], args.runs)
            rows.append(row)
            print(f"measured {label}: {len(points)} pins", file=sys.stderr)
        browser.close()
        server.shutdown()
    print(table(rows, args.profiles, assets, assets_gz))
    return 0


def table(rows: list[dict], profiles: list[str], assets: int, assets_gz: int) -> str:
    head = ["data", "pins", "ours: page raw / gzip", "default: page raw / gzip"]
    for profile in profiles:
        head.append(f"first pins, {profile}: ours / default")
    head += ["ours: all pins placed (" + profiles[-1] + ")", "render s: ours / default"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for row in rows:
        ours, default = row["ours"], row["folium default"]
        cells = [row["data"], f"{row['pins']:,}".replace(",", " "),
                 f"{kib(ours['raw'])} / {kib(ours['gz'])}",
                 f"{kib(default['raw'])} / {kib(default['gz'])}"]
        for profile in profiles:
            cells.append(f"{ours[profile][0]:,.0f} ms / {default[profile][0]:,.0f} ms")
        ready = ours[profiles[-1]][1]
        cells.append(f"{ready:,.0f} ms" if ready else "–")
        cells.append(f"{row['render'][0]:.1f} / {row['render'][1]:.1f}")
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    lines.append(f"Our assets (Leaflet, markercluster, fullscreen, locate, map.js, map.css), "
                 f"the same for every size and cached after the first visit: {kib(assets)} raw, "
                 f"{kib(assets_gz)} gzip. folium's default also loads jQuery, Bootstrap (JS and "
                 "CSS), Font Awesome and awesome-markers from CDNs (not counted above; its "
                 "timings use local Leaflet, markercluster and jQuery only).")
    lines.append("Time from navigation start, median of cold loads; mobile = 150 ms RTT, "
                 "1.6 Mbit/s, CPU 4× slower; gzip level 6 on the local server.")
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
