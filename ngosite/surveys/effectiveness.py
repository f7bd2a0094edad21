"""NGO effectiveness: residents' awareness of and participation in each NGO across the waves,
the NGO's yearly indicators, against criteria written on the page; a section on the NGO's own
page (a section provider registered in ``site.py``), a page per NGO
(``/badania/skutecznosc/<slug>/``) and the project's summary ``/badania/czy-projekt-zadzialal/``.
All figures come from ``SurveyResults``, so hidden counts stay hidden here too.
"""

from __future__ import annotations

from markupsafe import Markup

from ngosite.core.templating import GeneratedPage, environment, page_from_html
from ngosite.organisations.registry import Entry, Registry

from .pages import comparison_rows
from .results import SurveyResults, WaveResults

CRITERIA = (
    "Rozpoznawalność: odsetek mieszkańców, którzy znają organizację, wzrósł między pierwszą "
    "a ostatnią falą badania ponad granicę błędu.",
    "Udział: odsetek mieszkańców, którzy brali udział w jej działaniach, wzrósł ponad granicę "
    "błędu.",
    "Działalność: w ostatnim roku organizacja miała co najmniej tylu uczestników co rok "
    "wcześniej.",
)


def _verdict(row: dict | None) -> str:
    if row is None:
        return "brak danych"
    difference = row.get("difference")
    if difference is None:
        return "nie do oceny (za mało wskazań)"
    if difference.beyond_error:
        return "spełnione" if difference.estimate > 0 else "niespełnione"
    return "nierozstrzygnięte (zmiana w granicach błędu)"


def _role_row(results: SurveyResults, role: str, slug: str) -> tuple[dict | None, str | None]:
    for waves in results.studies().values():
        earlier, later = waves[0], waves[-1]
        question = next((q for q in later.survey.questions if q.role == role), None)
        if question is None:
            continue
        rows = comparison_rows(earlier, later, question.id, {slug: slug})
        row = next((r for r in rows if r["label"] == slug), None)
        return row, question.text
    return None, None


def ngo_report(registry: Registry, entry: Entry) -> dict | None:
    results = registry.surveys
    if results is None:
        return None
    years = sorted((f for f in results.indicators if f.slug == entry.slug), key=lambda f: f.year)
    awareness, _ = _role_row(results, "znajomosc_organizacji", entry.slug)
    participation, _ = _role_row(results, "udzial_w_dzialaniach", entry.slug)
    if not years and awareness is None and participation is None:
        return None
    activity = "brak danych"
    if len(years) >= 2:
        activity = "spełnione" if years[-1].indicators.participants >= \
            years[-2].indicators.participants else "niespełnione"
    return {"entry": entry, "years": years, "awareness": awareness,
            "participation": participation,
            "verdicts": [_verdict(awareness), _verdict(participation), activity],
            "criteria": CRITERIA,
            "sample": any(f.indicators.sample for f in years) or _sample(results)}


def _sample(results: SurveyResults) -> bool:
    return any(w.survey.sample for w in results.waves)


def effectiveness_section(registry: Registry, entry: Entry) -> Markup | str:
    report = ngo_report(registry, entry)
    if report is None:
        return ""
    return Markup(environment().get_template("survey_effectiveness.html").render(
        report=report, heading="h2", page=False, up="../../"))


def effectiveness_pages(registry: Registry) -> list[GeneratedPage]:
    pages = []
    reports = []
    for entry in registry.entries:
        report = ngo_report(registry, entry)
        if report is None:
            continue
        reports.append(report)
        body = environment().get_template("survey_effectiveness.html").render(
            report=report, heading="h1", page=True, up="../../../")
        pages.append(page_from_html(f"badania/skutecznosc/{entry.slug}/index.md",
                                    f"Skuteczność: {entry.org.name}", body))
    if registry.surveys is not None and (reports or registry.surveys.studies()):
        pages.append(_summary(registry.surveys, reports))
    return pages


def _summary(results: SurveyResults, reports: list[dict]) -> GeneratedPage:
    criteria = []
    for waves in results.studies().values():
        earlier, later = waves[0], waves[-1]
        for criterion in later.survey.criteria:
            rows = comparison_rows(earlier, later, criterion.question, {})
            question = later.survey.question(criterion.question)
            index = question.codes().index(criterion.answer) if question else -1
            row = rows[index] if 0 <= index < len(rows) else None
            verdict = _criterion_verdict(row, criterion.direction)
            criteria.append({"criterion": criterion, "row": row, "verdict": verdict,
                             "earlier": earlier, "later": later})
    totals = _totals(results)
    body = environment().get_template("survey_summary.html").render(
        criteria=criteria, reports=reports, totals=totals, any_sample=_sample(results))
    return page_from_html("badania/czy-projekt-zadzialal/index.md", "Czy projekt zadziałał?",
                          body)


def _criterion_verdict(row: dict | None, direction: str) -> str:
    if row is None or row.get("difference") is None:
        return "nie do oceny"
    difference = row["difference"]
    if not difference.beyond_error:
        return "nierozstrzygnięte (zmiana w granicach błędu)"
    rose = difference.estimate > 0
    return "spełnione" if rose == (direction == "wzrost") else "niespełnione"


def _totals(results: SurveyResults) -> list[dict]:
    years: dict[int, dict] = {}
    for f in results.indicators:
        year = years.setdefault(f.year, {"year": f.year, "ngos": 0, "events": 0,
                                         "participants": 0, "volunteers": 0, "funds": 0})
        year["ngos"] += 1
        year["events"] += f.indicators.events
        year["participants"] += f.indicators.participants
        year["volunteers"] += f.indicators.volunteers
        year["funds"] += f.indicators.funds
    return [years[y] for y in sorted(years)]


__all__ = ["WaveResults", "effectiveness_pages", "effectiveness_section"]
