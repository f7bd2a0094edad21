"""Alphabetical order as a Polish reader expects it: a, ą, b, c, ć … ł … ż.

Python's default order puts every Polish letter after ``z``, which scatters the directory.
"""

from __future__ import annotations

_ALPHABET = "aąbcćdeęfghijklłmnńoóprsśtuvwxyzźż"
_RANK = {letter: i for i, letter in enumerate(_ALPHABET)}


def polish_key(text: str) -> tuple[str, ...]:
    """A sort key: letters by the Polish alphabet, case-insensitive, other characters after."""
    lowered = text.casefold()
    return tuple(_rank(c) for c in lowered)


def _rank(c: str) -> str:
    if c in _RANK:
        return f"{_RANK[c]:02d}"
    # Spaces and punctuation before letters ("Koło Gospodyń" before "Kołobrzeg"), digits after.
    return f"!{c}" if not c.isalnum() else f"99{c}"
