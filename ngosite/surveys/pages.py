"""The survey pages: ``/badania/`` (every survey in a line), ``/badania/<id>/`` (per question a
chart, its table and breakdowns, open answers, the method box) and the before/after
comparison ``/badania/porownanie/<study>/``.

Everything shown comes from ``SurveyResults``: a hidden count has no figure there, so no page
can show one. Python builds the context, Jinja (autoescaping) writes the HTML.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ngosite.core.polish_dates import polish_date
from ngosite.core.problems import plural
from ngosite.core.templating import GeneratedPage, environment, page_from_html
from ngosite.organisations.registry import Registry

from .charts import PALETTE, Bar, bar_chart
from .downloads import DICTIONARY, results_file
from .model import KINDS, RECRUITMENT
from .results import (
    Figure,
    LeftOut,
    QuestionResult,
    SurveyResults,
    WaveResults,
    option_label,
)
from .statistics import difference_p, interval_text, newcombe, percent, shown_pair

SURVEYS = "badania"
# Corrects a page's status line for the visitor's date (a file: the pages allow no inline script).
STATUS_SCRIPT = "assets/js/survey-status.js"


@dataclass(frozen=True)
class Row:
    label: str
    count: str
    share: str
    interval: str


def survey_pages(registry: Registry) -> list[GeneratedPage]:
    results = registry.surveys
    if results is None or not results.waves:  # the menu links to the list: say it is empty
        return [_index(registry, None)]
    names = {e.slug: e.org.name for e in registry.entries}
    pages = [_index(registry, results)]
    pages.extend(_wave_page(registry, wave, names) for wave in results.waves)
    pages.extend(_comparison_page(registry, study, waves, names)
                 for study, waves in results.studies().items())
    return pages


def fieldwork_text(wave: WaveResults) -> str:
    work = wave.survey.fieldwork
    return f"{polish_date(work.start)} – {polish_date(work.end)}"


def method_line(wave: WaveResults) -> str:
    """The method and sample in one line, as the index lists them."""
    survey = wave.survey
    margin = f"błąd ±{percent(wave.margin)} pkt proc." + (" (orientacyjny)" if wave.indicative
                                                          else "")
    return (f"{survey.method}; {RECRUITMENT[survey.recruitment]}; n = {wave.n}; "
            f"{fieldwork_text(wave)}; {margin}")


def _index(registry: Registry, results: SurveyResults | None) -> GeneratedPage:
    waves = results.waves if results is not None else ()
    body = environment().get_template("surveys_index.html").render(
        waves=waves, method_line=method_line,
        studies=list(results.studies()) if results is not None else [],
        any_sample=any(w.survey.sample for w in waves))
    return page_from_html(f"{SURVEYS}/index.md", "Badania mieszkańców", body, direct=True)


def figure_row(label: str, figure: Figure) -> Row:
    if figure.hidden:
        return Row(label, "ukryto", "ukryto", "—")
    assert figure.share is not None and figure.interval is not None
    return Row(label, str(figure.count), f"{percent(figure.share)}%",
               interval_text(figure.interval))


def _question(wave: WaveResults, result: QuestionResult, names: Mapping[str, str],
              number: int) -> dict[str, object]:
    question = result.question
    context: dict[str, object] = {"question": question, "kind": KINDS[question.kind],
                                  "open_answers": result.open_answers, "rows": [],
                                  "breakdowns": [], "chart": None}
    if not result.units:
        return context
    multiple = question.kind == "wielokrotny"
    if multiple:
        labels = [option_label(question, u.unit.option or "", names) for u in result.units]
        figures = [u.figure("tak") for u in result.units]
    else:
        unit = result.units[0]
        labels, figures = list(unit.labels), list(unit.overall)
    context["rows"] = [figure_row(label, f) for label, f in zip(labels, figures, strict=True)]
    context["chart"] = bar_chart(
        f"{wave.slug}-{question.id}", f"{question.text} ({wave.survey.title})",
        f"Odsetek {'osób, które zaznaczyły odpowiedź' if multiple else 'odpowiedzi'}, "
        f"n = {wave.n}; wartości ukryte oznaczono słowem „ukryto”.",
        [Bar(label, f.share) for label, f in zip(labels, figures, strict=True)])
    context["breakdowns"] = _breakdowns(result, labels, multiple)
    context["chart_number"] = number
    return context


def _breakdowns(result: QuestionResult, labels: list[str], multiple: bool) -> list[dict]:
    found = []
    for b, first in enumerate(result.units[0].breakdowns):
        if multiple:
            rows = [{"label": row.label, "size": row.size,
                     "cells": [_cell(u.breakdowns[b].rows[i].figures[0]) for u in result.units]}
                    for i, row in enumerate(first.rows)]
        else:
            rows = [{"label": row.label, "size": row.size,
                     "cells": [_cell(f) for f in row.figures]} for row in first.rows]
        found.append({"title": first.breakdown.title, "columns": labels, "rows": rows,
                      "left_out": [_left_out(g) for g in first.left_out]})
    return found


def _left_out(group: LeftOut) -> str:
    if group.size is None:
        return f"{group.label} (liczebność ukryta)"
    return f"{group.label} ({group.size} {plural(group.size, 'osoba', 'osoby', 'osób')})"


def _cell(figure: Figure) -> str:
    if figure.hidden or figure.share is None:
        return "ukryto"
    return f"{percent(figure.share)}% ({figure.count})"


def _wave_page(registry: Registry, wave: WaveResults, names: Mapping[str, str]) -> GeneratedPage:
    survey = wave.survey
    body = environment().get_template("survey.html").render(
        wave=wave, survey=survey, method_line=method_line(wave),
        fieldwork=fieldwork_text(wave), recruitment=RECRUITMENT[survey.recruitment],
        margin=percent(wave.margin), population=survey.population,
        today=registry.surveys.today if registry.surveys else None,
        today_text=polish_date(registry.surveys.today) if registry.surveys else "",
        questions=[_question(wave, q, names, i) for i, q in enumerate(wave.questions, 1)],
        csv_href=results_file(wave.slug, "csv").removeprefix(f"{SURVEYS}/{wave.slug}/"),
        json_href=results_file(wave.slug, "json").removeprefix(f"{SURVEYS}/{wave.slug}/"),
        dictionary=DICTIONARY, note=wave.published_wave.note if wave.published_wave else None,
        people=lambda n: plural(n, "osoba", "osoby", "osób"),
        answers_word=lambda n: plural(n, "odpowiedź", "odpowiedzi", "odpowiedzi"),
        start_iso=survey.fieldwork.start.isoformat(), end_iso=survey.fieldwork.end.isoformat(),
        status_script=f"../../{STATUS_SCRIPT}")
    return page_from_html(f"{SURVEYS}/{wave.slug}/index.md", survey.title, body,
                          direct=True)


def comparison_rows(earlier: WaveResults, later: WaveResults, qid: str,
                    names: Mapping[str, str]) -> list[dict[str, object]]:
    """Per answer (``code``): both waves' shares and the change in words (Newcombe), with
    the two-sided p-value a family's adjustment needs."""
    before, after = earlier.question(qid), later.question(qid)
    if before is None or after is None or not after.units or not before.units:
        return []
    question = after.question
    if question.kind == "wielokrotny":
        pairs = [(u.unit.option or "", option_label(question, u.unit.option or "", names),
                  b.figure("tak"), u.figure("tak"))
                 for b, u in zip(before.units, after.units, strict=True)]
    else:
        pairs = list(zip(question.codes(), after.units[0].labels[:-1],
                         before.units[0].overall[:-1], after.units[0].overall[:-1],
                         strict=True))
    silent = before.answered is False or after.answered is False
    return [_change_row(earlier, later, *pair, silent=silent) for pair in pairs]


