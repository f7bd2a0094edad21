"""Whole builds with consultations: a resident's comment goes through the import into the report
without their name or e-mail reaching any file of the site or of the repository, and the pages
of a round under consultation are valid HTML with working links."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from support.consultation_project import PROGRAMME, comment_values, consultation_project

from ngosite.cli import main
from ngosite.consultations.submission_text import message_text

pytestmark = pytest.mark.e2e

REPO = Path(__file__).resolve().parents[2]
VNU_JAR = REPO / ".tools" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
LYCHEE = Path(sys.executable).parent / "lychee"
NAME = "Gwidon Żółtopiórkiewicz-Brzęczyszczykiewicz"
EMAIL = "gwidon.zoltopiorek.7731@poczta-testowa.example"
TEXT = "Świetlica w Rydzewie powinna być otwarta także w soboty do godziny 20."


def build(project: Path, site: Path, day: str) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NGOSITE_TODAY": day}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d",
                             str(site)], cwd=project, env=env, capture_output=True, text=True,
                            timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_residents_name_and_email_reach_no_file_of_the_site_or_the_repository(
        tmp_path: Path, capsys, monkeypatch):
    project = consultation_project(tmp_path / "project", site=True)
    comment = comment_values(nadawca="mieszkaniec", organizacja=None, uzasadnienie=TEXT,
                             imie_i_nazwisko=NAME, kontakt=EMAIL)
    source = tmp_path / "uwaga.txt"  # staff keep the e-mail outside the repository
    source.write_text(message_text(comment, "Program"), encoding="utf-8")
    monkeypatch.setenv("NGOSITE_TODAY", "2026-12-05")
    assert main(["--root", str(project), "consultation", "import", str(source)]) == 0
    printed = capsys.readouterr()
    assert NAME in printed.out and EMAIL in printed.out  # for the office's own register
    # The office answers and publishes the report, as it would.
    programme = project / PROGRAMME
    text = programme.read_text(encoding="utf-8")
    placeholder = ("          # stanowisko i uzasadnienie uzupełnia urząd (wymagane od dnia "
                   "publikacji raportu)\n")
    assert placeholder in text
    text = text.replace(placeholder, "          stanowisko: wyjasnienie\n"
                                     "          uzasadnienie: Godziny ustala sołtys.\n")
    text = text.replace("      do: 2026-12-21\n", "      do: 2026-12-21\n"
                                                   "      raport_opublikowano: 2026-12-28\n")
    programme.write_text(text, encoding="utf-8")
    site = tmp_path / "site"
    build(project, site, "2026-12-28")
    report = site / "dokumenty" / "program-wspolpracy" / "wersja-3" / "raport.json"
    entries = json.loads(report.read_text(encoding="utf-8"))["uwagi"]
    assert [(e["nadawca"], e["tresc"]) for e in entries] == [("osoba fizyczna", TEXT)]
    needles = [NAME, NAME.split()[-1], EMAIL, EMAIL.split("@")[0], "Żółtopiórkiewicz"]
    forms = {n for needle in needles for n in (needle, needle.lower(),
                                                json.dumps(needle)[1:-1])}
    found = []
    for folder in (site, project):
        for path in folder.rglob("*"):
            if path.is_file() and ".tools" not in path.parts:
                data = path.read_bytes()
                found += [f"{path}: {n}" for n in forms if n.encode("utf-8") in data]
    assert found == [], "personal data reached a file:\n" + "\n".join(found)


@pytest.fixture(scope="module")
def round_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = consultation_project(tmp_path_factory.mktemp("project"), site=True)
    site = tmp_path_factory.mktemp("site")
    build(project, site, "2026-12-01")
    return site


def test_the_pages_of_a_round_are_valid_html(round_site: Path):
    java = shutil.which("java")
    assert java and VNU_JAR.is_file(), "the Nu Html Checker needs Java and scripts/setup.sh"
    pages = [round_site / "konsultacje" / "index.html", round_site / "index.html",
             round_site / "dokumenty" / "program-wspolpracy" / "wersja-3" / "index.html",
             round_site / "dokumenty" / "program-wspolpracy" / "index.html"]
    result = subprocess.run([java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json",
                             *map(str, pages)], capture_output=True, text=True, timeout=300)
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    # The theme's own hidden checkboxes (tests/site/test_links.py says why they stay).
    errors = [m for m in messages if m.get("type") == "error"
              and "autocomplete" not in m.get("message", "")]
    assert errors == [], "\n".join(f"{m.get('url')}:{m.get('lastLine')}: {m.get('message')}"
                                   for m in errors)


def test_the_links_of_a_round_lead_somewhere(round_site: Path):
    report = round_site.parent / "lychee.json"
    subprocess.run([str(LYCHEE), "--offline", "--no-progress", "--include-fragments",
                    "--index-files", "index.html", "--root-dir", str(round_site), "--format",
                    "json", "--output", str(report), f"{round_site}/konsultacje/**/*.html",
                    f"{round_site}/dokumenty/**/*.html", f"{round_site}/index.html"],
                   capture_output=True, text=True, timeout=300)
    data = json.loads(report.read_text(encoding="utf-8"))
    broken = [f"{page}: {f['url']} ({f['status'].get('text', '')})"
              for page, failures in data.get("error_map", {}).items() for f in failures]
    assert data["total"] > 50
    assert broken == []
