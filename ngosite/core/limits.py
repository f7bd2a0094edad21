"""How big a data file may be, and the Polish message for each limit it breaks.

Every data file comes from someone outside the office (a pull request, a form, an issue), so
its size is untrusted too: a 200 KB file of nested brackets takes a YAML parser minutes
(libyaml is quadratic in flow nesting) or crashes it outright (its composer recurses in C).
Each limit is checked before the expensive step it protects, and each has its own message
saying what to change. The defaults leave real data far behind: the largest NGO entry is about
4 KB with 60 values nested 4 deep; 10,000 NGOs fit the project-wide files with room to spare.
The contribution guide (docs/dodaj-organizacje.md) states them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .problems import Problem

KIB = 1024
MIB = 1024 * KIB


@dataclass(frozen=True)
class YamlLimits:
    max_bytes: int
    max_line: int  # characters in one line
    max_depth: int  # mappings and lists inside each other
    max_items: int  # keys of one mapping, items of one list
    max_values: int  # values in the whole file


# One entry written by one person: an NGO, a fair edition, a document's metadata, an event.
DATA_FILE = YamlLimits(max_bytes=1 * MIB, max_line=10_000, max_depth=20, max_items=5_000,
                       max_values=50_000)
# Files that grow with the whole project (the geocoding cache, the locality list, settings):
# sized for a region of 50,000 NGOs.
PROJECT_FILE = YamlLimits(max_bytes=64 * MIB, max_line=10_000, max_depth=20,
                          max_items=500_000, max_values=5_000_000)
# Files one folder may hold (ngos/, documents/, data/targi/…): a whole region fits.
MAX_FILES_IN_FOLDER = 100_000
# The text of one document version (a 50-page resolution is about 150 KB).
MAX_TEXT_BYTES = 4 * MIB


def _size(n: int) -> str:
    if n >= MIB:
        return f"{n / MIB:.1f} MB".replace(".", ",")
    return f"{n / KIB:.0f} KB"


def too_big(name: str, size: int, limits: YamlLimits) -> Problem:
    return Problem(name, 1, 1, "",
                   f"plik ma {_size(size)}, a plik danych może mieć najwyżej "
                   f"{_size(limits.max_bytes)}; sprawdź, czy to właściwy plik, i usuń z niego "
                   "zbędną treść (długie teksty i załączniki nie należą do pliku danych)")


def line_too_long(name: str, line: int, length: int, limits: YamlLimits) -> Problem:
    return Problem(name, line, limits.max_line + 1, "",
                   f"linia ma {length} znaków, a może mieć najwyżej {limits.max_line}; "
                   "podziel tekst na kilka linii (długi tekst zapisz jako blok: „opis: |” "
                   "i tekst w kolejnych liniach z wcięciem)")


def too_deep(name: str, line: int, column: int, limits: YamlLimits) -> Problem:
    return Problem(name, line, column, "",
                   f"dane są zagnieżdżone zbyt głęboko (ponad {limits.max_depth} poziomów list "
                   "i pól w sobie); sprawdź nawiasy [ ] i { } oraz wcięcia w tym miejscu")


def too_many_items(name: str, line: int, column: int, key: str, limits: YamlLimits) -> Problem:
    return Problem(name, line, column, key,
                   f"lista albo grupa pól ma ponad {limits.max_items} elementów; tak dużych "
                   "danych nie wpisuje się w jednym pliku — sprawdź, czy plik nie został "
                   "wklejony kilka razy")


def too_many_values(name: str, line: int, column: int, limits: YamlLimits) -> Problem:
    return Problem(name, line, column, "",
                   f"plik zawiera ponad {limits.max_values} wartości; tak dużych danych nie "
                   "wpisuje się w jednym pliku — sprawdź, czy plik nie został wklejony kilka razy")


def too_many_files(folder: str, count: int, limit: int = MAX_FILES_IN_FOLDER) -> Problem:
    return Problem(folder, 1, 1, "",
                   f"w folderze jest {count} plików danych, a serwis czyta najwyżej {limit}; "
                   "sprawdź, czy nie skopiowano do niego innych plików")


def capped(paths: list[Path], folder: str, problems: list[Problem],
           limit: int = MAX_FILES_IN_FOLDER) -> list[Path]:
    """The first ``limit`` files of a folder (in the order given), with a problem if there
    are more: the others are not read, and the message says why."""
    if len(paths) <= limit:
        return paths
    problems.append(too_many_files(folder, len(paths), limit))
    return paths[:limit]


def text_too_big(name: str, size: int, limit: int = MAX_TEXT_BYTES) -> Problem:
    return Problem(name, 1, 1, "",
                   f"plik ma {_size(size)}, a tekst jednej wersji dokumentu może mieć najwyżej "
                   f"{_size(limit)}; sprawdź, czy to właściwy plik")
