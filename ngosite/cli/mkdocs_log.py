"""MkDocs' log lines as a clerk reads them: in Polish, or in English followed by what to do.

``ngosite build`` and ``ngosite serve`` run MkDocs in this process and print its log through
``PolishLogHandler``. MkDocs' own routine lines (cleaning, building, serving) are translated;
our hook's lines are Polish already and are printed as they are; any other English line (a
warning from MkDocs or the theme we have not met) is printed with a Polish sentence after it,
so a clerk always learns whether the site was built and where to look.
"""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Callable
from typing import TextIO

from ngosite.core.problems import STOPPED_PREFIXES

# MkDocs' own lines, translated. Each pattern is the whole English message.
_TRANSLATIONS: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = [
    (re.compile(r"Cleaning site directory"), lambda m: "Czyszczę folder serwisu."),
    (re.compile(r"Building documentation to directory: (?P<dir>.+)"),
     lambda m: f"Buduję serwis w folderze {m['dir']}"),
    (re.compile(r"Building documentation\.\.\."), lambda m: "Buduję serwis…"),
    (re.compile(r"Documentation built in (?P<s>[\d.]+) seconds"),
     lambda m: f"Serwis zbudowany w {m['s'].replace('.', ',')} s."),
    (re.compile(r"Serving on (?P<url>\S+)(?: and opening it in a browser)?"),
     lambda m: f"Podgląd serwisu: {m['url']} (otwórz w przeglądarce; zatrzymanie: Ctrl+C)"),
    (re.compile(r"Watching paths for changes: (?P<paths>.+)"),
     lambda m: f"Po każdej zmianie w plikach ({m['paths']}) podgląd odświeży się sam."),
    (re.compile(r"Detected file changes"),
     lambda m: "Pliki się zmieniły: buduję podgląd ponownie."),
    (re.compile(r"Reloading browsers"), lambda m: "Odświeżam podgląd w przeglądarce."),
    (re.compile(r"Shutting down\.\.\."), lambda m: "Zatrzymuję podgląd."),
    (re.compile(r"Browser connected: .*"), lambda m: ""),
    (re.compile(r"The directory contains stale files\..*"), lambda m: ""),
    (re.compile(r"Doc file '(?P<page>[^']+)' contains a link '(?P<link>[^']+)', but the target "
                r"(?:'[^']*' )?is not found among documentation files\..*"),
     lambda m: f"docs/{m['page']}: odnośnik „{m['link']}” prowadzi do strony, której nie ma "
               "w serwisie; popraw go albo usuń."),
    (re.compile(r"A reference to '(?P<page>[^']+)' is included in the 'nav' configuration, "
                r"which is not found in the documentation files\.?"),
     lambda m: f"mkdocs.yml: menu (nav) wymienia stronę „{m['page']}”, której nie ma w docs/; "
               "popraw nazwę pliku w menu albo dodaj stronę."),
]

_HOOK_LOGGER = "mkdocs.hooks"
_TIME = re.compile(r"^\[\d\d:\d\d:\d\d\] ")
_EXPLAIN = {
    logging.WARNING: ("To ostrzeżenie programu MkDocs (po angielsku, powyżej). Budowanie "
                      "zatrzyma się na nim: popraw wskazany plik w docs/ albo mkdocs.yml; jeśli "
                      "nie wiesz jak, przekaż ten komunikat administratorowi serwisu."),
    logging.ERROR: ("To błąd programu MkDocs (po angielsku, powyżej): serwis nie został "
                    "zbudowany. Popraw wskazany plik albo przekaż ten komunikat administratorowi "
                    "serwisu."),
}


def polish_line(record: logging.LogRecord) -> str | None:
    """The line to print for one log record (None: nothing)."""
    text = record.getMessage()
    if record.name.startswith(_HOOK_LOGGER):
        return text  # our own messages: Polish, located, with the fix
    if text.startswith(STOPPED_PREFIXES):
        return text  # the hook stopped the build: MkDocs repeats our Polish message
    text = _TIME.sub("", text)  # the live-reload server stamps its lines "[12:30:05] "
    for pattern, translate in _TRANSLATIONS:
        match = pattern.fullmatch(text.strip())
        if match:
            translated = translate(match)
            return _labelled(record.levelno, translated) if translated else None
    if record.levelno < logging.WARNING:
        return None  # MkDocs' and the theme's routine notes: nothing a clerk acts on
    return f"{_labelled(record.levelno, text)}\n  {_EXPLAIN[min(record.levelno, logging.ERROR)]}"


def _labelled(level: int, text: str) -> str:
    if level >= logging.ERROR:
        return f"BŁĄD: {text}"
    if level >= logging.WARNING:
        return f"UWAGA: {text}"
    return text


class PolishLogHandler(logging.Handler):
    """Prints MkDocs' log in Polish and counts the warnings and errors it printed."""

    def __init__(self, stream: TextIO | None = None) -> None:
        super().__init__(logging.INFO)
        self.stream = stream or sys.stderr
        self.problems = 0
        self.data_errors = False

    def emit(self, record: logging.LogRecord) -> None:
        line = polish_line(record)
        if record.getMessage().startswith(STOPPED_PREFIXES):
            self.data_errors = True
        elif record.levelno >= logging.WARNING:
            self.problems += 1
        if line:
            print(line, file=self.stream, flush=True)


def install(stream: TextIO | None = None) -> PolishLogHandler:
    """Route the ``mkdocs`` loggers (and the theme's) through one Polish handler."""
    handler = PolishLogHandler(stream)
    for name in ("mkdocs", "material"):
        logger = logging.getLogger(name)
        logger.handlers[:] = [handler]
        logger.setLevel(logging.INFO)
        logger.propagate = False
    return handler
