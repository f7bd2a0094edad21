"""What a comment must satisfy before it joins a version's ``uwagi``: the document and version
exist and were consulted, the part exists in that version, the date falls within the period (or
the office accepts it as late), the sending NGO is in the directory, and no field meant for an
organisation or entity holds a private person's name.

The form in the browser applies the same rules (its messages come from ``form``); here they are
located problems in what staff pasted. Nothing is written unless this finds no error.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from datetime import date

from ngosite.core.polish_dates import polish_date
from ngosite.core.problems import Problem, Severity
from ngosite.core.validate import problem_at
from ngosite.core.yaml_source import KeyPath, SourceDocument
from ngosite.documents.document import Document, LoadedVersion
from ngosite.documents.model import OTHER_ENTITY, PRIVATE_PERSON
from ngosite.documents.rules import looks_like_person, section_problem
from ngosite.documents.text import canonical_label
from ngosite.organisations.registry import Registry

from .identifier import document_code, parse_identifier, unit_code
from .model import ORGANISATION, OTHER, RESIDENT, Submission
from .units import quote_of, same_wording


@dataclass(frozen=True)
class ImportOptions:
    """Staff's decisions: accept a late comment; the day it was received, when not the day
    the person made it (a letter)."""

    late: bool = False
    received: date | None = None


@dataclass(frozen=True)
class Target:
    """Where the comment goes and what the report entry says about its sender."""

    document: Document
    version: LoadedVersion
    label: str
    received: date
    late: bool
    sender: str  # an NGO's slug, "osoba fizyczna" or "inny podmiot"
    entity: str | None


def check_submission(submission: Submission, doc: SourceDocument, registry: Registry,
                     today: date, options: ImportOptions, sent: date | None = None,
                     ) -> tuple[Target | None, list[Problem]]:
    """``sent``: the day the e-mail carrying the comment was sent (its Date header)."""
    problems: list[Problem] = []

    def add(path: KeyPath, message: str, severity: Severity = Severity.ERROR) -> None:
        problems.append(problem_at(doc, path, message, severity))

    document = _document(submission, registry, add)
    version = document.version(submission.version) if document else None
    if document is not None and version is None:
        add(("wersja",), f"dokument „{document.slug}” ma wersje 1–{len(document.versions)}; "
                         f"wersji {submission.version} nie ma — sprawdź numer wersji")
    label = _section(submission, version, add) if version else None
    received = options.received or _sent_day(submission, sent, add)
    late = _dates(submission, version, received, today, options, add) if version else False
    sender, entity = _sender(submission, registry, add)
    if document is not None and version is not None and label is not None:
        _identifier(submission, document, version, label, add)
    if any(p.severity is Severity.ERROR for p in problems) or document is None \
            or version is None or label is None or sender is None:
        return None, problems
    return Target(document, version, label, received, late, sender, entity), problems


def _sent_day(submission: Submission, sent: date | None, add) -> date:
    """The e-mail's own date when there is one: the comment's date is the browser's clock on
    the day the form was filled in, and a comment written in time may be sent late."""
    if sent is None or sent == submission.written:
        return submission.written
    add(("data",), f"data w uwadze ({polish_date(submission.written)}) różni się od daty "
                   f"wysłania wiadomości ({polish_date(sent)}, nagłówek Date e-maila); "
                   f"przyjęto datę wysłania. Jeżeli uwaga wpłynęła innego dnia (np. listem), "
                   "podaj datę wpływu: --received RRRR-MM-DD", Severity.WARNING)
    return sent


def _document(submission: Submission, registry: Registry, add) -> Document | None:
    by_slug = {d.slug: d for d in registry.documents}
    document = by_slug.get(submission.document)
    if document is not None:
        return document
    if (registry.root / "documents" / submission.document / "dokument.yml").is_file():
        add(("dokument",), f"dokument „{submission.document}” ma błędy w swoich plikach, więc "
                           "go nie wczytano; popraw je (ngosite validate) i zaimportuj uwagę "
                           "ponownie")
        return None
    close = difflib.get_close_matches(submission.document, sorted(by_slug), n=1, cutoff=0.6)
    hint = f" Czy chodziło o „{close[0]}”?" if close else ""
    add(("dokument",), f"w serwisie nie ma dokumentu „{submission.document}”.{hint} "
                       f"Dokumenty: {', '.join(sorted(by_slug)) or 'brak'}")
    return None


def _section(submission: Submission, version: LoadedVersion, add) -> str | None:
    consultation = version.meta.consultation
    if consultation is None:
        add(("wersja",), f"wersja {version.number} nie była konsultowana (w dokument.yml nie "
                         "ma jej konsultacji); sprawdź numer wersji")
        return None
    message = section_problem(submission.section, version.text, version.number)
    if message is not None:
        add(("dotyczy",), message)
        return None
    label = canonical_label(submission.section)
    assert label is not None
    unit = version.text.by_label().get(label)
    if unit is not None and submission.quoted and not same_wording(submission.quoted,
                                                                   quote_of(unit)):
        add(("brzmienie",), f"cytowane brzmienie różni się od tekstu {label} w wersji "
                            f"{version.number}; sprawdź, czy uwaga dotyczy tej części (do "
                            "raportu trafia część z pola dotyczy)", Severity.WARNING)
    return label


def _dates(submission: Submission, version: LoadedVersion, received: date, today: date,
           options: ImportOptions, add) -> bool:
    consultation = version.meta.consultation
    if consultation is None:
        return False
    start, end = consultation.start, consultation.end
    period = f"{polish_date(start)} – {polish_date(end)}"
    where: KeyPath = ("data",)
    if submission.written > today:
        add(where, f"data uwagi ({polish_date(submission.written)}) jest późniejsza niż "
                   "dzisiejsza; sprawdź zegar komputera nadawcy albo datę w uwadze")
    if options.received is not None and options.received > today:
        add(where, "data wpływu podana w --received jest późniejsza niż dzisiejsza")
    published = consultation.report_published
    if published is not None and published <= today:
        add(("wersja",), f"raport z konsultacji wersji {version.number} opublikowano "
                         f"{polish_date(published)}; uwagi nie można już do niego dopisać")
    if received < start:
        add(where, f"uwaga jest z {polish_date(received)}, przed rozpoczęciem konsultacji "
                   f"({period}); sprawdź datę albo podaj datę wpływu (--received RRRR-MM-DD)")
    elif received > end and not options.late:
        add(where, f"uwaga wpłynęła {polish_date(received)}, po terminie konsultacji "
                   f"({period}); jeżeli urząd ją rozpatruje, uruchom polecenie z --late "
                   "(zapisze po_terminie: true), a jeżeli wpłynęła w terminie, podaj datę "
                   "wpływu (--received RRRR-MM-DD)")
    elif received > end:
        add(where, f"uwaga wpłynęła po terminie ({period}); zapisano ją z po_terminie: true",
            Severity.WARNING)
        return True
    return False


def _sender(submission: Submission, registry: Registry, add) -> tuple[str | None, str | None]:
    kind = submission.sender
    extra = {ORGANISATION: ("podmiot",), RESIDENT: ("organizacja", "podmiot"),
             OTHER: ("organizacja",)}[kind]
    for key, value in (("organizacja", submission.organisation),
                       ("podmiot", submission.entity)):
        if key in extra and value is not None:
            add((key,), f"pole {key} nie pasuje do nadawca: {kind}; usuń je albo popraw "
                        "nadawcę")
            return None, None
    if kind == RESIDENT:
        return PRIVATE_PERSON, None
    if kind == OTHER:
        if submission.entity is None:
            add(("nadawca",), "przy nadawca: inny_podmiot wpisz jego nazwę w polu podmiot")
            return None, None
        if looks_like_person(submission.entity):
            add(("podmiot",), _PERSON_MESSAGE)
            return None, None
        return OTHER_ENTITY, submission.entity
    return _organisation(submission.organisation, registry, add), None


_PERSON_MESSAGE = ("pole wygląda na imię i nazwisko osoby prywatnej, a nazwa organizacji "
                   "albo podmiotu jest publikowana w raporcie; jeżeli uwagę zgłasza "
                   "mieszkaniec, zmień nadawcę na nadawca: mieszkaniec (imię i nazwisko zostaje "
                   "tylko w dokumentacji urzędu)")


def _organisation(value: str | None, registry: Registry, add) -> str | None:
    if value is None:
        add(("nadawca",), "przy nadawca: organizacja wpisz w polu organizacja jej adres "
                          "z katalogu (nazwę jej pliku w ngos/ bez .yml)")
        return None
    if value in registry.by_slug:
        return value
    if looks_like_person(value):
        add(("organizacja",), _PERSON_MESSAGE)
        return None
    names = {e.org.name.lower(): e.slug for e in registry.entries}
    close = difflib.get_close_matches(value.lower(), sorted(registry.by_slug), n=1, cutoff=0.6) \
        or [names[m] for m in difflib.get_close_matches(value.lower(), list(names), n=1,
                                                         cutoff=0.6)]
    hint = (f" Czy chodziło o „{close[0]}” ({registry.by_slug[close[0]].org.name})?"
            if close else "")
    add(("organizacja",), f"w katalogu nie ma organizacji „{value}”.{hint} Organizacja musi "
                          "być w katalogu; uwagę innego podmiotu zapisz z nadawca: "
                          "inny_podmiot i jego nazwą w polu podmiot")
    return None


def _identifier(submission: Submission, document: Document, version: LoadedVersion,
                label: str, add) -> None:
    """The identifier names the same document, version and part as the comment: a mismatch
    means someone edited the text after the form made it."""
    parsed = parse_identifier(submission.identifier)
    code = document_code(document.slug)
    if parsed != (code, version.number, label):
        add(("identyfikator",), f"identyfikator {submission.identifier} nie pasuje do uwagi "
                                f"(dla {document.slug}, wersji {version.number} i "
                                f"{label or 'całego dokumentu'} zaczynałby się od "
                                f"{code}{version.number}-{unit_code(label)}-); tekst uwagi "
                                "zmieniono po jej przygotowaniu — sprawdź go z nadawcą",
            Severity.WARNING)
