"""Read ``odpowiedzi.csv``: one row per respondent, one column per question or demographic.

The file comes from a survey tool or a spreadsheet, so it is read forgivingly where nothing can
be lost (``;`` or ``,`` between columns, a BOM, spaces around codes) and strictly everywhere
else: every bad cell is a Polish problem naming the line of the file (a quoted cell may span
lines; the row's first line counts), the column and what to write instead
("wiersz 57, kolumna q4: „7” poza skalą 1–5"). Nothing that looks like personal data is
accepted: a name-like or contact-like column refuses the whole file, and an open answer with
an e-mail address or a phone number must be replaced by ``[ukryto: powód]``. The file itself
stays with the office (``publish``); only protected results reach the repository.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from ngosite.core.folding import fold
from ngosite.core.problems import Problem

from .model import Question, Survey
from .personal_data import personal_column, personal_data_in

MAX_ROWS = 20_000
MAX_OPEN_ANSWER = 2_000
MULTI_SEPARATOR = "|"
_HIDDEN = re.compile(r"\[ukryto(?::\s*([^\]]*))?\]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")



@dataclass(frozen=True)
class OpenAnswer:
    text: str | None  # None when hidden
    hidden_reason: str | None = None


Answer = tuple[str, ...] | OpenAnswer | None  # codes chosen; an open answer; no answer


@dataclass(frozen=True)
class Respondent:
    line: int
    demographics: Mapping[str, str | None]
    answers: Mapping[str, Answer]


def read_answers(path: Path, name: str, survey: Survey,
                 problems: list[Problem]) -> list[Respondent] | None:
    """Every respondent of the file; None (with the problems added) when it cannot be read."""
    text = _decode(path, name, problems)
    if text is None:
        return None
    delimiter = ";" if text.split("\n", 1)[0].count(";") >= text.split("\n", 1)[0].count(",") \
        else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        problems.append(_broken_csv(name, reader.line_num or 1, exc))
        return None
    if not header or not any(h.strip() for h in header):
        problems.append(Problem(name, 1, 1, "", "plik odpowiedzi jest pusty; pierwszy wiersz "
                                "to nazwy kolumn (kody pytań i metryczki), kolejne — odpowiedzi"))
        return None
    known = _check_header(name, [h.strip() for h in header], survey, problems)
    if known is None:
        return None
    columns = _columns(known, survey)
    respondents = _respondents(name, reader, header, columns, problems)
    if respondents is None:
        return None
    if not respondents:
        problems.append(Problem(name, 1, 1, "", "plik nie zawiera żadnej poprawnej odpowiedzi"))
    return respondents


def _respondents(name: str, reader: Iterator[list[str]], header: list[str],
                 columns: dict[int, _Column], problems: list[Problem]) -> list[Respondent] | None:
    """Every valid row; None when the file stops being CSV part-way (the rest of the file
    cannot be trusted to be split into the right rows)."""
    respondents: list[Respondent] = []
    line = reader.line_num + 1  # type: ignore[attr-defined]
    try:
        for row in reader:
            if len(respondents) >= MAX_ROWS:
                problems.append(Problem(name, line, 1, "", f"plik ma więcej niż {MAX_ROWS} "
                                        "odpowiedzi; podziel badanie albo skontaktuj się z "
                                        "zespołem"))
                break
            if any(cell.strip() for cell in row):
                respondent = _row(name, line, row, header, columns, problems)
                if respondent is not None:
                    respondents.append(respondent)
            line = reader.line_num + 1  # type: ignore[attr-defined]
    except csv.Error as exc:
        problems.append(_broken_csv(name, line, exc))
        return None
    return respondents


def _broken_csv(name: str, line: int, exc: csv.Error) -> Problem:
    reason = ("komórka ma ponad 131 072 znaków, zwykle dlatego, że brakuje cudzysłowu "
              "zamykającego" if "field limit" in str(exc) else
              "tego wiersza nie da się podzielić na kolumny (sprawdź cudzysłowy)")
    return Problem(name, line, 1, "", f"wiersz {line}: {reason}; popraw plik, a potem "
                   "sprawdź go ponownie (dalsza część pliku nie została odczytana)")


def _decode(path: Path, name: str, problems: list[Problem]) -> str | None:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        problems.append(Problem(name, 1, 1, "", f"nie można odczytać pliku ({exc.strerror})"))
        return None
    try:
        return raw.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        problems.append(Problem(
            name, line, column, "", f"wiersz {line}, znak {column}: plik nie jest zapisany w "
            "kodowaniu UTF-8 (np. Excel zapisał go w Windows-1250); zapisz go ponownie jako "
            "„CSV UTF-8 (rozdzielany przecinkami)”"))
        return None


def _check_header(name: str, header: list[str], survey: Survey,
                  problems: list[Problem]) -> dict[int, str] | None:
    """Column index → question or demographic id; None when the file must be refused."""
    personal = [(i, h) for i, h in enumerate(header) if personal_column(h)]
    for i, h in personal:
        problems.append(Problem(
            name, 1, i + 1, h, f"kolumna „{h}” wygląda na dane osobowe (imię, nazwisko, adres, "
            "kontakt); do publikacji wyników potrzebne są tylko odpowiedzi: zapisz kopię "
            "pliku bez tej kolumny i podaj ją (oryginał zostaje w urzędzie)"))
    if personal:
        return None
    known = {q.id for q in survey.questions} | {d.id for d in survey.demographics}
    columns: dict[int, str] = {}
    seen: dict[str, int] = {}
    for i, h in enumerate(header):
        if h in seen:
            problems.append(Problem(name, 1, i + 1, h, f"kolumna „{h}” występuje drugi raz "
                                    f"(pierwszy raz jako kolumna {seen[h] + 1}); zostaw jedną"))
        elif h not in known:
            close = difflib.get_close_matches(h, sorted(known), n=1, cutoff=0.6)
            hint = f" Czy chodziło o „{close[0]}”?" if close else ""
            problems.append(Problem(
                name, 1, i + 1, h, f"kolumna „{h}” nie jest pytaniem ani zmienną metryczki z "
                f"badanie.yml.{hint} Popraw nazwę albo usuń kolumnę"))
        else:
            seen[h] = i
            columns[i] = h
    for qid in sorted(known - set(seen)):
        problems.append(Problem(name, 1, 1, qid, f"brak kolumny „{qid}” opisanej w badanie.yml; "
                                "dodaj ją (pusta komórka to brak odpowiedzi)"))
    return columns


@dataclass(frozen=True)
class _Column:
    """What one column accepts, worked out once per file rather than once per cell."""

    id: str
    codes: tuple[str, ...]
    labels: Mapping[str, str]
    question: Question | None  # None: a demographic


def _columns(columns: dict[int, str], survey: Survey) -> dict[int, _Column]:
    found = {}
    for i, column in columns.items():
        demographic = survey.demographic(column)
        if demographic is not None:
            found[i] = _Column(column, tuple(v.code for v in demographic.values), {}, None)
            continue
        question = survey.question(column)
        assert question is not None
        found[i] = _Column(column, tuple(question.codes()),
                           {o.key: o.label or o.key for o in question.options}, question)
    return found


def _row(name: str, line: int, row: list[str], header: list[str], columns: dict[int, _Column],
         problems: list[Problem]) -> Respondent | None:
    if len(row) != len(header):
        problems.append(Problem(
            name, line, 1, "", f"wiersz {line} ma {_columns_word(len(row))}, a nagłówek "
            f"{len(header)}; sprawdź separatory i cudzysłowy w tym wierszu"))
        return None
    before = len(problems)
    demographics: dict[str, str | None] = {}
    answers: dict[str, Answer] = {}
    for i, column in columns.items():
        cell = row[i].strip()
        where = (name, line, i + 1, column.id)
        if _CONTROL.search(cell):
            problems.append(_problem(where, "komórka zawiera niewidoczny znak sterujący (np. "
                                            "NUL); usuń go albo wpisz komórkę ponownie"))
            continue
        if column.question is None:
            demographics[column.id] = _one_code(where, cell, column.codes, problems) \
                if cell else None
        else:
            answers[column.id] = _answer(where, cell, column, problems) if cell else None
    if len(problems) > before:
        return None
    return Respondent(line, demographics, answers)


def _columns_word(n: int) -> str:
    """„1 kolumnę”, „4 kolumny”, „5 kolumn”, „22 kolumny”: Polish plural after a number."""
    if n == 1:
        return "1 kolumnę"
    if n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14):
        return f"{n} kolumny"
    return f"{n} kolumn"


def _problem(where: tuple[str, int, int, str], message: str) -> Problem:
    name, line, column, key = where
    return Problem(name, line, column, key, f"wiersz {line}, kolumna {key}: {message}")


def _one_code(where: tuple[str, int, int, str], cell: str, codes: tuple[str, ...],
              problems: list[Problem], labels: Mapping[str, str] | None = None) -> str | None:
    if cell in codes:
        return cell
    by_label = {fold(label): code for code, label in (labels or {}).items()}
    close = by_label.get(fold(cell)) or next(iter(difflib.get_close_matches(
        cell, codes, n=1, cutoff=0.6)), None)
    hint = f" Czy chodziło o „{close}”?" if close else ""
    listed = ", ".join(codes) if len(codes) <= 12 else ", ".join(codes[:12]) + " …"
    problems.append(_problem(where, f"„{cell}” nie jest kodem odpowiedzi.{hint} Dozwolone "
                                    f"kody: {listed}; pusta komórka to brak odpowiedzi"))
    return None


def _answer(where: tuple[str, int, int, str], cell: str, column: _Column,
            problems: list[Problem]) -> Answer:
    question = column.question
    assert question is not None
    if question.kind == "otwarte":
        return _open(where, cell, problems)
    if question.kind == "skala":
        return _scale(where, cell, question, problems)
    if question.kind == "jednokrotny":
        if MULTI_SEPARATOR in cell:
            problems.append(_problem(where, f"„{cell}” zawiera kilka odpowiedzi, a to pytanie "
                                            "jednokrotnego wyboru; zostaw jeden kod"))
            return None
        code = _one_code(where, cell, column.codes, problems, column.labels)
        return (code,) if code else None
    chosen: list[str] = []
    for part in (p.strip() for p in cell.split(MULTI_SEPARATOR)):
        if not part:
            continue
        code = _one_code(where, part, column.codes, problems, column.labels)
        if code in chosen:
            problems.append(_problem(where, f"kod „{code}” wpisano dwa razy; zostaw jeden"))
        elif code:
            chosen.append(code)
    return tuple(chosen) or None


def _scale(where: tuple[str, int, int, str], cell: str, question: Question,
           problems: list[Problem]) -> Answer:
    scale = question.scale
    assert scale is not None
    if not re.fullmatch(r"-?\d+", cell):
        problems.append(_problem(where, f"„{cell}” nie jest oceną; wpisz liczbę całkowitą od "
                                        f"{scale.low} do {scale.high} albo zostaw komórkę pustą"))
        return None
    if not scale.low <= int(cell) <= scale.high:
        problems.append(_problem(where, f"„{cell}” poza skalą {scale.low}–{scale.high}; wpisz "
                                        "ocenę z tej skali albo zostaw komórkę pustą"))
        return None
    return (str(int(cell)),)


def _open(where: tuple[str, int, int, str], cell: str, problems: list[Problem]) -> Answer:
    hidden = _HIDDEN.fullmatch(cell)
    if hidden:
        reason = (hidden.group(1) or "").strip()
        if not reason:
            problems.append(_problem(where, "podaj powód ukrycia odpowiedzi, np. "
                                            "[ukryto: dane osobowe]"))
            return None
        return OpenAnswer(None, reason)
    if len(cell) > MAX_OPEN_ANSWER:
        problems.append(_problem(where, f"odpowiedź ma ponad {MAX_OPEN_ANSWER} znaków; skróć "
                                        "ją albo ukryj: [ukryto: powód]"))
        return None
    found = personal_data_in(cell)
    if found:
        problems.append(_problem(
            where, f"odpowiedź zawiera {' i '.join(found)}; takiej odpowiedzi nie publikujemy: "
            "zastąp ją w pliku znacznikiem [ukryto: dane osobowe]"))
        return None
    return OpenAnswer(cell)
