"""``ngosite build`` and ``ngosite serve``: MkDocs run for a clerk.

The same build as ``mkdocs build --strict`` (the hook in the project's ``hooks/`` does the
work), but every line on the screen is Polish (``mkdocs_log``), MkDocs' own closing lines
("Aborted with a BuildError!") are replaced by one Polish sentence, and no traceback reaches
the clerk. MkDocs is imported only here, when the command runs.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ngosite.cli import mkdocs_log
from ngosite.core.problems import plural

COMMANDS = ("build", "serve")
CONFIG = "mkdocs.yml"


def add_parsers(sub: argparse._SubParsersAction) -> None:
    build = sub.add_parser("build", help="zbuduj serwis (tryb ścisły: każdy błąd zatrzymuje)")
    build.add_argument("-d", "--site-dir", type=Path, default=None,
                       help="folder, do którego trafi serwis; domyślnie site/ w folderze "
                            "projektu")
    serve = sub.add_parser("serve", help="podgląd serwisu na żywo w przeglądarce")
    serve.add_argument("-a", "--dev-addr", default="127.0.0.1:8000",
                       help="adres podglądu; domyślnie 127.0.0.1:8000")


def run(root: Path, args: argparse.Namespace) -> int:
    config = root / CONFIG
    if not config.is_file():
        print(f"W folderze {root.resolve()} nie ma pliku {CONFIG}: uruchom polecenie w folderze "
              "serwisu (tam, gdzie „ngosite init” zapisał pliki) albo wskaż go opcją "
              "--root FOLDER.", file=sys.stderr)
        return 2
    # mkdocs-material prints an English banner about MkDocs 2.0 unless told not to.
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    handler = mkdocs_log.install()
    if args.command == "serve":
        return _serve(config, args.dev_addr, handler)
    return _build(config, args.site_dir, handler)


def _build(config_file: Path, site_dir: Path | None, handler: mkdocs_log.PolishLogHandler) -> int:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    options = {"site_dir": str(site_dir.resolve())} if site_dir else {}
    try:
        config = load_config(str(config_file), strict=True, **options)
        build(config)
    except ConfigurationError:
        print(f"Serwis nie został zbudowany: plik {CONFIG} ma błędy (opisane wyżej). Popraw je "
              "i uruchom „ngosite build” ponownie.", file=sys.stderr)
        return 1
    except Abort:
        print(_stopped(handler), file=sys.stderr)
        return 1
    print(f"Gotowe: serwis jest w folderze {config.site_dir}. Podgląd na żywo: „ngosite serve”.",
          file=sys.stderr)
    return 0


def _stopped(handler: mkdocs_log.PolishLogHandler) -> str:
    problems = handler.problems
    if handler.data_errors:
        return ("Serwis nie został zbudowany: popraw pliki danych wskazane wyżej (plik, wiersz, "
                "pole i jak poprawić) i uruchom „ngosite build” ponownie.")
    if problems:
        described = plural(problems, "problem opisany", "problemy opisane", "problemów opisanych")
        return (f"Serwis nie został zbudowany: popraw {problems} {described} wyżej (każdy "
                "wskazuje plik i wiersz) i uruchom „ngosite build” ponownie.")
    return ("Serwis nie został zbudowany (powód opisano wyżej). Popraw go i uruchom "
            "„ngosite build” ponownie.")


def _serve(config_file: Path, address: str, handler: mkdocs_log.PolishLogHandler) -> int:
    from mkdocs.commands.serve import serve
    from mkdocs.exceptions import Abort, ConfigurationError

    try:
        # Not strict: a broken data file is reported, and every valid entry stays on view.
        serve(str(config_file), dev_addr=address, strict=False)
    except ConfigurationError:
        print(f"Podgląd się nie uruchomił: plik {CONFIG} ma błędy (opisane wyżej).",
              file=sys.stderr)
        return 1
    except Abort:
        print("Podgląd się nie uruchomił (powód opisano wyżej).", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"Podgląd się nie uruchomił: adres {address} jest zajęty albo niedostępny "
              f"({exc.strerror}). Zamknij inny podgląd albo podaj inny adres, np. "
              "„ngosite serve -a 127.0.0.1:8001”.", file=sys.stderr)
        return 1
    return 0
