"""Property: no questionnaire, published results file, respondents' file or NGO report,
however broken, raises or hangs, and a valid survey (or report) beside the broken one still
loads.

The questionnaires, results files and reports come from ``support.fuzz`` (YAML of the real
keys, then cut, not UTF-8, nested, repeated…); the respondents' files from a strategy of our
own below: rows of real codes and of junk, with the damage survey tools and spreadsheets do
(another separator, quotes left open, a NUL, Windows-1250, a cell longer than the csv
module's limit), published with the staff command from outside the project. The loader is
called directly (``load_surveys``) on a project whose NGO entries were read once, so a few
hundred inputs take a few seconds.
"""

from __future__ import annotations

import shutil
import tempfile
from datetime import date
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from support.fuzz import assert_problems_are_located, file_bytes, fuzz_settings, model_keys, no_hang
from support.projects import ROOT

from ngosite.pipeline import load_registry
from ngosite.settings.surveys import SurveySettings
from ngosite.surveys.aggregates import PublishedResults
from ngosite.surveys.indicators import YearlyIndicators
from ngosite.surveys.load import load_surveys
from ngosite.surveys.model import Survey
from ngosite.surveys.publish import publish

pytestmark = pytest.mark.fuzz
CORPUS = Path(__file__).resolve().parent / "invalid_surveys"
BASE = CORPUS / "pytania_rodzaj_unknown" / "badania" / "badanie-testowe"
RAW = CORPUS / "pytania_rodzaj_unknown" / "odpowiedzi.csv"
TODAY = date(2026, 11, 29)
VALID_SURVEY = "badanie-testowe"
BROKEN = "zepsute"
REPORT = {"wydarzenia": 12, "uczestnicy": 340, "wolontariusze": 15, "srodki_z_programu": 4500.0,
          "uwagi": "Sprawozdanie"}


def _valid_description() -> dict:
    text = (BASE / "badanie.yml").read_text(encoding="utf-8")
    return yaml.safe_load(text.replace("rodzaj: wybor", "rodzaj: jednokrotny"))


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """Settings and NGOs of the real project, one valid survey and one valid NGO report."""
    root = tmp_path_factory.mktemp("fuzz-surveys")
    shutil.copytree(ROOT / "data", root / "data")
    shutil.copytree(ROOT / "ngos", root / "ngos")
    valid = root / "badania" / VALID_SURVEY
    valid.mkdir(parents=True)
    (valid / "badanie.yml").write_text(yaml.safe_dump(_valid_description(), allow_unicode=True),
                                       encoding="utf-8")
    outcome = publish(root, valid, Survey.model_validate(_valid_description()), RAW,
                      SurveySettings(), TODAY)
    assert not outcome.failed
    for slug in ("kgw-rydzewo", "osp-milki"):
        (root / "sprawozdania" / slug).mkdir(parents=True)
    (root / "sprawozdania" / "kgw-rydzewo" / "2025.yml").write_text(
        yaml.safe_dump(REPORT), encoding="utf-8")
    registry = load_registry(root, today=TODAY)
    assert not registry.errors, [str(p) for p in registry.errors]
    # Only what the loader needs, so that a failing example prints a short repr.
    office = tmp_path_factory.mktemp("office")
    return root, (registry.entries, registry.settings.surveys), office


def _broken_folder(root: Path, wanted: bool) -> Path:
    """The folder of the generated survey, made or removed as the test needs."""
    folder = root / "badania" / BROKEN
    if wanted:
        folder.mkdir(exist_ok=True)
    elif folder.exists():
        shutil.rmtree(folder)
    return folder


def _load(project) -> tuple[object, list]:
    root, (entries, settings), _ = project
    problems: list = []
    with no_hang():
        results = load_surveys(root, entries, settings, TODAY, problems)
    assert_problems_are_located(problems)
    return results, problems


def _valid_survey_loaded(results) -> bool:
    return any(w.slug == VALID_SURVEY and w.n == 12 and w.published for w in results.waves)


_CODES = ["mlodzi", "starsi", "tak", "nie", "osp-milki", "kgw-rydzewo", "osp-milki|kgw-rydzewo",
          "1", "5", "7", "0", "-3", "Tak", "tak|nie", "[ukryto: dane osobowe]", "[ukryto]",
          "jan@example.com", "601 234 567", "<script>alert(1)</script>", "=SUMA(A1)", "", " ",
          '"', "a;b", "a,b", "x\ny"]


