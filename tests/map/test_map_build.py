"""End-to-end: the map in a real site build, and the stand-alone folder from build_map.py."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ngosite.map.assets import all_files
from ngosite.map.data import map_points
from ngosite.pipeline import load_registry

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def site(sample_site: Path) -> Path:
    return sample_site


def _local_assets(document: str) -> list[str]:
    return re.findall(r'(?:<script src|<link rel="stylesheet" href)="([^"]+)"', document)


def test_site_has_the_map_page_its_document_and_its_assets(site):
    page = (site / "mapa" / "index.html").read_text(encoding="utf-8")
    assert '<iframe class="ngo-map-frame" src="mapa.html"' in page
    assert 'href="../organizacje/"' in page
    document = site / "mapa" / "mapa.html"
    for url in _local_assets(document.read_text(encoding="utf-8")):
        assert (document.parent / url.split("?")[0]).resolve().is_file(), url
    for name in all_files():
        assert (site / "assets" / name).is_file(), name
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="mapa/"' in home, "the map is in the navigation"


def test_located_ngo_pages_link_to_the_map_and_others_do_not(site):
    registry = load_registry(ROOT)
    located = {p.slug for p in map_points(registry)}
    assert located and len(located) < len(registry.entries)
    for entry in registry.entries:
        html = (site / "organizacje" / entry.slug / "index.html").read_text(encoding="utf-8")
        link = f'href="../../mapa/#{entry.slug}"'
        assert (link in html) == (entry.slug in located), entry.slug


def run_build_map(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "build_map.py"), *args], cwd=cwd,
                          capture_output=True, text=True, timeout=300)


def test_build_map_help_documents_the_output():
    result = run_build_map("--help")
    assert result.returncode == 0
    for words in ("index.html", "assets/vendor", "--wyjscie", "--adres-serwisu", "<iframe",
                  "index.html#"):
        assert words in result.stdout, words


def test_build_map_writes_a_folder_that_needs_nothing_else(tmp_path):
    out = tmp_path / "mapa"
    result = run_build_map("--wyjscie", str(out), "--adres-serwisu", "https://ngo.example.pl/")
    assert result.returncode == 0, result.stderr
    assert "Mapa zapisana" in result.stdout
    document = (out / "index.html").read_text(encoding="utf-8")
    assert '"pages":"https://ngo.example.pl/organizacje/"' in document
    urls = _local_assets(document)
    assert urls and all(u.startswith("assets/") for u in urls)
    for url in urls:
        assert (out / url.split("?")[0]).is_file(), url
    assert (out / "assets" / "vendor" / "leaflet" / "LICENSE.txt").is_file()


def test_build_map_stops_on_data_errors_with_polish_problems(tmp_path):
    project = tmp_path / "project"
    shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(
        ".venv", "site", ".git", "__pycache__", ".pytest_cache", ".ruff_cache", "*.egg-info",
        "node_modules", ".tools", "tests"))
    (project / "ngos" / "zla.yml").write_text("nazwa: Zła\nforma_prawna: fundacjaa\n",
                                              encoding="utf-8")
    result = run_build_map("--projekt", str(project), "--wyjscie", str(tmp_path / "out"))
    assert result.returncode == 1
    assert "ngos/zla.yml" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()
