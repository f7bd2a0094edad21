"""Replace the theme's one-file search index by the sharded Polish one.

mkdocs-material's search (lunr) has no Polish and downloads the whole index before the first
search (1.6 MB gzip at 10,000 NGOs). After the theme has written ``search/search_index.json``
(the entries of the hand-written pages) we add the entries of the pages we generate
(``search_sections``), build the sharded index (``search_shards``) beside it, and leave in
``search_index.json`` only the theme's config with our manifest under ``config.pl`` and no
documents. The theme's search box then talks to our worker
(``docs/assets/javascripts/search-pl.js``, named in ``overrides/main.html``).

``SEPARATOR`` is kept in the config for the theme's page highlighting (``?h=``): it splits
words also at Polish quotation marks and punctuation.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterable
from pathlib import Path

from ngosite.core.atomic import write_text_atomically

from .search_sections import search_entries
from .search_shards import IndexBuilder, Prepared, index_files, merge
from .search_topics import FILE as TOPICS_FILE

SEPARATOR = r"[\s\-–—,:;!?„”“\"'()\[\]/…]+|\.(?!\d)|&[lg]t;|&amp;|&quot;"


def prepare_generated_pages(pages: Iterable[tuple[str, str, str]]) -> Prepared:
    """The index of the pages we generate (``(url, title, html)``; NGO pages, the directory),
    with the morphology looked up: the bulk of the work, done while MkDocs renders."""
    builder = IndexBuilder()
    for url, title, html in pages:
        builder.add_page(search_entries(url, title, html))
    return builder.prepare()


def polish_index_file(path: Path, generated: Prepared | None = None,
                      topics: str | None = None) -> None:
    """Turn the theme's ``search/search_index.json`` (the hand-written pages) into the
    manifest of the sharded index written beside it in ``search/pl/``, with the ``generated``
    pages first, and the ``topics`` a weak result offers (``search_topics``); a no-op if search
    is off. The hand-written pages use the lemmas found for the generated ones (their own words
    not found there are stemmed only)."""
    if not path.exists():
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    builder = IndexBuilder()
    builder.add_entries(index.get("docs", []))
    prepared = (merge(generated, builder.prepare(known=generated)) if generated is not None
                else builder.prepare())
    folder = path.parent / "pl"
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir()
    manifest = "{}"
    if topics is not None:
        (path.parent / TOPICS_FILE).write_text(topics, encoding="utf-8")
    for name, content in index_files(prepared):
        if name == "manifest":
            manifest = str(content)
        elif isinstance(content, bytes):
            (path.parent / name).write_bytes(content)
        else:
            (path.parent / name).write_text(content, encoding="utf-8")
    config = {**index.get("config", {}), "lang": ["pl"], "separator": SEPARATOR,
              "pl": json.loads(manifest)}
    write_text_atomically(path, json.dumps({"config": config, "docs": []}, ensure_ascii=False,
                                           separators=(",", ":")))
