"""Read a comment back from what staff paste: an e-mail (as text or a saved ``.eml``), the file
the form downloads, or a GitHub issue's body.

The block between the markers is found wherever it is (after a mail program's quoting ``> ``,
inside the issue's code fence), repaired where mail programs are known to damage text (leading
spaces turned into no-break spaces, long lines wrapped, ``format=flowed``), parsed as YAML with
positions and checked against ``model.Submission``. Every problem names the line in what staff
passed, so they can find it; nothing here raises.
"""

from __future__ import annotations

import email.policy
import re
import tempfile
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path
from zoneinfo import ZoneInfo

from ngosite.core.problems import Problem, Severity, with_guide
from ngosite.core.validate import validate_document
from ngosite.core.yaml_source import SourceDocument, read_yaml

from .model import END_MARKER, START_MARKER, Submission

GUIDE = "documents/README.md"
WARSAW = ZoneInfo("Europe/Warsaw")
MAX_INPUT_BYTES = 2 * 1024 * 1024  # an e-mail with a comment is a few KB; a .eml with scans is not
_MARKER = r"^(?P<prefix>(?:>[ ]?)*)[ \t\u00a0]*=+[ \t]*{}[ \t]*=+[ \t\u00a0]*$"
_START = re.compile(_MARKER.format("UWAGA KONSULTACYJNA"), re.IGNORECASE)
_END = re.compile(_MARKER.format("KONIEC UWAGI"), re.IGNORECASE)
_KEY = re.compile(r"^[a-z_]+:(?: |$)")
_BLOCK_KEY = re.compile(r"^[a-z_]+: *[|>][-+]?[0-9]?$")
_HEADER = re.compile(rb"^[A-Za-z][A-Za-z0-9-]*:[ \t]")


@dataclass
class Reading:
    """What was read: the comment (None when it could not be read) and its source document
    (marks already in the lines of the input), with every problem found on the way."""

    submission: Submission | None
    doc: SourceDocument | None
    problems: list[Problem] = field(default_factory=list)
    sent: date | None = None  # the e-mail's own date (Date header, in Warsaw), when it has one


def read_submission(raw: bytes, source: str) -> Reading:
    problems: list[Problem] = []
    if len(raw) > MAX_INPUT_BYTES:
        problems.append(Problem(
            source, 1, 1, "",
            f"tekst ma {len(raw) // 1024} KB, a uwaga z formularza ma kilka KB; zapisz samą "
            "treść wiadomości (bez załączników) albo pobrany plik uwaga-….txt"))
        return Reading(None, None, problems)
    sent = email_date(raw) if _looks_like_email(raw) else None
    text = _decode(raw, source, problems)
    if text is None:
        return Reading(None, None, problems)
    block = _extract(text, source, problems)
    if block is None:
        return Reading(None, None, problems)
    lines, line_map = block
    before = len(problems)
    doc = yaml_from_text("\n".join(lines) + "\n", source, problems)
    submission = validate_document(doc, Submission, problems) if doc is not None else None
    problems[before:] = [_relocated(p, line_map) for p in problems[before:]]
    if doc is not None:
        _shift_marks(doc, line_map)
    return Reading(submission, doc, problems, sent)


def email_date(raw: bytes) -> date | None:
    """The day a saved e-mail was sent, in Warsaw (its ``Date:`` header), or None.

    The comment's own ``data`` comes from the clock of the browser that prepared it, days
    before it may have been sent; the e-mail's date is when it was submitted."""
    message = BytesParser(policy=email.policy.default).parsebytes(raw, headersonly=True)
    try:
        header = message["Date"]
        moment = getattr(header, "datetime", None) if header is not None else None
    except (TypeError, ValueError, IndexError):
        return None
    if not isinstance(moment, datetime):
        return None
    return moment.astimezone(WARSAW).date() if moment.tzinfo else moment.date()


def yaml_from_text(text: str, name: str, problems: list[Problem]) -> SourceDocument | None:
    """YAML text that has no file of its own (a comment's block, a file's new text before it
    is written), read by the loader of every data file: the same positions, limits and
    problems, under ``name``. That loader reads files, so the text goes through a temporary
    one."""
    with tempfile.TemporaryDirectory(prefix="ngosite-") as folder:
        path = Path(folder) / "tekst.yml"
        path.write_text(text, encoding="utf-8")
        return read_yaml(path, name, problems)


def _decode(raw: bytes, source: str, problems: list[Problem]) -> str | None:
    if _looks_like_email(raw):
        return _email_text(raw, source, problems)
    try:
        return raw.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError as exc:
        problems.append(Problem(
            source, raw[:exc.start].count(b"\n") + 1, 1, "",
            "tekst nie jest zapisany w kodowaniu UTF-8; zapisz wiadomość ponownie jako UTF-8 "
            "albo zapisz ją z programu pocztowego jako plik .eml"))
        return None


def _looks_like_email(raw: bytes) -> bool:
    """A saved message (``.eml``): header lines up to the first empty line, with a From."""
    head = raw.lstrip().split(b"\n\n", 1)[0].replace(b"\r", b"").split(b"\n")[:60]
    headers = [line for line in head if _HEADER.match(line)]
    return bool(head) and _HEADER.match(head[0]) is not None and any(
        line.lower().startswith((b"from:", b"mime-version:")) for line in headers)


