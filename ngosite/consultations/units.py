"""The parts of a version a comment can concern: the form's picker and the quoted wording.

The picker lists ``cały dokument``, the preamble and every § / ust. / pkt / lit. of the version,
grouped by chapter. The quoted wording is the unit's text (with its sub-units) as written, on
one line and cut at ``QUOTE_LIMIT`` characters: the form puts it in the comment, so the comment
still makes sense when a later version renumbers the text, and the import compares it with the
version to notice a comment that names the wrong part.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ngosite.documents.text import (
    ELLIPSIS,
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
        option = label if label == PREAMBLE and not preview else \
            f"{label} – {cut_at_word(preview, PREVIEW_LIMIT)}"
        choices.append(UnitChoice(label, option, quote, part, unit_code(label)))
    return choices


def _walk(text: VersionText) -> Iterator[tuple[Unit, str]]:
    for unit in text.units:
        part = unit.part if unit.kind == "par" else ""
        for inner in unit.walk():
            yield inner, part
