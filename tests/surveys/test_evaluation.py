"""The evaluation page's numbers, recomputed here from the published results with formulas
written out in this file (Wilson with the finite population correction, Newcombe's hybrid
score interval, the pooled score test, Holm's step-down adjustment), and what the page says
when a wave is too small or an answer nobody gave."""

from __future__ import annotations

import math
from datetime import date
from statistics import NormalDist

import pytest
import yaml
from support.projects import ROOT
from support.survey_project import publish_wave, respondents, survey_project, text_of
from support.survey_site import read_page

from ngosite.pipeline import load_registry
from ngosite.surveys.effectiveness import Effectiveness
from ngosite.surveys.pages import comparison_rows, survey_pages
from ngosite.surveys.summary import SUMMARY_PAGE

TODAY = date(2026, 11, 29)
Z = NormalDist().inv_cdf(0.975)
POPULATION = 3050


def _effective(n: int) -> float:
    factor = (POPULATION - n) / (POPULATION - 1) if n >= 0.05 * POPULATION else 1.0
    return n / factor


def _wilson(x: int, n: int) -> tuple[float, float]:
    m, p = _effective(n), x / n
    centre = (p + Z * Z / (2 * m)) / (1 + Z * Z / m)
    half = Z / (1 + Z * Z / m) * math.sqrt(p * (1 - p) / m + Z * Z / (4 * m * m))
    return centre - half, centre + half


def _newcombe(x1: int, n1: int, x2: int, n2: int) -> tuple[float, float]:
    p1, p2 = x1 / n1, x2 / n2
    (l1, u1), (l2, u2) = _wilson(x1, n1), _wilson(x2, n2)
    d = p2 - p1
    return (d - math.sqrt((p2 - l2) ** 2 + (u1 - p1) ** 2),
            d + math.sqrt((u2 - p2) ** 2 + (p1 - l1) ** 2))


def _p_value(x1: int, n1: int, x2: int, n2: int) -> float:
    pooled = (x1 + x2) / (n1 + n2)
    se = math.sqrt(pooled * (1 - pooled) * (1 / _effective(n1) + 1 / _effective(n2)))
    return 2 * (1 - NormalDist().cdf(abs((x2 / n2 - x1 / n1) / se)))


def _holm(p: list[float]) -> list[float]:
    order = sorted(range(len(p)), key=p.__getitem__)
    out, running = [0.0] * len(p), 0.0
    for rank, i in enumerate(order):
        running = max(running, min(1.0, (len(p) - rank) * p[i]))
        out[i] = running
    return out


def _half_up(value: float) -> int:
    return math.floor(abs(value) + 0.5 + 1e-9) * (1 if value >= 0 else -1)


def _signed(points: float) -> str:
    return "0" if _half_up(points) == 0 else f"{'+' if points > 0 else '−'}{abs(_half_up(points))}"


def _shares(x1: int, n1: int, x2: int, n2: int) -> list[str]:
    a, b = 100 * x1 / n1, 100 * x2 / n2
    if _half_up(b) - _half_up(a) == _half_up(b - a):
        change = "0 pkt proc." if _half_up(b - a) == 0 else f"{_signed(b - a)} pkt proc."
        return [f"{_half_up(a)}%", f"{_half_up(b)}%", change]

    def one(v: float) -> str:
        return f"{math.floor(abs(v) * 10 + 0.5 + 1e-9) / 10:.1f}".replace(".", ",")
    sign = "+" if b > a else "−"
    return [f"{one(a)}%", f"{one(b)}%", f"{sign}{one(b - a)} pkt proc."]


def _count(results: dict, question: str, answer: str) -> int:
    tables = results["tabele"]
    table = tables.get(f"{question}:{answer}")
    return (table["wszyscy"]["tak"] if table is not None
            else tables[question]["wszyscy"][answer])


