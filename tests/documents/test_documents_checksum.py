"""Published versions are immutable: a changed text fails the build; new versions get their
checksum recorded by ``ngosite documents checksum --write``."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from ngosite.core.problems import Severity
from ngosite.documents.checksum import normalised_text, record_missing, scan, text_checksum
from ngosite.pipeline import load_registry

REPO = Path(__file__).resolve().parents[2]
TODAY = date(2026, 11, 26)
PROGRAMME = "documents/program-wspolpracy"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    (root / "data").mkdir(parents=True)
    for name in ("gmina.yml", "miejscowosci.yml", "granica.geojson"):
        shutil.copyfile(REPO / "data" / name, root / "data" / name)
    shutil.copytree(REPO / "ngos", root / "ngos")
    shutil.copytree(REPO / "documents", root / "documents")
    return root


def _cli(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "NGOSITE_DEBUG"}
    return subprocess.run(
        [sys.executable, "-m", "ngosite", "--root", str(root), "documents", "checksum", *args],
        capture_output=True, text=True, encoding="utf-8", env=env, timeout=60, check=False)


def test_line_ends_and_bom_do_not_change_the_checksum():
    text = "## § 1.\n\nTreść z polskimi literami: żółć.\n"
    crlf = ("\ufeff" + text.replace("\n", "\r\n")).encode("utf-8")
    assert text_checksum(normalised_text(crlf)) == text_checksum(text)
    assert text_checksum(text) != text_checksum(text.replace("żółć", "zolc"))
    assert text_checksum(text).startswith("sha256:") and len(text_checksum(text)) == 71


def test_every_bundled_version_matches_its_recorded_checksum():
    rows, problems = scan(REPO)
    assert problems == []
    assert len(rows) == 5
    assert {row.state for row in rows} == {"zgodna"}


def test_a_changed_published_text_is_an_error_and_the_document_leaves_the_site(project: Path):
    path = project / PROGRAMME / "wersja-2.md"
    path.write_text(path.read_text(encoding="utf-8").replace("180 000 zł", "190 000 zł"),
                    encoding="utf-8")

    registry = load_registry(project, today=TODAY)

    errors = [p for p in registry.problems if p.severity is Severity.ERROR]
    assert len(errors) == 1
    error = errors[0]
    assert error.file == f"{PROGRAMME}/dokument.yml"
    assert error.key == "wersje[1].suma_kontrolna"
    assert "tekst opublikowanej wersji 2" in error.message
    assert "zmienił się po publikacji" in error.message
    assert "nową wersję (wersja-3.md" in error.message
    assert [d.slug for d in registry.documents] == ["zmiana-statutu-konsultacje"]


def test_the_command_reports_a_changed_text_and_never_rewrites_its_checksum(project: Path):
    path = project / PROGRAMME / "wersja-1.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nDopisek.\n", encoding="utf-8")
    before = (project / PROGRAMME / "dokument.yml").read_text(encoding="utf-8")

    result = _cli(project, "--write")

    assert result.returncode == 1
    assert f"{PROGRAMME}/wersja-1.md\tsha256:" in result.stdout
    assert "NIEZGODNA" in result.stdout
    assert "nową wersję" in result.stderr
    assert (project / PROGRAMME / "dokument.yml").read_text(encoding="utf-8") == before


def test_write_records_the_checksum_of_a_new_version_and_keeps_the_file_layout(project: Path):
    meta = project / PROGRAMME / "dokument.yml"
    original = meta.read_text(encoding="utf-8")
    recorded = [line for line in original.splitlines() if "suma_kontrolna" in line][2]
    meta.write_text(original.replace(recorded + "\n", ""), encoding="utf-8")
    warnings = [p for p in load_registry(project, today=TODAY).problems
                if p.file.startswith("documents/")]
    assert [p.severity for p in warnings] == [Severity.WARNING]
    assert "nie ma zapisanej sumy kontrolnej" in warnings[0].message

    written = record_missing(project)

    assert [row.file for row in written] == [f"{PROGRAMME}/wersja-3.md"]
    assert meta.read_text(encoding="utf-8") == original
    assert not [p for p in load_registry(project, today=TODAY).problems
                if p.file.startswith("documents/")]


def test_command_without_write_lists_new_versions_and_succeeds(project: Path):
    meta = project / PROGRAMME / "dokument.yml"
    text = meta.read_text(encoding="utf-8")
    line = next(ln for ln in text.splitlines() if "suma_kontrolna" in ln)
    meta.write_text(text.replace(line + "\n", ""), encoding="utf-8")

    result = _cli(project)

    assert result.returncode == 0, result.stderr
    assert f"{PROGRAMME}/wersja-1.md\t" in result.stdout and "\tnowa" in result.stdout
    assert "checksum --write" in result.stderr
    assert meta.read_text(encoding="utf-8") == text.replace(line + "\n", "")
