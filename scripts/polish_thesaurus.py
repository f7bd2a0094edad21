#!/usr/bin/env python3
"""Write the search's related-word extracts from the Polish thesaurus and Morfeusz 2.

    apt-get install mythes-pl                      # the LibreOffice Polish thesaurus (LGPL 2.1)
    .venv/bin/pip install -e '.[thesaurus]'        # morfeusz2, only for this script
    .venv/bin/python scripts/polish_thesaurus.py   # → ngosite/publishing/data/pokrewne-*.txt.gz

The site build never reads the thesaurus or Morfeusz themselves (neither is there on a fresh
machine, and the build works offline): it reads the two extracts this script writes, as pairs
of search keys (``ngosite.publishing.polish_stem.search_key``), and ships to the browser only
the pairs whose related word is in the index (``ngosite.publishing.search_thesaurus``).

- ``pokrewne-mythes.txt.gz``: ``key<TAB>relation:target …`` for every single-word headword of
  the thesaurus (Marcin Miłkowski's synonimy.ux.pl, Debian ``mythes-pl``, LGPL 2.1). A target
  is the keys of a word or phrase joined by ``+``; the relation is ``s`` (synonym), ``p`` (a
  narrower word, "pojęcie podrzędne") or ``n`` (a broader one, "pojęcie nadrzędne"). Archaic,
  jocular, poetic, vulgar and offensive words and antonyms are left out: residents do not search
  for them and they would only bring noise. A synonym pair is also written the other way round.
- ``pokrewne-formy.txt.gz``: ``form key<TAB>lemma key …`` from Morfeusz 2's SGJP dictionary
  (BSD 2-clause), for the lemmas of the thesaurus and of our own list
  (``pokrewne-ngo.yml``) whose forms the light stemmer leaves under another key: a resident
  types ``piłkarze``, ``ekolodzy`` or ``starsi``, the thesaurus knows ``piłkarz``, ``ekolog``,
  ``starszy``.

Each file starts with ``#`` lines naming its source, version and licence.
"""

from __future__ import annotations

import gzip
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ngosite.publishing.polish_stem import search_key  # noqa: E402
from ngosite.publishing.search_thesaurus import (  # noqa: E402
    FORMS,
    MYTHES,
    OWN_LIST,
    phrase_key,
    read_own_list,
)

THESAURUS = Path("/usr/share/mythes/th_pl_PL_v2.dat")
DROPPED = ("przestarz.", "żart.", "poet.", "wulg.", "obraźl.", "antonim", "nadużyw.", "euf.")
RELATIONS = {"pojęcie podrzędne": "p", "pojęcie nadrzędne": "n"}
REVERSE = {"s": "s", "p": "n", "n": "p"}
_LABEL = re.compile(r"\s*\(([^)]*)\)")
_WORD = re.compile(r"[^\W\d_]+")


def read_thesaurus(path: Path) -> dict[str, list[tuple[str, str]]]:
    """Headword → ``(relation, word or phrase)`` of every meaning, labels read and dropped."""
    lines = path.read_bytes().split(b"\n")
    encoding = lines[0].decode("ascii").strip().replace("ISO8859", "iso8859")
    entries: dict[str, list[tuple[str, str]]] = defaultdict(list)
    head = ""
    for raw in lines[1:]:
        line = raw.decode(encoding).strip()
        if not line:
            continue
        if not line.startswith("-|") and not line.startswith("("):
            head = line.split("|", 1)[0]
            continue
        for item in line.split("|")[1:]:
            labels = _LABEL.findall(item)
            word = _LABEL.sub("", item).strip()
            if not word or any(label in DROPPED for label in labels):
                continue
            relation = next((RELATIONS[label] for label in labels if label in RELATIONS), "s")
            entries[head].append((relation, word))
    return entries


def mythes_pairs(entries: dict[str, list[tuple[str, str]]]) -> dict[str, set[str]]:
    pairs: dict[str, set[str]] = defaultdict(set)
    for head, items in entries.items():
        if not _WORD.fullmatch(head):
            continue  # phrases as headwords: a query word cannot name them
        key = search_key(head)
        for relation, word in items:
            target = phrase_key(word)
            if not target or target == key:
                continue
            pairs[key].add(f"{relation}:{target}")
            if "+" not in target:
                pairs[target].add(f"{REVERSE[relation]}:{key}")
    return pairs


def lemmas_to_inflect(entries: dict[str, list[tuple[str, str]]]) -> set[str]:
    words = {head for head in entries if _WORD.fullmatch(head)}
    words |= {word for items in entries.values() for _, word in items if _WORD.fullmatch(word)}
    for group in read_own_list(OWN_LIST):
        words |= {w for item in group for w in _WORD.findall(item)}
    return words


def form_pairs(lemmas: set[str]) -> tuple[dict[str, set[str]], list[str]]:
    """``form key → lemma keys`` where the stemmer leaves a form apart from its lemma, and
    the header naming the dictionary with its copyright and licence text."""
    import morfeusz2

    morfeusz = morfeusz2.Morfeusz(generate=True, analyse=False)
    pairs: dict[str, set[str]] = defaultdict(set)
    for lemma in sorted(lemmas):
        base = search_key(lemma)
        try:
            generated = morfeusz.generate(lemma)
        except RuntimeError:
            continue
        for form, *_ in generated:
            if len(form) >= 3 and form.isalpha() and (key := search_key(form)) != base:
                pairs[key].add(base)
    header = [f"Źródło: Morfeusz 2 (PyPI morfeusz2 {morfeusz2.__version__}), słownik SGJP "
              f"{morfeusz.dict_id()}; http://morfeusz.sgjp.pl",
              "Wyciąg: klucz formy → klucze lematów, scripts/polish_thesaurus.py.",
              "Licencja słownika (2-klauzulowa BSD):", "",
              *morfeusz.dict_copyright().splitlines()]
    return pairs, header


def write(path: Path, header: list[str], pairs: dict[str, set[str]]) -> None:
    lines = [f"# {line}".rstrip() for line in header]
    lines += [f"{key}\t{' '.join(sorted(values))}" for key, values in sorted(pairs.items())]
    path.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode("utf-8"), 9, mtime=0))
    print(f"{path.relative_to(ROOT)}: {len(pairs):,} keys, {path.stat().st_size:,} B")


def main() -> None:
    entries = read_thesaurus(THESAURUS)
    write(MYTHES, [
        "Źródło: polski tezaurus LibreOffice (synonimy.ux.pl), pakiet Debiana mythes-pl 1.5-4.2,",
        "plik /usr/share/mythes/th_pl_PL_v2.dat.",
        "Wyciąg: klucze wyszukiwania (ngosite.publishing.polish_stem),",
        "scripts/polish_thesaurus.py.",
        "",
        "Copyright (C) 2004-2008 Marcin Miłkowski <milek_pl@users.sourceforge.net>",
        "",
        "This library is free software; you can redistribute it and/or modify it under the",
        "terms of the GNU Lesser General Public License, version 2.1, as published by the",
        "Free Software Foundation. This library is distributed in the hope that it will be",
        "useful, but WITHOUT ANY WARRANTY; without even the implied warranty of",
        "MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE. See the GNU Lesser General",
        "Public License (https://www.gnu.org/licenses/old-licenses/lgpl-2.1.html) for details.",
    ], mythes_pairs(entries))
    forms, header = form_pairs(lemmas_to_inflect(entries))
    write(FORMS, header, forms)


if __name__ == "__main__":
    main()