def _email_text(raw: bytes, source: str, problems: list[Problem]) -> str | None:
    message = BytesParser(policy=email.policy.default).parsebytes(raw)
    assert isinstance(message, EmailMessage)
    body = message.get_body(preferencelist=("plain",))
    if body is None:
        problems.append(Problem(
            source, 1, 1, "",
            "wiadomość nie ma części tekstowej (text/plain), tylko HTML albo załączniki; "
            "otwórz ją w programie pocztowym, skopiuj treść do pliku .txt i zaimportuj ten plik "
            "(albo zaimportuj załączony plik uwaga-….txt)"))
        return None
    try:
        text = body.get_content()
    except (LookupError, ValueError) as exc:
        problems.append(Problem(source, 1, 1, "", f"nie można odczytać treści wiadomości "
                                                  f"({exc}); skopiuj ją do pliku .txt"))
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if str(body.get_param("format", "")).lower() == "flowed":
        text = unflow(text, delsp=str(body.get_param("delsp", "")).lower() == "yes")
    return text


def unflow(text: str, *, delsp: bool = False) -> str:
    """RFC 3676 ``format=flowed``: undo space-stuffing and join soft line breaks."""
    out: list[str] = []
    joining = False
    for line in text.split("\n"):
        if line.startswith(" "):
            line = line[1:]
        soft = line.endswith(" ") and line != "-- "
        if soft and delsp:
            line = line[:-1]
        if joining:
            out[-1] += line
        else:
            out.append(line)
        joining = soft
    return "\n".join(out)


def _extract(text: str, source: str, problems: list[Problem]
             ) -> tuple[list[str], list[int]] | None:
    """The block's lines without the markers, repaired, and each one's line in the input."""
    lines = text.split("\n")
    blocks: list[tuple[int, list[str], list[int]]] = []
    index = 0
    while index < len(lines):
        start = _START.match(lines[index])
        if start is None:
            index += 1
            continue
        end = next((j for j in range(index + 1, len(lines)) if _END.match(lines[j])), None)
        if end is None:
            problems.append(Problem(
                source, index + 1, 1, "",
                f"uwaga urywa się: po linii {START_MARKER} nie ma linii {END_MARKER}; tekst "
                "został ucięty albo zmieniony — poproś nadawcę o pełną uwagę (np. plik "
                "pobrany z formularza)"))
            return None
        prefix = start.group("prefix")
        body = [_unquote(line, prefix) for line in lines[index + 1:end]]
        blocks.append((index + 1, body, list(range(index + 2, end + 1))))
        index = end + 1
    if not blocks:
        problems.append(Problem(
            source, 1, 1, "",
            f"nie znaleziono uwagi: tekst musi zawierać linie {START_MARKER} i {END_MARKER}, "
            "między którymi formularz zapisuje uwagę; wklej całą wiadomość, plik pobrany "
            "z formularza albo treść zgłoszenia"))
        return None
    distinct = {tuple(body) for _, body, _ in blocks}
    if len(distinct) > 1:
        starts = ", ".join(str(line) for line, _, _ in blocks)
        problems.append(Problem(
            source, blocks[1][0], 1, "",
            f"w tekście są {len(blocks)} różne uwagi (zaczynają się w liniach {starts}); "
            "importuj każdą osobno: zapisz każdą w osobnym pliku"))
        return None
    start, body, line_map = blocks[0]
    if not any(line.strip() for line in body):
        problems.append(Problem(source, start, 1, "",
                                "między liniami === nie ma żadnej treści: uwaga jest pusta"))
        return None
    return _repair(body, line_map, source, problems)


def _unquote(line: str, prefix: str) -> str:
    """The line without the mail program's quoting (``> ``) the start marker had."""
    if prefix and line.startswith(prefix):
        return line[len(prefix):]
    if prefix and line.rstrip() == prefix.rstrip():
        return ""
    return line


def _repair(body: list[str], line_map: list[int], source: str,
            problems: list[Problem]) -> tuple[list[str], list[int]]:
    """Undo what mail programs do: no-break spaces for indentation, long lines wrapped."""
    lines: list[str] = []
    kept: list[int] = []
    in_block = False
    joined: list[int] = []
    for line, number in zip(body, line_map, strict=True):
        stripped = line.lstrip(" \u00a0")
        line = " " * (len(line) - len(stripped)) + stripped.rstrip()
        if _KEY.match(line):
            in_block = bool(_BLOCK_KEY.match(line))
        elif line and lines and not line[0].isspace() and (in_block or not line.startswith(
                ("#", "-"))):
            lines[-1] += " " + line.strip()
            joined.append(number)
            continue
        lines.append(line)
        kept.append(number)
    if joined:
        problems.append(Problem(
            source, joined[0], 1, "",
            f"program pocztowy zawinął {len(joined)} "
            f"{'linię' if len(joined) == 1 else 'linie'} uwagi; połączono je z poprzednimi — "
            "po imporcie sprawdź, czy treść uwagi się zgadza", Severity.WARNING))
    return lines, kept


def _relocated(problem: Problem, line_map: list[int]) -> Problem:
    problem = with_guide(problem, GUIDE)
    if problem.file and 1 <= problem.line <= len(line_map):
        line = line_map[problem.line - 1]
    else:
        line = line_map[-1] + 1 if line_map else problem.line
    return replace(problem, line=line)


def _shift_marks(doc: SourceDocument, line_map: list[int]) -> None:
    def shift(mark: tuple[int, int]) -> tuple[int, int]:
        line, column = mark
        return (line_map[line - 1] if 1 <= line <= len(line_map) else line, column)

    doc.value_marks = {k: shift(v) for k, v in doc.value_marks.items()}
    doc.key_marks = {k: shift(v) for k, v in doc.key_marks.items()}
