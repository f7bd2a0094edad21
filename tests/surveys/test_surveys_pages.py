"""What the survey pages say: the figures and words a resident reads, the method box, hidden
cells, the comparison in plain Polish and its "orientacyjny" warning for self-selected
samples."""

from __future__ import annotations

import csv
import io
import re
import shutil
from collections import Counter
from datetime import date

import pytest
from support.projects import ROOT
from support.survey_project import sample_answers, survey_project, text_of

from ngosite.pipeline import load_registry
from ngosite.surveys.effectiveness import Effectiveness
from ngosite.surveys.pages import comparison_rows, method_line, survey_pages
from ngosite.surveys.statistics import newcombe, wilson
from ngosite.surveys.summary import SUMMARY_PAGE

TODAY = date(2026, 11, 29)
LATER = "mieszkancy-2026-po"


@pytest.fixture(scope="module")
def sample_registry():
    return load_registry(ROOT, today=TODAY)


@pytest.fixture(scope="module")
def sample_pages(sample_registry) -> dict[str, str]:
    return {p.src_uri: p.html or "" for p in survey_pages(sample_registry)}


def _q1_counts(slug: str) -> Counter:
    return Counter(row["q1"] for row in csv.DictReader(io.StringIO(sample_answers()[slug])))


def test_pages_of_the_sample(sample_pages):
    assert sorted(sample_pages) == [
        "badania/index.md", "badania/mieszkancy-2025-przed/index.md",
        "badania/mieszkancy-2026-po/index.md", "badania/porownanie/akademia-wspolpracy/index.md"]


def test_index_lists_method_and_sample_in_one_line(sample_registry, sample_pages):
    later = next(w for w in sample_registry.surveys.waves if w.slug == LATER)
    assert method_line(later) == (
        "ankieta papierowa wypełniana w domu, odbierana przez ankieterów; dobór losowy; "
        "n = 347; 5 października 2026 – 30 października 2026; błąd ±5 pkt proc.")
    index = text_of(sample_pages["badania/index.md"])
    assert method_line(later) in index and "Dane przykładowe." in index


def test_question_table_shows_count_share_and_wilson_interval(sample_pages):
    counts = _q1_counts(LATER)
    n = sum(counts.values())
    interval = wilson(counts["tak"], n, population=3050)
    expected = (f"Tak {counts['tak']} {round(100 * counts['tak'] / n)}% "
                f"{round(100 * interval.low)}–{round(100 * interval.high)}%")
    assert expected == "Tak 308 89% 85–92%"
    page = text_of(sample_pages[f"badania/{LATER}/index.md"])
    assert expected in page
    assert "95% przedział (Wilson)" in page and "Wald" not in page


def test_method_box_names_the_correction_and_margin(sample_pages):
    page = text_of(sample_pages[f"badania/{LATER}/index.md"])
    assert "Błąd pomiaru ±5 pkt proc. (95%, dla odsetka 50%), z poprawką na skończoną " \
           "populację (próba to co najmniej 5% populacji)." in page
    assert "Orientacyjny" not in page
    assert "Badanie zakończone (5 października 2026 – 30 października 2026) (stan na 29 " \
           "listopada 2026)." in page


def test_hidden_cells_have_no_number(sample_pages):
    page = sample_pages[f"badania/{LATER}/index.md"]
    # Nad Buwełnem: known by 1–4 respondents in the sample's later wave.
    row = re.search(r"<tr><th scope=\"row\">Stowarzyszenie Agroturystyczne „Nad Buwełnem”</th>"
                    r"(.*?)</tr>", page)
    assert row and row.group(1) == ('<td class="survey-num">ukryto</td>'
                                    '<td class="survey-num">ukryto</td>'
                                    '<td class="survey-num">—</td>')


def test_comparison_in_plain_polish_with_newcombe(sample_registry, sample_pages):
    before, after = _q1_counts("mieszkancy-2025-przed"), _q1_counts(LATER)
    change = newcombe(before["tak"], sum(before.values()), after["tak"], sum(after.values()),
                      population=3050)
    assert round(100 * change.estimate) == 7 and change.interval.low > 0
    page = text_of(sample_pages["badania/porownanie/akademia-wspolpracy/index.md"])
    assert "Tak 82% 89% +7 pkt proc. (przedział nie obejmuje zera) +2 do +12 pkt proc." in page
    assert "Trudno powiedzieć 9% 7% −2 pkt proc. (w granicach błędu) −6 do +2 pkt proc." in page
    # Many comparisons: the page says that some "changes" are luck, and where the adjusted
    # evaluation is.
    assert "poprawką na liczbę porównań" in page
    assert "Wynik orientacyjny" not in page


def test_comparison_rows_carry_codes_and_hidden_rows_are_not_compared(sample_registry):
    earlier, later = sample_registry.surveys.studies()["akademia-wspolpracy"]
    rows = comparison_rows(earlier, later, "q2", {})
    hidden = next(r for r in rows if r["code"] == "nad-buwelnem")
    assert hidden["text"] == "nie do porównania: ukryta mała liczba"
    assert "difference" not in hidden
    assert [r["code"] for r in comparison_rows(earlier, later, "q1", {})] == [
        "tak", "nie", "nie-wiem"]
    assert comparison_rows(earlier, later, "q10", {}) == []  # open: nothing to compare


def test_self_selected_samples_make_the_comparison_indicative(tmp_path):
    registry = load_registry(survey_project(tmp_path, recruitment="samodzielny"), today=TODAY)
    pages = {p.src_uri: text_of(p.html or "") for p in survey_pages(registry)}
    comparison = pages["badania/porownanie/mala/index.md"]
    assert "Wynik orientacyjny. W obu falach respondenci zgłaszali się sami" in comparison
    assert "Zmiana (orientacyjnie)" in comparison
    wave = pages["badania/mala-po/index.md"]
    assert "Orientacyjny: respondenci zgłaszali się sami" in wave
    assert "(orientacyjny)" in pages["badania/index.md"]


def test_survey_text_is_escaped(tmp_path):
    payload = "<script>alert(1)</script>"
    registry = load_registry(survey_project(tmp_path, payload=payload), today=TODAY)
    for page in survey_pages(registry):
        assert "<script>alert" not in (page.html or ""), page.src_uri
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in (page.html or ""), page.src_uri


def test_a_project_without_surveys_still_has_the_pages_the_menu_links_to(tmp_path):
    """mkdocs.yml's menu names /badania/ and the summary; a gmina that has published no survey
    yet gets both pages saying so, not a broken link (and no strict-mode build failure)."""
    for part in ("data", "ngos"):
        shutil.copytree(ROOT / part, tmp_path / part)
    registry = load_registry(tmp_path, today=TODAY)
    assert registry.surveys is None or not registry.surveys.waves
    index = {p.src_uri: p.html or "" for p in survey_pages(registry)}
    assert list(index) == ["badania/index.md"]
    assert "nie opublikował jeszcze wyników żadnego badania" in text_of(index["badania/index.md"])
    summary = [p for p in Effectiveness.of(registry).pages() if p.src_uri == SUMMARY_PAGE]
    assert len(summary) == 1
    text = text_of(summary[0].html or "")
    assert "Nie ma jeszcze czego ocenić" in text and "Kryteria oceny" not in text
