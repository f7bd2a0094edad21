"""The ``ngosite`` command: validate the data, export the JSON Schema, build or preview the site,
start a new gmina's project, and the subcommands of the rooms (geocode, documents, surveys,
issues).

It prints problems for people (default), as GitHub Actions annotations (inline on a pull
request's changed lines) or as JSON for other hosts. It never shows a Python traceback to an
NGO volunteer: an unexpected failure becomes a short Polish message (set NGOSITE_DEBUG=1 to see
the traceback).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import traceback
from pathlib import Path

from ngosite.cli import consultation as consultation_command
from ngosite.cli import documents as documents_command
from ngosite.cli import events as events_command
from ngosite.cli import geocode as geocode_command
from ngosite.cli import init as init_command
from ngosite.cli import issues as issue_command
from ngosite.cli import krs as krs_command
from ngosite.cli import site_build as site_command
from ngosite.cli import surveys as surveys_command
from ngosite.core.atomic import write_text_atomically
from ngosite.core.problems import DataError, format_github, format_json, format_text
from ngosite.core.today import BadBuildDate
from ngosite.geo.online import OnlineNotAllowed
from ngosite.krs.client import NotAllowed as RegisterNotAllowed
from ngosite.organisations.schema import schema_json
from ngosite.pipeline import load_registry

FORMATTERS = {"text": format_text, "github": format_github, "json": format_json}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ngosite",
        description="Serwis organizacji pozarządowych gminy: nowy serwis, budowanie, podgląd, "
                    "sprawdzanie danych.",
    )
    parser.add_argument("--root", type=Path, default=Path.cwd(),
                        help="katalog projektu (z ngos/ i data/); domyślnie bieżący")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("validate", help="sprawdź wszystkie pliki danych i wypisz problemy")
    check.add_argument("--format", choices=sorted(FORMATTERS), default="text",
                       help="text: dla ludzi; github: adnotacje GitHub Actions; json")
    geo = sub.add_parser("geocode", help="uzupełnij pamięć geokodowania o nowe adresy")
    geo.add_argument("--online", action="store_true",
                     help="pytaj serwer Nominatim (1 zapytanie/s); bez tej opcji tylko lista")
    geo.add_argument("--retry-missing", action="store_true",
                     help="zapytaj ponownie o adresy, których serwer wcześniej nie znalazł")
    geo.add_argument("--verbose", action="store_true",
                     help="pokaż szczegóły błędów serwera (dla administratorów)")
    schema = sub.add_parser("schema", help="wypisz JSON Schema wpisu organizacji")
    schema.add_argument("--output", type=Path, help="zapisz do pliku zamiast na ekran")
    documents_command.add_parser(sub)
    events_command.add_parser(sub)
    consultation_command.add_parser(sub)
    surveys_command.add_parser(sub)
    issue_command.add_parsers(sub)
    krs_command.add_parser(sub)
    site_command.add_parsers(sub)
    init_command.add_parser(sub)
    return parser


def _validate(root: Path, fmt: str) -> int:
    try:
        registry = load_registry(root)
        problems = registry.problems
        n_valid = len(registry.entries)
    except DataError as exc:
        problems = tuple(exc.problems)
        n_valid = 0
    print(FORMATTERS[fmt](problems))
    if fmt == "text":
        print(f"Poprawne wpisy organizacji: {n_valid}.", file=sys.stderr)
    return 1 if any(p.severity.value == "error" for p in problems) else 0


def _schema(output: Path | None) -> int:
    text = schema_json()
    if output:
        write_text_atomically(output, text)
    else:
        sys.stdout.write(text)
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "validate":
            return _validate(args.root, args.format)
        if args.command == "geocode":
            if args.verbose:
                logging.basicConfig(level=logging.INFO, format="%(name)s: %(message)s")
            return geocode_command.run(args.root, online=args.online,
                                       retry_missing=args.retry_missing, verbose=args.verbose)
        if args.command == "documents":
            return documents_command.run(args.root, args)
        if args.command == "events":
            return events_command.run(args.root, args)
        if args.command == "consultation":
            return consultation_command.run(args.root, args)
        if args.command == surveys_command.COMMAND:
            return surveys_command.run(args.root, args)
        if args.command in issue_command.COMMANDS:
            return issue_command.run(args.root, args)
        if args.command == krs_command.COMMAND:
            return krs_command.run(args.root, args)
        if args.command == init_command.COMMAND:
            return init_command.run(args)
        if args.command in site_command.COMMANDS:
            return site_command.run(args.root, args)
        return _schema(args.output)
    except OnlineNotAllowed as exc:
        print(f"Nie można geokodować online: {exc}", file=sys.stderr)
        return 2
    except BadBuildDate as exc:  # checked only when a command needs the date, hence here
        print(f"Nie można ustalić daty: {exc}.", file=sys.stderr)
        return 2
    except RegisterNotAllowed as exc:
        print(f"Nie można pytać rejestru KRS: {exc}", file=sys.stderr)
        return 2
    except DataError as exc:
        print(format_text(exc.problems))
        return 1
    except KeyboardInterrupt:
        print("\nPrzerwano. Pobrane dotąd wyniki są zapisane; uruchom polecenie ponownie, aby "
              "dokończyć.", file=sys.stderr)
        return 130
    except Exception:
        if os.environ.get("NGOSITE_DEBUG") or getattr(args, "verbose", False):
            traceback.print_exc()
        print("Nieoczekiwany błąd programu (to nie jest błąd w Twoich danych). Zgłoś go "
              "administratorom serwisu; szczegóły pokaże uruchomienie z NGOSITE_DEBUG=1 "
              "(albo z --verbose).",
              file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
