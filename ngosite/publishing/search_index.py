"""Make the theme's search understand Polish as residents type it.

mkdocs-material's search (lunr) has no Polish: ``lang: pl`` falls back to English, so
``straz`` never finds „Straż” and ``seniorzy`` never finds „seniorów”. After the build we mark
the search index as Polish; the theme's search worker then loads
``assets/javascripts/lunr/min/lunr.pl.min.js`` (in ``docs/``), which folds Polish letters,
strips the usual endings and tolerates one typo, for the index and for the query alike.

``SEPARATOR`` splits words also at Polish quotation marks and punctuation, so „Razem” is the
word ``razem``. The index text itself is left as the theme wrote it: snippets stay readable.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

LANGUAGE_FILE = "assets/javascripts/lunr/min/lunr.pl.min.js"
SEPARATOR = r"[\s\-–—,:;!?„”“\"'()\[\]/…]+|\.(?!\d)|&[lg]t;|&amp;|&quot;"
PIPELINE = ["trimmer", "stemmer"]


def polish_search_config(index: dict) -> dict:
    config = index.setdefault("config", {})
    config["lang"] = ["pl"]
    config["separator"] = SEPARATOR
    config["pipeline"] = PIPELINE
    return index


def polish_index_file(path: Path, extra_entries: Sequence[dict[str, str]] = ()) -> None:
    """Rewrite the theme's ``search/search_index.json`` in place, with the entries of the pages
    the theme did not index (``search_sections``) added; a no-op if search is off."""
    if not path.exists():
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    index.setdefault("docs", []).extend(extra_entries)
    path.write_text(json.dumps(polish_search_config(index), ensure_ascii=False,
                               separators=(",", ":")), encoding="utf-8")
