"""Polish text folded to plain ASCII, for matching what residents type on a phone.

Residents often search without Polish letters (``straz``, ``kolo gospodyn``). Unicode
decomposition handles ą, ę, ó, ś, ż, ź, ć, ń, but not ł, which is a letter of its own.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_EXTRA = str.maketrans({"ł": "l", "Ł": "L", "đ": "d", "ø": "o", "ß": "ss"})
_WORD = re.compile(r"\w+", re.UNICODE)


def fold(text: str) -> str:
    """``Koło Gospodyń w Miłkach`` → ``kolo gospodyn w milkach``."""
    return fold_keep_case(text).lower()


@lru_cache(maxsize=65536)
def fold_keep_case(text: str) -> str:
    """``Miłki`` → ``Milki``: Polish letters to ASCII, capitals kept."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_EXTRA))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def slug(text: str) -> str:
    """``Nowa Wólka`` → ``nowa-wolka``: the shape of a page address on the site (an NGO's
    file name, the examples of the guides)."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def folded_variants(text: str) -> list[str]:
    """The folded spellings of the words in ``text`` that have Polish letters, each once.

    Added beside the original text in a search index, they let ``milki`` find ``Miłki``
    while ``Miłki`` still finds itself.
    """
    seen: dict[str, None] = {}
    for word in _WORD.findall(text):
        if word.isascii():
            continue
        folded = fold(word)
        if folded != word.lower() and folded not in seen:
            seen[folded] = None
    return list(seen)