def _change_row(earlier: WaveResults, later: WaveResults, code: str, label: str, one: Figure,
                two: Figure, *, silent: bool = False) -> dict[str, object]:
    row: dict[str, object] = {"code": code, "label": label, "before": figure_row(label, one),
                              "after": figure_row(label, two), "one": one, "two": two}
    if silent:
        row["text"] = "brak danych: nikt nie odpowiedział na to pytanie w jednej z fal"
        return row
    if one.hidden or two.hidden:
        row["text"] = "nie do porównania: ukryta mała liczba"
        return row
    x1, x2 = one.count or 0, two.count or 0
    difference = newcombe(x1, one.base, x2, two.base,
                          population=earlier.survey.population.size,
                          population2=later.survey.population.size)
    row["difference"] = difference
    row["p"] = difference_p(x1, one.base, x2, two.base,
                            population=earlier.survey.population.size,
                            population2=later.survey.population.size)
    shown_before, shown_after, moved = shown_pair(x1 / one.base, x2 / two.base)
    row["before"] = Row(label, str(x1), shown_before, interval_text(one.interval))  # type: ignore[arg-type]
    row["after"] = Row(label, str(x2), shown_after, interval_text(two.interval))  # type: ignore[arg-type]
    beyond = "przedział nie obejmuje zera" if difference.beyond_error else \
        "w granicach błędu"
    row["text"] = f"{moved} ({beyond})"
    row["interval"] = (f"{_signed(difference.interval.low)} do "
                       f"{_signed(difference.interval.high)} pkt proc.")
    return row


def _signed(value: float) -> str:
    """``+12`` / ``−3`` with a true minus sign, as Polish typesetting (and a screen reader)
    wants; zero keeps its sign-less form."""
    shown = percent(value)
    return f"+{shown}" if shown > 0 else ("0" if shown == 0 else f"−{-shown}")


def _comparison_page(registry: Registry, study: str, waves: tuple[WaveResults, ...],
                     names: Mapping[str, str]) -> GeneratedPage:
    earlier, later = waves[0], waves[-1]
    questions = []
    for result in later.questions:
        rows = comparison_rows(earlier, later, result.question.id, names)
        if not rows:
            continue
        bars = []
        for row in rows:
            one, two = row["one"], row["two"]
            bars.append(Bar(f"{row['label']} — {earlier.survey.wave.name}",  # type: ignore[union-attr]
                            one.share, PALETTE[0]))  # type: ignore[attr-defined]
            bars.append(Bar(f"{row['label']} — {later.survey.wave.name}",  # type: ignore[union-attr]
                            two.share, PALETTE[1]))  # type: ignore[attr-defined]
        questions.append({"question": result.question, "rows": rows, "chart": bar_chart(
            f"porownanie-{study}-{result.question.id}", f"{result.question.text}: obie fale",
            f"Odsetki w fali „{earlier.survey.wave.name}” i „{later.survey.wave.name}”; "  # type: ignore[union-attr]
            "każdy słupek jest podpisany nazwą fali.", bars)})
    body = environment().get_template("survey_comparison.html").render(
        earlier=earlier, later=later, questions=questions, study=study,
        any_sample=earlier.survey.sample or later.survey.sample,
        indicative=earlier.indicative or later.indicative)
    return page_from_html(f"{SURVEYS}/porownanie/{study}/index.md",
                          f"Przed i po: {later.survey.title}", body, direct=True)
