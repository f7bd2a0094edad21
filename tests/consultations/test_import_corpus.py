"""The corpus of broken comments: each must produce exactly its golden messages and write
nothing.

A fixture is ``invalid_submissions/<key>_<reason>.txt`` (what staff paste: an e-mail's text,
the downloaded file, an issue's body) or ``.eml`` (a saved message); its first line says what
is broken. Beside it, ``<key>_<reason>.expected`` holds what the import prints: one
``str(problem)`` per line. The comments are imported against a copy of the project with a
second round of consultation on the programme's version 3 (30 November – 21 December 2026,
``support.consultation_project``), as of 23 December 2026: the round is over and its report is
not published yet; the first version's report is.

After a deliberate change of a message, regenerate the golden files with
``NGOSITE_REGEN_GOLDEN=1 .venv/bin/python -m pytest tests/consultations/test_import_corpus.py``
and read the diff: every changed line is a message a clerk will read.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from support.consultation_project import PROGRAMME, consultation_project
from support.golden import golden_path

from ngosite.consultations.importing import prepare_import
from ngosite.consultations.rules import ImportOptions
from ngosite.organisations.registry import Registry
from ngosite.pipeline import load_registry

CORPUS = Path(__file__).resolve().parent / "invalid_submissions"
TODAY = date(2026, 12, 23)
REGENERATE = bool(os.environ.get("NGOSITE_REGEN_GOLDEN"))


def _fixtures() -> list[Path]:
    return sorted(p for p in CORPUS.iterdir() if p.suffix in (".txt", ".eml"))


@pytest.fixture(scope="module")
def registry(tmp_path_factory: pytest.TempPathFactory) -> Registry:
    return load_registry(consultation_project(tmp_path_factory.mktemp("project")), today=TODAY)


def test_every_fixture_has_an_expectation_and_every_expectation_a_fixture():
    fixtures = {p.stem for p in _fixtures()}
    goldens = {p.stem for p in CORPUS.glob("*.expected")}
    if not REGENERATE:
        assert sorted(fixtures - goldens) == [], "fixtures without a .expected file"
    assert sorted(goldens - fixtures) == [], ".expected files without a fixture"
    assert len(fixtures) >= 15


@pytest.mark.parametrize("fixture", _fixtures(), ids=lambda p: p.name)
def test_fixture_reports_exactly_its_golden_messages(registry: Registry, fixture: Path):
    before = (registry.root / PROGRAMME).read_bytes()
    outcome = prepare_import(registry, fixture.read_bytes(), fixture.name, TODAY,
                             ImportOptions())
    printed = "".join(f"{p}\n" for p in sorted(outcome.problems))
    golden = golden_path(CORPUS, fixture)
    if REGENERATE:
        golden.write_text(printed, encoding="utf-8")
    assert not outcome.ok, "a fixture of the broken corpus must produce an error"
    assert outcome.new_text is None, "a broken comment must not change any file"
    assert printed == golden.read_text(encoding="utf-8")
    for problem in outcome.problems:
        assert problem.file in (fixture.name, "documents/program-wspolpracy/dokument.yml")
        assert problem.line >= 1 and problem.column >= 1 and "\n" not in problem.message
    after = (registry.root / PROGRAMME).read_bytes()
    assert after == before
