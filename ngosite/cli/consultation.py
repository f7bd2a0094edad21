"""``ngosite consultation import [FILE|-]``: turn a comment sent through the form into an entry of
the consultation report. The work is in ``ngosite.consultations.importing``; this prints it.

Staff save the e-mail (its text or the ``.eml`` file), the downloaded ``uwaga-….txt`` or the
issue's body and pass it (``-`` reads standard input, e.g. ``gh issue view 12 --json body -q
.body | ngosite consultation import -``). The command shows every problem the way the build
does, the change to ``dokument.yml`` as a diff, and the resident's personal data only here, for
the office's own register.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from ngosite.consultations.importing import prepare_import
from ngosite.consultations.issue_form import TEMPLATE_FILE, issue_template_yaml
from ngosite.consultations.rules import ImportOptions
from ngosite.core.atomic import write_text_atomically
from ngosite.core.private_files import exposed_in_repository
from ngosite.core.problems import format_text
from ngosite.core.today import build_date
from ngosite.pipeline import load_registry


def add_parser(sub: argparse._SubParsersAction) -> None:
    consultation = sub.add_parser("consultation", help="konsultacje: import uwag z formularza")
    actions = consultation.add_subparsers(dest="consultation_command", required=True)
    command = actions.add_parser(
        "import", help="sprawdź uwagę (e-mail, plik z formularza albo treść zgłoszenia) i "
                       "dopisz ją do uwag wersji w dokument.yml")
    command.add_argument("input", nargs="?", default="-",
                         help="plik z uwagą (.txt, .eml) albo - (standardowe wejście, domyślnie)")
    command.add_argument("--dry-run", action="store_true",
                         help="tylko sprawdź i pokaż zmianę; niczego nie zapisuj")
    command.add_argument("--late", action="store_true",
                         help="uwaga wpłynęła po terminie, a urząd ją rozpatruje "
                              "(zapisze po_terminie: true)")
    command.add_argument("--received", metavar="RRRR-MM-DD",
                         help="data wpływu (np. listu), gdy inna niż data w uwadze")
    command.add_argument("--replace", action="store_true",
                         help="zastąp wcześniej zaimportowaną uwagę o tym samym "
                              "identyfikatorze (poprawka uwagi)")
    command.add_argument("--verbose", action="store_true",
                         help="przy nieoczekiwanym błędzie pokaż jego szczegóły")
    template = actions.add_parser(
        "issue-template", help="wypisz formularz zgłoszenia uwagi na GitHubie")
    template.add_argument("--output", type=Path,
                          help=f"zapisz do pliku (zwykle {TEMPLATE_FILE}) zamiast na ekran")


def run(root: Path, args: argparse.Namespace) -> int:
    if args.consultation_command == "issue-template":
        return _issue_template(args.output)
    received = _date(args.received) if args.received else None
    if args.received and received is None:
        print(f"Data „{args.received}” w --received nie jest datą; wpisz ją jako RRRR-MM-DD, "
              "np. 2026-09-20.", file=sys.stderr)
        return 2
    if args.input == "-":
        raw, source = sys.stdin.buffer.read(), "wejście"
    elif not Path(args.input).is_file():
        print(f"Nie ma pliku {args.input}.", file=sys.stderr)
        return 2
    else:
        exposed = exposed_in_repository(root, Path(args.input))
        if exposed is not None:
            print(_exposed_message(exposed), file=sys.stderr)
            return 2
        raw, source = Path(args.input).read_bytes(), args.input
    registry = load_registry(root)
    outcome = prepare_import(registry, raw, source, build_date(),
                             ImportOptions(late=args.late, received=received),
                             replace=args.replace)
    if outcome.problems:
        print(format_text(outcome.problems))
    if not outcome.ok:
        print("Nie dopisano uwagi: popraw ją (albo poproś nadawcę o poprawioną) i uruchom "
              "polecenie ponownie.", file=sys.stderr)
        return 1
    target, submission = outcome.target, outcome.submission
    assert target is not None and submission is not None
    if outcome.already is not None:
        print(f"Uwaga {submission.identifier} jest już w {target.document.file} (uwaga nr "
              f"{outcome.already} wersji {target.version.number}); nic nie zmieniono.")
        return 0
    if outcome.new_text is None or outcome.path is None:
        return 1
    print(outcome.diff())
    print("Dane do rejestru urzędu (nie trafiają do repozytorium ani do serwisu):")
    print("\n".join(f"  {line}" for line in outcome.register()))
    if args.dry_run:
        print("\nSprawdzono (--dry-run): niczego nie zapisano.", file=sys.stderr)
        return 0
    write_text_atomically(outcome.path, outcome.new_text)
    print(f"\nDopisano uwagę {submission.identifier} do {target.document.file} (wersja "
          f"{target.version.number}). Uzupełnijcie stanowisko i uzasadnienie przed publikacją "
          "raportu; sprawdźcie zmianę (git diff) i zatwierdźcie plik.", file=sys.stderr)
    return 0


def _exposed_message(name: str) -> str:
    return (f"Nie zaimportowano: plik {name} leży w folderze repozytorium i git by go "
            "zatwierdził (git add -A), a uwaga mieszkańca zawiera jego imię, nazwisko i adres "
            "e-mail, które nie mogą trafić do publicznego repozytorium. Przenieś plik poza "
            "repozytorium (np. do ~/Dokumenty/konsultacje/) i podaj tam jego ścieżkę: ngosite "
            "consultation import ~/Dokumenty/konsultacje/uwaga.eml. Jeśli plik był już "
            "zatwierdzony, zgłoś to administratorom: trzeba go usunąć z historii.")


def _issue_template(output: Path | None) -> int:
    text = issue_template_yaml()
    if output is None:
        sys.stdout.write(text)
        return 0
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8")
    return 0


def _date(value: str) -> date | None:
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        return None
