"""Everything the build adds to the site, in one place: generated pages and data files.

The MkDocs hook asks this module for the list and hands it over; each feature (directory, map,
fair, documents, open data) contributes its pages here and, where it shows something on an
NGO's page, a section provider.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .accessibility_statement import statement_page
from .pages import GeneratedPage, SectionProvider, render_site_pages
from .registry import Registry
from .schema import schema_json


@dataclass(frozen=True)
class GeneratedAsset:
    """A non-page file of the site (JSON, CSV, ICS…), written as given."""

    path: str
    content: str


def ngo_page_sections(registry: Registry) -> list[SectionProvider]:
    """Blocks other features add to every NGO page, in the order they appear."""
    return []


def generated_pages(registry: Registry, changed: dict[str, date]) -> list[GeneratedPage]:
    pages = render_site_pages(registry, changed, ngo_page_sections(registry))
    pages.append(statement_page(registry))
    return pages


def generated_assets(registry: Registry) -> list[GeneratedAsset]:
    return [GeneratedAsset("dane/schema.json", schema_json())]
