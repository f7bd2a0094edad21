"""The documents' pages: ``/dokumenty/`` (the list), ``/dokumenty/<document>/`` (the latest
version) and ``/dokumenty/<document>/wersja-<n>/`` (each version at a permanent address).

Every version page says in a banner which version it is, its status, whether a newer one exists
and where its consultation stands on the build date. Changes and reports have their own modules.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from markupsafe import Markup

from ngosite.core.polish_dates import polish_date
from ngosite.core.templating import GeneratedPage, environment, page_from_html
from ngosite.organisations.registry import Registry

from .changes import changes_pages
from .consultation import ConsultationState
from .document import Document, LoadedVersion, comparison_pairs
from .feed import documents_feed
from .model import KINDS, PROGRAMME_ELEMENTS, STATUSES
from .render import part_views, relative
from .report import report_assets, report_pages
from .text import anchor_of, canonical_label
from .urls import (
    DOCUMENTS_DIR,
    FEED_FILE,
    changes_dir,
    document_dir,
    report_dir,
    version_dir,
)


@dataclass(frozen=True)
class VersionRow:
    number: int
    date: str
    iso_date: str
    status: str
    href: str
    changes_href: str | None
    report_href: str | None
    current: bool


@dataclass(frozen=True)
class ChecklistItem:
    pkt: int
    what: str
    label: str | None
    href: str | None


# Other features (the events' consultation meetings) add a block to a version's page: a
# provider takes the registry, the document, the version and the path from the page to the
# site's root, and returns safe HTML or "". site.py hands them over; this room imports none.
VersionSection = Callable[[Registry, Document, LoadedVersion, str], Markup | str]


class VersionAddon(Protocol):
    """What another feature shows on a version's page (the consultation's comment form): a
    block in place of "Jak zgłosić uwagi", a block after the text, and where each §'s
    "Zgłoś uwagę do tego fragmentu" link leads (None: no such links). ``ngosite.site`` hands it
    over: this room imports no feature above it."""

    intro: Markup
    form: Markup
    comment_href: str | None


# (document, version, the page's folder) → the addon of that version, or None.
VersionAddons = Callable[[Document, LoadedVersion, str], VersionAddon | None]


def documents_pages(registry: Registry, *, version_sections: Sequence[VersionSection] = (),
                    addons: VersionAddons | None = None) -> list[GeneratedPage]:
    if not registry.documents:
        return []
    pages = [_index_page(registry)]
    for document in registry.documents:
        pages.append(_version_page(registry, document, document.latest, latest_page=True,
                                   sections=version_sections, addons=addons))
        pages.extend(_version_page(registry, document, version, latest_page=False,
                                   sections=version_sections, addons=addons)
                     for version in document.versions)
        pages.extend(changes_pages(registry, document))
        pages.extend(report_pages(registry, document))
    return pages


def documents_assets(registry: Registry) -> list[tuple[str, str]]:
    """The Atom feed and every published report as CSV and JSON."""
    feed = documents_feed(registry)
    return ([feed] if feed else []) + report_assets(registry)


def version_title(document: Document, version: LoadedVersion) -> str:
    return f"{document.meta.title} – wersja {version.number}"


def status_text(version: LoadedVersion) -> str:
    return STATUSES[version.meta.status]


def _index_page(registry: Registry) -> GeneratedPage:
    here = f"{DOCUMENTS_DIR}/"
    items = []
    for document in registry.documents:
        consulted = [v for v in document.versions if v.state is not None]
        last = consulted[-1] if consulted else None
        items.append({
            "document": document,
            "kind": KINDS[document.meta.kind],
            "latest": document.latest,
            "latest_date": polish_date(document.latest.meta.date),
            "status": status_text(document.latest),
            "href": relative(here, document_dir(document)),
            "consulted": last,
            "report_href": relative(here, report_dir(document, last.number))
            if last is not None and last.state is not None and last.state.report_published
            else None,
        })
    body = environment().get_template("documents_index.html").render(
        items=items, feed_href=relative(here, f"{DOCUMENTS_DIR}/{FEED_FILE}"),
        any_sample=any(d.meta.sample for d in registry.documents))
    return page_from_html(f"{DOCUMENTS_DIR}/index.md", "Dokumenty i konsultacje", body)


def _version_page(registry: Registry, document: Document, version: LoadedVersion, *,
                  latest_page: bool, sections: Sequence[VersionSection] = (),
                  addons: VersionAddons | None = None) -> GeneratedPage:
    here = document_dir(document) if latest_page else version_dir(document, version.number)
    up = "../" * here.count("/")
    newer = document.latest if version is not document.latest else None
    state = version.state
    body = environment().get_template("document_version.html").render(
        settings=registry.settings,
        document=document,
        kind=KINDS[document.meta.kind],
        version=version,
        count=len(document.versions),
        status=status_text(version),
        date_text=polish_date(version.meta.date),
        resolution_date=polish_date(version.meta.resolution.date)
        if version.meta.resolution else "",
        latest_page=latest_page,
        permanent_href=relative(here, version_dir(document, version.number)),
        permanent_path=f"/{version_dir(document, version.number)}",
        newer=newer,
        newer_href=relative(here, version_dir(document, newer.number)) if newer else None,
        newer_date=polish_date(newer.meta.date) if newer else "",
        state=state,
        consultation=version.meta.consultation,
        consultation_start=polish_date(version.meta.consultation.start)
        if version.meta.consultation else "",
        consultation_end=polish_date(version.meta.consultation.end)
        if version.meta.consultation else "",
        all_changes_href=relative(here, changes_dir(document, 1, len(document.versions)))
        if len(document.versions) > 2 else None,
        report_href=_report_href(here, document, version, state),
        history=_history(document, version, here),
        checklist=_checklist(document, version, here),
        parts=part_views(version.text),
        any_part_titles=bool(version.text.parts),
        extra_sections=[Markup(html) for provide in sections
                        if (html := provide(registry, document, version, up))],
        addon=addons(document, version, here) if addons else None,
    )
    title = document.meta.title if latest_page else version_title(document, version)
    src = f"{here}index.md"
    return page_from_html(src, title, body)


def _report_href(here: str, document: Document, version: LoadedVersion,
                 state: ConsultationState | None) -> str | None:
    if state is None or not state.report_published:
        return None
    return relative(here, report_dir(document, version.number))


def _history(document: Document, shown: LoadedVersion, here: str) -> list[VersionRow]:
    pairs = {b: (a, b) for a, b in comparison_pairs([v.number for v in document.versions])
             if b == a + 1}
    rows = []
    for version in document.versions:
        pair = pairs.get(version.number)
        rows.append(VersionRow(
            number=version.number,
            date=polish_date(version.meta.date),
            iso_date=version.meta.date.isoformat(),
            status=status_text(version),
            href=relative(here, version_dir(document, version.number)),
            changes_href=relative(here, changes_dir(document, *pair)) if pair else None,
            report_href=_report_href(here, document, version, version.state),
            current=version is shown,
        ))
    return rows


def _checklist(document: Document, version: LoadedVersion, here: str) -> list[ChecklistItem]:
    if document.meta.kind != "program_wspolpracy":
        return []
    given = version.meta.elements.model_dump() if version.meta.elements is not None else {}
    items = []
    for key, (pkt, what) in PROGRAMME_ELEMENTS.items():
        label = canonical_label(given[key]) if given.get(key) else None
        href = f"#{anchor_of(label)}" if label else None
        items.append(ChecklistItem(pkt, what, label, href))
    return items
