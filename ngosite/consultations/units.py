"""The parts of a version a comment can concern: the form's picker and the quoted wording.

The picker goes in steps, so that a phone never shows one list of every unit: first
``cały dokument``, the preamble or a § (grouped by chapter), then, when the chosen unit has
sub-units, a list of them (its ustępy or punkty, then punkty, then litery), each starting with
the whole unit. ``parent`` and ``step`` place each unit in those lists.

The quoted wording is the unit's text (with its sub-units) as written, on one line and cut at
``QUOTE_LIMIT`` characters: the form puts it in the comment, so the comment still makes sense
when a later version renumbers the text, and the import compares it with the version to notice
a comment that names the wrong part.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ngosite.documents.text import (
    ELLIPSIS,
    KIND_WORDS,
    PREAMBLE,
    WHOLE_DOCUMENT,
    Unit,
    VersionText,
    cut_at_word,
    quote_of,
)

from .identifier import unit_code

WHOLE_TEXT = "cały dokument"
PREVIEW_LIMIT = 60


@dataclass(frozen=True)
class UnitChoice:
    label: str  # canonical: "§ 5 ust. 2", "wstęp", "" for the whole document
    option: str  # what the picker shows
    quote: str  # the quoted wording ("" for the whole document)
    part: str  # the chapter it belongs to ("" before the first chapter)
    code: str  # its part of the comment identifier
    parent: str = ""  # the unit whose step lists it ("" for the first step)
    step: str = ""  # what that step shows: "ust. 2 – Współpraca finansowa…" ("" in the first)

    @property
    def value(self) -> str:
        """What the comment's ``dotyczy`` says."""
        return self.label or WHOLE_TEXT


def same_wording(quoted: str, expected: str) -> bool:
    """Whether a quote from a comment is the expected one (spaces and the ellipsis aside)."""
    def flat(text: str) -> str:
        return " ".join(text.replace(ELLIPSIS, " ").split())
    return flat(quoted) == flat(expected)


def unit_choices(text: VersionText) -> list[UnitChoice]:
    choices = [UnitChoice(WHOLE_DOCUMENT, WHOLE_TEXT, "", "", unit_code(WHOLE_DOCUMENT))]
    for unit, part in _walk(text):
        label = unit.label
        quote = quote_of(unit)
        preview = unit.title or " ".join(unit.text.split()) or quote
        shown = cut_at_word(preview, PREVIEW_LIMIT)
        option = label if label == PREAMBLE and not preview else f"{label} – {shown}"
        parent, step = "", ""
        if unit.kind not in ("wstep", "par"):
            parent = " ".join(f"{KIND_WORDS[k]} {n}" for k, n in unit.path[:-1])
            step = f"{KIND_WORDS[unit.kind]} {unit.number} – {shown}"
        choices.append(UnitChoice(label, option, quote, part, unit_code(label), parent, step))
    return choices


def first_step(choices: list[UnitChoice]) -> list[UnitChoice]:
    """What the picker's first list offers: the whole document, the preamble, every §."""
    return [c for c in choices if not c.parent]


def next_steps(choices: list[UnitChoice]) -> dict[str, list[tuple[str, str]]]:
    """For each unit with sub-units, the list of the next step: ``(label, step)`` in order."""
    steps: dict[str, list[tuple[str, str]]] = {}
    for choice in choices:
        if choice.parent:
            steps.setdefault(choice.parent, []).append((choice.label, choice.step))
    return steps


def _walk(text: VersionText) -> Iterator[tuple[Unit, str]]:
    for unit in text.units:
        part = unit.part if unit.kind == "par" else ""
        for inner in unit.walk():
            yield inner, part
