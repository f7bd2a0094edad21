"""Respondent-level rows: off by default; when allowed, no demographics, no open answers, no
question about particular NGOs, and every hidden or rare answer written "ukryto", so that the
file repeats the published overall counts and nothing more."""

from __future__ import annotations

import csv
import io
from collections import Counter
from datetime import date

from support.survey_project import WAVES, respondents, survey_project

from ngosite.pipeline import load_registry
from ngosite.surveys.downloads import respondents_file, survey_assets
from ngosite.surveys.pages import survey_pages

TODAY = date(2026, 11, 29)


def _registry(tmp_path, allowed: bool):
    return load_registry(survey_project(tmp_path, respondent_data=allowed), today=TODAY)


def test_off_by_default(tmp_path):
    registry = _registry(tmp_path, False)
    assert all(w.respondent_rows is None for w in registry.surveys.waves)
    paths = {path for path, _ in survey_assets(registry.surveys)}
    assert paths and not any(p.endswith("odpowiedzi-osob.csv") for p in paths)


def test_when_allowed_rows_hold_only_closed_non_ngo_questions(tmp_path):
    registry = _registry(tmp_path, True)
    wave = next(w for w in registry.surveys.waves if w.slug == WAVES[1])
    table = wave.respondent_rows
    assert table is not None
    assert table.columns == ("p1", "p3")  # no wiek/miejsce, no p2 (NGOs), no p4 (open)
    assert len(table.rows) == wave.n == 80
    assert table.rows == tuple(sorted(table.rows))


def test_counts_of_the_file_equal_the_published_counts(tmp_path):
    registry = _registry(tmp_path, True)
    limit = registry.settings.surveys.group_minimum
    for wave in registry.surveys.waves:
        table = wave.respondent_rows
        for position, column in enumerate(table.columns):
            counted = Counter(row[position] for row in table.rows)
            unit = wave.question(column).units[0]
            codes = [*unit.unit.question.codes(), ""]  # "" is no answer
            for code, figure in zip(codes, unit.overall, strict=True):
                if figure.hidden:
                    assert code not in counted, (wave.slug, column, code)
                elif counted[code]:
                    assert counted[code] == figure.count >= limit, (wave.slug, column, code)
            assert counted["ukryto"] == 0 or counted["ukryto"] >= limit
            assert set(counted) <= {*codes, "ukryto"}


def test_rare_answers_are_masked_with_a_partner(tmp_path):
    registry = _registry(tmp_path, True)
    wave = next(w for w in registry.surveys.waves if w.slug == WAVES[1])
    raw = Counter(r["p3"] for r in respondents(2, 80))
    position = wave.respondent_rows.columns.index("p3")
    counted = Counter(row[position] for row in wave.respondent_rows.rows)
    rare = [code for code, count in raw.items() if count < 10]
    assert rare and not set(rare) & set(counted)  # every rare score is masked
    assert counted["ukryto"] == sum(raw[c] for c in raw if c not in counted)


def test_the_file_is_published_and_linked(tmp_path):
    registry = _registry(tmp_path, True)
    assets = dict(survey_assets(registry.surveys))
    text = assets[respondents_file(WAVES[0])]
    assert text.startswith("\ufeffp1;p3\r\n")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert len(rows) == 71
    page = next(p for p in survey_pages(registry)
                if p.src_uri == f"badania/{WAVES[0]}/index.md")
    assert 'href="odpowiedzi-osob.csv"' in (page.html or "")
