"""The text of one document version: Markdown cut into § / ust. / pkt / lit. as resolutions are.

The writing rules are those of Polish legislative drafting, kept readable in plain Markdown:

- ``# Rozdział 2. Cele programu``: a line starting with ``#`` (but not ``## §``) is a part title;
- ``## § 3. Zasady współpracy`` (title) or ``§ 3. Text…`` (text on the same line): a paragraph;
  ``§ 3. 1. Text…`` opens ust. 1 at once, as printed resolutions do;
- ``1. Text`` at the start of a line inside a paragraph: ust. (ustęp);
- ``1) Text`` (indent allowed): pkt (punkt); ``a) Text``: lit. (litera);
- anything else (wrapped lines, tables, bullet lists, quotes) belongs to the unit above it.

Each unit gets a label readers and comments use (``§ 5 ust. 2 pkt 3``) and an anchor for links
(``par-5-ust-2-pkt-3``). Labels must be unique within a version: comments and redlines rely on
them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ngosite.core.problems import Problem, Severity

WHOLE_DOCUMENT = ""
PREAMBLE = "wstęp"

KIND_WORDS = {"par": "§", "ust": "ust.", "pkt": "pkt", "lit": "lit."}
_PART = re.compile(r"^#{1,6}\s+(?!§)(\S.*?)\s*#*\s*$")
_PAR_HEADING = re.compile(r"^#{1,6}\s*§\s*(\d+[a-z]*)\.?\s*(.*?)\s*#*\s*$")
_PAR_LINE = re.compile(r"^§\s*(\d+[a-z]*)\.\s*(.*)$")
_UST = re.compile(r"^(\d+[a-z]*)\.\s+(\S.*)$")
_PKT = re.compile(r"^\s*(\d+[a-z]*)\)\s+(\S.*)$")
_LIT = re.compile(r"^\s*([a-z])\)\s+(\S.*)$")
_LABEL = re.compile(
    r"^§\s*(\d+[a-z]*)(?:\s*,?\s*ust\.?\s*(\d+[a-z]*))?(?:\s*,?\s*pkt\.?\s*(\d+[a-z]*))?"
    r"(?:\s*,?\s*lit\.?\s*([a-z]))?\s*\.?$", re.IGNORECASE)
_LEVEL = {"wstep": 0, "par": 1, "ust": 2, "pkt": 3, "lit": 4}


@dataclass
class Unit:
    """One § / ust. / pkt / lit. (or the preamble) with its own text and its sub-units."""

    kind: str
    number: str
    line: int
    title: str = ""
    lines: list[str] = field(default_factory=list)
    children: list[Unit] = field(default_factory=list)
    path: tuple[tuple[str, str], ...] = ()
    part: str = ""

    @property
    def text(self) -> str:
        """Own Markdown text: the marker line's rest and the lines up to the next marker.

        Lines lose their indentation: it only lines wrapped text up under the marker, and
        Markdown would read four spaces as a code block."""
        return "\n".join(line.strip() for line in self.lines).strip("\n")

    @property
    def label(self) -> str:
        if self.kind == "wstep":
            return PREAMBLE
        return " ".join(f"{KIND_WORDS[k]} {n}" for k, n in self.path)

    @property
    def anchor(self) -> str:
        if self.kind == "wstep":
            return "wstep"
        return "-".join(f"{k}-{n}" for k, n in self.path)

    @property
    def marker(self) -> str:
        """How the number is printed before the text: ``§ 5.``, ``2.``, ``3)``, ``a)``."""
        return {"wstep": "", "par": f"§ {self.number}.", "ust": f"{self.number}.",
                "pkt": f"{self.number})", "lit": f"{self.number})"}[self.kind]

    def full_text(self) -> str:
        """Title, own text and every sub-unit with its marker: what "the same content" means."""
        parts = [self.title, self.text]
        parts += [f"{c.marker} {c.full_text()}" for c in self.children]
        return "\n".join(p for p in parts if p)

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class VersionText:
    """A parsed version: top-level units (preamble and paragraphs) and the part titles."""

    units: list[Unit]
    parts: list[tuple[int, str]]

    def walk(self):
        for unit in self.units:
            yield from unit.walk()

    def by_label(self) -> dict[str, Unit]:
        return {u.label: u for u in self.walk()}

    def part_before(self, index: int) -> list[str]:
        return [title for at, title in self.parts if at == index]


def canonical_label(text: str) -> str | None:
    """``"§5 ust 2, pkt. 3"`` → ``"§ 5 ust. 2 pkt 3"``; ``None`` when it is no section label.

    ``"cały dokument"`` gives :data:`WHOLE_DOCUMENT`, ``"wstęp"`` the preamble.
    """
    cleaned = " ".join(text.split())
    if cleaned.lower() in ("cały dokument", "całość", "caly dokument", "calosc"):
        return WHOLE_DOCUMENT
    if cleaned.lower() in (PREAMBLE, "wstep", "preambuła"):
        return PREAMBLE
    match = _LABEL.match(cleaned)
    if not match:
        return None
    par, ust, pkt, lit = match.groups()
    pieces = [f"§ {par.lower()}"]
    pieces += [f"ust. {ust.lower()}"] if ust else []
    pieces += [f"pkt {pkt.lower()}"] if pkt else []
    pieces += [f"lit. {lit.lower()}"] if lit else []
    return " ".join(pieces)


QUOTE_LIMIT = 160  # a unit's quoted wording: enough to recognise the passage, short for e-mail
ELLIPSIS = "…"


def quote_of(unit: Unit) -> str:
    """The unit's wording on one line, cut at a word near ``QUOTE_LIMIT`` characters: what
    the comment form quotes, the import stores and the report shows."""
    return cut_at_word(" ".join(unit.full_text().split()), QUOTE_LIMIT)


def cut_at_word(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:–-") + ELLIPSIS


def anchor_of(label: str) -> str:
    """The anchor of a canonical label: ``§ 5 ust. 2`` → ``par-5-ust-2``."""
    if label == PREAMBLE:
        return "wstep"
    words = {"§": "par", "ust.": "ust", "pkt": "pkt", "lit.": "lit"}
    tokens = label.split()
    return "-".join(f"{words[tokens[i]]}-{tokens[i + 1]}" for i in range(0, len(tokens), 2))


def parse_version(text: str, file: str, problems: list[Problem]) -> VersionText:
    """Cut ``text`` into units; append located problems (duplicates, odd numbering)."""
    units: list[Unit] = []
    parts: list[tuple[int, str]] = []
    stack: list[Unit] = []
    part = ""
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip()
        found = _marker(line, stack)
        if found is None:
            if stack:
                stack[-1].lines.append(line)
            elif line.strip():
                stack = [Unit("wstep", "", number, lines=[line])]
                units.append(stack[0])
            continue
        kind, value, rest = found
        if kind == "part":
            parts.append((len(units), value))
            part = value
            stack = []
            continue
        unit = _open(kind, value, number, stack)
        if kind == "par":
            unit.part = part
            units.append(unit)
            title, rest = (rest, "") if line.startswith("#") else ("", rest)
            unit.title = title
            stack = [unit]
            ust = _UST.match(rest)
            if ust:
                stack.append(_open("ust", ust.group(1), number, stack))
                rest = ust.group(2)
        if rest:
            stack[-1].lines.append(rest)
    _check(units, file, problems)
    return VersionText(units, parts)


def _marker(line: str, stack: list[Unit]) -> tuple[str, str, str] | None:
    if match := _PAR_HEADING.match(line):
        return "par", match.group(1), match.group(2)
    if match := _PART.match(line):
        return "part", match.group(1), ""
    if match := _PAR_LINE.match(line):
        return "par", match.group(1), match.group(2)
    inside = [u for u in stack if u.kind != "wstep"]
    if not inside:
        return None
    if match := _UST.match(line):
        return "ust", match.group(1), match.group(2)
    if match := _PKT.match(line):
        return "pkt", match.group(1), match.group(2)
    if (match := _LIT.match(line)) and any(u.kind == "pkt" for u in stack):
        return "lit", match.group(1), match.group(2)
    return None


def _open(kind: str, number: str, line: int, stack: list[Unit]) -> Unit:
    """A new unit under the nearest open unit of a higher level; trims the stack to it."""
    while stack and _LEVEL[stack[-1].kind] >= _LEVEL[kind]:
        stack.pop()
    parent = stack[-1] if stack and stack[-1].kind != "wstep" else None
    path = (*(parent.path if parent else ()), (kind, number))
    unit = Unit(kind, number, line, path=path)
    if parent is not None:
        parent.children.append(unit)
    stack.append(unit)
    return unit


def _check(units: list[Unit], file: str, problems: list[Problem]) -> None:
    seen: dict[str, int] = {}
    for top in units:
        for unit in top.walk():
            if unit.label in seen:
                problems.append(Problem(
                    file, unit.line, 1, "",
                    f"{unit.label} występuje drugi raz (pierwszy raz w linii "
                    f"{seen[unit.label]}); każdy paragraf, ustęp i punkt musi mieć inny numer"))
            else:
                seen[unit.label] = unit.line
            _check_sequence(unit, file, problems)
    if not any(u.kind == "par" for u in units):
        problems.append(Problem(
            file, 1, 1, "",
            "tekst nie ma żadnego paragrafu; zacznij każdy paragraf od linii „## § 1. Tytuł” "
            "albo „§ 1. Treść” (opis: documents/README.md)"))


def _check_sequence(unit: Unit, file: str, problems: list[Problem]) -> None:
    """Sub-units numbered 1, 2, 3 (2a may follow 2): a jump is usually a wrapped line."""
    previous: Unit | None = None
    for child in unit.children:
        if previous is not None and child.kind == previous.kind and not _follows(
                previous.number, child.number):
            word = KIND_WORDS[child.kind]
            problems.append(Problem(
                file, child.line, 1, "",
                f"{word} {child.number} następuje po {word} {previous.number} w {unit.label}; "
                "jeśli to zawinięta linia tekstu zaczynająca się od liczby, dopisz ją do "
                "poprzedniej linii, a jeśli numeracja jest zamierzona, zostaw ją",
                Severity.WARNING))
        previous = child


def _follows(before: str, after: str) -> bool:
    if before.isalpha() and after.isalpha():
        return ord(after) == ord(before) + 1
    b, a = _split_number(before), _split_number(after)
    if b is None or a is None:
        return True
    if a[0] == b[0]:
        return a[1] > b[1]
    return a[0] == b[0] + 1


def _split_number(value: str) -> tuple[int, str] | None:
    match = re.fullmatch(r"(\d+)([a-z]*)", value)
    return (int(match.group(1)), match.group(2)) if match else None
