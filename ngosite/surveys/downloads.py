"""Aggregated results to download: ``/badania/<id>/wyniki.csv`` (UTF-8 with a BOM, ``;``, as
the open data) and ``wyniki.json``, one row per published figure, hidden ones marked "ukryto"
with no number. Never a row per respondent: those rows stay with the office.
"""

from __future__ import annotations

import csv
import io
import json

from .results import Figure, SurveyResults, WaveResults
from .statistics import percent

COLUMNS = ("pytanie", "tresc_pytania", "przekroj", "grupa", "odpowiedz", "liczba_osob",
           "podstawa", "odsetek_proc", "przedzial_od_proc", "przedzial_do_proc")
# The data dictionary printed under the downloads on every survey page.
DICTIONARY = {
    "pytanie": "kod pytania z kwestionariusza (np. q4)",
    "tresc_pytania": "treść pytania",
    "przekroj": "nazwa przekroju (pusta: wszyscy respondenci)",
    "grupa": "grupa przekroju, np. 18–29 lat; „wszyscy” dla całej próby",
    "odpowiedz": "odpowiedź (etykieta; w pytaniu wielokrotnego wyboru kod odpowiedzi, liczba "
                 "to osoby, które ją zaznaczyły)",
    "liczba_osob": "liczba osób, które tak odpowiedziały; „ukryto”, gdy liczba jest chroniona",
    "podstawa": "liczba osób w grupie (mianownik odsetka)",
    "odsetek_proc": "odsetek w procentach, zaokrąglony do całości; „ukryto” jak wyżej",
    "przedzial_od_proc": "dolna granica 95% przedziału Wilsona, w procentach",
    "przedzial_do_proc": "górna granica 95% przedziału Wilsona, w procentach",
}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def results_file(slug: str, extension: str) -> str:
    return f"badania/{slug}/wyniki.{extension}"


def _values(figure: Figure) -> list[str]:
    if figure.hidden or figure.interval is None or figure.share is None:
        return ["ukryto", str(figure.base), "ukryto", "", ""]
    return [str(figure.count), str(figure.base), str(percent(figure.share)),
            str(percent(figure.interval.low)), str(percent(figure.interval.high))]


def rows(wave: WaveResults) -> list[list[str]]:
    found = []
    for result in wave.questions:
        question = result.question
        for unit in result.units:
            labels = unit.labels if unit.unit.option is None else (unit.unit.option,)
            figures = unit.overall if unit.unit.option is None else (unit.figure("tak"),)
            for label, figure in zip(labels, figures, strict=False):
                found.append([question.id, question.text, "", "wszyscy", label,
                              *_values(figure)])
            for breakdown in unit.breakdowns:
                for row in breakdown.rows:
                    cells = row.figures if unit.unit.option is None else row.figures[:1]
                    for label, figure in zip(labels, cells, strict=False):
                        found.append([question.id, question.text, breakdown.breakdown.title,
                                      row.label, label, *_values(figure)])
                # A group too small for its answers still says how many people it has.
                for group in (g for g in breakdown.left_out if g.size is not None):
                    cells = group.figures if unit.unit.option is None else group.figures[:1]
                    for label, figure in zip(labels, cells, strict=False):
                        found.append([question.id, question.text, breakdown.breakdown.title,
                                      group.label, label, *_values(figure)])
    return found


def _cell(value: str) -> str:
    return f"'{value}" if value.startswith(_FORMULA_START) else value


def results_csv(wave: WaveResults) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows([_cell(v) for v in row] for row in rows(wave))
    return "\ufeff" + out.getvalue()


def results_json(wave: WaveResults) -> str:
    survey = wave.survey
    data = {"badanie": wave.slug, "tytul": survey.title, "przykladowe": survey.sample,
            "n": wave.n, "metoda_przedzialu": "Wilson (95%)",
            "poprawka_na_skonczona_populacje": wave.fpc,
            "wyniki": [dict(zip(COLUMNS, row, strict=True)) for row in rows(wave)]}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def survey_assets(results: SurveyResults | None) -> list[tuple[str, str]]:
    if results is None:
        return []
    assets = []
    for wave in results.waves:
        if wave.published:
            assets.append((results_file(wave.slug, "csv"), results_csv(wave)))
            assets.append((results_file(wave.slug, "json"), results_json(wave)))
    return assets
