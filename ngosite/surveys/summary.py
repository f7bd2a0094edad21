"""``/badania/czy-projekt-zadzialal/``: the project's evaluation from the same figures as the
survey pages and the NGO reports — each study's criteria with their change, interval and
adjusted verdict (``study_evaluation``), what limits the conclusions, and the NGOs' reported
activity added up by year."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from ngosite.core.templating import GeneratedPage, environment, page_from_html

from .evaluation import p_text
from .results import SurveyResults, WaveResults
from .study_evaluation import StudyEvaluation, evaluate, fieldwork

SUMMARY_PAGE = "badania/czy-projekt-zadzialal/index.md"


def evaluations(results: SurveyResults, names: dict[str, str]) -> list[StudyEvaluation]:
    """Every study with two published waves, evaluated (first against last wave)."""
    return [evaluate(waves[0], waves[-1], names) for waves in results.studies().values()]


def unpublished_studies(results: SurveyResults) -> list[str]:
    """A sentence for each study that has waves but cannot be compared, saying why (a study
    must never vanish from the evaluation without a word)."""
    compared = set(results.studies())
    found: dict[str, list[WaveResults]] = {}
    for wave in results.waves:
        if wave.survey.wave is not None and wave.survey.wave.study not in compared:
            found.setdefault(wave.survey.wave.study, []).append(wave)
    sentences = []
    for _, waves in sorted(found.items()):
        small = [w for w in waves if not w.published]
        why = ("; ".join(f"fala „{w.survey.wave.name}” ma za mało odpowiedzi (n = {w.n})"  # type: ignore[union-attr]
                         for w in small) if small else "opublikowano dotąd jedną falę")
        sentences.append(f"„{waves[0].survey.title}”: porównania nie ma, bo {why}.")
    return sentences


def yearly_totals(results: SurveyResults) -> list[dict]:
    """The NGOs' own indicators added up per year (only NGOs that reported)."""
    years: dict[int, dict] = {}
    for f in results.indicators:
        year = years.setdefault(f.year, {"year": f.year, "ngos": 0, "events": 0,
                                         "participants": 0, "volunteers": 0,
                                         "funds": Decimal(0)})
        year["ngos"] += 1
        year["events"] += f.indicators.events
        year["participants"] += f.indicators.participants
        year["volunteers"] += f.indicators.volunteers
        year["funds"] += f.indicators.funds
    return [years[y] for y in sorted(years)]


def summary_page(results: SurveyResults | None, reports: Sequence[object],
                 names: dict[str, str]) -> GeneratedPage:
    studies = evaluations(results, names) if results is not None else []
    body = environment().get_template("survey_summary.html").render(
        studies=studies, reports=reports, p_text=p_text, fieldwork=fieldwork,
        unpublished=unpublished_studies(results) if results is not None else [],
        totals=yearly_totals(results) if results is not None else [],
        any_sample=results is not None and any(w.survey.sample for w in results.waves),
        indicative=any(s.earlier.indicative or s.later.indicative for s in studies))
    return page_from_html(SUMMARY_PAGE, "Czy projekt zadziałał?", body, direct=True)
