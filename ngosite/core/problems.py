"""One problem type for the whole project, and the ways to print a list of them.

Every stage (load, validate, geocode, render) appends problems instead of raising, so a
contributor sees everything wrong in one go. Messages are in Polish: the people who read
them are NGO volunteers and municipal clerks.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, replace
from enum import StrEnum
from pathlib import Path


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, order=True)
class Problem:
    """Something wrong in a data file, located as precisely as we can.

    ``key`` uses the YAML author's spelling (``adres.kod_pocztowy``, ``kontakt.media[1]``),
    so the message points at what they typed, not at a Python attribute.
    """

    file: str
    line: int
    column: int
    key: str
    message: str
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        label = _LABELS[self.severity]
        where = f"{self.file}:{self.line}:{self.column}"
        field = f"pole „{self.key}”: " if self.key else ""
        return f"{where}: {label}: {field}{self.message}"

    def as_github_annotation(self) -> str:
        """A GitHub Actions workflow command, shown inline on the changed line of a PR."""
        level = {"error": "error", "warning": "warning", "info": "notice"}[self.severity.value]
        text = (f"pole „{self.key}”: " if self.key else "") + self.message
        # Workflow commands end at a newline and treat % specially.
        text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        file = self.file.replace("%", "%25").replace(",", "%2C").replace(":", "%3A")
        return f"::{level} file={file},line={self.line},col={self.column}::{text}"

    def as_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["severity"] = self.severity.value
        return data


_LABELS = {Severity.ERROR: "błąd", Severity.WARNING: "uwaga", Severity.INFO: "informacja"}


# The shared readers and validator point their messages at the NGOs' guide; a data kind with
# a guide of its own re-points them with ``with_guide``.
NGO_GUIDE = "docs/dodaj-organizacje.md"


def with_guide(problem: Problem, guide: str) -> Problem:
    """The same problem, its message pointing at ``guide`` instead of the NGOs' guide."""
    if NGO_GUIDE not in problem.message:
        return problem
    return replace(problem, message=problem.message.replace(NGO_GUIDE, guide))


def relative_name(path: Path, root: Path | None) -> str:
    """The file name as a contributor knows it: relative to the project, with slashes.

    A path found under ``root`` (most: the loaders list the project's folders) is cut as it
    is written; only another one is resolved, which asks the file system for every folder on
    the way (0.7 s of a 10,000-NGO build)."""
    if root is not None:
        if path.is_absolute() == root.is_absolute() and ".." not in path.parts:
            try:
                return path.relative_to(root).as_posix()
            except ValueError:
                pass
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return path.as_posix()


def errors(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity is Severity.ERROR]


def format_text(problems: Iterable[Problem]) -> str:
    """The report for people: one line per problem, sorted by file and line, and a summary."""
    items = sorted(problems)
    if not items:
        return "Wszystkie pliki są poprawne."
    lines = [str(p) for p in items]
    n_errors = len(errors(items))
    n_warnings = sum(p.severity is Severity.WARNING for p in items)
    n_info = len(items) - n_errors - n_warnings
    n_files = len({p.file for p in items})
    lines.append("")
    summary = (f"Znaleziono: {n_errors} {plural(n_errors, 'błąd', 'błędy', 'błędów')}, "
               f"{n_warnings} {plural(n_warnings, 'uwaga', 'uwagi', 'uwag')}")
    if n_info:
        summary += f", {n_info} {plural(n_info, 'informacja', 'informacje', 'informacji')}"
    lines.append(f"{summary} w {n_files} {plural(n_files, 'pliku', 'plikach', 'plikach')}.")
    return "\n".join(lines)


def format_github(problems: Iterable[Problem]) -> str:
    return "\n".join(p.as_github_annotation() for p in sorted(problems))


def format_json(problems: Iterable[Problem]) -> str:
    return json.dumps([p.as_dict() for p in sorted(problems)], ensure_ascii=False, indent=2)


def plural(n: int, one: str, few: str, many: str) -> str:
    """Polish plural form: 1 błąd, 2–4 błędy, 5 błędów (and 22 błędy, 25 błędów)."""
    if n == 1:
        return one
    if n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14):
        return few
    return many


# A reference to a file that failed its own checks: the fix is in that file, not here. Every
# room that refers to another file (fair, events, surveys → an NGO entry) says it with these
# words, so ``summarise_references`` can fold the echoes into one line per kind of file.
_UNPUBLISHED = "ma błędy i nie jest opublikowany; popraw najpierw ten plik"
_UNPUBLISHED_REF = re.compile(r"\((?P<file>[^()\s]+)\) " + re.escape(_UNPUBLISHED))
_PLACES_SHOWN = 5


def unpublished_reference(what: str, file: str) -> str:
    """The message for a reference to ``file``, which has errors (``what`` names the thing,
    e.g. „wpis organizacji „osp-x””)."""
    return f"{what} ({file}) {_UNPUBLISHED}"


def _file_kind(file: str) -> str:
    """The folder that says what kind of file it is: ``data/targi``, ``badania``…"""
    parts = file.split("/")
    return "/".join(parts[:2]) if parts[0] == "data" and len(parts) > 2 else parts[0]


def summarise_references(problems: Iterable[Problem]) -> list[Problem]:
    """One root cause, one message: the references to one broken file from one kind of file
    become one problem (at the first reference, naming the other places), so a single wrong
    date in an NGO entry does not bury its own message under echoes from the fair, the events
    and the surveys that name that NGO."""
    kept: list[Problem] = []
    echoes: dict[tuple[str, str], list[Problem]] = defaultdict(list)
    for problem in problems:
        match = _UNPUBLISHED_REF.search(problem.message)
        if match is None:
            kept.append(problem)
        else:
            echoes[(match["file"], _file_kind(problem.file))].append(problem)
    for (cause, kind), group in echoes.items():
        first, *others = sorted(group)
        if not others:
            kept.append(first)
            continue
        places = ", ".join(f"{p.file}:{p.line}" for p in others[:_PLACES_SHOWN])
        more = len(others) - _PLACES_SHOWN
        places += f" i {more} {plural(more, 'inne', 'inne', 'innych')}" if more > 0 else ""
        kept.append(replace(first, message=(
            f"{first.message}. To samo odwołanie jest jeszcze w {len(others)} "
            f"{plural(len(others), 'miejscu', 'miejscach', 'miejscach')} plików {kind}/ "
            f"({places}); wszystkie znikną po poprawieniu {cause}")))
    return kept


# How every message of a build stopped by the data begins (``ngosite.site.BuildStopped``):
# ``ngosite build`` tells them from MkDocs' own errors. Here, not in ``site``, so that the
# command line need not import the whole site to read them.
CANNOT_BUILD = "Nie można zbudować serwisu"
DATA_HAS_ERRORS = "Dane zawierają błędy"
STOPPED_PREFIXES = (CANNOT_BUILD, DATA_HAS_ERRORS)


class DataError(Exception):
    """The site cannot be built at all: its own settings or locality list are invalid."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems
