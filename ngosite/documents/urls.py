"""Where each document page and file lives on the site (paths relative to the site root).

These addresses are permanent: a version's page, a changes page and a report are cited in
letters and resolutions, so none of them may depend on anything that can change later.
"""

from __future__ import annotations

from typing import Protocol

DOCUMENTS_DIR = "dokumenty"
FEED_FILE = "kanal.xml"


class _HasSlug(Protocol):
    slug: str


def document_dir(document: _HasSlug) -> str:
    return f"{DOCUMENTS_DIR}/{document.slug}/"


def version_dir(document: _HasSlug, number: int) -> str:
    return f"{DOCUMENTS_DIR}/{document.slug}/wersja-{number}/"


def changes_dir(document: _HasSlug, old: int, new: int) -> str:
    return f"{DOCUMENTS_DIR}/{document.slug}/zmiany-{old}-{new}/"


def report_dir(document: _HasSlug, number: int) -> str:
    return f"{version_dir(document, number)}raport/"


def report_file(document: _HasSlug, number: int, suffix: str) -> str:
    """``raport.csv`` / ``raport.json`` beside the version whose consultation they report."""
    return f"{version_dir(document, number)}raport.{suffix}"
