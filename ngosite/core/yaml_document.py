"""One parsed data file: plain Python data plus the position and raw text of every value.

Kept apart from the reader so that the reader (``yaml_source``) and the tree builder
(``yaml_tree``) can both use it without importing each other.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

KeyPath = tuple[str | int, ...]


class Scalar(NamedTuple):
    """What the author typed for one scalar, and what YAML 1.1 made of it (a tuple: made for
    every value of every file, and made faster than a frozen dataclass)."""

    raw: str
    tag: str
    quoted: bool


@dataclass
class SourceDocument:
    """One parsed data file: plain Python data plus the position of everything in it."""

    path: Path
    name: str
    data: Any
    value_marks: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)
    scalars: dict[KeyPath, Scalar] = field(default_factory=dict)

    def locate(self, path: KeyPath, *, key: bool = False) -> tuple[int, int]:
        """Line and column (1-based) of a value, or of its key; falls back to the nearest parent."""
        marks = self.key_marks if key else self.value_marks
        probe = tuple(path)
        while probe:
            if probe in marks:
                return marks[probe]
            if not key and probe in self.key_marks:
                return self.key_marks[probe]
            probe = probe[:-1]
        return (1, 1)


def format_key_path(path: KeyPath) -> str:
    """``('kontakt', 'media', 1)`` → ``kontakt.media[1]``: the spelling a YAML author reads."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + part
    return out
