#!/usr/bin/env python3
"""Write the Polish morphology table of the search from simplemma's Polish dictionary.

    .venv/bin/pip install simplemma==2.0.0        # only for this script, not for building
    .venv/bin/python scripts/polish_morphology.py   # → ngosite/publishing/data/odmiana-pl*.txt.gz

simplemma (MIT; its Polish data comes from the lemma lists it documents) maps 3.7 million Polish
word forms to their lemma. Loading it takes 8–13 s and 800 MB, too much for every build, and
the browser cannot have it at all. What the search needs is smaller: the light stemmer
(``ngosite.publishing.polish_stem``) already brings most forms of a word to one key; the table
keeps only the forms it does not, as pairs of keys, ``variant → key of the lemma`` (``emeryc``
→ ``emeryt`` for ``emeryci``/``emeryt``; ``dziec`` → ``dzieck`` for ``dzieci``/``dziecko``).
The build reads it to put every word under its lemma's key and ships to the browser, shard by
shard, only the pairs whose lemma is in the index (``ngosite.publishing.search_morphology``).
"""

from __future__ import annotations

import gzip
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ngosite.publishing.polish_stem import search_key  # noqa: E402
from ngosite.publishing.search_morphology import BY_LEMMA, TABLE  # noqa: E402


def main() -> None:
    from simplemma.__metadata__ import __version__
    from simplemma.strategies.dictionaries.dictionary_factory import (
        _load_dictionary_from_disk,
    )

    pairs: dict[str, set[str]] = defaultdict(set)
    for form, lemma in _load_dictionary_from_disk("pl").items():
        word, base = form.decode(), lemma.decode()
        if not (word.isalpha() and base.isalpha()):
            continue
        variant, key = search_key(word), search_key(base)
        if variant != key:
            pairs[variant].add(key)
    by_lemma: dict[str, set[str]] = defaultdict(set)
    for variant, keys in pairs.items():
        for key in keys:
            by_lemma[key].add(variant)
    source = f"simplemma {__version__}, Polish"
    for path, table, what in ((TABLE, pairs, "key of a form → keys of its lemmas"),
                              (BY_LEMMA, by_lemma, "key of a lemma → keys of its forms")):
        lines = [f"# {source}: {what}\n"]
        lines += [f"{key}\t{' '.join(sorted(values))}\n" for key, values in sorted(table.items())]
        path.write_bytes(gzip.compress("".join(lines).encode("utf-8"), 9, mtime=0))
        print(f"{path.relative_to(ROOT)}: {len(table):,} lines, {path.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
