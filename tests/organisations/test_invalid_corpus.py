"""The corpus of broken NGO entries: each fixture must produce exactly its golden messages.

A fixture is ``invalid_ngos/<key>_<reason>.yml`` (one broken entry) or a folder
``invalid_ngos/<key>_<reason>/`` (several files that are only wrong together, such as two entries
with the same KRS). Beside it, ``<key>_<reason>.expected`` holds what the validator prints for
it: one ``str(problem)`` per line, in the validator's order (file, then line).

A single-file fixture is copied into a temporary project as ``ngos/<key>-<reason>.yml``:
underscores become hyphens because a file name is the NGO's slug, and a slug with ``_`` is an
error of its own that would otherwise appear in every golden file and keep every fixture out of
the registry for the wrong reason. Folder fixtures keep their file names. A valid entry from the
real ``ngos/`` sits beside every fixture and must stay valid: nothing valid is lost.

After a deliberate change of a message, regenerate the golden files with
``NGOSITE_REGEN_GOLDEN=1 .venv/bin/python -m pytest tests/organisations/test_invalid_corpus.py``
and read the diff: every changed line is a message a volunteer will read.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from support.golden import corpus_fixtures, fixture_name, golden_path

from ngosite.core.problems import Problem, Severity
from ngosite.organisations.registry import Registry
from ngosite.pipeline import load_registry

REPO = Path(__file__).resolve().parents[2]
CORPUS = Path(__file__).resolve().parent / "invalid_ngos"
TODAY = date(2026, 11, 26)
SIBLING = "osp-milki.yml"
REGENERATE = bool(os.environ.get("NGOSITE_REGEN_GOLDEN"))

# Fixtures whose golden file holds what the validator SHOULD print: the package has a bug there.
# Strict xfail: once the bug is fixed pytest reports XPASS as a failure (or, for a crash, a plain
# assertion failure if the wording differs): regenerate the golden file and drop the entry.
KNOWN_BUGS: dict[str, pytest.MarkDecorator] = {}
# Golden file holds the current output, but the message breaks one-problem-per-line.
MULTI_LINE_MESSAGES: dict[str, str] = {}


def _fixtures() -> list[Path]:
    return corpus_fixtures(CORPUS)


_name = fixture_name


def _golden(fixture: Path) -> Path:
    return golden_path(CORPUS, fixture)


def _read_golden(fixture: Path) -> list[str]:
    return _golden(fixture).read_text(encoding="utf-8").splitlines()


def _new_project(root: Path) -> Path:
    (root / "data").mkdir(parents=True)
    (root / "ngos").mkdir()
    for name in ("gmina.yml", "miejscowosci.yml", "granica.geojson"):
        shutil.copyfile(REPO / "data" / name, root / "data" / name)
    return root


def _add_fixture(root: Path, fixture: Path) -> list[str]:
    """Copy a fixture into ``root/ngos``; return the project names of the files it added."""
    if fixture.is_file():
        target = root / "ngos" / f"{fixture.stem.replace('_', '-')}.yml"
        shutil.copyfile(fixture, target)
        return [f"ngos/{target.name}"]
    added = []
    for source in sorted(fixture.iterdir()):
        shutil.copyfile(source, root / "ngos" / source.name)
        added.append(f"ngos/{source.name}")
    return added


def _add_sibling(root: Path, verified: date | None = None) -> str:
    text = (REPO / "ngos" / SIBLING).read_text(encoding="utf-8")
    if verified is not None:
        text = re.sub(r"(?m)^zweryfikowano: .*$", f"zweryfikowano: {verified.isoformat()}", text)
    (root / "ngos" / SIBLING).write_text(text, encoding="utf-8")
    return f"ngos/{SIBLING}"


Loaded = tuple[Registry, list[str], str]


@pytest.fixture(scope="module")
def load_fixture(tmp_path_factory: pytest.TempPathFactory) -> Callable[[Path], Loaded]:
    """Load each fixture's project once per module: the registry is immutable."""
    cache: dict[str, Loaded] = {}

    def load(fixture: Path) -> Loaded:
        name = _name(fixture)
        if name not in cache:
            root = _new_project(tmp_path_factory.mktemp(name))
            added = _add_fixture(root, fixture)
            sibling = _add_sibling(root)
            cache[name] = (load_registry(root, today=TODAY), added, sibling)
        return cache[name]

    return load


def test_every_fixture_has_an_expectation_and_every_expectation_a_fixture() -> None:
    fixtures = {_name(p) for p in _fixtures()}
    goldens = {p.stem for p in CORPUS.glob("*.expected")}
    stray = sorted(p.name for p in CORPUS.iterdir()
                   if p.is_file() and p.suffix not in (".yml", ".expected"))
    assert not stray, f"files that are neither fixture nor golden: {stray}"
    if not REGENERATE:
        assert sorted(fixtures - goldens) == [], "fixtures without a .expected file"
    assert sorted(goldens - fixtures) == [], ".expected files without a fixture"
    assert (set(KNOWN_BUGS) | set(MULTI_LINE_MESSAGES)) <= fixtures
    assert len(fixtures) >= 30


@pytest.mark.parametrize("fixture", [
    pytest.param(p, id=_name(p), marks=KNOWN_BUGS.get(_name(p), ())) for p in _fixtures()])
