"""The Polish search index, cut into shards so that a search fetches only what it needs.

The theme's search sends the whole index to the browser (1.6 MB gzip at 10,000 NGOs). Here the
theme's search box and results stay, fed by our worker (``docs/assets/javascripts/
search-pl.js``), and ``search/search_index.json`` becomes a small manifest. Beside it:

- ``search/pl/t-<prefix>.json``: the index terms (search keys, ``polish_stem``) that start with
  ``<prefix>`` (and with the neighbouring prefixes packed into the same file), each with its
  pages and weights, and the morphology pairs of the variants that start with them. A query
  word costs one file (two when its lemma's key lies in another one); a prefix grows from two
  letters until its shard is small.
- ``search/pl/d-<n>.json``: what the results show (address, title, a short text) of
  ``PAGES_PER_CHUNK`` consecutive pages, fetched only for the pages found.

Weights are BM25 over a page's text (section titles ×2) plus a share of its title (see
``TITLE_SHARE``), computed here and rounded to an integer, so the browser only adds them up
with the terms' rarity.
"""

from __future__ import annotations

import json
import math
import re
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from html import unescape

from .polish_stem import STOP_WORDS, search_key
from .search_morphology import Morphology
from .search_thesaurus import related_words

PAGES_PER_CHUNK = 8
SHARD_TARGET_BYTES = 12_000  # raw JSON; a shard is split by a longer prefix above this
MAX_PREFIX = 4  # deeper, a typo in the 5th letter would look in another shard
TEXT_CHARS = 240  # of each section shown in the results
# A word of the page's title adds TITLE_SHARE × (its share of the title's words) to the
# page's BM25 weight: matching "Seniorów" in "Stowarzyszenie Seniorów Gminy Miłki" counts more
# than in a longer name, and a title match is not lost to BM25's saturation.
TITLE_SHARE, SECTION_WEIGHT = 4.0, 2
K1, B = 1.2, 0.5
_TITLE_HIT = 1 << 16  # a posting's count holds the title hits above the low 16 bits
FORMAT = 1

_TAG = re.compile(r"<[^>]*>")
_WORD = re.compile(r"[^\W_]+")
_SPACE = re.compile(r"\s+")


def plain_text(html: str) -> str:
    """The words of an entry's HTML (tags dropped, entities read)."""
    return _SPACE.sub(" ", unescape(_TAG.sub(" ", html))).strip()


def words(text: str) -> list[str]:
    return [w for w in _WORD.findall(text.lower()) if w not in STOP_WORDS]


