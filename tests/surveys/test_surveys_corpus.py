"""The corpus of broken survey inputs: each fixture must produce exactly its golden messages.

A fixture is a folder ``invalid_surveys/<key>_<reason>/`` laid over a valid project (the real
settings and NGOs with the engineered two-wave study of ``support.survey_project``): its
``badania/<id>/`` holds a questionnaire (``badanie.yml``) and, for the published-results
cases, a ``wyniki.yml``, or its ``sprawozdania/<slug>/`` an NGO's yearly figures, with one
thing broken. A respondents' file (``odpowiedzi.csv``) sits at the fixture's root, outside
the project, as the office keeps it: it is published with the staff command, then the project
is loaded as the build loads it. The first line of the fixture's YAML file says what (for a
broken CSV, the questionnaire beside it says so). Beside the folder,
``<key>_<reason>.expected`` holds what the command and the validator print: one
``str(problem)`` per line. The valid study under the fixture must still load in full: nothing
valid is lost because something else is broken.

After a deliberate change of a message, regenerate the golden files with
``NGOSITE_REGEN_GOLDEN=1 .venv/bin/python -m pytest tests/surveys/test_surveys_corpus.py`` and
read the diff: every changed line is a message a clerk or an NGO will read.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from support.golden import corpus_fixtures, fixture_name, golden_path
from support.survey_project import WAVES, survey_project

from ngosite.core.problems import Problem, Severity
from ngosite.organisations.registry import Registry
from ngosite.pipeline import load_registry
from ngosite.settings.surveys import SurveySettings
from ngosite.surveys.load import staff_survey
from ngosite.surveys.publish import publish

CORPUS = Path(__file__).resolve().parent / "invalid_surveys"
TODAY = date(2026, 11, 29)
REGENERATE = bool(os.environ.get("NGOSITE_REGEN_GOLDEN"))
GUIDE = "docs/jak-opublikowac-badanie.md"


def _fixtures() -> list[Path]:
    return [p for p in corpus_fixtures(CORPUS) if p.is_dir()]


RAW = "odpowiedzi.csv"
REVIEW = "odpowiedzi-otwarte.yml"


def _roots(fixture: Path) -> list[str]:
    """The project folders a fixture adds (``badania/<id>`` or ``sprawozdania/<slug>``), and
    the respondents' file at its root."""
    return sorted({"/".join(p.relative_to(fixture).parts[:2])
                   for p in fixture.rglob("*") if p.is_file()})


Loaded = tuple[Registry, list[str], list[Problem]]


def _publish(fixture: Path, root: Path, office: Path) -> list[Problem]:
    """Publish the fixture's respondents' file, as staff would, from the office's folder
    (so messages name it as staff typed it: ``odpowiedzi.csv``)."""
    if not (fixture / RAW).is_file():
        return []
    survey_id = next(p.name for p in (fixture / "badania").iterdir())
    found = staff_survey(root, survey_id, load_registry(root, today=TODAY).entries, [])
    if found is None:
        return []  # a broken questionnaire: the build reports it
    shutil.copyfile(fixture / RAW, office / RAW)
    reviewed = None
    if (fixture / REVIEW).is_file():
        shutil.copyfile(fixture / REVIEW, office / REVIEW)
        reviewed = Path(REVIEW)
    previous = Path.cwd()
    os.chdir(office)
    try:
        outcome = publish(root, found[0], found[1], Path(RAW), SurveySettings(), TODAY,
                          reviewed=reviewed)
    finally:
        os.chdir(previous)
    return outcome.problems


@pytest.fixture(scope="module")
def load_fixture(tmp_path_factory: pytest.TempPathFactory) -> Callable[[Path], Loaded]:
    cache: dict[str, Loaded] = {}

    def load(fixture: Path) -> Loaded:
        name = fixture_name(fixture)
        if name not in cache:
            root = survey_project(tmp_path_factory.mktemp(name))
            for folder in ("badania", "sprawozdania"):
                if (fixture / folder).is_dir():
                    shutil.copytree(fixture / folder, root / folder, dirs_exist_ok=True)
            published = _publish(fixture, root, tmp_path_factory.mktemp(f"{name}-office"))
            cache[name] = (load_registry(root, today=TODAY), _roots(fixture), published)
        return cache[name]

    return load


