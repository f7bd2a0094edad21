"""The search key of a Polish word: folded to ASCII, the usual endings stripped.

The same function runs in the browser (``docs/assets/javascripts/search-pl/worker.js``,
``stem``) on the words a resident types, so the build and the query agree on every key;
``tests/publishing/test_polish_stem.py`` runs both over the same words. It is the light
stemmer that ``lunr.pl.min.js`` carried: what it cannot bring together (``emeryci`` /
``emerytów``, ``dziecko`` / ``dzieci``) the morphology table adds (``search_morphology``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from ngosite.core.folding import fold

ENDINGS = (
    "owego", "owemu", "owych", "owymi",
    "iami", "iach", "iego", "iemu", "owie", "owej", "owym",
    "ami", "ach", "ego", "emu", "ich", "imi", "ymi", "ych", "iej", "iom", "iow",
    "owa", "owe", "owi", "owy", "ow", "om", "em", "ej", "ie", "ia", "ii", "iu", "ym", "im",
    "a", "e", "i", "o", "u", "y",
)
STOP_WORDS = frozenset((
    "w", "we", "z", "ze", "i", "a", "o", "u", "na", "do", "od", "po", "za", "dla", "przy",
    "oraz", "lub", "nad", "pod", "sie"))
MIN_STEM = 3
_ASCII_WORD = re.compile(r"[a-z]+")
_MOBILE_E = re.compile(r"(^|[^i])e[kc]$|iec$")


@lru_cache(maxsize=262144)
def search_key(word: str) -> str:
    """``seniorów`` → ``senior``, ``Miłkach`` → ``milk``, ``Borek`` → ``bork``."""
    written = word.lower()
    return _stem(fold(written), written)


def _stem(word: str, written: str) -> str:
    if len(word) <= MIN_STEM or not _ASCII_WORD.fullmatch(word):
        return word
    ending = ""
    for candidate in ENDINGS:
        if len(word) - len(candidate) >= MIN_STEM and word.endswith(candidate):
            ending = candidate
            word = word[: -len(candidate)]
            break
    long = len(word) > MIN_STEM + 1
    if long and word.endswith("rz"):
        return word[:-1]  # wędkarz, seniorzy: "rz" alternates with "r"
    if long and word.endswith(("stw", "ctw")):
        return word[:-3] if word.endswith("stw") else word[:-2]  # wędkarstwo, ratownictwo
    if not ending and long and _MOBILE_E.search(written):
        # The "e" that comes and goes: Borek/Borki, Miłek/Miłki, taniec/tańca.
        return word[:-3] + "c" if written.endswith("iec") else word[:-2] + word[-1]
    if ending == "y" and long and word.endswith("ac"):
        return word[:-1] + "k"  # strażacy/strażak
    return word
