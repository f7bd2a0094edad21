"""Reading the built sharded search index (``ngosite.publishing.search_shards``) in tests."""

from __future__ import annotations

import json
from pathlib import Path


def manifest(site: Path) -> dict:
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))


def indexed_sections(site: Path) -> list[tuple[str, str, str]]:
    """``(location, title, short text)`` of every entry, page by page, from the result chunks."""
    found: list[tuple[str, str, str]] = []
    chunks = sorted((site / "search" / "pl").glob("d-*.json"),
                    key=lambda p: int(p.stem.removeprefix("d-")))
    for chunk in chunks:
        for page in json.loads(chunk.read_text(encoding="utf-8")):
            found.extend(tuple(section) for section in page)
    return found


def indexed_locations(site: Path) -> list[str]:
    return [location for location, _, _ in indexed_sections(site)]
