"""End-to-end: build the real site with the documents and read what a resident downloads."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from support.search_index import indexed_locations

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.e2e
PROGRAMME = "dokumenty/program-wspolpracy"


def build(project: Path, site: Path, today: str = "2026-11-26") -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NGOSITE_TODAY": today}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
        cwd=project, env=env, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    result = build(ROOT, out)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def test_every_document_page_and_file_is_built(site: Path):
    for path in ("dokumenty/index.html", f"{PROGRAMME}/index.html",
                 *(f"{PROGRAMME}/wersja-{n}/index.html" for n in (1, 2, 3)),
                 f"{PROGRAMME}/zmiany-1-2/index.html", f"{PROGRAMME}/zmiany-2-3/index.html",
                 f"{PROGRAMME}/zmiany-1-3/index.html", f"{PROGRAMME}/wersja-1/raport/index.html",
                 f"{PROGRAMME}/wersja-1/raport.csv", f"{PROGRAMME}/wersja-1/raport.json",
                 "dokumenty/zmiana-statutu-konsultacje/zmiany-1-2/index.html",
                 "dokumenty/zmiana-statutu-konsultacje/wersja-1/raport/index.html",
                 "dokumenty/kanal.xml"):
        assert (site / path).is_file(), path


def test_documents_are_in_the_navigation_but_versions_are_not(site: Path):
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="dokumenty/"' in home
    assert "wersja-1" not in home and "zmiany-1-2" not in home


def test_version_page_as_served(site: Path):
    html = (site / PROGRAMME / "wersja-2" / "index.html").read_text(encoding="utf-8")
    assert "<title>Wieloletni Program Współpracy Gminy Miłki" in html
    assert "Wersja 2 z 3" in html and "Jest nowsza wersja:" in html
    assert "Dokument przykładowy." in html
    assert 'id="par-9"' in html and "Forum organizacji pozarządowych" in html
    # The documents' stylesheet comes joined with the others (stylesheet_bundle).
    bundle = re.search(r'href="(?:\.\./)+(assets/css/site-[0-9a-f]{10}\.css)"', html)
    assert bundle, "no joined stylesheet"
    documents_css = (ROOT / "docs" / "assets" / "css" / "documents.css").read_text("utf-8")
    assert documents_css.strip() in (site / bundle.group(1)).read_text(encoding="utf-8")


def test_downloads_keep_polish_letters(site: Path):
    raw = (site / PROGRAMME / "wersja-1" / "raport.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 13 and "Koło Gospodyń Wiejskich w Rydzewie" in rows[1]
    data = json.loads((site / PROGRAMME / "wersja-1" / "raport.json").read_text("utf-8"))
    assert data["uwagi"][0]["nadawca"] == "kgw-rydzewo"


def test_search_finds_the_documents(site: Path):
    assert f"{PROGRAMME}/wersja-1/raport/" in indexed_locations(site)


def test_a_published_text_changed_fails_the_build(tmp_path: Path):
    project = tmp_path / "project"
    shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(
        ".venv", "site", ".git", "__pycache__", ".pytest_cache", ".ruff_cache", "*.egg-info",
        "tests", "node_modules", ".tools"))
    text = project / PROGRAMME.replace("dokumenty", "documents") / "wersja-3.md"
    text.write_text(text.read_text(encoding="utf-8").replace("185 000", "158 000"),
                    encoding="utf-8")

    result = build(project, tmp_path / "out")

    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output
    assert "documents/program-wspolpracy/dokument.yml:" in output
    assert "tekst opublikowanej wersji 3" in output and "nową wersję (wersja-4.md" in output
