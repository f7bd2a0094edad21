"""Related words for the search: a query word that is not on the page, but means what is.

Stemming brings ``seniorów`` to ``seniorzy``; it cannot bring ``starsi ludzie`` to the seniors'
association, ``piłkarze`` to the football club or ``wolontariusz`` to ``wolontariat``. Three
sources, all read at build time from files in ``data/`` (the build needs neither network nor
the tools that made them):

- ``pokrewne-ngo.yml``: our own short, reviewed list of the words residents use for the NGO
  vocabulary (spheres of public benefit, legal forms, target groups);
- ``pokrewne-mythes.txt.gz``: the LibreOffice Polish thesaurus (Debian ``mythes-pl``, LGPL 2.1),
  as search keys (``scripts/polish_thesaurus.py``);
- ``pokrewne-formy.txt.gz``: forms of the thesaurus's and our words that the stemmer leaves
  apart from their lemma, from Morfeusz 2's SGJP dictionary (BSD): ``piłkarze`` → ``piłkarz``.

``related`` gives, for every query key that has related words in the index, those index keys:
the build puts them into the shard of the query key (``search_shards``) and the worker ranks
pages found through them below pages that have the word itself. A head may be two words
(``ping pong``, ``łowienie ryb``): the worker looks up two neighbouring query keys joined by
``+``. A related phrase (``piłka siatkowa``) stands for its rarest word in the index: a page
that has the phrase has that word.

``NGOSITE_THESAURUS`` names the sources a build uses (``ngo,mythes,formy``, the default, or
``none``), so the benchmark can say what each adds (README "Search").
"""

from __future__ import annotations

import gzip
import os
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache
from pathlib import Path

import yaml

from .polish_stem import STOP_WORDS, search_key

DATA = Path(__file__).resolve().parent / "data"
OWN_LIST = DATA / "pokrewne-ngo.yml"
MYTHES = DATA / "pokrewne-mythes.txt.gz"
FORMS = DATA / "pokrewne-formy.txt.gz"
SWITCH = "NGOSITE_THESAURUS"
ALL_SOURCES = ("ngo", "mythes", "mythes-all", "formy")
DEFAULT_SOURCES = ("ngo", "mythes", "formy")
# "mythes": synonyms only; "mythes-all" adds the narrower and broader words ("p", "n").
MYTHES_RELATIONS = {"mythes": frozenset("s"), "mythes-all": frozenset("spn")}
MAX_RELATED = 12  # per query key: the rarest first, the rest would cost bytes for little
PREFIX_FROM, PREFIX_KEYS = 5, 3  # a related word not in the index: keys that it starts
_WORD = re.compile(r"[^\W\d_]+")


def sources() -> tuple[str, ...]:
    """The sources this build uses (``NGOSITE_THESAURUS``, comma-separated, or ``none``)."""
    value = os.environ.get(SWITCH)
    if value is None:
        return DEFAULT_SOURCES
    chosen = tuple(s.strip() for s in value.split(",") if s.strip())
    unknown = set(chosen) - {*ALL_SOURCES, "none"}
    if unknown:
        raise ValueError(f"{SWITCH}: unknown sources {sorted(unknown)}; known: {ALL_SOURCES}")
    return tuple(s for s in chosen if s != "none")


def phrase_key(text: str) -> str:
    """The keys of a word or phrase's words (stop words left out) joined by ``+``."""
    keys = [search_key(w) for w in _WORD.findall(text.lower()) if w not in STOP_WORDS]
    return "+".join(keys)


@lru_cache(maxsize=4)
def own_groups(path: Path = OWN_LIST) -> tuple[dict, ...]:
    """Our own list as written: each group's ``slowa`` and the topics it is ``dotyczy``
    (read once: the thesaurus and the search topics both use it)."""
    return tuple(yaml.safe_load(path.read_text(encoding="utf-8")))


def read_own_list(path: Path = OWN_LIST) -> list[list[str]]:
    """The groups of our own list: words and phrases a resident may type for one another."""
    return [[str(word) for word in group["slowa"]] for group in own_groups(path)]


def _pairs(path: Path) -> Iterator[tuple[str, list[str]]]:
    """The lines of a gzipped ``key<TAB>value value…`` file, one at a time (a whole file
    as a dict held 70 MB at the peak of a build that needs a few thousand of its words)."""
    for line in gzip.decompress(path.read_bytes()).decode("utf-8").splitlines():
        if line and not line.startswith("#"):
            key, _, values = line.partition("\t")
            yield key, values.split(" ")


def _own_pairs(path: Path = OWN_LIST) -> dict[str, set[str]]:
    """Every word or phrase of a group related to every other of the same group."""
    pairs: dict[str, set[str]] = defaultdict(set)
    for group in read_own_list(path):
        keys = [key for key in dict.fromkeys(phrase_key(word) for word in group) if key]
        for head in keys:
            pairs[head].update(k for k in keys if k != head)
    return pairs


