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
from collections.abc import Iterable, Sequence
from pathlib import Path

from ngosite.core.atomic import write_text_atomically

from .search_shards import IndexBuilder

SEPARATOR = r"[\s\-–—,:;!?„”“\"'()\[\]/…]+|\.(?!\d)|&[lg]t;|&amp;|&quot;"


def polish_index_file(path: Path, extra_pages: Iterable[Sequence[dict[str, str]]] = ()) -> None:
    """Turn the theme's ``search/search_index.json`` into the manifest of the sharded index
    written beside it in ``search/pl/``; ``extra_pages`` are the entries of each page the
    theme did not index, page by page. A no-op if search is off."""
    if not path.exists():
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    builder = IndexBuilder()
    builder.add_entries(index.get("docs", []))
    for entries in extra_pages:
        builder.add_page(entries)
    folder = path.parent / "pl"
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir()
    manifest = "{}"
    for name, content in builder.files():
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