def short_text(text: str) -> str:
    """The first ``TEXT_CHARS`` characters of an entry's plain text, escaped again for HTML."""
    if len(text) > TEXT_CHARS:
        text = text[:TEXT_CHARS].rsplit(" ", 1)[0] + " …"
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class IndexBuilder:
    """Pages added one by one (entries of one page together); ``files()`` writes the index.

    Only what the index keeps is held: per term a flat ``array`` of (page, count) pairs, per
    page its length and its result sections as UTF-8 JSON. Pages are numbered in the order
    they come; a page's entries must come one after another.
    """

    def __init__(self) -> None:
        self.postings: dict[str, array[int]] = {}
        self.lengths: array[int] = array("I")
        self.title_lengths: array[int] = array("I")
        self.sections: list[bytes] = []
        self.locations: dict[str, int] = {}

    def add_page(self, entries: Iterable[dict[str, str]]) -> None:
        """The theme's entries (``location``, ``title``, ``text``) of one page."""
        terms: Counter[str] = Counter()
        in_title: Counter[str] = Counter()
        length = title_length = 0
        sections = []
        page_location = ""
        for entry in entries:
            location = entry["location"]
            page_location = page_location or location.split("#", 1)[0]
            title, text = entry.get("title", ""), entry.get("text", "")
            title_words = words(plain_text(title))
            if location == page_location:
                title_length += len(title_words)
                in_title.update(map(search_key, title_words))
            else:
                for word in title_words:
                    terms[search_key(word)] += SECTION_WEIGHT
                length += len(title_words)
            plain = plain_text(text)  # once: for the words and for the short text
            text_words = words(plain)
            terms.update(map(search_key, text_words))  # counted in C: most of the words
            length += len(text_words)
            sections.append((location, title, short_text(plain)))
        if not sections or page_location in self.locations:
            return
        number = self.locations[page_location] = len(self.sections)
        # A posting per (term, page): the loop runs some 70 times a page, so without calls.
        postings = self.postings
        for term, count in terms.items():
            hits = in_title.get(term, 0)
            count = (count if count < 0xFFFF else 0xFFFF) + _TITLE_HIT * (
                hits if hits < 0xFFFF else 0xFFFF)
            postings.setdefault(term, array("I")).extend((number, count))
        for term, hits in in_title.items():
            if term not in terms:
                count = _TITLE_HIT * (hits if hits < 0xFFFF else 0xFFFF)
                postings.setdefault(term, array("I")).extend((number, count))
        self.lengths.append(length)
        self.title_lengths.append(title_length)
        self.sections.append(json.dumps(sections, ensure_ascii=False,
                                        separators=(",", ":")).encode("utf-8"))

    def add_entries(self, entries: Iterable[dict[str, str]]) -> None:
        """Entries of several pages (the theme's index), grouped by page in order of first
        appearance."""
        pages: dict[str, list[dict[str, str]]] = {}
        for entry in entries:
            pages.setdefault(entry["location"].split("#", 1)[0], []).append(entry)
        for page in pages.values():
            self.add_page(page)

    def prepare(self, known: Prepared | None = None) -> Prepared:
        """The weights of every (lemma key, page), encoded as the shards store them.

        With ``known`` (the bigger part of the site, prepared before), its lemmas and average
        page length are used and the table is not read again: these pages come after its
        pages (``merge``)."""
        morphology = Morphology(self.postings) if known is None else known
        sources: dict[str, list[str]] = {}
        for term in self.postings:
            for lemma in morphology.canonical(term):
                sources.setdefault(lemma, []).append(term)
        lengths = self.lengths
        average = (known.average if known else sum(lengths) / max(len(lengths), 1)) or 1.0
        norms = [K1 * (1 - B + B * length / average) for length in lengths]
        encoded: dict[str, str] = {}
        last: dict[str, int] = {}
        for lemma, terms in sources.items():
            flat: list[int] = []
            previous = 0
            for page, weight in self._weights(terms, norms):
                flat += (page - previous, weight)
                previous = page
            encoded[lemma] = ",".join(map(str, flat))
            last[lemma] = previous
        aliases = {} if known else morphology.aliases(set(sources))
        lemmas = {} if known else morphology.lemmas
        return Prepared(encoded, last, aliases, lemmas, self.sections, average)

    def _weights(self, terms: list[str], norms: list[float]) -> list[tuple[int, int]]:
        """BM25 weight of a lemma key on every page, its variants counted with it."""
        if len(terms) == 1:  # pages are already in order
            pairs = self.postings[terms[0]]
            counts = zip(pairs[0::2], pairs[1::2], strict=True)
        else:
            merged: dict[int, int] = {}
            for term in terms:
                pairs = self.postings[term]
                for i in range(0, len(pairs), 2):
                    merged[pairs[i]] = merged.get(pairs[i], 0) + pairs[i + 1]
            counts = iter(sorted(merged.items()))
        titles = self.title_lengths
        return [(page, max(1, round(100 * (
            (count & 0xFFFF) * (K1 + 1) / ((count & 0xFFFF) + norms[page])
            + TITLE_SHARE * (count >> 16) / max(titles[page], 1)))))
            for page, count in counts]


@dataclass
class Prepared:
    """Part of an index ready to be written: per lemma key its postings as the shards store
    them (``"page gap,weight,…"``) and its last page; the morphology pairs; result sections."""

    encoded: dict[str, str]
    last: dict[str, int]
    aliases: dict[str, list[str]]
    lemmas: dict[str, tuple[str, ...]]
    sections: list[bytes]
    average: float

    def canonical(self, key: str) -> tuple[str, ...]:
        return self.lemmas.get(key, (key,))


def merge(first: Prepared, then: Prepared) -> Prepared:
    """``then``'s pages numbered after ``first``'s, its postings appended to the same keys."""
    offset = len(first.sections)
    encoded, last = dict(first.encoded), dict(first.last)
    for lemma, flat in then.encoded.items():
        gap, _, rest = flat.partition(",")
        start = int(gap) + offset
        if lemma in encoded:
            flat = f"{start - last[lemma]},{rest}"
            encoded[lemma] = f"{encoded[lemma]},{flat}"
        else:
            encoded[lemma] = f"{start},{rest}"
        last[lemma] = then.last[lemma] + offset
    return Prepared(encoded, last, first.aliases, first.lemmas,
                    [*first.sections, *then.sections], first.average)


