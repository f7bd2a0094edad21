"""The map's JavaScript and CSS: Leaflet and its plugins vendored from npm, plus our own script.

Everything is served from the site itself (no CDN: a resident's visit is not reported to a third
party). The files live under ``docs/assets/``; the versions below are the single source of truth
for ``scripts/vendor_map_assets.py`` (which fetches them with ``npm pack``) and for the README
beside them. URLs carry a short content hash, so a new version is never served from a stale cache.
"""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import dataclass
from pathlib import Path

VENDOR_DIR = "vendor"  # under docs/assets/


@dataclass(frozen=True)
class VendoredPackage:
    """One npm package: which of its files we serve, and under which name."""

    name: str
    version: str
    files: tuple[tuple[str, str], ...]  # (path in the npm package, path in our folder)
    licence: str  # path in the npm package; served as LICENSE.txt (.md would become a page)

    @property
    def folder(self) -> str:
        return f"{VENDOR_DIR}/{self.name}"


LEAFLET = VendoredPackage("leaflet", "1.9.4", (
    ("dist/leaflet.js", "leaflet.js"),
    ("dist/leaflet.css", "leaflet.css"),
    *((f"dist/images/{name}", f"images/{name}") for name in (
        "layers.png", "layers-2x.png", "marker-icon.png", "marker-icon-2x.png",
        "marker-shadow.png")),
), "LICENSE")
MARKERCLUSTER = VendoredPackage("leaflet.markercluster", "1.5.3", (
    ("dist/leaflet.markercluster.js", "leaflet.markercluster.js"),
    ("dist/MarkerCluster.css", "MarkerCluster.css"),
    ("dist/MarkerCluster.Default.css", "MarkerCluster.Default.css"),
), "MIT-LICENCE.txt")
FULLSCREEN = VendoredPackage("leaflet.fullscreen", "5.3.3", (
    ("dist/Control.FullScreen.umd.js", "Control.FullScreen.umd.js"),
    ("dist/Control.FullScreen.css", "Control.FullScreen.css"),
), "LICENSE.md")
LOCATE = VendoredPackage("leaflet.locatecontrol", "0.90.1", (
    ("dist/L.Control.Locate.min.js", "L.Control.Locate.min.js"),
    ("dist/L.Control.Locate.min.css", "L.Control.Locate.min.css"),
), "LICENSE.md")
PACKAGES = (LEAFLET, MARKERCLUSTER, FULLSCREEN, LOCATE)

# Our own files, next to the site's other assets.
MAP_SCRIPT = "js/map.js"
MAP_STYLES = "css/map.css"
# On /mapa/: loads the map document at once on a wide screen or for a link to a pin, and on a
# phone when asked (the page's first view stays small; the map is hundreds of kilobytes).
FRAME_SCRIPT = "js/map-frame.js"


def vendored_files(package: VendoredPackage) -> list[str]:
    """Paths below ``docs/assets/`` of everything the package contributes, licence included."""
    return [f"{package.folder}/{ours}" for _, ours in package.files] + [
        f"{package.folder}/LICENSE.txt"]


def all_files() -> list[str]:
    """Every file (below ``docs/assets/``) that a page with the map needs, or must carry."""
    files = [f for package in PACKAGES for f in vendored_files(package)]
    return [*files, f"{VENDOR_DIR}/README.txt", MAP_SCRIPT, MAP_STYLES]


class AssetLinks:
    """URLs of the map's assets as seen from the map document (``prefix`` = the assets folder)."""

    def __init__(self, assets_dir: Path, prefix: str):
        self.assets_dir = assets_dir
        self.prefix = prefix

    def url(self, path: str) -> str:
        return f"{self.prefix}{path}?v={_digest(self.assets_dir / path)}"

    def vendored(self, package: VendoredPackage, name: str) -> str:
        return self.url(f"{package.folder}/{name}")


def _digest(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()[:10]
    except FileNotFoundError:
        raise FileNotFoundError(
            f"{path} is missing (vendored files: scripts/vendor_map_assets.py)") from None


def copy_assets(assets_dir: Path, dest: Path) -> list[Path]:
    """Copy the map's assets (same relative layout) below ``dest``; return what was written."""
    written = []
    for name in all_files():
        target = dest / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(assets_dir / name, target)
        written.append(target)
    return written
