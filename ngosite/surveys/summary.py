"""``/badania/czy-projekt-zadzialal/``: the project's evaluation from the same figures as the
survey pages and the NGO reports — each criterion of the later wave against the earlier one,
and the NGOs' reported activity added up by year."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

from ngosite.core.templating import GeneratedPage, environment, page_from_html

from .pages import comparison_rows
from .results import SurveyResults

SUMMARY_PAGE = "badania/czy-projekt-zadzialal/index.md"


def criterion_verdict(row: Mapping | None, direction: str) -> str:
    """Met when the change goes the expected way beyond the error (Newcombe's interval)."""
    if row is None or row.get("difference") is None:
        return "nie do oceny"
    difference = row["difference"]
    if not difference.beyond_error:
        return "nierozstrzygnięte (zmiana w granicach błędu)"
    rose = difference.estimate > 0
    return "spełnione" if rose == (direction == "wzrost") else "niespełnione"


def criteria_rows(results: SurveyResults) -> list[dict]:
    """One row per criterion of every study's latest wave."""
    found = []
    for waves in results.studies().values():
        earlier, later = waves[0], waves[-1]
        for criterion in later.survey.criteria:
            rows = comparison_rows(earlier, later, criterion.question, {})
            row = next((r for r in rows if r.get("code") == criterion.answer), None)
            found.append({"criterion": criterion, "row": row,
                          "verdict": criterion_verdict(row, criterion.direction),
                          "earlier": earlier, "later": later,
                          "indicative": earlier.indicative or later.indicative})
    return found


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


def summary_page(results: SurveyResults | None, reports: Sequence[object]) -> GeneratedPage:
    criteria = criteria_rows(results) if results is not None else []
    body = environment().get_template("survey_summary.html").render(
        criteria=criteria, reports=reports,
        totals=yearly_totals(results) if results is not None else [],
        any_sample=results is not None and any(w.survey.sample for w in results.waves),
        indicative=any(c["indicative"] for c in criteria))
    return page_from_html(SUMMARY_PAGE, "Czy projekt zadziałał?", body, direct=True)
