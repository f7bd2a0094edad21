"""NGO effectiveness: verdicts from the waves and the NGOs' own reports, the section on an NGO
page, the summary page, and the promise that the comparison is made once per build (an NGO
page only looks its report up)."""

from __future__ import annotations

from datetime import date

import pytest
import yaml
from support.projects import ROOT
from support.survey_project import survey_project, text_of

from ngosite.pipeline import load_registry
from ngosite.surveys import effectiveness
from ngosite.surveys.effectiveness import Effectiveness, activity_verdict
from ngosite.surveys.summary import yearly_totals

TODAY = date(2026, 11, 29)


@pytest.fixture(scope="module")
def sample_registry():
    return load_registry(ROOT, today=TODAY)


def test_reports_of_the_sample(sample_registry):
    found = Effectiveness.of(sample_registry)
    # Every NGO of the awareness question has a report; eight also sent yearly figures.
    assert len(found.reports) == 18
    assert sum(1 for r in found.reports.values() if r.years) == 8
    fundacja = found.reports["fundacja-akademia-wspolpracy"]
    assert fundacja.verdicts == ("wzrost większy niż błąd losowy",
                                 "nie do oceny (za mało wskazań albo brak odpowiedzi)", "tak")
    # One decimal: whole percents (3% → 22%) would disagree with the rounded change (18).
    assert fundacja.awareness["before"].share == "3,2%"
    assert fundacja.awareness["after"].share == "21,6%"
    assert fundacja.awareness["text"] == "+18,4 pkt proc. (przedział nie obejmuje zera)"
    assert fundacja.awareness["p_adjusted"] < 0.05 <= 0.05 * len(found.reports)
    assert [f.year for f in fundacja.years] == [2024, 2025]


def test_activity_compares_the_last_two_years(tmp_path):
    registry = load_registry(survey_project(tmp_path), today=TODAY)
    reports = Effectiveness.of(registry).reports
    assert reports["osp-milki"].verdicts[2] == "tak"  # 300 → 340 participants
    assert reports["kgw-rydzewo"].verdicts[2] == "nie, mniej uczestników niż rok wcześniej"
    assert activity_verdict(reports["osp-milki"].years[:1]) == "brak danych"
    # Known by a handful: the counts are hidden, so there is no verdict either way.
    assert reports["nad-buwelnem"].verdicts[0].startswith("nie do oceny")


def test_every_ngo_comparison_is_adjusted_for_how_many_there_are(sample_registry):
    awareness, _ = effectiveness.role_rows(sample_registry.surveys, effectiveness.AWARENESS)
    participation, _ = effectiveness.role_rows(sample_registry.surveys,
                                               effectiveness.PARTICIPATION)
    effectiveness.adjust_rows(awareness, participation)
    rows = [row for table in (awareness, participation) for row in table.values()
            if "p" in row]
    assert len(rows) > 10
    # Holm, computed here from its definition: the k-th smallest p-value times (m − k + 1),
    # never below the adjusted value before it.
    ordered = sorted(rows, key=lambda row: row["p"])
    running = 0.0
    for k, row in enumerate(ordered):
        running = max(running, min(1.0, (len(rows) - k) * row["p"]))
        assert row["p_adjusted"] == pytest.approx(running)


def test_ngo_page_section_and_report_page(sample_registry):
    found = Effectiveness.of(sample_registry)
    entry = sample_registry.by_slug["kgw-rydzewo"]
    section = text_of(found.section(sample_registry, entry))
    assert section.startswith("Skuteczność działań Dane przykładowe.")
    assert "2024 9 310 15 4 000,00 zł 2025 12 418 20 5 400,00 zł" in section
    assert "Raport skuteczności · Czy projekt zadziałał?" in section
    without = next(e for e in sample_registry.entries if e.slug not in found.reports) \
        if len(found.reports) < len(sample_registry.entries) else None
    if without is not None:
        assert found.section(sample_registry, without) == ""
    pages = {p.src_uri: text_of(p.html or "") for p in found.pages()}
    assert len(pages) == len(found.reports) + 1
    assert pages["badania/skutecznosc/kgw-rydzewo/index.md"].startswith(
        "Skuteczność: Koło Gospodyń Wiejskich w Rydzewie")


def test_summary_page_adds_up_the_reports(sample_registry):
    totals = yearly_totals(sample_registry.surveys)
    files = sorted(ROOT.glob("sprawozdania/*/*.yml"))
    for year in (2024, 2025):
        data = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in files
                if p.stem == str(year)]
        row = next(t for t in totals if t["year"] == year)
        assert row["ngos"] == len(data)
        assert row["participants"] == sum(d["uczestnicy"] for d in data)
        assert row["events"] == sum(d["wydarzenia"] for d in data)
    page = text_of(next(p for p in Effectiveness.of(sample_registry).pages()
                        if p.src_uri == "badania/czy-projekt-zadzialal/index.md").html or "")
    assert ("Więcej mieszkańców zna co najmniej jedną organizację pozarządową z gminy. 82% 89% "
            "+7 pkt proc. +2 do +12 pkt proc. 0,007 zmiana w oczekiwanym kierunku, większa niż "
            "błąd losowy") in page
    assert "poziom 3 w skali Maryland" in page and "konflikt interesów" in page
    assert "2024 8 175 5300 90" in page


def test_the_comparison_is_made_once_not_per_ngo_page(sample_registry, monkeypatch):
    calls = []
    real = effectiveness.comparison_rows
    monkeypatch.setattr(effectiveness, "comparison_rows",
                        lambda *args: calls.append(args[2]) or real(*args))
    found = Effectiveness.of(sample_registry)
    assert calls == ["q2", "q5"]  # one comparison per role question, for every NGO at once
    for entry in sample_registry.entries:
        found.section(sample_registry, entry)
    assert calls == ["q2", "q5"]