def test_fixture_reports_exactly_its_golden_messages(
        fixture: Path, load_fixture: Callable[[Path], Loaded]) -> None:
    registry, added, sibling = load_fixture(fixture)
    printed = "".join(f"{p}\n" for p in registry.problems)

    if REGENERATE and _name(fixture) not in KNOWN_BUGS:
        _golden(fixture).write_text(printed, encoding="utf-8")
    assert printed == _golden(fixture).read_text(encoding="utf-8")
    assert registry.problems, "a fixture of the invalid corpus must produce at least one problem"

    published = {entry.file for entry in registry.entries}
    broken = {p.file for p in registry.problems if p.severity is Severity.ERROR}
    assert {p.file for p in registry.problems} <= set(added), "problem in a file not added"
    assert not broken & published, "an entry with errors was published"
    assert set(added) - broken <= published, "a fixture file without errors was dropped"
    assert sibling in published, "a valid entry beside the broken one was lost"


@pytest.mark.parametrize("fixture", [
    pytest.param(p, id=_name(p), marks=[pytest.mark.xfail(
        strict=True, reason=MULTI_LINE_MESSAGES[_name(p)])] if _name(p) in MULTI_LINE_MESSAGES
        else [])
    for p in _fixtures() if _name(p) not in KNOWN_BUGS])
def test_every_problem_is_one_line(fixture: Path,
                                  load_fixture: Callable[[Path], Loaded]) -> None:
    # One problem per line is what editors, CI logs and the golden files rely on.
    registry, _, _ = load_fixture(fixture)
    assert all("\n" not in str(p) for p in registry.problems)


def test_slugs_differing_only_in_case_collide(tmp_path: Path) -> None:
    # Generated here, not committed: such a pair cannot be checked out on Windows or macOS.
    root = _new_project(tmp_path)
    entry = (REPO / "ngos" / SIBLING).read_text(encoding="utf-8")
    (root / "ngos" / "osp-milki.yml").write_text(entry, encoding="utf-8")
    (root / "ngos" / "OSP-Milki.yml").write_text(entry, encoding="utf-8")

    registry = load_registry(root, today=TODAY)

    assert [str(p) for p in registry.problems] == [
        "ngos/OSP-Milki.yml:1:1: błąd: nazwa pliku „OSP-Milki” nie nadaje się na adres strony: "
        "używaj tylko małych liter bez polskich znaków, cyfr i pojedynczych myślników; zmień "
        "nazwę pliku na „osp-milki.yml”",
        "ngos/osp-milki.yml:1:1: błąd: adres „osp-milki” ma już plik ngos/OSP-Milki.yml; każda "
        "organizacja ma jeden plik o niepowtarzalnej nazwie — usuń albo przemianuj jeden z nich",
    ]
    assert registry.entries == ()


# Fixtures that fail before any date-dependent rule, so the CLI (which uses the real date)
# prints exactly their golden lines whatever day the test runs.
CLI_FIXTURES = (
    "krs_unquoted_octal",
    "nazwa_unknown_key_typo",
    "plik_several_problems",
    "plik_tab_indentation",
    "plik_not_utf8_windows1250",
    "plik_is_list",
)


def _position(line: str) -> tuple[str, int, int]:
    file, line_no, column = line.split(":")[:3]
    return file, int(line_no), int(column)


@pytest.fixture(scope="module")
def broken_project(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    root = _new_project(tmp_path_factory.mktemp("cli"))
    expected: list[str] = []
    for name in CLI_FIXTURES:
        fixture = CORPUS / f"{name}.yml"
        _add_fixture(root, fixture)
        expected += _read_golden(fixture)
    _add_sibling(root, verified=date.today())
    return root, sorted(expected, key=_position)


def _cli(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "NGOSITE_DEBUG"}
    return subprocess.run(
        [sys.executable, "-m", "ngosite", "--root", str(root), "validate", *args],
        capture_output=True, text=True, encoding="utf-8", env=env, timeout=60, check=False)


def test_cli_prints_every_problem_of_every_file(broken_project: tuple[Path, list[str]]) -> None:
    root, expected = broken_project
    result = _cli(root)

    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    report, _, summary = result.stdout.rstrip("\n").rpartition("\n\n")
    assert report.splitlines() == expected
    assert summary == f"Znaleziono: {len(expected)} błędów, 0 uwag w {len(CLI_FIXTURES)} plikach."
    assert "Poprawne wpisy organizacji: 1." in result.stderr


def test_cli_github_annotations(broken_project: tuple[Path, list[str]]) -> None:
    root, expected = broken_project
    result = _cli(root, "--format", "github")

    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    annotation = re.compile(r"^::error file=(ngos/[^,]+),line=(\d+),col=(\d+)::(.+)$")
    lines = result.stdout.splitlines()
    assert len(lines) == len(expected)
    for line, golden in zip(lines, expected, strict=True):
        match = annotation.match(line)
        assert match, line
        file, line_no, column, text = match.groups()
        assert golden == f"{file}:{line_no}:{column}: błąd: {text}"


def test_cli_json(broken_project: tuple[Path, list[str]]) -> None:
    root, expected = broken_project
    result = _cli(root, "--format", "json")

    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    items = json.loads(result.stdout)
    assert all(set(item) == {"file", "line", "column", "key", "message", "severity"}
               for item in items)
    assert {item["severity"] for item in items} == {"error"}
    rebuilt = [str(Problem(i["file"], i["line"], i["column"], i["key"], i["message"],
                           Severity(i["severity"]))) for i in items]
    assert rebuilt == expected
