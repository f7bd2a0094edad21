"""The corpus of broken fair files: each fixture must produce exactly its golden messages.

A fixture is ``invalid_fairs/<key>_<reason>.yml`` (copied into a temporary project as
``data/targi/2027.yml``) or a folder ``invalid_fairs/<key>_<reason>/`` whose ``*.yml`` files go
to ``data/targi/`` under their own names and whose ``ngos/`` files are added to (or replace)
the real NGO entries. The first line of each fixture says which key is broken and how. Beside
it, ``<key>_<reason>.expected`` holds what the validator prints: one ``str(problem)`` per line.

The temporary project has the real ``ngos/``, so the fixtures refer to the bundled NGOs.
Regenerate the golden files after a deliberate change of a message with
``NGOSITE_REGEN_GOLDEN=1 .venv/bin/python -m pytest tests/fair/test_fair_corpus.py`` and read the
diff.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from support.fair_project import new_project
from support.golden import corpus_fixtures, fixture_name, golden_path

from ngosite.core.problems import Severity
from ngosite.organisations.registry import Registry
from ngosite.pipeline import load_registry

CORPUS = Path(__file__).resolve().parent / "invalid_fairs"
TODAY = date(2026, 11, 26)
REGENERATE = bool(os.environ.get("NGOSITE_REGEN_GOLDEN"))


def _fixtures() -> list[Path]:
    return corpus_fixtures(CORPUS)


_name = fixture_name


def _golden(fixture: Path) -> Path:
    return golden_path(CORPUS, fixture)


def _add_fixture(root: Path, fixture: Path) -> list[str]:
    if fixture.is_file():
        shutil.copyfile(fixture, root / "data" / "targi" / "2027.yml")
        return ["data/targi/2027.yml"]
    added = []
    for source in sorted(fixture.glob("*.yml")):
        shutil.copyfile(source, root / "data" / "targi" / source.name)
        added.append(f"data/targi/{source.name}")
    for source in sorted((fixture / "ngos").glob("*.yml")):
        shutil.copyfile(source, root / "ngos" / source.name)
        added.append(f"ngos/{source.name}")
    return added


Loaded = tuple[Registry, list[str]]


@pytest.fixture(scope="module")
def load_fixture(tmp_path_factory: pytest.TempPathFactory) -> Callable[[Path], Loaded]:
    cache: dict[str, Loaded] = {}

    def load(fixture: Path) -> Loaded:
        name = _name(fixture)
        if name not in cache:
            root = new_project(tmp_path_factory.mktemp(name))
            added = _add_fixture(root, fixture)
            cache[name] = (load_registry(root, today=TODAY), added)
        return cache[name]

    return load


def test_every_fixture_has_an_expectation_and_every_expectation_a_fixture() -> None:
    fixtures = {_name(p) for p in _fixtures()}
    goldens = {p.stem for p in CORPUS.glob("*.expected")}
    if not REGENERATE:
        assert sorted(fixtures - goldens) == [], "fixtures without a .expected file"
    assert sorted(goldens - fixtures) == [], ".expected files without a fixture"
    assert len(fixtures) >= 30


def test_every_fixture_says_what_it_breaks() -> None:
    for fixture in _fixtures():
        first = fixture if fixture.is_file() else sorted(fixture.glob("*.yml"))[0]
        assert first.read_text(encoding="utf-8").startswith("# "), first.name


@pytest.mark.parametrize("fixture", [pytest.param(p, id=_name(p)) for p in _fixtures()])
def test_fixture_reports_exactly_its_golden_messages(
        fixture: Path, load_fixture: Callable[[Path], Loaded]) -> None:
    registry, added = load_fixture(fixture)
    mine = [p for p in registry.problems if p.file in added]
    printed = "".join(f"{p}\n" for p in mine)

    if REGENERATE:
        _golden(fixture).write_text(printed, encoding="utf-8")
    assert printed == _golden(fixture).read_text(encoding="utf-8")
    assert any(p.severity is Severity.ERROR for p in mine), "a broken fixture must fail"
    assert all("\n" not in str(p) for p in mine), "one problem per line"
    others = [p for p in registry.problems if p.file not in added]
    assert not [p for p in others if p.severity is Severity.ERROR], "a real entry broke"
    assert registry.fairs == (), "an edition with errors must not be published"


def test_the_fixtures_base_is_valid(tmp_path: Path) -> None:
    # Every fixture is the same small valid file with one thing broken: the base itself must
    # pass, or each golden file would carry the base's problem too.
    root = new_project(tmp_path)
    text = (CORPUS / "program_rodzaj_unknown.yml").read_text(encoding="utf-8")
    (root / "data" / "targi" / "2027.yml").write_text(
        text.replace("rodzaj: warsztat\n", "rodzaj: warsztaty\n"), encoding="utf-8")
    registry = load_registry(root, today=TODAY)
    assert [p for p in registry.problems if p.file.startswith("data/")] == []
    assert [f.year for f in registry.fairs] == [2027]
