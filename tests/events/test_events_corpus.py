"""The corpus of broken event files: each fixture must produce exactly its golden messages.

A fixture is ``invalid_events/<key>_<reason>.yml`` (copied into a temporary project as
``wydarzenia/2027/test.yml``) or a folder ``invalid_events/<key>_<reason>/`` whose tree is
copied into the project (files that are only wrong together, or a file name that is wrong).
The first line of each fixture says which key is broken and how; a name ending in
``_warning`` is a file that is published with a warning, every other one must fail. Beside it,
``<key>_<reason>.expected`` holds the problems printed for ``wydarzenia/``: one per line.

The "new entry has no sequence number yet" warning is left out (every fixture is new; the
record has its own tests). Regenerate after a deliberate change of a message with
``NGOSITE_REGEN_GOLDEN=1 .venv/bin/python -m pytest tests/events/test_events_corpus.py`` and
read the diff.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from support.events_project import BASE_EVENT, new_project, write_event
from support.golden import corpus_fixtures, fixture_name, golden_path

from ngosite.core.problems import Problem, Severity
from ngosite.organisations.registry import Registry
from ngosite.pipeline import load_registry

CORPUS = Path(__file__).resolve().parent / "invalid_events"
TODAY = date(2026, 11, 26)
REGENERATE = bool(os.environ.get("NGOSITE_REGEN_GOLDEN"))
NEW_ENTRY = "nie ma jeszcze numeru w wydarzenia/sekwencje.yml"


def _add_fixture(root: Path, fixture: Path) -> None:
    if fixture.is_file():
        shutil.copyfile(fixture, root / "wydarzenia" / "2027" / "test.yml")
    else:
        shutil.copytree(fixture, root, dirs_exist_ok=True)


def _mine(registry: Registry) -> list[Problem]:
    return [p for p in registry.problems
            if p.file.startswith("wydarzenia/") and NEW_ENTRY not in p.message]


@pytest.fixture(scope="module")
def load_fixture(tmp_path_factory: pytest.TempPathFactory) -> Callable[[Path], Registry]:
    cache: dict[str, Registry] = {}

    def load(fixture: Path) -> Registry:
        name = fixture_name(fixture)
        if name not in cache:
            root = new_project(tmp_path_factory.mktemp(name))
            (root / "wydarzenia" / "2027").mkdir()
            _add_fixture(root, fixture)
            cache[name] = load_registry(root, today=TODAY)
        return cache[name]

    return load


def test_every_fixture_has_an_expectation_and_every_expectation_a_fixture() -> None:
    fixtures = {fixture_name(p) for p in corpus_fixtures(CORPUS)}
    goldens = {p.stem for p in CORPUS.glob("*.expected")}
    if not REGENERATE:
        assert sorted(fixtures - goldens) == [], "fixtures without a .expected file"
    assert sorted(goldens - fixtures) == [], ".expected files without a fixture"
    assert len(fixtures) >= 30


def test_every_fixture_says_what_it_breaks() -> None:
    for fixture in corpus_fixtures(CORPUS):
        first = fixture if fixture.is_file() else sorted(fixture.rglob("*.yml"))[0]
        assert first.read_text(encoding="utf-8").startswith("# "), first.name


@pytest.mark.parametrize("fixture", [pytest.param(p, id=fixture_name(p))
                                     for p in corpus_fixtures(CORPUS)])
def test_fixture_reports_exactly_its_golden_messages(
        fixture: Path, load_fixture: Callable[[Path], Registry]) -> None:
    registry = load_fixture(fixture)
    mine = _mine(registry)
    printed = "".join(f"{p}\n" for p in mine)
    if REGENERATE:
        golden_path(CORPUS, fixture).write_text(printed, encoding="utf-8")
    assert printed == golden_path(CORPUS, fixture).read_text(encoding="utf-8")
    assert all("\n" not in str(p) for p in mine), "one problem per line"
    errors = [p for p in mine if p.severity is Severity.ERROR]
    if fixture_name(fixture).endswith("_warning"):
        assert not errors and any(p.severity is Severity.WARNING for p in mine)
        assert registry.events, "a file with only warnings is published"
    else:
        assert errors, "a broken fixture must fail"
        assert not [e for e in registry.events if e.file in {p.file for p in errors}], (
            "an event with errors must not be published")
    others = [p for p in registry.problems if not p.file.startswith("wydarzenia/")]
    assert not [p for p in others if p.severity is Severity.ERROR], "a real file broke"


def test_the_fixtures_base_is_valid(tmp_path: Path) -> None:
    root = new_project(tmp_path)
    write_event(root, 2027, "test", BASE_EVENT)
    registry = load_registry(root, today=TODAY)
    assert _mine(registry) == []
    assert [e.key for e in registry.events] == ["2027/test"]


def test_a_broken_file_leaves_every_valid_event_published(tmp_path: Path) -> None:
    root = new_project(tmp_path)
    write_event(root, 2027, "dobre", BASE_EVENT)
    write_event(root, 2027, "zle", BASE_EVENT.replace('"2027-03-20 14:00"', '"bez daty"'))
    registry = load_registry(root, today=TODAY)
    assert [e.key for e in registry.events] == ["2027/dobre"]
    assert [p.file for p in registry.errors] == ["wydarzenia/2027/zle.yml"]
