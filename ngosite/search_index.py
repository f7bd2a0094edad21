"""Make the theme's search index find Polish words typed without Polish letters.

mkdocs-material's search has no Polish language support: ``straz`` never matches ``Straż``.
After the index is written we append, to each entry, the folded spelling of every word that has
Polish letters (``straz``, ``milki``, ``gospodyn``). Both spellings then match, the snippet
shown to the reader still starts with the original text, and only words that differ are added.
"""

from __future__ import annotations

import json
from pathlib import Path

from .folding import folded_variants


def add_folded_words(index: dict) -> dict:
    for doc in index.get("docs", []):
        extra = folded_variants(f"{doc.get('title', '')} {doc.get('text', '')}")
        if extra:
            # A hidden span: the theme renders snippets as HTML, so it is not shown twice.
            doc["text"] = f"{doc.get('text', '')} <span hidden>{' '.join(extra)}</span>"
    return index


def fold_index_file(path: Path) -> None:
    if not path.exists():
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps(add_folded_words(index), ensure_ascii=False,
                               separators=(",", ":")), encoding="utf-8")
