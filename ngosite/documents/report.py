"""The consultation report: a page, and the same table as CSV and JSON to download.

A report exists once its publication date (``raport_opublikowano``) has come. Every comment is
listed with the gmina's response and reasons, linked to the section it concerns in the consulted
version and, where it led to a change, to that change in the redline of the next version.
Senders are NGOs from the directory or "osoba fizyczna": the rules refuse anything that looks
like a private person's name, so none can reach these files.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass

from ngosite.core.polish_dates import polish_date
from ngosite.core.templating import GeneratedPage, environment, page_from_html
from ngosite.organisations.pages import DIRECTORY
from ngosite.organisations.registry import Registry

from .changes import change_for_comment
from .consultation import statistics
from .document import Document, LoadedVersion
from .model import KINDS, OTHER_ENTITY, PRIVATE_PERSON, RESPONSES, STATUSES
from .render import relative
from .text import WHOLE_DOCUMENT, anchor_of, canonical_label, quote_of
from .urls import changes_dir, report_dir, report_file, version_dir

CSV_COLUMNS = ("Nr", "Nadawca", "Rodzaj nadawcy", "Data wpływu", "Dotyczy", "Treść uwagi",
               "Stanowisko", "Uzasadnienie", "Zmiana w tekście", "Adres zmiany",
               "Proponowane brzmienie", "Identyfikator uwagi", "Po terminie",
               "Brzmienie w konsultowanej wersji")
# Spreadsheets run a cell that starts with one of these as a formula ("CSV injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class ReportRow:
    number: int
    sender: str
    sender_name: str
    sender_href: str | None
    sender_kind: str
    received: str
    received_iso: str
    section: str
    section_href: str | None
    text: str
    response: str
    response_text: str
    reasons: str
    change_label: str | None
    change_path: str | None  # site-relative, for the files
    change_href: str | None  # relative to the report page
    proposal: str = ""
    identifier: str = ""
    late: bool = False
    quoted: str = ""  # the wording commented on, in the consulted version


def reported_versions(document: Document) -> list[LoadedVersion]:
    return [v for v in document.versions
            if v.meta.consultation is not None and v.state is not None
            and v.state.report_published]


def report_pages(registry: Registry, document: Document) -> list[GeneratedPage]:
    return [_report_page(registry, document, v) for v in reported_versions(document)]


def report_assets(registry: Registry) -> list[tuple[str, str]]:
    assets = []
    for document in registry.documents:
        for version in reported_versions(document):
            rows = report_rows(registry, document, version)
            assets.append((report_file(document, version.number, "csv"), report_csv(rows)))
            assets.append((report_file(document, version.number, "json"),
                           report_json(registry, document, version, rows)))
    return assets


def report_rows(registry: Registry, document: Document, version: LoadedVersion,
                here: str | None = None) -> list[ReportRow]:
    here = here or report_dir(document, version.number)
    names = {e.slug: e.org.name for e in registry.entries}
    consultation = version.meta.consultation
    assert consultation is not None
    following = document.following(version.number)
    rows = []
    for number, comment in enumerate(consultation.comments, start=1):
        label = canonical_label(comment.section) or ""
        section_href = None
        if label != WHOLE_DOCUMENT:
            section_href = relative(here, version_dir(document, version.number)) \
                + f"#{anchor_of(label)}"
        change = change_for_comment(document, version.number, comment, following.number) \
            if following else None
        change_path = None
        if change is not None and following is not None:
            change_path = f"{changes_dir(document, version.number, following.number)}" \
                          f"#{change.anchor}"
        private = comment.sender == PRIVATE_PERSON
        other = comment.sender == OTHER_ENTITY
        rows.append(ReportRow(
            number=number,
            sender=comment.sender,
            sender_name=PRIVATE_PERSON if private else (comment.entity or "") if other
            else names.get(comment.sender, comment.sender),
            sender_href=None if private or comment.sender not in names
            else relative(here, f"{DIRECTORY}/{comment.sender}/"),
            sender_kind=PRIVATE_PERSON if private else OTHER_ENTITY if other else "organizacja",
            received=polish_date(comment.received) if comment.received else "",
            received_iso=comment.received.isoformat() if comment.received else "",
            section=label or "cały dokument",
            section_href=section_href,
            text=comment.text,
            # A published report has every answer (documents.rules requires them from its date).
            response=comment.response or "",
            response_text=RESPONSES.get(comment.response or "", ""),
            reasons=comment.reasons or "",
            change_label=(change.new or change.old).label if change else None,  # type: ignore[union-attr]
            change_path=change_path,
            change_href=relative(here, change_path) if change_path else None,
            proposal=comment.proposal or "",
            identifier=comment.identifier or "",
            late=comment.late,
            quoted=comment.quoted or _wording(version, label),
        ))
    return rows


def _wording(version: LoadedVersion, label: str) -> str:
    """A comment entered by hand has no stored wording: the consulted version still has it
    (published texts never change), quoted as the form quotes it."""
    unit = version.text.by_label().get(label) if label != WHOLE_DOCUMENT else None
    return quote_of(unit) if unit is not None else ""


def _report_page(registry: Registry, document: Document, version: LoadedVersion) -> GeneratedPage:
    here = report_dir(document, version.number)
    consultation = version.meta.consultation
    assert consultation is not None and version.state is not None
    following = document.following(version.number)
    body = environment().get_template("document_report.html").render(
        settings=registry.settings,
        document=document,
        kind=KINDS[document.meta.kind],
        version=version,
        status=STATUSES[version.meta.status],
        consultation=consultation,
        start=polish_date(consultation.start),
        end=polish_date(consultation.end),
        published=polish_date(consultation.report_published),  # type: ignore[arg-type]
        version_href=relative(here, version_dir(document, version.number)),
        following=following,
        following_href=relative(here, version_dir(document, following.number))
        if following else None,
        changes_href=relative(here, changes_dir(document, version.number, following.number))
        if following else None,
        stats=statistics(consultation),
        rows=report_rows(registry, document, version, here),
        csv_href=relative(here, report_file(document, version.number, "csv")),
        json_href=relative(here, report_file(document, version.number, "json")),
    )
    title = f"Raport z konsultacji: {document.meta.title} (wersja {version.number})"
    return page_from_html(f"{here}index.md", title, body)


def report_csv(rows: list[ReportRow]) -> str:
    """UTF-8 with a BOM, so that Excel recognises the encoding of Polish letters.

    The delimiter is a semicolon: in Polish regional settings the comma is the decimal
    separator and Excel expects ``;`` between columns, so a double-clicked file opens in
    columns. Quoting handles semicolons, quotes and line breaks inside the comments.
    """
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        writer.writerow([_cell(v) for v in (
            str(row.number), row.sender_name, row.sender_kind, row.received_iso, row.section,
            row.text, row.response_text, row.reasons, row.change_label or "",
            f"/{row.change_path}" if row.change_path else "", row.proposal, row.identifier,
            "tak" if row.late else "nie", row.quoted)])
    return "\ufeff" + out.getvalue()


def _cell(value: str) -> str:
    return f"'{value}" if value.startswith(_FORMULA_START) else value


def report_json(registry: Registry, document: Document, version: LoadedVersion,
                rows: list[ReportRow]) -> str:
    consultation = version.meta.consultation
    assert consultation is not None
    stats = statistics(consultation)
    data = {
        "dokument": {"adres": document.slug, "tytul": document.meta.title,
                     "rodzaj": document.meta.kind, "podstawa_prawna": document.meta.legal_basis,
                     "przykladowy": document.meta.sample},
        "wersja": {"numer": version.number, "data": version.meta.date.isoformat(),
                   "status": version.meta.status, "suma_kontrolna": version.checksum,
                   "adres": f"/{version_dir(document, version.number)}"},
        "konsultacje": {
            "od": consultation.start.isoformat(), "do": consultation.end.isoformat(),
            "sposob": consultation.how, "ogloszenie": consultation.announced,
            "raport_opublikowano": consultation.report_published.isoformat()
            if consultation.report_published else None},
        "statystyka": {"uwagi": stats.comments,
                       **{key: n for key, _, n in stats.by_response},
                       "od_organizacji": stats.from_organisations,
                       "od_osob_fizycznych": stats.from_private_persons,
                       "od_innych_podmiotow": stats.from_other_entities},
        "uwagi": [{
            "nr": row.number, "nadawca": row.sender, "nadawca_nazwa": row.sender_name,
            "data": row.received_iso or None, "po_terminie": row.late,
            "dotyczy": row.section, "brzmienie": row.quoted or None, "tresc": row.text,
            "propozycja": row.proposal or None, "identyfikator": row.identifier or None,
            "stanowisko": row.response, "stanowisko_opis": row.response_text,
            "uzasadnienie": row.reasons,
            "zmiana": {"czesc": row.change_label, "adres": f"/{row.change_path}"}
            if row.change_path else None,
        } for row in rows],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
