"""End-to-end: build the real site into a temporary folder and read what a resident gets."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from support.search_index import indexed_sections, manifest

from ngosite.pipeline import load_registry

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.e2e


def build(project: Path, site: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
        cwd=project, env=env, capture_output=True, text=True, timeout=600,
    )


def copy_project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(
        ".venv", "site", ".git", "__pycache__", ".pytest_cache", ".ruff_cache", "*.egg-info",
        "node_modules", ".tools", "tests"))
    return project


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.cards: list[dict[str, str]] = []
        self.links: list[str] = []
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "li" and "ngo-card" in (attrs.get("class") or ""):
            self.cards.append(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        self._in_title = tag == "title"

    def handle_data(self, data):
        if self._in_title:
            self.title += data

    def handle_endtag(self, tag):
        self._in_title = False


def parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


@pytest.fixture(scope="module")
def site(sample_site: Path) -> Path:
    return sample_site


def test_directory_lists_every_valid_entry_in_polish_order(site):
    registry = load_registry(ROOT)
    directory = parse(site / "organizacje" / "index.html")
    assert len(directory.cards) == len(registry.entries) >= 12
    for card, entry in zip(directory.cards, registry.entries, strict=True):
        assert card["data-forma"] == entry.org.legal_form
        assert card["data-miejscowosc"] == entry.org.address.locality
        assert card["data-obszary"].split() == list(entry.org.areas)
    assert directory.title.startswith("Organizacje pozarządowe")


def test_every_ngo_page_shows_what_the_ngo_published(site):
    registry = load_registry(ROOT)
    for entry in registry.entries:
        path = site / "organizacje" / entry.slug / "index.html"
        html = path.read_text(encoding="utf-8")
        org = entry.org
        assert f"<h1>{_esc(org.name)}</h1>" in html, entry.slug
        assert "Edytuj ten wpis" in html and f"/edit/main/ngos/{entry.slug}.yml" in html
        assert "Zgłoś błąd" in html
        assert f'datetime="{org.verified.isoformat()}"' in html
        assert org.address.locality in html
        if org.address.pin_precision == "miejscowosc" and org.address.street:
            assert org.address.street not in html, "village-only entries hide the street"
        for key in ("krs", "nip", "regon"):
            value = getattr(org.identifiers, key)
            if value:
                assert value in html
        if org.offer:
            assert "Oferta dla mieszkańców" in html
        assert parse(path).title.startswith(_esc(org.name)[:20])


def test_ngo_pages_stay_out_of_the_sidebar(site):
    home = (site / "index.html").read_text(encoding="utf-8")
    registry = load_registry(ROOT)
    assert not any(f"organizacje/{e.slug}/" in home for e in registry.entries)


def test_search_index_is_a_manifest_of_polish_shards_served_with_our_worker(site):
    # The theme's search box talks to our worker, which fetches the shards a query needs
    # (tests/browser/test_browser_search_pl.py checks what residents find).
    index = manifest(site)
    assert index["docs"] == [] and index["config"]["lang"] == ["pl"]
    shards = index["config"]["pl"]["shards"]
    assert shards and all((site / "search" / "pl" / f"t-{s}.json").is_file()
                          for s in shards.values())
    assert (site / "assets" / "javascripts" / "search-pl.js").is_file()
    assert '"search": "assets/javascripts/search-pl.js"' in (site / "index.html").read_text(
        encoding="utf-8")


def test_ngo_pages_are_in_the_search_index_once_and_the_directory_cards_are_not(site):
    # NGO pages and the directory bypass the theme's indexer
    # (ngosite.publishing.search_sections): the built index must still hold each page with its
    # sections, and nothing twice.
    sections = indexed_sections(site)
    locations = [location for location, _, _ in sections]
    assert len(locations) == len(set(locations))
    registry = load_registry(ROOT)
    for entry in registry.entries:
        assert f"organizacje/{entry.slug}/" in locations, entry.slug
        assert f"organizacje/{entry.slug}/#o-organizacji" in locations, entry.slug
    directory = next(text for location, _, text in sections if location == "organizacje/")
    assert not any(entry.org.name in directory for entry in registry.entries)
    # Hand-written pages still go through the theme's own indexer.
    assert "o-projekcie/" in locations


def test_schema_is_published(site):
    schema = json.loads((site / "dane" / "schema.json").read_text(encoding="utf-8"))
    assert "nazwa" in schema["properties"] and schema["additionalProperties"] is False


def test_invalid_file_fails_the_build_with_every_problem_and_no_traceback(tmp_path):
    project = copy_project(tmp_path)
    (project / "ngos" / "zla-organizacja.yml").write_text(
        "nazwa: Zła\nforma_prawna: fundacjaa\nopis: x\nobszary: [kultura]\n"
        "identyfikatory:\n  krs: 0000123456\nadres:\n  kod_pocztowy: 11513\n  miejscowosc: Milki\n"
        "zweryfikowano: 2026-01-01\n", encoding="utf-8")
    (project / "ngos" / "pusty.yml").write_text("", encoding="utf-8")
    result = build(project, tmp_path / "out")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output
    for fragment in ("ngos/zla-organizacja.yml:2:15", "fundacjaa", "ngos/zla-organizacja.yml:6:8",
                     'krs: "0000123456"', "ngos/zla-organizacja.yml:8:17", "Czy chodziło o „Miłki”",
                     "ngos/pusty.yml:1:1"):
        assert fragment in output, fragment


def _esc(text: str) -> str:
    import html

    return html.escape(text, quote=False)


LANDMARK_LABEL = re.compile(
    r'<(?:nav|aside|section|form|header|footer|main)\b[^>]*\baria-label="([^"]*)"')


def test_no_page_names_two_landmarks_alike(site):
    """axe-core's landmark-unique failed on the guides: the theme's table of contents came
    twice (in the menu and beside the text), each copy and each of its sub-lists a <nav> with
    the same aria-label ("Spis treści", then every section's title)."""
    for guide in ("dodaj-organizacje", "jak-dodac-wydarzenie", "jak-opublikowac-badanie"):
        labels = LANDMARK_LABEL.findall((site / guide / "index.html").read_text("utf-8"))
        assert {"Spis treści", "Spis treści (w menu nawigacji)"} <= set(labels), guide
    twice = {}
    for page in site.rglob("*.html"):
        labels = LANDMARK_LABEL.findall(page.read_text(encoding="utf-8"))
        repeated = sorted({label for label in labels if labels.count(label) > 1})
        if repeated:
            twice[page.relative_to(site).as_posix()] = repeated
    assert twice == {}


def test_no_theme_override_leaks_into_the_site(site):
    """MkDocs copies every file of the theme's folders that is not a template into the site:
    the critical styles once sat in overrides/partials/ and came out as a stray
    /partials/critical.css. Only templates may live in overrides/, and none is published."""
    overrides = ROOT / "overrides"
    leaked = [path.relative_to(overrides).as_posix() for path in overrides.rglob("*")
              if path.is_file() and (site / path.relative_to(overrides)).exists()]
    assert leaked == []
    assert not (site / "partials").exists()
    assert sorted(path.suffix for path in overrides.rglob("*") if path.is_file()) == \
        [".html"] * len([p for p in overrides.rglob("*") if p.is_file()])


def test_the_data_files_are_in_the_site_and_their_work_folder_is_gone(site):
    """Made in the background below a hidden folder of the site and moved into place."""
    assert [p.name for p in site.iterdir() if p.name.startswith(".ngosite")] == []
    entries = len(list((ROOT / "ngos").glob("*.yml")))
    assert len(list((site / "dodaj-organizacje" / "wpisy").glob("*.json"))) == entries
    assert (site / "dane" / "organizacje.csv").stat().st_size > 0