class Thesaurus:
    """The related words of the chosen sources, as search keys, indexed by the related word so
    that a build looks up only the words of its index (a few thousand), not every headword."""

    def __init__(self, chosen: Iterable[str] | None = None) -> None:
        self.sources = tuple(sources() if chosen is None else chosen)
        # related word or phrase → {head: from our list}; our list first, so it wins.
        self.by_word: dict[str, dict[str, bool]] = defaultdict(dict)
        self.by_phrase: dict[tuple[str, ...], dict[str, bool]] = defaultdict(dict)
        if "ngo" in self.sources:
            for head, targets in _own_pairs().items():
                for target in targets:
                    self._add(head, target, True)
        relations = frozenset().union(*(MYTHES_RELATIONS.get(s, ()) for s in self.sources))
        if relations:
            for head, values in _pairs(MYTHES):
                for value in values:
                    relation, _, target = value.partition(":")
                    if relation in relations:
                        self._add(head, target, False)

    def _add(self, head: str, target: str, ours: bool) -> None:
        words = tuple(target.split("+"))
        if head in words:
            return  # "klub seniora" for "senior": the page has the word itself
        found = self.by_word[target] if len(words) == 1 else self.by_phrase[words]
        found.setdefault(head, ours)

    def related(self, frequency: Mapping[str, int]) -> dict[str, dict[str, list[str]]]:
        """``{"r": {query key: [index keys]}, "s": {…}}``: the related words in the index
        (``frequency``: pages per index key) of every head and of the forms of every head, the
        rarest first; ``r`` from our reviewed list, ``s`` from the thesaurus (the worker gives
        them different weights).

        A related word stands for its own key; a thesaurus word not in the index, from
        ``PREFIX_FROM`` letters, for the rarest ``PREFIX_KEYS`` keys it starts, as a query word
        matches longer keys in the browser (``niepełnosprawny`` → ``niepełnosprawności``; our
        reviewed list is taken as written); a phrase for its rarest word, if every word is in
        the index (a page with the phrase has them all)."""
        hits: dict[str, dict[bool, set[str]]] = defaultdict(lambda: {True: set(), False: set()})
        longer: dict[str, list[str]] = defaultdict(list)
        for key in frequency:
            for head, ours in self.by_word.get(key, {}).items():
                hits[head][ours].add(key)
            for length in range(PREFIX_FROM, len(key)):
                start = key[:length]
                if start in self.by_word and start not in frequency:
                    longer[start].append(key)
        for start, keys in longer.items():
            widened = _rarest(keys, frequency)[:PREFIX_KEYS]
            for head, ours in self.by_word[start].items():
                if not ours:
                    hits[head][False].update(widened)
        for words, heads in self.by_phrase.items():
            if all(word in frequency for word in words):
                rarest = _rarest(words, frequency)[0]
                for head, ours in heads.items():
                    hits[head][ours].add(rarest)
        found: dict[str, dict[str, list[str]]] = {"r": {}, "s": {}}
        for head, by_source in hits.items():
            ours, theirs = by_source[True] - {head}, by_source[False] - by_source[True] - {head}
            if ours:
                found["r"][head] = _rarest(ours, frequency)
            if theirs:
                found["s"][head] = _rarest(theirs, frequency)
        forms_of = self._forms_of(found["r"].keys() | found["s"].keys())
        for kind, heads in found.items():
            of_forms: dict[str, set[str]] = defaultdict(set)
            for lemma, keys in list(heads.items()):
                for form in forms_of.get(lemma, ()):
                    of_forms[form].update(keys)
            for form, keys in of_forms.items():
                keys = (keys | set(heads.get(form, ()))) - {form}
                if kind == "s":
                    keys -= set(found["r"].get(form, ()))
                if keys:
                    heads[form] = _rarest(keys, frequency)
        return found


    def _forms_of(self, lemmas: set[str]) -> dict[str, list[str]]:
        """The form keys of each of ``lemmas`` (read for the heads a build found: all of
        them took 16 MB)."""
        forms: dict[str, list[str]] = defaultdict(list)
        if "formy" in self.sources and lemmas:
            for form, of in _pairs(FORMS):
                for lemma in of:
                    if lemma in lemmas:
                        forms[lemma].append(form)
        return forms


def _rarest(keys: Iterable[str], frequency: Mapping[str, int]) -> list[str]:
    return sorted(keys, key=lambda k: (frequency[k], k))[:MAX_RELATED]


@lru_cache(maxsize=8)
def thesaurus(chosen: tuple[str, ...]) -> Thesaurus:
    """The sources read once per process: every build of a test run uses them."""
    return Thesaurus(chosen)


def related_words(frequency: Mapping[str, int]) -> dict[str, dict[str, list[str]]]:
    """``Thesaurus.related`` of this build's sources (none: no related words)."""
    chosen = sources()
    return thesaurus(chosen).related(frequency) if chosen else {"r": {}, "s": {}}