@st.composite
def answers_bytes(draw) -> bytes:
    """An answers file: a header of real and odd columns, rows of real codes and junk."""
    columns = draw(st.lists(st.sampled_from(
        ["wiek", "q1", "q2", "q3", "q4", "q5", "Imię", "e-mail", "", "q1"]), min_size=0,
        max_size=7)) if draw(st.booleans()) else ["wiek", "q1", "q2", "q3", "q4"]
    cell = st.one_of(st.sampled_from(_CODES), st.text(max_size=12))
    rows = draw(st.lists(st.lists(cell, min_size=0, max_size=len(columns) + 2), max_size=25))
    separator = draw(st.sampled_from([",", ";", "\t"]))
    lines = [separator.join(columns), *(separator.join(r) for r in rows)]
    text = draw(st.sampled_from(["\n", "\r\n", "\r"])).join(lines)
    damage = draw(st.sampled_from(["none", "none", "bom", "cp1250", "nul", "quote", "long",
                                   "cut", "bytes"]))
    if damage == "bom":
        text = "\ufeff" + text
    elif damage == "nul":
        text = text.replace(",", ",\x00", 1)
    elif damage == "quote":
        text = text.replace("tak", '"tak', 1)
    elif damage == "long":
        text += "\nmlodzi,tak,," + "x" * draw(st.integers(130_000, 200_000)) + ",1,"
    elif damage == "cut":
        text = text[:draw(st.integers(0, len(text)))]
    if damage == "cp1250":
        return text.encode("utf-8") + "zażółć".encode("cp1250")
    if damage == "bytes":
        return draw(st.binary(max_size=300))
    return text.encode("utf-8", "surrogatepass")


@fuzz_settings
@given(data=file_bytes(model_keys(Survey), [_valid_description()]))
def test_any_questionnaire_gives_problems_or_a_survey(project, data):
    folder = _broken_folder(project[0], True)
    (folder / "badanie.yml").write_bytes(data)
    shutil.copyfile(project[0] / "badania" / VALID_SURVEY / "wyniki.yml", folder / "wyniki.yml")
    results, problems = _load(project)
    assert _valid_survey_loaded(results)
    assert {p.file.split("/")[1] for p in problems} <= {BROKEN}


@fuzz_settings
@given(data=answers_bytes())
def test_any_respondents_file_gives_problems_or_results(project, data):
    root, _, office = project
    folder = _broken_folder(root, True)
    (folder / "badanie.yml").write_text(
        yaml.safe_dump(_valid_description(), allow_unicode=True), encoding="utf-8")
    (folder / "wyniki.yml").unlink(missing_ok=True)
    raw = office / "odpowiedzi.csv"
    raw.write_bytes(data)
    with no_hang():
        outcome = publish(root, folder, Survey.model_validate(_valid_description()), raw,
                          SurveySettings(), TODAY)
    assert_problems_are_located(outcome.problems)
    assert {p.file for p in outcome.problems} <= {str(raw)}
    assert (folder / "wyniki.yml").is_file() == (not outcome.failed)
    results, problems = _load(project)
    assert _valid_survey_loaded(results)
    assert not [p for p in problems if p.severity.value == "error"]


def _valid_results() -> list[dict]:
    """The valid survey's own results (published into a scratch project), and the sample's."""
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch) / "projekt"
        folder = root / "badania" / VALID_SURVEY
        folder.mkdir(parents=True)
        publish(root, folder, Survey.model_validate(_valid_description()), RAW,
                SurveySettings(), TODAY)
        own = yaml.safe_load((folder / "wyniki.yml").read_text(encoding="utf-8"))
    sample = ROOT / "badania" / "mieszkancy-2026-po" / "wyniki.yml"
    return [own, yaml.safe_load(sample.read_text(encoding="utf-8"))]


@fuzz_settings
@given(data=file_bytes(model_keys(PublishedResults), _valid_results()))
def test_any_results_file_gives_problems_or_figures(project, data):
    folder = _broken_folder(project[0], True)
    (folder / "badanie.yml").write_text(
        yaml.safe_dump(_valid_description(), allow_unicode=True), encoding="utf-8")
    (folder / "wyniki.yml").write_bytes(data)
    results, problems = _load(project)
    assert _valid_survey_loaded(results)
    assert {p.file for p in problems} <= {f"badania/{BROKEN}/wyniki.yml"}
    broken = [w for w in results.waves if w.slug == BROKEN]
    assert bool(broken) == (not any(p.severity.value == "error" for p in problems))


@fuzz_settings
@given(data=file_bytes(model_keys(YearlyIndicators), [REPORT]))
def test_any_report_gives_problems_or_figures(project, data):
    root = project[0]
    _broken_folder(root, False)  # another test's broken survey is not this test's
    (root / "sprawozdania" / "osp-milki" / "2025.yml").write_bytes(data)
    results, problems = _load(project)
    assert ("kgw-rydzewo", 2025) in {(f.slug, f.year) for f in results.indicators}
    assert {p.file for p in problems} <= {"sprawozdania/osp-milki/2025.yml"}
