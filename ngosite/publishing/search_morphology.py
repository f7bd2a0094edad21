"""Polish morphology for the search: the keys the light stemmer leaves apart, brought together.

``data/odmiana-pl.txt.gz`` (written by ``scripts/polish_morphology.py`` from simplemma's Polish
dictionary) lists, for every search key of a word form that differs from its lemma's key, the
lemma's key: ``emeryc → emeryt`` (emeryci / emeryt), ``dziec → dzieck`` (dzieci / dziecko);
``data/odmiana-pl-lematy.txt.gz`` is the same pairs the other way round, by lemma. The build
puts each word of the index under its lemma's key (``canonical``) and ships to the browser, in
the shard of each variant, only the pairs whose lemma is in the index (``aliases``): a query
word is stemmed in the browser, then followed through its pair.

Each table has about 900,000 sorted lines. It is decompressed when needed (20 MB of bytes,
let go right after) and searched by bisection, one table at a time: no dictionary of it is
ever built, so a build pays a fraction of a second and little memory for it.

It is off unless ``NGOSITE_MORPHOLOGY=1``. Measured on the residents' 45 queries
(``scripts/bench_search.py``, README "Search"), the stemmer alone finds as many as stemmer and
table on the sample data and among 3,000 and 10,000 generated NGOs (the stemmer's prefix and
one-typo matches already reach ``przyjaciel``/``przyjaciół`` and ``emeryci``/``emeryt``),
while the table adds bytes: by the issue's rule (recall per byte) the stemmer alone wins.
The table stays for a region whose residents' queries need what it joins and the stemmer
cannot reach (``pies``/``psy``, ``wieś``/``wsi``, ``dzień``/``dni``).
"""

from __future__ import annotations

import gzip
import os
from collections.abc import Iterable
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
TABLE = DATA / "odmiana-pl.txt.gz"
BY_LEMMA = DATA / "odmiana-pl-lematy.txt.gz"
SWITCH = "NGOSITE_MORPHOLOGY"


def enabled() -> bool:
    """Whether this build joins forms through the table (``NGOSITE_MORPHOLOGY=1``)."""
    return os.environ.get(SWITCH, "0").lower() in ("1", "true", "tak")


def _read(path: Path) -> bytes:
    if not enabled():
        return b""  # the light stemmer alone, the default
    try:
        return gzip.decompress(path.read_bytes())
    except OSError:  # no table: the light stemmer alone
        return b""


def find_line(data: bytes, key: bytes) -> bytes | None:
    """The rest of the line whose first field is ``key`` in sorted ``key\\tvalue`` lines."""
    low, high = 0, len(data)
    while low < high:
        middle = (low + high) // 2
        start = data.rfind(b"\n", low, middle) + 1 or low
        end = data.find(b"\n", start)
        end = len(data) if end < 0 else end
        tab = data.find(b"\t", start, end)
        first = data[start:end if tab < 0 else tab]
        if first == key:
            return data[tab + 1:end] if tab >= 0 else b""
        if first < key:
            low = end + 1
        else:
            high = start
    return None


class Morphology:
    """The pairs of the table that matter for one index."""

    def __init__(self, keys: Iterable[str]) -> None:
        data = _read(TABLE)
        self.lemmas: dict[str, tuple[str, ...]] = {}
        for key in keys:
            if key.isascii() and (found := find_line(data, key.encode())):
                self.lemmas[key] = tuple(found.decode().split(" "))
        del data
        # A key may be a form of one word and the lemma of another ("ryb": ryby, and a form
        # of "rybowy"): it then stays itself too.
        self._by_lemma = _read(BY_LEMMA)
        for key, lemmas in self.lemmas.items():
            if key not in lemmas and find_line(self._by_lemma, key.encode()) is not None:
                self.lemmas[key] = (key, *lemmas)

    def canonical(self, key: str) -> tuple[str, ...]:
        """The lemma keys an index word's key stands for (itself when it is a lemma's)."""
        return self.lemmas.get(key, (key,))

    def aliases(self, index_keys: Iterable[str]) -> dict[str, list[str]]:
        """``variant → [lemma keys in the index]`` for every variant of an indexed lemma."""
        data, self._by_lemma = self._by_lemma, b""  # one use: let the table go after it
        found: dict[str, list[str]] = {}
        for lemma in index_keys:
            if lemma.isascii() and (variants := find_line(data, lemma.encode())):
                for variant in variants.decode().split(" "):
                    found.setdefault(variant, []).append(lemma)
        return found
