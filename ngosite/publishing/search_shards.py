"""The Polish search index, cut into shards so that a search fetches only what it needs.

The theme's search sends the whole index to the browser (1.6 MB gzip at 10,000 NGOs). Here the
theme's search box and results stay, fed by our worker (``docs/assets/javascripts/
search-pl.js``), and ``search/search_index.json`` becomes a small manifest. Beside it:

- ``search/pl/t-<prefix>.json``: the index terms (search keys, ``polish_stem``) that start with
  ``<prefix>``, each with its pages and weights, and the morphology pairs of the variants that
  start with it. A query word costs one shard (two when its lemma's key lies in another one);
  a prefix grows from two letters until the shard is small.
- ``search/pl/d-<n>.json``: what the results show (address, title, a short text) of
  ``PAGES_PER_CHUNK`` consecutive pages, fetched only for the pages found.

Weights are BM25 over a page (title ×5, section titles ×2, text ×1), computed here and
rounded to an integer, so the browser only adds them up with the terms' rarity.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from html import unescape

from .polish_stem import STOP_WORDS, search_key
from .search_morphology import Morphology

PAGES_PER_CHUNK = 8
SHARD_TARGET_BYTES = 12_000  # raw JSON; a shard is split by a longer prefix above this
MAX_PREFIX = 4  # deeper, a typo in the 5th letter would look in another shard
TEXT_CHARS = 240  # of each section shown in the results
TITLE_WEIGHT, SECTION_WEIGHT = 5, 2
K1, B = 1.2, 0.75
FORMAT = 1

_TAG = re.compile(r"<[^>]*>")
_WORD = re.compile(r"[^\W_]+")
_SPACE = re.compile(r"\s+")


@dataclass
class IndexedPage:
    """One page: its entries (the page, then its sections) and its term frequencies."""

    location: str
    sections: list[tuple[str, str, str]]  # (location, title, short text), all escaped HTML
    terms: Counter[str] = field(default_factory=Counter)
    length: int = 0


def plain_text(html: str) -> str:
    """The words of an entry's HTML (tags dropped, entities read)."""
    return _SPACE.sub(" ", unescape(_TAG.sub(" ", html))).strip()


def words(text: str) -> list[str]:
    return [w for w in _WORD.findall(text.lower()) if w not in STOP_WORDS]


def short_text(html: str) -> str:
    """The first ``TEXT_CHARS`` characters of an entry's text, escaped again for HTML."""
    text = plain_text(html)
    if len(text) > TEXT_CHARS:
        text = text[:TEXT_CHARS].rsplit(" ", 1)[0] + " …"
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def group_pages(entries: Iterable[dict[str, str]]) -> list[IndexedPage]:
    """The theme's entries (``location``, ``title``, ``text``) as pages, sorted by address."""
    pages: dict[str, IndexedPage] = {}
    for entry in entries:
        location = entry["location"]
        page_location = location.split("#", 1)[0]
        page = pages.setdefault(page_location, IndexedPage(page_location, []))
        title, text = entry.get("title", ""), entry.get("text", "")
        weight = TITLE_WEIGHT if location == page_location else SECTION_WEIGHT
        title_words = words(plain_text(title))
        text_words = words(plain_text(text))
        for word in title_words:
            page.terms[search_key(word)] += weight
        for word in text_words:
            page.terms[search_key(word)] += 1
        page.length += len(title_words) + len(text_words)
        page.sections.append((location, title, short_text(text)))
    return [pages[key] for key in sorted(pages)]


@dataclass(frozen=True)
class ShardedIndex:
    manifest: dict[str, object]
    files: dict[str, str]  # path under search/ → JSON text


def build_index(entries: Sequence[dict[str, str]]) -> ShardedIndex:
    pages = group_pages(entries)
    morphology = Morphology({t for p in pages for t in p.terms})
    postings: dict[str, list[tuple[int, int]]] = {}
    average = sum(p.length for p in pages) / max(len(pages), 1) or 1.0
    for number, page in enumerate(pages):
        norm = K1 * (1 - B + B * page.length / average)
        merged: Counter[str] = Counter()
        for term, count in page.terms.items():
            for lemma in morphology.canonical(term):
                merged[lemma] += count
        for term, count in merged.items():
            weight = round(100 * count * (K1 + 1) / (count + norm))
            postings.setdefault(term, []).append((number, max(weight, 1)))
    aliases = morphology.aliases(set(postings))
    files = {f"pl/t-{prefix}.json": _shard_json(terms, shard_aliases)
             for prefix, terms, shard_aliases in _shards(postings, aliases)}
    chunks = [pages[i:i + PAGES_PER_CHUNK] for i in range(0, len(pages), PAGES_PER_CHUNK)]
    for number, chunk in enumerate(chunks):
        files[f"pl/d-{number}.json"] = json.dumps(
            [page.sections for page in chunk], ensure_ascii=False, separators=(",", ":"))
    manifest = {
        "format": FORMAT, "pages": len(pages), "chunk": PAGES_PER_CHUNK,
        "shards": sorted(path[5:-5] for path in files if path.startswith("pl/t-")),
    }
    return ShardedIndex(manifest, files)


def _shard_json(terms: dict[str, list[tuple[int, int]]], aliases: dict[str, list[str]]) -> str:
    """``{"t": {term: [page gap, weight, …]}, "a": {variant: [lemma key, …]}}``."""
    encoded: dict[str, list[int]] = {}
    for term, items in sorted(terms.items()):
        flat: list[int] = []
        previous = 0
        for page, weight in items:
            flat += (page - previous, weight)
            previous = page
        encoded[term] = flat
    return json.dumps({"t": encoded, "a": dict(sorted(aliases.items()))},
                      separators=(",", ":"))


def _shards(postings: dict[str, list[tuple[int, int]]], aliases: dict[str, list[str]],
            ) -> list[tuple[str, dict, dict]]:
    """``(prefix, terms, aliases)`` per shard: keys grouped by a prefix that grows from two
    letters until each group is about ``SHARD_TARGET_BYTES``; a key shorter than a split
    prefix stays in the group of its own spelling (``ab`` in ``ab`` beside ``abc``)."""
    size = {term: len(term) + 4 + 6 * len(items) for term, items in postings.items()}
    size.update({v: size.get(v, 0) + len(v) + 12 for v in aliases})
    keys = sorted(size)
    result: list[tuple[str, dict, dict]] = []

    def split(prefix: str, group: list[str]) -> None:
        if (len(group) == 1 or len(prefix) >= MAX_PREFIX
                or sum(size[k] for k in group) <= SHARD_TARGET_BYTES):
            result.append((prefix, {k: postings[k] for k in group if k in postings},
                           {k: aliases[k] for k in group if k in aliases}))
            return
        children: dict[str, list[str]] = {}
        for key in group:
            children.setdefault(key[:len(prefix) + 1], []).append(key)
        for child, members in children.items():
            split(child, members)

    groups: dict[str, list[str]] = {}
    for key in keys:
        groups.setdefault(key[:2], []).append(key)
    for prefix, members in groups.items():
        split(prefix, members)
    return result


def shard_of(key: str, shards: Sequence[str]) -> str | None:
    """The shard a key lives in: the longest shard prefix that starts it (as in the worker)."""
    best = None
    for prefix in shards:
        if key.startswith(prefix) and (best is None or len(prefix) > len(best)):
            best = prefix
    return best


def idf(pages: int, frequency: int) -> float:
    return math.log(1 + (pages - frequency + 0.5) / (frequency + 0.5))
