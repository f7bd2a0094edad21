"""``ngosite init FOLDER``: a new gmina's project, from the office's files and answers.

Reads the boundary and the localities first (a wrong file is the likeliest mistake, and it
should stop the command before anything is written), asks for what is missing when run in a
terminal, writes the folder, then reads it back as the build would and says what is next.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import fields
from pathlib import Path

from ngosite.core.problems import DataError, errors, format_text
from ngosite.pipeline import load_registry
from ngosite.project.answers import QUESTIONS, Answers, MissingAnswers, complete
from ngosite.project.boundary import read_boundary
from ngosite.project.localities import merge, read_places
from ngosite.project.vector import SourceError
from ngosite.project.writer import NewProject, check_folder, write_project

COMMAND = "init"


def add_parser(sub: argparse._SubParsersAction) -> None:
    init = sub.add_parser(COMMAND, help="załóż serwis nowej gminy w nowym folderze",
                          description="Zakłada serwis nowej gminy. Czego nie podasz w opcjach, "
                                      "o to polecenie zapyta (w terminalu).")
    init.add_argument("folder", type=Path, help="nowy (albo pusty) folder serwisu")
    for question in QUESTIONS:
        init.add_argument(question.option, dest=f"answer_{question.field}", default="",
                          metavar="TEKST", help=question.prompt)
    init.add_argument("--granica", "--boundary", dest="boundary", type=Path,
                      help="granica gminy: GeoJSON albo wyciąg z PRG (GML, Shapefile, ZIP)")
    init.add_argument("--miejscowosci", "--localities", dest="localities", type=Path,
                      action="append", default=[],
                      help="miejscowości: CSV nazwa,szerokosc,dlugosc[,simc], lista SIMC "
                           "z TERYT albo wyciąg z PRNG; można podać kilka (kolejne "
                           "uzupełniają punkty i SIMC)")
    init.add_argument("--z-przykladem", "--with-sample", dest="with_sample",
                      action="store_true", help="dodaj jeden przykładowy wpis organizacji")


def run(args: argparse.Namespace, interactive: bool | None = None) -> int:
    interactive = sys.stdin.isatty() if interactive is None else interactive
    ask = input if interactive else None
    answers = Answers(**{f.name: getattr(args, f"answer_{f.name}", "") or ""
                         for f in fields(Answers)})
    try:
        check_folder(args.folder)
        complete(answers, ask)
        boundary = args.boundary or _ask_path(ask, "Plik z granicą gminy (GeoJSON albo PRG)",
                                              "--granica")
        outline = read_boundary(boundary, answers.teryt)
        sources = args.localities or [_ask_path(
            ask, "Plik z miejscowościami (CSV, SIMC albo PRNG)", "--miejscowosci")]
        places = merge(read_places(path, answers.teryt, answers.name, outline)
                       for path in sources)
        written = write_project(NewProject(
            args.folder, answers, outline, f"plik {boundary.name}", places,
            [p.name for p in sources], args.with_sample))
    except (MissingAnswers, SourceError) as exc:
        print(f"Nie założono serwisu: {exc}", file=sys.stderr)
        return 2
    print(f"Założono serwis {answers.name} w folderze {args.folder}: {len(written)} plików, "
          f"{len(places)} miejscowości ({sum(p.point is None for p in places)} bez punktu).")
    return _check(args.folder)


def _ask_path(ask, prompt: str, option: str) -> Path:  # type: ignore[no-untyped-def]
    if ask is None:
        raise MissingAnswers(f"brakuje danych:\n  {option}: {prompt.lower()}")
    while True:
        path = Path(ask(f"{prompt}: ").strip().strip("'\""))
        if path.is_file():
            return path
        print(f"  nie ma pliku {path}; podaj ścieżkę jeszcze raz")


def _check(folder: Path) -> int:
    """Read the new project as the build does: it must load without an error."""
    try:
        registry = load_registry(folder)
        problems = registry.problems
    except DataError as exc:
        problems = tuple(exc.problems)
    if errors(problems):
        print(format_text(problems), file=sys.stderr)
        print("Pliki powstały, ale mają błędy (wyżej); popraw je i uruchom „ngosite build”.",
              file=sys.stderr)
        return 1
    print(f"Dalej: cd {folder} && ngosite build   (potem: ngosite serve — podgląd w "
          "przeglądarce). Przewodnik: docs/nowa-gmina.md w repozytorium programu.")
    return 0
