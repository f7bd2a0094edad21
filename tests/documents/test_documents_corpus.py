"""The corpus of broken documents: each fixture must produce exactly its golden messages.

A fixture is a folder ``invalid_documents/<key>_<reason>/`` with a ``dokument.yml`` (its first
line says what is broken) and, where the case needs them, its own version texts; the texts of
listed versions it does not have come from ``_wspolne/``, which also holds the valid document
every fixture differs from. The fixture is copied into a temporary project as
``documents/<key>-<reason>/`` beside three real NGO entries. Beside it,
``<key>_<reason>.expected`` holds the problems printed for the documents, one
``str(problem)`` per line.

After a deliberate change of a message, regenerate the golden files with
``NGOSITE_REGEN_GOLDEN=1 .venv/bin/python -m pytest tests/documents/test_documents_corpus.py`` and
read the diff: every changed line is a message a member of staff will read.
"""

from __future__ import annotations

import os
import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from ngosite.core.problems import Severity
from ngosite.organisations.registry import Registry
from ngosite.pipeline import load_registry

REPO = Path(__file__).resolve().parents[2]
CORPUS = Path(__file__).resolve().parent / "invalid_documents"
COMMON = CORPUS / "_wspolne"
TODAY = date(2026, 11, 26)
NGOS = ("kgw-rydzewo.yml", "osp-milki.yml", "seniorzy-milki.yml")
REGENERATE = bool(os.environ.get("NGOSITE_REGEN_GOLDEN"))


def _fixtures() -> list[Path]:
    return sorted(p for p in CORPUS.iterdir() if p.is_dir() and not p.name.startswith("_"))


def _project(root: Path, fixture: Path) -> Path:
    (root / "data").mkdir(parents=True)
    (root / "ngos").mkdir()
    for name in ("gmina.yml", "miejscowosci.yml", "granica.geojson"):
        shutil.copyfile(REPO / "data" / name, root / "data" / name)
    for name in NGOS:
        shutil.copyfile(REPO / "ngos" / name, root / "ngos" / name)
    target = root / "documents" / fixture.name.strip("_").replace("_", "-")
    target.mkdir(parents=True)
    listed = re.findall(r"^\s*- wersja: (\d+)", (fixture / "dokument.yml").read_text("utf-8"),
                        re.MULTILINE)
    for number in listed:
        source = COMMON / f"wersja-{number}.md"
        if source.exists():
            shutil.copyfile(source, target / source.name)
    for source in sorted(fixture.iterdir()):
        shutil.copyfile(source, target / source.name)
    return root


def _load(tmp_path: Path, fixture: Path) -> Registry:
    return load_registry(_project(tmp_path, fixture), today=TODAY)


def _document_problems(registry: Registry) -> str:
    return "".join(f"{p}\n" for p in registry.problems if p.file.startswith("documents/"))


def test_every_fixture_has_an_expectation_and_every_expectation_a_fixture():
    fixtures = {p.name for p in _fixtures()}
    goldens = {p.stem for p in CORPUS.glob("*.expected")}
    if not REGENERATE:
        assert sorted(fixtures - goldens) == [], "fixtures without a .expected file"
    assert sorted(goldens - fixtures) == [], ".expected files without a fixture"
    assert len(fixtures) >= 30


def test_the_common_document_is_valid(tmp_path: Path):
    registry = _load(tmp_path, COMMON)
    assert _document_problems(registry) == ""
    assert [d.slug for d in registry.documents] == ["wspolne"]


@pytest.mark.parametrize("fixture", _fixtures(), ids=lambda p: p.name)
def test_fixture_reports_exactly_its_golden_messages(tmp_path: Path, fixture: Path):
    registry = _load(tmp_path, fixture)
    printed = _document_problems(registry)
    golden = CORPUS / f"{fixture.name}.expected"
    if REGENERATE:
        golden.write_text(printed, encoding="utf-8")
    assert printed, "a fixture of the invalid corpus must produce at least one problem"
    assert printed == golden.read_text(encoding="utf-8")
    assert all("\n" not in str(p) for p in registry.problems)
    has_errors = any(p.severity is Severity.ERROR and p.file.startswith("documents/")
                     for p in registry.problems)
    # A document with errors stays off the site; one with warnings only is published.
    assert bool(registry.documents) is not has_errors
