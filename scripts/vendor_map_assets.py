#!/usr/bin/env python3
"""Fetch Leaflet and its plugins from the npm registry into docs/assets/vendor/ (pinned versions).

    .venv/bin/python scripts/vendor_map_assets.py

The versions and the files taken from each package are declared in ``ngosite/map/assets.py``;
this script runs ``npm pack <name>@<version>`` for each, copies those files and the licence, and
rewrites ``docs/assets/vendor/README.txt`` with the versions and SHA-256 sums. To upgrade, change
a version there, run this script, rebuild and run the browser tests (``-m browser -k map``).
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ngosite.map.assets import PACKAGES, VENDOR_DIR, VendoredPackage, vendored_files  # noqa: E402

ASSETS = ROOT / "docs" / "assets"

README_HEAD = """\
Leaflet and its plugins, served from this site instead of a CDN (no resident's visit is reported
to a third party). Copied unchanged from the npm registry packages below by
scripts/vendor_map_assets.py; the versions are declared in ngosite/map/assets.py. Each folder
carries the package's licence as LICENSE.txt (renamed from LICENSE / LICENSE.md, because a .md
file under docs/ would become a page of the site).

"""


def fetch(package: VendoredPackage, work: Path) -> Path:
    spec = f"{package.name}@{package.version}"
    out = subprocess.run(["npm", "pack", "--silent", spec], cwd=work, check=True,
                         capture_output=True, text=True).stdout.strip().splitlines()[-1]
    unpacked = work / package.name
    with tarfile.open(work / out) as archive:
        archive.extractall(unpacked, filter="data")
    return unpacked / "package"


def install(package: VendoredPackage, source: Path) -> None:
    folder = ASSETS / package.folder
    if folder.exists():
        shutil.rmtree(folder)
    for theirs, ours in (*package.files, (package.licence, "LICENSE.txt")):
        target = folder / ours
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source / theirs, target)


def readme() -> str:
    lines = [README_HEAD]
    for package in PACKAGES:
        lines.append(f"{package.name} {package.version}  "
                     f"https://www.npmjs.com/package/{package.name}/v/{package.version}\n")
        for path in vendored_files(package):
            digest = hashlib.sha256((ASSETS / path).read_bytes()).hexdigest()
            lines.append(f"  {digest}  {path.removeprefix(VENDOR_DIR + '/')}\n")
        lines.append("\n")
    return "".join(lines).rstrip("\n") + "\n"


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        for package in PACKAGES:
            install(package, fetch(package, Path(tmp)))
            print(f"vendored {package.name} {package.version}")
    (ASSETS / VENDOR_DIR / "README.txt").write_text(readme(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
