"""NGO effectiveness: residents' awareness of and participation in each NGO across the waves,
the NGO's yearly indicators, against criteria written on the page; a section on the NGO's own
page (a section provider registered in ``site.py``), a page per NGO
(``/badania/skutecznosc/<slug>/``) and the project's summary ``/badania/czy-projekt-zadzialal/``.

Everything is computed once per build (``Effectiveness.of``): the comparison of the role
questions covers every NGO in one pass, and an NGO page only looks its report up by slug. An
earlier version recomputed the comparison and walked every indicator file for each NGO page,
work that grew with the square of the directory. All figures come from ``SurveyResults``, so
hidden counts stay hidden here too.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from markupsafe import Markup

from ngosite.core.templating import GeneratedPage, environment, page_from_html
from ngosite.organisations.registry import Entry, Registry

from .evaluation import ALPHA
from .indicators import IndicatorsFile
from .pages import comparison_rows
from .results import SurveyResults
from .statistics import holm
from .summary import summary_page

CRITERIA = (
    "Rozpoznawalność: czy odsetek mieszkańców, którzy znają organizację, zmienił się między "
    "pierwszą a ostatnią falą badania bardziej, niż może wynikać z przypadku (z poprawką "
    "Holma na liczbę porównań wszystkich organizacji).",
    "Udział: czy tak zmienił się odsetek mieszkańców, którzy brali udział w jej działaniach.",
    "Działalność: czy w ostatnim roku organizacja miała co najmniej tylu uczestników co rok "
    "wcześniej (według jej sprawozdań).",
)
LIMITS = ("Badanie nie ma grupy porównawczej, więc zmiana nie dowodzi, że spowodowała ją "
          "organizacja (poziom 1 w skali Maryland); zobacz „Czy projekt zadziałał?”.")
AWARENESS, PARTICIPATION = "znajomosc_organizacji", "udzial_w_dzialaniach"
REPORTS = "badania/skutecznosc"
SUMMARY = "badania/czy-projekt-zadzialal"


@dataclass(frozen=True)
class NgoReport:
    """What the section and the report page of one NGO show."""

    entry: Entry
    years: tuple[IndicatorsFile, ...]
    awareness: dict | None  # a comparison row (``pages.comparison_rows``) or None
    participation: dict | None
    sample: bool
    indicative: bool  # a wave was self-selected: the change is only indicative
    criteria: tuple[str, ...] = CRITERIA
    limits: str = LIMITS

    @property
    def verdicts(self) -> tuple[str, str, str]:
        return (change_verdict(self.awareness), change_verdict(self.participation),
                activity_verdict(self.years))


def change_verdict(row: Mapping | None) -> str:
    """What the change shows after Holm's adjustment over every NGO's comparisons; never
    that the NGO caused it."""
    if row is None:
        return "brak danych"
    difference = row.get("difference")
    if difference is None:
        return "nie do oceny (za mało wskazań albo brak odpowiedzi)"
    if row.get("p_adjusted", 1.0) < ALPHA:
        return ("wzrost większy niż błąd losowy" if difference.estimate > 0 else
                "spadek większy niż błąd losowy")
    return "zmiana w granicach błędu losowego"


def activity_verdict(years: tuple[IndicatorsFile, ...]) -> str:
    """The last reported year against the one before it (two years are needed)."""
    if len(years) < 2:
        return "brak danych"
    last, before = years[-1].indicators.participants, years[-2].indicators.participants
    return "tak" if last >= before else "nie, mniej uczestników niż rok wcześniej"


def adjust_rows(*tables: dict[str, dict]) -> None:
    """Holm over every comparison row of every NGO (awareness and participation): 18 NGOs
    are 36 chances to see a change by luck."""
    rows = [row for table in tables for row in table.values() if "p" in row]
    for row, adjusted in zip(rows, holm([r["p"] for r in rows]), strict=True):
        row["p_adjusted"] = adjusted


def role_rows(results: SurveyResults, role: str) -> tuple[dict[str, dict], bool]:
    """Option code (an NGO's slug) → its comparison row, for the first study that asks the
    question with this role; and whether that comparison is only indicative."""
    for waves in results.studies().values():
        earlier, later = waves[0], waves[-1]
        question = next((q for q in later.survey.questions if q.role == role), None)
        if question is None:
            continue
        rows = comparison_rows(earlier, later, question.id, {})
        return {str(row["label"]): row for row in rows}, earlier.indicative or later.indicative
    return {}, False


@dataclass(frozen=True)
class Effectiveness:
    """Every NGO's report, computed once per build."""

    reports: dict[str, NgoReport] = field(default_factory=dict)
    results: SurveyResults | None = None
    names: dict[str, str] = field(default_factory=dict)  # every NGO's slug → name

    @classmethod
    def of(cls, registry: Registry) -> Effectiveness:
        results = registry.surveys
        if results is None:
            return cls()
        awareness, indicative_a = role_rows(results, AWARENESS)
        participation, indicative_p = role_rows(results, PARTICIPATION)
        adjust_rows(awareness, participation)
        years: dict[str, list[IndicatorsFile]] = {}
        for found in results.indicators:
            years.setdefault(found.slug, []).append(found)
        sample = any(w.survey.sample for w in results.waves)
        reports = {}
        for entry in registry.entries:
            own = tuple(sorted(years.get(entry.slug, ()), key=lambda f: f.year))
            aware, part = awareness.get(entry.slug), participation.get(entry.slug)
            if not own and aware is None and part is None:
                continue
            reports[entry.slug] = NgoReport(
                entry, own, aware, part, sample or any(f.indicators.sample for f in own),
                (indicative_a and aware is not None) or (indicative_p and part is not None))
        return cls(reports, results, {e.slug: e.org.name for e in registry.entries})

    def section(self, registry: Registry, entry: Entry) -> Markup | str:
        """The NGO page's section (a ``SectionProvider``): a lookup, then one template."""
        report = self.reports.get(entry.slug)
        if report is None:
            return ""
        return Markup(environment().get_template("survey_effectiveness.html").render(
            report=report, heading="h2", page=False, up="../../"))

    def pages(self) -> list[GeneratedPage]:
        """A report page per NGO with data, and the project's summary (the menu links to it,
        so it says what is missing when there is nothing to evaluate yet)."""
        pages = []
        template = environment().get_template("survey_effectiveness.html")
        for slug, report in self.reports.items():
            body = template.render(report=report, heading="h1", page=True, up="../../../")
            pages.append(page_from_html(f"{REPORTS}/{slug}/index.md",
                                        f"Skuteczność: {report.entry.org.name}", body,
                                        direct=True))
        names = {slug: report.entry.org.name for slug, report in self.reports.items()}
        names.update(self.names)
        pages.append(summary_page(self.results, list(self.reports.values()), names))
        return pages
