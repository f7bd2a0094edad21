"""What the build takes from the gmina's settings and data instead of from ``mkdocs.yml``.

A gmina starts with only some kinds of data (no fair, no documents, no surveys yet), and git
keeps no empty folder. So ``mkdocs.yml`` names no data folder to watch (MkDocs refuses a path
that does not exist) and its menu may name section pages that this gmina does not generate:
the build watches the folders that exist and leaves out of the menu the sections that have no
page. The site's public address is one setting, ``adres_serwisu`` in ``data/gmina.yml``: the
sitemap and the 404 page need it, and a clerk should not have to repeat it in ``mkdocs.yml``.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from pathlib import Path

from ngosite.settings.gmina import Settings

# The folders a clerk or an NGO edits; `mkdocs serve` rebuilds when one of them changes.
DATA_FOLDERS = ("ngos", "data", "documents", "wydarzenia", "badania", "sprawozdania")


def watched_folders(root: Path) -> list[Path]:
    """The data folders of the project that exist (an absent one is simply not watched)."""
    return [root / name for name in DATA_FOLDERS if (root / name).is_dir()]


def public_site_url(settings: Settings) -> str | None:
    """``adres_serwisu`` with the trailing slash MkDocs expects of ``site_url``."""
    if not settings.site_url:
        return None
    return settings.site_url.rstrip("/") + "/"


def is_section_page(target: str) -> bool:
    """A generated section's own page (``targi/index.md``): a feature makes it only when the
    gmina has data of that kind. Hand-written pages are files at the top of ``docs/``, so a
    typo in their menu entry still fails the strict build."""
    return "/" in target and target.endswith("index.md") and "://" not in target


def prune_nav(nav: object, present: Iterable[str]) -> object:
    """The menu without the section pages that this build does not have (and without a
    group left empty by that)."""
    have = present if isinstance(present, (set, frozenset)) else set(present)
    if isinstance(nav, list):
        items = [prune_nav(item, have) for item in nav]
        return [item for item in items if item is not None]
    if isinstance(nav, dict):
        kept = {}
        for title, value in nav.items():
            value = prune_nav(value, have)
            if value is not None and value != []:
                kept[title] = value
        return kept or None
    if isinstance(nav, str) and is_section_page(nav) and nav not in have:
        return None
    return nav


_LINK = re.compile(r"(?<!!)\[(?P<text>[^\]\n]+)\]\((?P<target>[^)\s#]+)(?P<anchor>#[^)\s]*)?\)")


def unlink_absent_sections(markdown: str, page: str, present: set[str]) -> str:
    """A hand-written page's links to a section this gmina has no page for (yet) become their
    plain text: a guide may say "the fair's programme appears under Targi" before the first
    fair is planned, without failing the strict build."""
    folder = posixpath.dirname(page)

    def replace(match: re.Match[str]) -> str:
        target = match["target"]
        resolved = posixpath.normpath(posixpath.join(folder, target))
        if is_section_page(resolved) and resolved not in present:
            return match["text"]
        return match[0]

    return _LINK.sub(replace, markdown)
