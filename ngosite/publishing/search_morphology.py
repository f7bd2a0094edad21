"""Polish morphology for the search: the keys the light stemmer leaves apart, brought together.

``data/odmiana-pl.txt.gz`` (written by ``scripts/polish_morphology.py`` from simplemma's Polish
dictionary) lists, for every search key of a word form that differs from its lemma's key, the
lemma's key: ``emeryc → emeryt`` (emeryci / emeryt), ``dziec → dzieck`` (dzieci / dziecko).
The build puts each word of the index under its lemma's key (``canonical``) and ships to the
browser, in the shard of each variant, only the pairs whose lemma is in the index
(``aliases``): a query word is stemmed in the browser, then followed through its pair.

The table has about 900,000 lines; it is read with two scans of the text, never into a
dictionary, and let go after the index is written.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterable
from pathlib import Path

TABLE = Path(__file__).resolve().parent / "data" / "odmiana-pl.txt.gz"
_LINE = re.compile(r"^([a-z0-9]+)\t(.+)$", re.M)


def _table_text() -> str:
    try:
        return gzip.decompress(TABLE.read_bytes()).decode("utf-8")
    except OSError:  # no table: the light stemmer alone
        return ""


class Morphology:
    """The pairs of the table that matter for one index."""

    def __init__(self, keys: Iterable[str]) -> None:
        wanted = set(keys)
        text = _table_text()
        self.lemmas: dict[str, tuple[str, ...]] = {}
        for line in _LINE.finditer(text):
            if line.group(1) in wanted:
                self.lemmas[line.group(1)] = tuple(line.group(2).split(" "))
        self._text = text

    def canonical(self, key: str) -> tuple[str, ...]:
        """The lemma keys an index word's key stands for (itself when it is a lemma's)."""
        return self.lemmas.get(key, (key,))

    def aliases(self, index_keys: set[str]) -> dict[str, list[str]]:
        """``variant → [lemma keys in the index]`` for every variant of an indexed lemma."""
        found: dict[str, list[str]] = {}
        for line in _LINE.finditer(self._text):
            targets = line.group(2)
            if " " not in targets:
                if targets in index_keys:
                    found[line.group(1)] = [targets]
                continue
            kept = [t for t in targets.split(" ") if t in index_keys]
            if kept:
                found[line.group(1)] = kept
        return found