def test_every_fixture_has_an_expectation_and_every_expectation_a_fixture() -> None:
    fixtures = {fixture_name(p) for p in _fixtures()}
    goldens = {p.stem for p in CORPUS.glob("*.expected")}
    if not REGENERATE:
        assert sorted(fixtures - goldens) == [], "fixtures without a .expected file"
    assert sorted(goldens - fixtures) == [], ".expected files without a fixture"
    assert len(fixtures) >= 15


def test_every_fixture_says_what_it_breaks() -> None:
    for fixture in _fixtures():
        first = sorted(fixture.rglob("*.yml"))[0]
        assert first.read_text(encoding="utf-8").startswith("# "), fixture.name


def test_the_corpus_covers_every_kind_of_input() -> None:
    names = [fixture_name(p) for p in _fixtures()]
    assert sum(n.startswith("csv_") for n in names) >= 8
    assert sum(n.startswith("sprawozdanie_") for n in names) >= 4
    assert sum(not n.startswith(("csv_", "sprawozdanie_")) for n in names) >= 8


@pytest.mark.parametrize("fixture", [pytest.param(p, id=fixture_name(p)) for p in _fixtures()])
def test_fixture_reports_exactly_its_golden_messages(
        fixture: Path, load_fixture: Callable[[Path], Loaded]) -> None:
    registry, roots, published = load_fixture(fixture)
    mine = published + [p for p in registry.problems
                        if any(p.file == r or p.file.startswith(r + "/") for r in roots)]
    printed = "".join(f"{p}\n" for p in mine)
    golden = golden_path(CORPUS, fixture)
    if REGENERATE:
        golden.write_text(printed, encoding="utf-8")
    assert printed == golden.read_text(encoding="utf-8")
    assert any(p.severity is Severity.ERROR for p in mine), "a broken fixture must fail"
    assert all("\n" not in str(p) and p.line >= 1 and p.column >= 1 for p in mine)
    assert all("Traceback" not in p.message and "pydantic" not in p.message for p in mine)
    others = [p for p in registry.problems if p not in mine]
    assert not [p for p in others if p.severity is Severity.ERROR], "a valid file broke"
    # Nothing valid lost: the study under the fixture is published whole, with its comparison.
    assert registry.surveys is not None
    assert set(WAVES) <= {w.slug for w in registry.surveys.waves}
    assert "mala" in registry.surveys.studies()
    assert not {w.slug for w in registry.surveys.waves} & {
        r.split("/", 1)[1] for r in roots if r.startswith("badania/")}


def test_csv_messages_name_row_and_column() -> None:
    for golden in CORPUS.glob("csv_*.expected"):
        for line in golden.read_text(encoding="utf-8").splitlines():
            file, row = line.split(":")[:2]
            if file.endswith(RAW) and int(row) > 1:
                assert f"wiersz {row}" in line, line


def test_the_fixtures_base_is_valid(tmp_path: Path) -> None:
    # Every survey fixture is the same small valid survey with one thing broken: the base
    # itself must publish and load without a problem, or each golden file would carry its
    # problem too.
    root = survey_project(tmp_path / "project")
    base = CORPUS / "pytania_rodzaj_unknown"
    target = root / "badania" / "badanie-testowe"
    shutil.copytree(base / "badania" / "badanie-testowe", target)
    description = target / "badanie.yml"
    description.write_text(description.read_text(encoding="utf-8").replace(
        "rodzaj: wybor", "rodzaj: jednokrotny"), encoding="utf-8")
    office = tmp_path / "office"
    office.mkdir()
    shutil.copyfile(base / RAW, office / RAW)
    found = staff_survey(root, "badanie-testowe", load_registry(root, today=TODAY).entries, [])
    assert found is not None
    outcome = publish(root, *found, office / RAW, SurveySettings(), TODAY)
    assert outcome.problems == [] and outcome.review is not None  # an open answer to review
    registry = load_registry(root, today=TODAY)
    assert [str(p) for p in registry.problems if p.file.startswith("badania/")] == []
    wave = next(w for w in registry.surveys.waves if w.slug == "badanie-testowe")
    assert wave.n == 12 and wave.published