def index_files(prepared: Prepared) -> Iterator[tuple[str, str | bytes]]:
    """``(path under search/, content)`` of every shard file and chunk, then
    ``("manifest", …)`` last. Neighbouring small prefixes share a file (a site of 100 NGOs
    has a few files, not hundreds); the manifest maps each prefix to its file. Each shard
    carries the related words (``search_thesaurus``) of the query keys it holds."""
    sizes = {lemma: flat.count(",") // 2 + 1 for lemma, flat in prepared.encoded.items()}
    related = related_words(sizes)
    heads = {head: [*related["r"].get(head, ()), *related["s"].get(head, ())]
             for head in related["r"].keys() | related["s"].keys()}
    files: dict[str, str] = {}
    packed: list[tuple[str, list[str], list[str], list[str]]] = []
    weight = 0
    for prefix, lemmas, variants, names in sorted(_shards(sizes, prepared.aliases, heads)):
        size = (sum(6 * sizes[lemma] + len(lemma) for lemma in lemmas) + 16 * len(variants)
                + sum(_related_size(head, heads[head]) for head in names))
        if not packed or weight + size > SHARD_TARGET_BYTES:
            packed.append((prefix, [], [], []))
            weight = 0
        packed[-1][1].extend(lemmas)
        packed[-1][2].extend(variants)
        packed[-1][3].extend(names)
        files[prefix] = packed[-1][0]
        weight += size
    for name, lemmas, variants, names in packed:
        terms = ",".join(f"{json.dumps(lemma)}:[{prepared.encoded[lemma]}]" for lemma in lemmas)
        aliases = json.dumps({v: prepared.aliases[v] for v in variants}, separators=(",", ":"))
        ours, thesaurus = ({h: related[kind][h] for h in names if h in related[kind]}
                           for kind in ("r", "s"))
        words = json.dumps({"r": ours, "s": thesaurus}, separators=(",", ":"))[1:-1]
        yield f"pl/t-{name}.json", f'{{"t":{{{terms}}},"a":{aliases},{words}}}'
    sections = prepared.sections
    for start in range(0, len(sections), PAGES_PER_CHUNK):
        yield (f"pl/d-{start // PAGES_PER_CHUNK}.json",
               b"[" + b",".join(sections[start:start + PAGES_PER_CHUNK]) + b"]")
    yield "manifest", json.dumps({"format": FORMAT, "pages": len(sections),
                                  "chunk": PAGES_PER_CHUNK, "shards": files},
                                 separators=(",", ":"))


def _related_size(head: str, targets: list[str]) -> int:
    return len(head) + 6 + sum(len(t) + 3 for t in targets)


@dataclass(frozen=True)
class ShardedIndex:
    manifest: dict[str, object]
    files: dict[str, str | bytes]  # path under search/ → JSON


def build_index(entries: Iterable[dict[str, str]]) -> ShardedIndex:
    """The whole index in memory (for tests and small sites)."""
    builder = IndexBuilder()
    builder.add_entries(entries)
    files = dict(index_files(builder.prepare()))
    manifest = json.loads(files.pop("manifest"))
    return ShardedIndex(manifest, files)


def _shards(sizes: dict[str, int], aliases: dict[str, list[str]],
            related: dict[str, list[str]] | None = None,
            ) -> list[tuple[str, list[str], list[str], list[str]]]:
    """``(prefix, lemma keys, variant keys, related-word heads)`` per shard: keys grouped by a
    prefix that grows from two letters until each group is about ``SHARD_TARGET_BYTES``; a
    key shorter than a split prefix stays in the group of its own spelling (``ab`` in ``ab``
    beside ``abc``). A two-word head (``ping+pong``) lives with its first word."""
    related = related or {}
    size = {term: len(term) + 4 + 6 * count for term, count in sizes.items()}
    for variant in aliases:
        size[variant] = size.get(variant, 0) + len(variant) + 12
    for head, targets in related.items():
        size[head] = size.get(head, 0) + _related_size(head, targets)
    result: list[tuple[str, list[str], list[str], list[str]]] = []

    def split(prefix: str, group: list[str]) -> None:
        if (len(group) == 1 or len(prefix) >= MAX_PREFIX
                or sum(size[k] for k in group) <= SHARD_TARGET_BYTES
                or all(len(_home(k)) <= len(prefix) for k in group)):
            result.append((prefix, [k for k in group if k in sizes],
                           [k for k in group if k in aliases],
                           [k for k in group if k in related]))
            return
        children: dict[str, list[str]] = {}
        for key in group:
            children.setdefault(_home(key)[:len(prefix) + 1], []).append(key)
        for child, members in children.items():
            split(child, members)

    groups: dict[str, list[str]] = {}
    for key in sorted(size):
        groups.setdefault(_home(key)[:2], []).append(key)
    for prefix, members in groups.items():
        split(prefix, members)
    return result


def _home(key: str) -> str:
    """The spelling that decides a key's shard: a two-word head's first word."""
    return key.split("+", 1)[0]


def shard_of(key: str, shards: Mapping[str, str]) -> str | None:
    """The file of the shard a key lives in: that of the longest shard prefix that starts it
    (as in the worker)."""
    best = None
    for prefix in shards:
        if key.startswith(prefix) and (best is None or len(prefix) > len(best)):
            best = prefix
    return None if best is None else shards[best]


def idf(pages: int, frequency: int) -> float:
    return math.log(1 + (pages - frequency + 0.5) / (frequency + 0.5))
