"""``ngosite krs import <KRS>…`` and ``ngosite krs check``: the register, for staff.

Thin: arguments, the client and the output streams; the work is in ``ngosite.krs``.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from ngosite.core.atomic import write_text_atomically
from ngosite.core.problems import format_github, format_text
from ngosite.core.today import build_date
from ngosite.krs.checking import CheckRun, check_registry, planned_changes, summary
from ngosite.krs.client import NotAllowed, RegisterClient, client_settings
from ngosite.krs.importing import clean_numbers, import_numbers
from ngosite.organisations.registry import Registry
from ngosite.pipeline import load_registry

COMMAND = "krs"


def add_parser(sub: argparse._SubParsersAction) -> None:
    krs = sub.add_parser("krs", help="rejestr KRS: import wpisów i comiesięczne sprawdzanie")
    actions = krs.add_subparsers(dest="krs_command", required=True)
    importing = actions.add_parser("import", help="utwórz wpisy ngos/<adres>.yml z odpisów KRS")
    importing.add_argument("numbers", nargs="+", metavar="KRS", help="numery KRS (10 cyfr)")
    check = actions.add_parser("check", help="porównaj wpisy z numerem KRS z rejestrem")
    check.add_argument("--format", choices=("text", "github"), default="text",
                       help="text: dla ludzi; github: adnotacje GitHub Actions")
    check.add_argument("--report", type=Path,
                       help="zapisz też raport tekstowy do pliku (np. treść zgłoszenia)")
    check.add_argument("--update", action="store_true",
                       help="wpisz do plików fakty z rejestru (nigdy opisów), po pokazaniu zmian")
    check.add_argument("--tak", action="store_true",
                       help="z --update: zapisz bez pytania o potwierdzenie")


def run(root: Path, args: argparse.Namespace, client: RegisterClient | None = None) -> int:
    registry = load_registry(root)
    try:
        client = client or RegisterClient(client_settings(registry.settings), progress=_err)
    except NotAllowed as exc:
        _not_allowed_report(args, str(exc))
        raise
    today = build_date()
    if args.krs_command == "import":
        return _import(root, registry, client, args.numbers, today)
    outcome = check_registry(registry, client, _err)
    total = sum(1 for e in registry.entries if e.org.identifiers.krs)
    text = format_text(outcome.problems) if outcome.problems else "Brak zmian w rejestrze."
    report = f"{text}\n\n{summary(outcome, total)}\n"
    if args.report:
        write_text_atomically(args.report, report)
    if args.format == "github":
        print(format_github(outcome.problems))
        print(f"::notice::{summary(outcome, total)}")
    else:
        print(report, end="")
    if args.update:
        _update(registry, outcome, today, confirmed=args.tak)
    return 2 if outcome.not_asked else (1 if outcome.problems else 0)


def _import(root: Path, registry: Registry, client: RegisterClient, raw: list[str],
            today: date) -> int:
    """Exit 0 only when every number was imported (or was already there) cleanly; 1 when one
    needs a look (refused, failed, an organisation in liquidation); 2 when nothing was asked."""
    numbers, refused = clean_numbers(raw, _err)
    if not numbers:
        print("Nie podano żadnego poprawnego numeru KRS; nie zapytano rejestru.", file=sys.stderr)
        return 2
    outcome = import_numbers(root, numbers, client, registry.gazetteer, today, print, _err)
    print(f"Zapisane wpisy: {len(outcome.written)}. Sprawdź je (git diff), poproś "
          "organizacje o opis i zatwierdź pliki.", file=sys.stderr)
    attention = refused or outcome.failed or outcome.not_asked or outcome.flagged
    return 1 if attention else 0


def _not_allowed_report(args: argparse.Namespace, reason: str) -> None:
    """The monthly workflow turns the report into an issue: when the register may not be asked
    (no contact set), the report says why instead of being missing."""
    if args.krs_command != "check":
        return
    text = f"Nie sprawdzono wpisów w KRS: {reason}."
    if args.report:
        write_text_atomically(args.report, text + "\n")
    if args.format == "github":
        print(f"::error::{text}")


def _update(registry: Registry, outcome: CheckRun, today: date, *, confirmed: bool) -> None:
    planned = planned_changes(registry, outcome, today)
    if not planned:
        print("Nie ma czego zmienić w plikach.")
        return
    for _path, diff, _text, errors in planned:
        print(diff, end="")
        for problem in errors:
            print(f"  nie zapiszę: {problem}")
    writable = [(path, text) for path, _diff, text, errors in planned if not errors]
    if not confirmed and not _ask(f"Zapisać zmiany w {len(writable)} plikach? [t/N] "):
        print("Nie zapisano zmian (z --tak zapiszesz je bez pytania).")
        return
    for path, text in writable:
        write_text_atomically(path, text)
        print(f"Zapisano {path.relative_to(registry.root).as_posix()}.")


def _ask(question: str) -> bool:
    if not sys.stdin.isatty():
        return False
    return input(question).strip().lower() in ("t", "tak", "y")


def _err(text: str) -> None:
    print(text, file=sys.stderr)
