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
    """The lines of a gzipped ``key<TAB>value value…`` file, read one at a time."""
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            line = line.rstrip("\n")
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
    """The related words of the chosen sources, as search keys. Our reviewed list is held; the
    thesaurus and the forms are read again for each index and only the pairs of its words kept:
    the whole thesaurus as a table of pairs held 70 MB at the peak of a build that needs a few
    thousand of its words."""

    def __init__(self, chosen: Iterable[str] | None = None) -> None:
        self.sources = tuple(sources() if chosen is None else chosen)
        self.own = _own_pairs() if "ngo" in self.sources else {}
        self.relations = frozenset().union(
            *(MYTHES_RELATIONS.get(s, ()) for s in self.sources))

    def _pairs(self) -> Iterator[tuple[str, str, bool]]:
        """``(head, related key or phrase, from our list)``; a pair of both sources is ours."""
        for head, targets in self.own.items():
            for target in targets:
                yield head, target, True
        if self.relations:
            for head, values in _pairs(MYTHES):
                ours = self.own.get(head, ())
                for value in values:
                    relation, _, target = value.partition(":")
                    if relation in self.relations and target not in ours:
                        yield head, target, False

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
        longer: dict[str, list[str]] = defaultdict(list)  # a start that is no key → keys
        for key in frequency:
            for length in range(PREFIX_FROM, len(key)):
                if key[:length] not in frequency:
                    longer[key[:length]].append(key)
        widened: dict[str, list[str]] = {}
        hits: dict[str, dict[bool, set[str]]] = defaultdict(lambda: {True: set(), False: set()})
        for head, target, ours in self._pairs():
            words = target.split("+")
            if head in words:
                continue  # "klub seniora" for "senior": the page has the word itself
            if len(words) > 1:
                if all(word in frequency for word in words):
                    hits[head][ours].add(_rarest(words, frequency)[0])
            elif target in frequency:
                hits[head][ours].add(target)
            elif not ours and target in longer:
                if target not in widened:
                    widened[target] = _rarest(longer[target], frequency)[:PREFIX_KEYS]
                hits[head][False].update(widened[target])
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
        """The form keys of each of ``lemmas`` (the heads an index found)."""
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
