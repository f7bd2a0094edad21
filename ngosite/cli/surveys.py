"""``ngosite surveys``: what staff run around a survey.

- ``surveys publish ODPOWIEDZI --badanie KOD``: read the respondents' file from where the office
  keeps it (never the repository), protect the counts and write ``badania/KOD/wyniki.yml``;
  open answers go to a review file first (``--otwarte`` publishes the approved ones);
- ``surveys audit [KOD…] [--odpowiedzi PLIK]``: the attacker's view of published waves, and with
  the respondents' file the check of every small count's protection;
- ``surveys check``: the problems of ``badania/`` and ``sprawozdania/`` and what the site shows;
- ``surveys schema``: regenerate the committed JSON Schemas (``--check`` only reports).

Thin on purpose: reading, counting, protection and the audit are in ``ngosite.surveys``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ngosite.core.problems import Problem, format_github, format_json, format_text, plural
from ngosite.core.today import build_date
from ngosite.pipeline import load_registry
from ngosite.surveys.answers import Respondent, read_answers
from ngosite.surveys.audit import AuditReport, audit, describe
from ngosite.surveys.indicators import REPORTS_DIR
from ngosite.surveys.load import SURVEYS_DIR, staff_survey
from ngosite.surveys.loaded import LoadedSurvey
from ngosite.surveys.publish import Outcome, publish
from ngosite.surveys.results import SurveyResults, WaveResults
from ngosite.surveys.schema import stale_schemas, write_schemas

COMMAND = "surveys"
FORMATTERS = {"text": format_text, "github": format_github, "json": format_json}


def add_parser(sub: argparse._SubParsersAction) -> None:
    surveys = sub.add_parser(COMMAND, help="badania mieszkańców i sprawozdania organizacji")
    actions = surveys.add_subparsers(dest="surveys_command", required=True)
    release = actions.add_parser(
        "publish", help="policz i ochroń wyniki z pliku odpowiedzi (spoza repozytorium)")
    release.add_argument("odpowiedzi", type=Path, metavar="ODPOWIEDZI",
                         help="plik CSV z odpowiedziami, przechowywany w urzędzie")
    release.add_argument("--badanie", required=True, metavar="KOD",
                         help="kod badania: nazwa folderu w badania/")
    release.add_argument("--otwarte", type=Path, metavar="PLIK",
                         help="przejrzany plik odpowiedzi otwartych (publikuj: true/false)")
    release.add_argument("--duplikaty", action="store_true",
                         help="identyczne wiersze to różne osoby (tylko ostrzeżenie)")
    check_protection = actions.add_parser(
        "audit", help="sprawdź, czego można się dowiedzieć o ukrytych liczbach")
    check_protection.add_argument("badania", nargs="*", metavar="KOD",
                                  help="kody badań (domyślnie wszystkie opublikowane)")
    check_protection.add_argument("--odpowiedzi", type=Path, metavar="PLIK",
                                  help="plik odpowiedzi jednego badania: sprawdź też ochronę "
                                       "każdej małej liczby")
    check = actions.add_parser(
        "check", help="sprawdź badania/ i sprawozdania/ i pokaż, co zostanie ukryte")
    check.add_argument("--format", choices=sorted(FORMATTERS), default="text",
                       help="text: dla ludzi; github: adnotacje GitHub Actions; json")
    schema = actions.add_parser(
        "schema", help="zapisz JSON Schema plików badań i sprawozdań (data/)")
    schema.add_argument("--check", action="store_true",
                        help="tylko sprawdź, czy zapisane schematy są aktualne")
    schema.add_argument("--output", type=Path,
                        help="zapisz schematy w tym katalogu zamiast w data/ projektu")


def run(root: Path, args: argparse.Namespace) -> int:
    if args.surveys_command == "schema":
        return _schema(root, check=args.check, output=args.output)
    if args.surveys_command == "publish":
        return _publish(root, args)
    if args.surveys_command == "audit":
        return _audit(root, args.badania, args.odpowiedzi)
    return _check(root, args.format)


def _publish(root: Path, args: argparse.Namespace) -> int:
    registry = load_registry(root)
    problems: list[Problem] = []
    found = staff_survey(root, args.badanie, registry.entries, problems)
    if found is None:
        print(format_text(problems))
        return 1
    folder, survey = found
    print(f"Czytam {args.odpowiedzi} i chronię wyniki (to może potrwać do minuty)…",
          file=sys.stderr)
    outcome = publish(root, folder, survey, args.odpowiedzi, registry.settings.surveys,
                      build_date(), reviewed=args.otwarte, duplicates_allowed=args.duplikaty)
    if outcome.problems:
        print(format_text(outcome.problems))
    for line in _outcome_lines(root, outcome):
        print(line, file=sys.stderr)
    return 1 if outcome.failed else 0


def _outcome_lines(root: Path, outcome: Outcome) -> list[str]:
    lines = []
    for path in outcome.written:
        lines.append(f"Zapisano {path.relative_to(root)}.")
    counts, protection = outcome.counts, outcome.protection
    if counts is not None and protection is not None:
        share = round(100 * len(protection.hidden) / protection.numbers)
        narrowest = min((i.width for i in protection.intervals.values()), default=None)
        lines.append(f"n = {counts.n}; ukryto {len(protection.hidden)} z {protection.numbers} "
                     f"liczb ({share}%).")
        lines.append(f"Audyt: każda z {protection.protected} małych liczb ma przedział "
                     f"od 0 do co najmniej progu; najwęższy przedział ukrytej liczby ma "
                     f"szerokość {narrowest}.")
    elif counts is not None:
        lines.append(f"n = {counts.n}: za mało odpowiedzi, by opublikować jakiekolwiek "
                     "wyniki; zapisano tylko liczbę odpowiedzi.")
    if outcome.review is not None:
        state = ("już istnieje i zostaje bez zmian (są w nim decyzje z przeglądu)"
                 if outcome.review_kept else "zapisano")
        lines.append(f"Odpowiedzi otwarte ({outcome.awaiting}) czekają na przegląd; plik "
                     f"{outcome.review} {state}. Ustaw w nim „publikuj: true” przy tych, które "
                     "można opublikować, i uruchom polecenie ponownie z --otwarte "
                     f"{outcome.review}. Ten plik też zostaje w urzędzie; do tego czasu "
                     "żadna odpowiedź otwarta nie jest publikowana.")
    return lines


def _audit(root: Path, slugs: list[str], answers: Path | None) -> int:
    registry = load_registry(root)
    results = registry.surveys
    loaded = {s.slug: s for s in (results.loaded if results else ())}
    chosen = slugs or sorted(loaded)
    if answers is not None and len(chosen) != 1:
        print("Z opcją --odpowiedzi podaj kod jednego badania.", file=sys.stderr)
        return 2
    status = 0
    for slug in chosen:
        if slug not in loaded:
            print(f"{SURVEYS_DIR}/{slug}: nie ma opublikowanych wyników tego badania "
                  "(sprawdź: ngosite surveys check).", file=sys.stderr)
            status = 1
            continue
        respondents = None
        if answers is not None:
            problems: list[Problem] = []
            respondents = _read(loaded[slug], answers, problems)
            if respondents is None:
                print(format_text(problems))
                return 1
        report = audit(loaded[slug], registry.settings.surveys, respondents)
        for line in _report_lines(loaded[slug], report):
            print(line)
        if report.failures or report.mismatches:
            status = 1
    return status


def _read(survey: LoadedSurvey, path: Path,
          problems: list[Problem]) -> list[Respondent] | None:
    return read_answers(path, str(path), survey.survey, problems)


def _report_lines(survey: LoadedSurvey, report: AuditReport) -> list[str]:
    lines = [f"{survey.file.rsplit('/', 1)[0]}: {report.numbers} liczb, ukrytych "
             f"{len(survey.published.hidden)}."]
    narrowest = report.narrowest
    if narrowest is not None:
        what = "małej liczby" if report.primary else "ukrytej liczby"
        lines.append(f"  Najwęższy przedział {what}: od {narrowest.low} do "
                     f"{narrowest.high} (szerokość {narrowest.width}).")
    narrow = len(report.narrow)
    if narrow and not report.primary:
        word = plural(narrow, "ukrytą liczbę", "ukryte liczby", "ukrytych liczb")
        lines.append(f"  {narrow} {word} "
                     f"da się umieścić w przedziale węższym niż {report.threshold}: to liczby "
                     "ukryte dla ochrony innych albo małe liczby — bez pliku odpowiedzi nie "
                     "wiadomo; sprawdź z opcją --odpowiedzi.")
    if report.primary:
        if report.failures:
            lines.append(f"  BŁĄD: {len(report.failures)} małych liczb nie jest chronionych:")
            lines += [f"    {describe(survey, k)}: przedział {i.low}–{i.high}"
                      for k, i in report.failures[:20]]
        else:
            lines.append(f"  Każda z {report.primary} małych liczb ma przedział od 0 do co "
                         f"najmniej {report.threshold}: ochrona spełniona.")
    if report.mismatches:
        lines.append(f"  BŁĄD: {len(report.mismatches)} opublikowanych liczb różni się od "
                     "policzonych z tego pliku odpowiedzi: to nie ten plik albo wyniki trzeba "
                     "opublikować ponownie.")
    return lines


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
    lines = [_wave_line(wave, results.settings.group_minimum) for wave in results.waves]
    for study, waves in results.studies().items():
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
    left_out = sorted({f"{b.breakdown.title}: {g.label}" for q in wave.questions
                       for u in q.units for b in u.breakdowns for g in b.left_out})
    groups = "; grupy bez wyników: " + ", ".join(left_out) if left_out else ""
    return f"{wave.file}: n = {wave.n}; ukryte liczby: {hidden} z {len(figures)}{groups}."
