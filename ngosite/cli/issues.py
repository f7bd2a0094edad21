"""``ngosite issue-to-yaml`` and ``ngosite issue-template``: the issue path for staff.

An NGO without git fills in the issue form (or pastes the file the site's form made); a clerk
saves the issue's text and runs ``ngosite issue-to-yaml issue.md`` (or pipes it in with ``-``):
the entry is checked with the build's rules and, when it passes, written to ``ngos/<slug>.yml``,
ready to commit.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ngosite.contributing.issue_form import TEMPLATE_FILE, issue_template_yaml
from ngosite.contributing.issue_to_yaml import convert
from ngosite.core.atomic import write_text_atomically
from ngosite.core.problems import format_json, format_text
from ngosite.core.today import build_date
from ngosite.pipeline import load_registry

COMMANDS = ("issue-to-yaml", "issue-template")


def add_parsers(sub: argparse._SubParsersAction) -> None:
    issue = sub.add_parser(
        "issue-to-yaml", help="zamień treść zgłoszenia (formularz zgłoszenia na GitHubie) na "
                              "sprawdzony plik ngos/<adres>.yml")
    issue.add_argument("issue", help="plik z treścią zgłoszenia albo - (standardowe wejście)")
    issue.add_argument("--output", help="gdzie zapisać plik (domyślnie ngos/<adres>.yml; "
                                        "- wypisuje go na ekran)")
    issue.add_argument("--format", choices=("text", "json"), default="text",
                       help="jak wypisać problemy: text (dla ludzi) albo json")
    template = sub.add_parser("issue-template",
                              help="wypisz formularz zgłoszenia GitHub wygenerowany z modelu")
    template.add_argument("--output", type=Path,
                          help=f"zapisz do pliku (zwykle {TEMPLATE_FILE}) zamiast na ekran")


def run(root: Path, args: argparse.Namespace) -> int:
    registry = load_registry(root)
    if args.command == "issue-template":
        text = issue_template_yaml(registry.gazetteer)
        if args.output:
            write_text_atomically(args.output, text)
        else:
            sys.stdout.write(text)
        return 0
    source = "zgłoszenie" if args.issue == "-" else args.issue
    body = sys.stdin.read() if args.issue == "-" else Path(args.issue).read_text(
        encoding="utf-8-sig")
    existing = {entry.slug: entry.org for entry in registry}
    result = convert(body, source, registry.gazetteer, build_date(), existing)
    if result.problems:
        formatter = format_json if args.format == "json" else format_text
        print(formatter(result.problems), file=sys.stderr if args.output == "-" else sys.stdout)
    if not result.ok or result.text is None:
        print("Nie zapisano pliku: popraw zgłoszenie (albo poproś organizację o poprawki) i "
              "uruchom polecenie ponownie.", file=sys.stderr)
        return 1
    if args.output == "-":
        sys.stdout.write(result.text)
        return 0
    target = Path(args.output) if args.output else root / "ngos" / f"{result.slug}.yml"
    existed = target.exists()
    write_text_atomically(target, result.text)
    what = "zmieniono istniejący wpis" if existed else "nowy wpis"
    print(f"Zapisano {target} ({what}). Sprawdź zmiany (git diff) i zatwierdź plik.",
          file=sys.stderr)
    return 0
