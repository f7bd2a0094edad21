"""An Atom feed of new document versions, consultations as they open and consultation reports
(``/dokumenty/kanal.xml``).

Entries are dated by publication (a version's date, a report's date) and only what is published
on the build date is listed. Links are relative to the feed (Atom resolves them against its own
address) unless the settings give the site's address; ids are derived from the permanent
addresses and the gmina's TERYT code, so a reader never sees an entry twice.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from ngosite.core.polish_dates import polish_date
from ngosite.core.templating import environment
from ngosite.organisations.registry import Registry

from .model import STATUSES
from .report import reported_versions
from .urls import DOCUMENTS_DIR, FEED_FILE, report_dir, version_dir


@dataclass(frozen=True)
class FeedEntry:
    id: str
    title: str
    href: str
    updated: date
    summary: str


def documents_feed(registry: Registry) -> tuple[str, str] | None:
    """``(path, Atom XML)``, or None when there are no documents."""
    if not registry.documents:
        return None
    base = (registry.settings.site_url or "").rstrip("/")
    entries = sorted(_entries(registry, base), key=lambda e: (e.updated, e.id), reverse=True)
    today = registry.documents[0].today
    entries = [e for e in entries if e.updated <= today]
    updated = entries[0].updated if entries else today
    xml = environment().get_template("documents_feed.xml").render(
        title=f"Dokumenty i konsultacje – {registry.settings.name}",
        feed_id=_id(registry, f"{DOCUMENTS_DIR}/{FEED_FILE}"),
        self_href=f"{base}/{DOCUMENTS_DIR}/{FEED_FILE}" if base else FEED_FILE,
        site_href=f"{base}/{DOCUMENTS_DIR}/" if base else "./",
        author=registry.settings.office.name,
        updated=updated,
        entries=entries,
    )
    return f"{DOCUMENTS_DIR}/{FEED_FILE}", xml


def _entries(registry: Registry, base: str):
    for document in registry.documents:
        for version in document.versions:
            path = version_dir(document, version.number)
            note = version.meta.note or document.meta.description or ""
            yield FeedEntry(
                id=_id(registry, path),
                title=f"{document.meta.title}: wersja {version.number} "
                      f"({STATUSES[version.meta.status]})",
                href=_href(base, path),
                updated=version.meta.date,
                summary=note,
            )
        for version in document.versions:
            opened = version.meta.consultation
            if opened is None:
                continue
            path = version_dir(document, version.number)
            yield FeedEntry(
                id=_id(registry, f"{path}konsultacje"),
                title=f"Konsultacje: {document.meta.title} (wersja {version.number}), "
                      f"{polish_date(opened.start)} – {polish_date(opened.end)}",
                href=_href(base, path),
                updated=opened.start,
                summary=f"Uwagi można zgłaszać od {polish_date(opened.start)} do "
                        f"{polish_date(opened.end)}. {opened.how}",
            )
        for version in reported_versions(document):
            consultation = version.meta.consultation
            assert consultation is not None and consultation.report_published is not None
            path = report_dir(document, version.number)
            count = len(consultation.comments)
            yield FeedEntry(
                id=_id(registry, path),
                title=f"Raport z konsultacji: {document.meta.title} (wersja {version.number})",
                href=_href(base, path),
                updated=consultation.report_published,
                summary=f"Liczba uwag: {count}. Każda uwaga ze stanowiskiem gminy "
                        "i uzasadnieniem.",
            )


def _href(base: str, path: str) -> str:
    """Absolute with the site's address; else relative to the feed in /dokumenty/."""
    return f"{base}/{path}" if base else path.removeprefix(f"{DOCUMENTS_DIR}/")


def _id(registry: Registry, path: str) -> str:
    # Not the site's address: that may change (or be set later), an entry's id must not.
    return uuid.uuid5(uuid.NAMESPACE_URL, f"ngosite:{registry.settings.teryt}:{path}").urn