def test_every_criterion_recomputed_from_the_published_results(tmp_path):
    # The page as the build makes it (its HTML, without the theme around it).
    registry = load_registry(ROOT, today=TODAY)
    page = next(p for p in Effectiveness.of(registry).pages() if p.src_uri == SUMMARY_PAGE)
    summary = tmp_path / "czy-projekt-zadzialal.html"
    summary.write_text(page.html or "", encoding="utf-8")
    waves = [yaml.safe_load((ROOT / "badania" / slug / "wyniki.yml").read_text(encoding="utf-8"))
             for slug in ("mieszkancy-2025-przed", "mieszkancy-2026-po")]
    later = yaml.safe_load((ROOT / "badania" / "mieszkancy-2026-po" / "badanie.yml")
                           .read_text(encoding="utf-8"))
    rows = next(s for s in read_page(summary) if s.tables).tables[0].rows
    counts = [(_count(waves[0], c["pytanie"], c["odpowiedz"]), waves[0]["liczba_osob"],
               _count(waves[1], c["pytanie"], c["odpowiedz"]), waves[1]["liczba_osob"])
              for c in later["ocena"]]
    adjusted = _holm([_p_value(*c) for c in counts])
    assert len(rows) == len(counts) == 4
    for row, criterion, c, p in zip(rows, later["ocena"], counts, adjusted, strict=True):
        assert row[0].startswith(criterion["opis"])
        low, high = _newcombe(*c)
        assert row[1:4] == _shares(*c)
        assert row[4] == f"{_signed(100 * low)} do {_signed(100 * high)} pkt proc."
        assert row[5] == ("poniżej 0,001" if p < 0.001 else f"{p:.3f}".replace(".", ","))
        expected = (c[2] / c[3] > c[0] / c[1]) == (criterion["kierunek"] == "wzrost")
        if p < 0.05:
            assert row[6] == ("zmiana w oczekiwanym kierunku, większa niż błąd losowy"
                              if expected else "zmiana w przeciwnym kierunku niż oczekiwany, "
                              "większa niż błąd losowy")
        else:
            assert row[6] == "zmiana w granicach błędu losowego: nie widać zmiany"


@pytest.fixture
def small_first_wave(tmp_path):
    """The engineered study with its first wave cut to 7 respondents."""
    root = survey_project(tmp_path / "project")
    problems = publish_wave(root, "mala-przed", respondents(1, 70)[:7])
    assert not [p for p in problems if p.severity.value == "error"]
    return root


def test_a_wave_too_small_publishes_only_its_size_and_says_why(small_first_wave):
    results = yaml.safe_load((small_first_wave / "badania" / "mala-przed" / "wyniki.yml")
                             .read_text(encoding="utf-8"))
    assert results["liczba_osob"] == 7 and "tabele" not in results
    registry = load_registry(small_first_wave, today=TODAY)
    assert not registry.errors
    pages = {p.src_uri: p.html or "" for p in survey_pages(registry)}
    page = pages["badania/mala-przed/index.md"]
    assert "wyniki.csv" not in page and "wyniki.json" not in page  # no link to a missing file
    assert "Odpowiedzi jest za mało (n = 7, mniej niż 10)" in text_of(page)
    summary = next(p for p in Effectiveness.of(registry).pages() if p.src_uri == SUMMARY_PAGE)
    assert ("porównania nie ma, bo fala „przed” ma za mało odpowiedzi (n = 7)"
            in text_of(summary.html or ""))


def test_a_question_nobody_answered_is_no_data_not_no_change(tmp_path):
    root = survey_project(tmp_path / "project")
    for wave, slug, n in ((1, "mala-przed", 70), (2, "mala-po", 80)):
        rows = respondents(wave, n)
        if wave == 2:
            for row in rows:
                row["p1"] = ""
        publish_wave(root, slug, rows)
    registry = load_registry(root, today=TODAY)
    assert not registry.errors
    earlier, later = registry.surveys.studies()["mala"]
    texts = {r["text"] for r in comparison_rows(earlier, later, "p1", {})}
    assert texts == {"brak danych: nikt nie odpowiedział na to pytanie w jednej z fal"}
    summary = next(p for p in Effectiveness.of(registry).pages() if p.src_uri == SUMMARY_PAGE)
    assert "nie do oceny: brak danych: nikt nie odpowiedział" in text_of(summary.html or "")
