"""The loader on real and engineered data: figures equal counts made here from the respondents'
files (kept outside the project), a broken file costs only itself, and every published count
respects the thresholds."""

from __future__ import annotations

import csv
import io
import shutil
from collections import Counter
from datetime import date

import pytest
from support.projects import ROOT
from support.survey_project import WAVES, sample_answers, survey_project

from ngosite.core.problems import Severity
from ngosite.pipeline import load_registry
from ngosite.surveys.results import SurveyResults

TODAY = date(2026, 11, 29)


def _csv(slug: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(sample_answers()[slug])))


def _survey_problems(registry) -> list[str]:
    return [str(p) for p in registry.problems
            if p.file.startswith(("badania/", "sprawozdania/"))]


@pytest.fixture(scope="module")
def sample() -> SurveyResults:
    registry = load_registry(ROOT, today=TODAY)
    assert _survey_problems(registry) == []
    assert registry.surveys is not None
    return registry.surveys


def test_sample_waves_have_every_row_of_their_csv(sample):
    for wave in sample.waves:
        rows = _csv(wave.slug)
        assert wave.n == len(rows)
    assert {w.slug: w.n for w in sample.waves} == {"mieszkancy-2025-przed": 312,
                                                   "mieszkancy-2026-po": 347}
    assert list(sample.studies()) == ["akademia-wspolpracy"]


def test_overall_counts_equal_counts_made_from_the_csv(sample):
    for wave in sample.waves:
        rows = _csv(wave.slug)
        q1 = wave.question("q1")
        counted = Counter(r["q1"] or "brak" for r in rows)
        published = dict(zip([*q1.question.codes(), "brak"],
                             (f.count for f in q1.units[0].overall), strict=True))
        for code, figure in published.items():
            assert figure is None or figure == counted[code], (wave.slug, code)
        chosen = Counter(code for r in rows for code in r["q2"].split("|") if code)
        for unit in wave.question("q2").units:
            figure = unit.figure("tak")
            assert figure.hidden or figure.count == chosen[unit.unit.option], unit.unit.id


def test_no_published_count_is_between_one_and_the_threshold(sample):
    limit = sample.settings.hide_up_to
    shown = [f.count for w in sample.waves for q in w.questions for u in q.units
             for f in (*u.overall, *(f for b in u.breakdowns for r in b.rows
                                     for f in r.figures))
             if f.count is not None]
    assert shown and not [c for c in shown if 1 <= c <= limit]
    groups = [r.size for w in sample.waves for q in w.questions for u in q.units
              for b in u.breakdowns for r in b.rows]
    assert min(groups) >= sample.settings.group_minimum


def test_open_answers_are_the_reviewed_ones_with_a_count_of_the_rest(sample):
    wave = next(w for w in sample.waves if w.slug == "mieszkancy-2026-po")
    given = [r["q10"] for r in _csv(wave.slug) if r["q10"]]
    answers = wave.question("q10").open_answers
    shown = [a for a in given if not a.startswith("[ukryto")]
    assert sorted(answers.published) == sorted(shown)  # the sample's review approved all
    assert answers.withheld == len(given) - len(shown) > 0


def test_engineered_waves_are_protected_each_on_its_own(tmp_path):
    registry = load_registry(survey_project(tmp_path), today=TODAY)
    assert _survey_problems(registry) == []
    first, second = (next(w for w in registry.surveys.waves if w.slug == s) for s in WAVES)
    assert first.hidden and second.hidden and first.hidden != second.hidden
    by_place = second.question("p1").units[0].breakdowns[1]
    # 7 people: under the threshold of 10, so its answers are hidden but its size is shown.
    assert [(g.label, g.size) for g in by_place.left_out] == [("Dąbrówka", 7),
                                                             ("Ełckie i Fuledzkie", 6)]
    assert all(f.hidden for g in by_place.left_out for f in g.figures if f.count != 0)


def test_a_broken_results_file_costs_only_itself(tmp_path):
    root = survey_project(tmp_path)
    results = root / "badania" / WAVES[1] / "wyniki.yml"
    text = results.read_text(encoding="utf-8")
    results.write_text(text.replace("liczba_osob: 80", "liczba_osob: osiemdziesiąt"),
                       encoding="utf-8")
    registry = load_registry(root, today=TODAY)
    problems = _survey_problems(registry)
    assert len(problems) == 1 and problems[0].startswith(f"badania/{WAVES[1]}/wyniki.yml:")
    assert [w.slug for w in registry.surveys.waves] == [WAVES[0]]
    assert registry.surveys.studies() == {}
    assert {f.slug for f in registry.surveys.indicators} == {"osp-milki", "kgw-rydzewo"}


def test_a_broken_report_costs_only_itself(tmp_path):
    root = survey_project(tmp_path)
    (root / "sprawozdania" / "osp-milki" / "2025.yml").write_text(
        "wydarzenia: '12'\nuczestnicy: 3\nwolontariusze: 1\nsrodki_z_programu: 0\n",
        encoding="utf-8")
    shutil.copytree(root / "sprawozdania" / "kgw-rydzewo", root / "sprawozdania" / "nie-ma-nas")
    registry = load_registry(root, today=TODAY)
    problems = _survey_problems(registry)
    assert [p.split(": ", 1)[0] for p in problems] == [
        "sprawozdania/nie-ma-nas:1:1", "sprawozdania/osp-milki/2025.yml:1:13"]
    assert all(p.severity is Severity.ERROR for p in registry.problems
               if p.file.startswith("sprawozdania/"))
    kept = sorted((f.slug, f.year) for f in registry.surveys.indicators)
    assert kept == [("kgw-rydzewo", 2024), ("kgw-rydzewo", 2025), ("osp-milki", 2024)]
    assert len(registry.surveys.waves) == 2
