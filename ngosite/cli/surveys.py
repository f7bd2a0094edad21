"""``ngosite surveys``: what staff run around a survey before it is published.

- ``surveys check``: the problems of ``badania/`` and ``sprawozdania/`` only (the NGO entries
  have ``ngosite validate``), then per survey what the site will show — respondents, hidden
  counts, groups left out — so the office sees the effect of the disclosure rules before the
  build, not after;
- ``surveys schema``: regenerate the committed JSON Schemas of the two files after a change of
  the models (``--check`` only reports stale ones, ``--output DIR`` writes elsewhere).

Thin on purpose: loading, rules and counting are in ``ngosite.surveys``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ngosite.core.problems import Problem, format_github, format_json, format_text
from ngosite.pipeline import load_registry
from ngosite.surveys.indicators import REPORTS_DIR
from ngosite.surveys.load import SURVEYS_DIR
from ngosite.surveys.results import SurveyResults, WaveResults
from ngosite.surveys.schema import stale_schemas, write_schemas

COMMAND = "surveys"
FORMATTERS = {"text": format_text, "github": format_github, "json": format_json}


def add_parser(sub: argparse._SubParsersAction) -> None:
    surveys = sub.add_parser(COMMAND, help="badania mieszkańców i sprawozdania organizacji")
    actions = surveys.add_subparsers(dest="surveys_command", required=True)
    check = actions.add_parser(
        "check", help="sprawdź badania/ i sprawozdania/ i pokaż, co zostanie ukryte")
    check.add_argument("--format", choices=sorted(FORMATTERS), default="text",
                       help="text: dla ludzi; github: adnotacje GitHub Actions; json")
    schema = actions.add_parser(
        "schema", help="zapisz JSON Schema plików badanie.yml i sprawozdań (data/)")
    schema.add_argument("--check", action="store_true",
                        help="tylko sprawdź, czy zapisane schematy są aktualne")
    schema.add_argument("--output", type=Path,
                        help="zapisz schematy w tym katalogu zamiast w data/ projektu")


def run(root: Path, args: argparse.Namespace) -> int:
    if args.surveys_command == "schema":
        return _schema(root, check=args.check, output=args.output)
    return _check(root, args.format)


def _schema(root: Path, *, check: bool, output: Path | None) -> int:
    if check:
        stale = stale_schemas(root)
        for path in stale:
            print(f"{path}: nieaktualny; uruchom: ngosite surveys schema", file=sys.stderr)
        return 1 if stale else 0
    written = write_schemas(root, output)
    for path in written:
        print(f"zapisano {path}")
    if not written:
        print("Schematy są aktualne.", file=sys.stderr)
    return 0


def _ours(problem: Problem) -> bool:
    return problem.file.startswith((f"{SURVEYS_DIR}/", f"{REPORTS_DIR}/"))


def _check(root: Path, fmt: str) -> int:
    registry = load_registry(root)
    problems = [p for p in registry.problems if _ours(p)]
    print(FORMATTERS[fmt](problems))
    if fmt == "text" and registry.surveys is not None:
        for line in summary_lines(registry.surveys):
            print(line, file=sys.stderr)
    return 1 if any(p.severity.value == "error" for p in problems) else 0


def summary_lines(results: SurveyResults) -> list[str]:
    """One paragraph per published survey: what the site will show of it."""
    lines = []
    for wave in results.waves:
        lines.append(_wave_line(wave, results.settings.group_minimum))
    studies = results.studies()
    for study, waves in studies.items():
        lines.append(f"Porównanie „{study}”: fale {', '.join(w.slug for w in waves)}.")
    lines.append(f"Sprawozdania organizacji: {len(results.indicators)} plików.")
    return lines


def _wave_line(wave: WaveResults, group_minimum: int) -> str:
    if not wave.published:
        return (f"{wave.file}: n = {wave.n}; za mało odpowiedzi (mniej niż {group_minimum}), "
                "wyniki nie zostaną opublikowane.")
    figures = [f for q in wave.questions for u in q.units
               for f in (*u.overall, *(f for b in u.breakdowns for r in b.rows
                                       for f in r.figures))]
    hidden = sum(1 for f in figures if f.hidden)
    left_out = sorted({f"{b.breakdown.title}: {label}" for q in wave.questions
                       for u in q.units for b in u.breakdowns for label in b.left_out})
    groups = "; pominięte grupy: " + ", ".join(left_out) if left_out else ""
    rows = ("; odpowiedzi pojedynczych osób: "
            f"{len(wave.respondent_rows.columns)} kolumn") if wave.respondent_rows else ""
    return (f"{wave.file}: n = {wave.n}; ukryte liczby: {hidden} z {len(figures)}{groups}"
            f"{rows}.")
