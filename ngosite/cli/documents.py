"""``ngosite documents checksum``: show, and on request record, the checksums of versions.

Staff run it once a new version's text is final: ``--write`` records the checksum of every
version that has none, and from then on the build refuses any change to that text. A version
whose text no longer matches its checksum is never rewritten: the command reports it and exits
with 1, because the fix is to restore the text and publish a new version.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ngosite.core.problems import format_text
from ngosite.documents.checksum import record_missing, scan


def add_parser(sub: argparse._SubParsersAction) -> None:
    documents = sub.add_parser("documents", help="dokumenty konsultowane: sumy kontrolne wersji")
    actions = documents.add_subparsers(dest="documents_command", required=True)
    checksum = actions.add_parser(
        "checksum", help="wypisz sumy kontrolne wersji; z --write zapisz brakujące")
    checksum.add_argument("--write", action="store_true",
                          help="zapisz w dokument.yml sumy kontrolne nowych wersji")


def run(root: Path, args: argparse.Namespace) -> int:
    rows, problems = scan(root)
    if problems:
        print(format_text(problems))
        return 1
    written = {row.file for row in record_missing(root)} if args.write else set()
    for row in rows:
        state = "zapisano teraz" if row.file in written else row.state
        print(f"{row.file}\t{row.actual or '-'}\t{state}")
    if not rows:
        print("Brak dokumentów w documents/.", file=sys.stderr)
    mismatched = [row for row in rows if row.state == "NIEZGODNA"]
    missing = [row for row in rows if row.state == "nowa" and row.file not in written]
    if mismatched:
        print(f"\nTekst {len(mismatched)} opublikowanych wersji zmienił się po publikacji. "
              "Przywróć go (git checkout -- plik), a poprawkę opublikuj jako nową wersję.",
              file=sys.stderr)
        return 1
    if missing:
        print(f"\nWersje bez sumy kontrolnej: {len(missing)}. Gdy ich tekst jest gotowy do "
              "publikacji, uruchom: ngosite documents checksum --write", file=sys.stderr)
    return 0
