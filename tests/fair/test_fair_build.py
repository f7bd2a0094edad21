"""End-to-end: build a copy of the site with the sample fair (and an earlier edition) and read
what a resident gets, before and after the day; a broken fair file stops the build."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from icalendar import Calendar
from support.fair_project import EARLIER_EDITION, SAMPLE, new_project, write_fair
from support.sample_site import REPO_ROOT as ROOT

pytestmark = pytest.mark.e2e


def build(project: Path, site: Path, today: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NGOSITE_TODAY": today}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
        cwd=project, env=env, capture_output=True, text=True, timeout=600, check=False)


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)


def links(path: Path) -> list[str]:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.hrefs


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = new_project(tmp_path_factory.mktemp("fair-project"), site=True)
    write_fair(root, 2027, SAMPLE.read_text(encoding="utf-8"))
    write_fair(root, 2026, EARLIER_EDITION)
    return root


@pytest.fixture(scope="module")
def before(project: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("before")
    result = build(project, out, "2027-05-01")
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.fixture(scope="module")
def after(project: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("after")
    result = build(project, out, "2027-06-06")
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def test_fair_page_before_the_day(before: Path):
    page = (before / "targi" / "index.html").read_text(encoding="utf-8")
    assert "<title>Dzień Organizacji Pozarządowych w gminie Miłki 2027" in page
    assert "Zapraszamy!</strong> Targi odbędą się w sobotę, 5 czerwca 2027" in page
    assert page.count('<li class="fair-item ') == 14
    assert page.count('<li class="fair-participant"') == 18
    # The fair's stylesheet comes joined with the others (ngosite.publishing.stylesheet_bundle).
    [bundle] = re.findall(r'href="\.\./(assets/css/site-[0-9a-f]{10}\.css)"', page)[:1]
    fair_css = (ROOT / "docs" / "assets" / "css" / "fair.css").read_text(encoding="utf-8")
    assert fair_css.strip() in (before / bundle).read_text(encoding="utf-8")
    assert '<a href="../mapa/">Zobacz na mapie organizacji</a>' in page, "the site has a map"
    assert '<script type="application/ld+json">' in page


def test_fair_page_after_the_day(after: Path):
    page = (after / "targi" / "index.html").read_text(encoding="utf-8")
    assert "Targi odbyły się</strong> w sobotę, 5 czerwca 2027" in page
    assert "Zapraszamy!" not in page
    block = (after / "organizacje" / "osp-milki" / "index.html").read_text(encoding="utf-8")
    assert "Organizacja brała udział w wydarzeniu" in block


def test_fair_is_in_the_navigation_with_the_staff_guide(before: Path):
    home = (before / "index.html").read_text(encoding="utf-8")
    assert 'href="targi/"' in home and 'href="jak-przygotowac-targi/"' in home
    guide = before / "jak-przygotowac-targi" / "index.html"
    assert "Jak przygotować program targów" in guide.read_text(encoding="utf-8")


def test_every_link_of_the_fair_pages_leads_somewhere(before: Path):
    pages = [before / "targi" / "index.html", before / "targi" / "2026" / "index.html",
             before / "organizacje" / "osp-milki" / "index.html"]
    checked = 0
    for page in pages:
        base = "/" + page.parent.relative_to(before).as_posix() + "/"
        for href in links(page):
            parts = urlsplit(urljoin(base, href))
            if parts.scheme or href.startswith("#"):
                continue
            target = before / parts.path.lstrip("/")
            assert (target / "index.html" if parts.path.endswith("/") else target).exists(), (
                f"{page.relative_to(before)} → {href}")
            checked += 1
    assert checked > 40


def test_calendar_files_are_published(before: Path):
    raw = (before / "targi" / "dzien-organizacji-2027.ics").read_bytes()
    assert raw.count(b"\r\n") == raw.count(b"\n"), "CRLF kept by the build"
    events = Calendar.from_ical(raw).walk("VEVENT")
    assert len(events) == 15
    assert (before / "targi" / "dzien-organizacji-2026.ics").exists()


def test_archive_keeps_the_earlier_edition(before: Path):
    page = (before / "targi" / "2026" / "index.html").read_text(encoding="utf-8")
    assert "To archiwalna edycja targów." in page and "Punkt archiwalny" in page
    current = (before / "targi" / "index.html").read_text(encoding="utf-8")
    assert 'href="../targi/2026/"' in current


def test_every_participating_ngo_page_shows_its_part(before: Path):
    for slug, expected in (("osp-milki", "Stoisko nr 2"), ("kgw-rydzewo", "Stoisko nr 3"),
                           ("osp-ruda", "Bez stoiska: spotkasz nas w programie")):
        page = (before / "organizacje" / slug / "index.html").read_text(encoding="utf-8")
        assert '<section class="ngo-page__fair"' in page and expected in page, slug
        assert 'href="../../targi/"' in page


def test_broken_fair_file_stops_the_build_with_located_messages(tmp_path: Path):
    root = new_project(tmp_path / "project", site=True)
    text = SAMPLE.read_text(encoding="utf-8").replace('  od: "10:00"\n  do: "16:00"',
                                                      '  od: 10:00\n  do: "16:00"')
    text = text.replace("organizacje: [kgw-rydzewo]", "organizacje: [kgw-rydzew]")
    write_fair(root, 2027, text)
    result = build(root, tmp_path / "out", "2027-05-01")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output
    assert ('data/targi/2027.yml:14:7: błąd: pole „godziny.od”: YAML odczytał godzinę 10:00 '
            'napisaną bez cudzysłowu jako liczbę 600; zapisz ją w cudzysłowie: "10:00"') in output
    assert "Czy chodziło o „kgw-rydzewo”?" in output


def test_bad_build_day_stops_the_build(tmp_path: Path):
    root = new_project(tmp_path / "project", site=True)
    write_fair(root, 2027, SAMPLE.read_text(encoding="utf-8"))
    result = build(root, tmp_path / "out", "jutro")
    assert result.returncode != 0
    assert "NGOSITE_TODAY" in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
