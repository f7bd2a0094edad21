"""Rules a document's metadata must keep beyond its shape: dates in order, comments pointing at
real sections and real NGOs (and never naming a private person), accepted comments visible in
the next version, and the programme of cooperation containing what art. 5a ust. 4 requires.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping

from ngosite.core.polish_dates import polish_date
from ngosite.core.problems import Problem, Severity
from ngosite.core.validate import problem_at
from ngosite.core.yaml_source import KeyPath, SourceDocument

from .document import Document
from .model import (
    LED_TO_CHANGE,
    OTHER_ENTITY,
    PRIVATE_PERSON,
    PROGRAMME_ELEMENTS,
    Comment,
    Consultation,
    Version,
)
from .text import PREAMBLE, WHOLE_DOCUMENT, VersionText, canonical_label

_NGO_WORDS = ("stowarzyszenie", "fundacja", "koło", "kolo", "klub", "osp", "straż", "straz",
              "towarzystwo", "związek", "zwiazek", "kgw", "uks", "gks", "rada", "zespół")
_PERSON = re.compile(r"([A-ZĄĆĘŁŃÓŚŹŻ][a-ząćęłńóśźż]+(-[A-ZĄĆĘŁŃÓŚŹŻ][a-ząćęłńóśźż]+)?|"
                     r"[A-ZĄĆĘŁŃÓŚŹŻ]\.)")
# The comment form repeats the person check in the browser with these two.
PERSON_WORD = _PERSON.pattern
ORGANISATION_WORDS = _NGO_WORDS


def check_document(doc: SourceDocument, document: Document, ngo_names: Mapping[str, str],
                   ngo_files: set[str], problems: list[Problem]) -> None:
    previous: Version | None = None
    for index, loaded in enumerate(document.versions):
        version = loaded.meta
        at: KeyPath = ("wersje", index)
        _check_version_dates(doc, at, version, previous, problems)
        if index and version.note is None:
            problems.append(problem_at(
                doc, (*at, "wersja"),
                f"wersja {version.number} nie ma opisu zmian; dopisz pole zmiany: z krótkim "
                "opisem, co i dlaczego zmieniono względem poprzedniej wersji", Severity.WARNING))
        if version.consultation is not None:
            following = document.following(version.number)
            for i, comment in enumerate(version.consultation.comments):
                where = (*at, "konsultacje", "uwagi", i)
                _check_sender(doc, where, comment, ngo_names, ngo_files, problems)
                _check_comment(doc, where, comment, document, loaded.text, version,
                               following.text if following else None, problems)
            _check_answers(doc, (*at, "konsultacje"), version.consultation, document, problems)
        _check_elements(doc, at, document, loaded.text, version,
                        is_latest=index == len(document.versions) - 1, problems=problems)
        previous = version


def _check_version_dates(doc: SourceDocument, at: KeyPath, version: Version,
                         previous: Version | None, problems: list[Problem]) -> None:
    if previous is not None and version.date < previous.date:
        problems.append(problem_at(
            doc, (*at, "data"),
            f"wersja {version.number} ma datę wcześniejszą niż wersja {previous.number} "
            f"({polish_date(previous.date)}); sprawdź daty publikacji"))
    if version.status == "przyjety" and version.resolution is None:
        problems.append(problem_at(
            doc, (*at, "status"),
            "wersja przyjęta uchwałą musi mieć pole uchwala: z polami numer, data i publikacja "
            "(adres urzędowej publikacji)"))
    if version.status != "przyjety" and version.resolution is not None:
        problems.append(problem_at(
            doc, (*at, "uchwala"),
            "uchwałę podaje się tylko przy status: przyjety; zmień status albo usuń pole uchwala",
            key=True))
    if version.resolution is not None and version.resolution.date < version.date:
        problems.append(problem_at(
            doc, (*at, "uchwala", "data"),
            "uchwała nie może być starsza niż przyjęta nią wersja; sprawdź datę uchwały i datę "
            "wersji"))
    consultation = version.consultation
    if consultation is None:
        return
    where = (*at, "konsultacje")
    if consultation.end < consultation.start:
        problems.append(problem_at(
            doc, (*where, "do"),
            f"konsultacje kończą się ({polish_date(consultation.end)}) przed rozpoczęciem "
            f"({polish_date(consultation.start)}); sprawdź daty od: i do:"))
    if consultation.start < version.date:
        problems.append(problem_at(
            doc, (*where, "od"),
            f"konsultacje zaczynają się przed publikacją wersji ({polish_date(version.date)}); "
            "konsultuje się opublikowany tekst — popraw datę od: albo datę wersji"))
    published = consultation.report_published
    if published is not None and published < consultation.end:
        problems.append(problem_at(
            doc, (*where, "raport_opublikowano"),
            f"raport opublikowano przed końcem konsultacji ({polish_date(consultation.end)}); "
            "raport podsumowuje zakończone konsultacje — sprawdź daty"))
    for i, comment in enumerate(consultation.comments):
        received = comment.received
        if comment.late and received is not None and received > consultation.end:
            continue  # the office decided to consider a late comment: nothing to warn about
        if received is not None and not consultation.start <= received <= consultation.end:
            problems.append(problem_at(
                doc, (*where, "uwagi", i, "data"),
                f"uwaga wpłynęła poza terminem konsultacji ({polish_date(consultation.start)} – "
                f"{polish_date(consultation.end)}); sprawdź datę, a uwagę złożoną po terminie "
                "opisz w uzasadnieniu", Severity.WARNING))


def _check_sender(doc: SourceDocument, at: KeyPath, comment: Comment,
                  ngo_names: Mapping[str, str], ngo_files: set[str],
                  problems: list[Problem]) -> None:
    message = sender_problem(comment.sender, ngo_names, ngo_files)
    if message:
        problems.append(problem_at(doc, (*at, "nadawca"), message))
    if comment.sender == OTHER_ENTITY:
        if comment.entity is None:
            problems.append(problem_at(
                doc, (*at, "nadawca"),
                f"przy nadawca: {OTHER_ENTITY} wpisz nazwę nadawcy w polu podmiot, np. "
                "podmiot: Szkoła Podstawowa nr 1"))
        elif looks_like_person(comment.entity):
            problems.append(problem_at(
                doc, (*at, "podmiot"),
                "wpisana wartość wygląda na imię i nazwisko osoby prywatnej; serwis nie "
                f"publikuje danych osobowych mieszkańców: wpisz nadawca: {PRIVATE_PERSON} "
                "i usuń pole podmiot"))
    elif comment.entity is not None:
        problems.append(problem_at(
            doc, (*at, "podmiot"),
            f"pole podmiot wpisuje się tylko przy nadawca: {OTHER_ENTITY}; usuń je albo zmień "
            "nadawcę", key=True))


def _check_answers(doc: SourceDocument, at: KeyPath, consultation: Consultation,
                   document: Document, problems: list[Problem]) -> None:
    """From the report's date on every comment has the gmina's answer; identifiers are unique.

    Before that day a comment imported by ``ngosite consultation import`` waits for the
    office's ``stanowisko`` and ``uzasadnienie``."""
    published = consultation.report_published
    reported = published is not None and published <= document.today
    seen: dict[str, int] = {}
    for i, comment in enumerate(consultation.comments):
        where = (*at, "uwagi", i)
        if comment.identifier is not None:
            if comment.identifier in seen:
                problems.append(problem_at(
                    doc, (*where, "identyfikator"),
                    f"uwaga o identyfikatorze {comment.identifier} jest już na liście (uwaga "
                    f"nr {seen[comment.identifier] + 1}); zostaw jedną z nich"))
            seen.setdefault(comment.identifier, i)
        if not reported:
            continue
        missing = [key for key, value in (("stanowisko", comment.response),
                                          ("uzasadnienie", comment.reasons)) if value is None]
        if missing:
            problems.append(problem_at(
                doc, where,
                f"raport z konsultacji opublikowano {polish_date(published)}, a ta uwaga nie "
                f"ma pola {' ani '.join(missing)}; uzupełnij stanowisko gminy (uwzgledniona, "
                "czesciowo_uwzgledniona, nieuwzgledniona albo wyjasnienie) i jego uzasadnienie"
                " albo przesuń datę raport_opublikowano"))


def sender_problem(sender: str, ngo_names: Mapping[str, str], ngo_files: set[str]) -> str | None:
    """Why ``sender`` cannot be published, or None. Never repeats what looks like a name."""
    if sender in (PRIVATE_PERSON, OTHER_ENTITY) or sender in ngo_names or sender in ngo_files:
        return None
    lowered = " ".join(sender.lower().replace("_", " ").split())
    if lowered in (PRIVATE_PERSON, "osoba prywatna", "mieszkaniec", "mieszkanka",
                   "mieszkańcy", "osoba fizyczna (mieszkaniec)"):
        return f"uwagi mieszkańców oznacza się dokładnie tak: nadawca: {PRIVATE_PERSON}"
    if " " in sender.strip():
        by_name = difflib.get_close_matches(
            lowered, {name.lower(): slug for slug, name in ngo_names.items()}, n=1, cutoff=0.6)
        if by_name:
            slug = next(s for s, n in ngo_names.items() if n.lower() == by_name[0])
            return (f"nadawcę-organizację wpisuje się adresem z katalogu, nie nazwą: "
                    f"nadawca: {slug} ({ngo_names[slug]})")
        if looks_like_person(sender):
            return ("wpisana wartość wygląda na imię i nazwisko osoby prywatnej; serwis nie "
                    "publikuje danych osobowych mieszkańców: wpisz nadawca: osoba fizyczna "
                    "(imię i nazwisko zostają w dokumentacji urzędu)")
        return ("nadawca to adres organizacji z katalogu (nazwa jej pliku w ngos/ bez .yml, "
                f"np. {next(iter(sorted(ngo_names)), 'osp-nazwa-wsi')}), „{PRIVATE_PERSON}” albo "
                f"„{OTHER_ENTITY}” z nazwą w polu podmiot; organizację pozarządową spoza "
                "katalogu dodaj najpierw do katalogu")
    close = difflib.get_close_matches(sender.lower().replace("_", "-"), sorted(ngo_names), n=1,
                                      cutoff=0.6)
    hint = f" Czy chodziło o „{close[0]}” ({ngo_names[close[0]]})?" if close else ""
    return (f"w katalogu nie ma organizacji „{sender}”.{hint} Nadawca to adres organizacji z "
            f"katalogu (nazwa jej pliku w ngos/ bez .yml), „{PRIVATE_PERSON}” albo "
            f"„{OTHER_ENTITY}”")


def looks_like_person(value: str) -> bool:
    """A first name and surname (two to four capitalised words, no NGO word): personal data
    the site must not publish. The comment form and the import use it too."""
    words = value.split()
    if not 2 <= len(words) <= 4:
        return False
    if any(w.lower().strip(".,„”\"") in _NGO_WORDS for w in words):
        return False
    return all(_PERSON.fullmatch(w.strip(",")) for w in words)


def _check_comment(doc: SourceDocument, at: KeyPath, comment: Comment, document: Document,
                   text: VersionText, version: Version, following: VersionText | None,
                   problems: list[Problem]) -> None:
    label = _section(doc, (*at, "dotyczy"), comment.section, text, version.number, problems)
    change_label = None
    if comment.change is not None:
        if following is None:
            problems.append(problem_at(
                doc, (*at, "zmiana"),
                f"pole zmiana wskazuje miejsce w wersji {version.number + 1}, której jeszcze "
                "nie ma; uzupełnij je po opublikowaniu tej wersji"))
            return
        change_label = _section(doc, (*at, "zmiana"), comment.change, following,
                                version.number + 1, problems)
        if change_label is None:
            return
    if label is None or following is None or comment.response not in LED_TO_CHANGE:
        return
    comparison = document.comparisons.get((version.number, version.number + 1))
    if comparison is None:
        return
    found = comparison.find(old_label=label or None, new_label=change_label)
    if label == WHOLE_DOCUMENT and change_label is None:
        found = next(iter(comparison.changes), None)
    if found is None:
        where = comment.section if label else "dokumencie"
        problems.append(problem_at(
            doc, (*at, "stanowisko"),
            f"uwaga jest uwzględniona, ale w wersji {version.number + 1} nie widać zmiany w "
            f"{where}; wskaż miejsce zmiany w polu zmiana (np. zmiana: \"§ 9 ust. 2\") albo "
            "popraw stanowisko", Severity.WARNING))


def _section(doc: SourceDocument, at: KeyPath, value: str, text: VersionText, number: int,
             problems: list[Problem]) -> str | None:
    message = section_problem(value, text, number)
    if message is not None:
        problems.append(problem_at(doc, at, message))
        return None
    return canonical_label(value)


def section_problem(value: str, text: VersionText, number: int) -> str | None:
    """Why ``value`` names no part of version ``number`` (with what exists nearby), or None.
    The consultation import checks a comment's part with it too."""
    label = canonical_label(value)
    if label is None:
        return (f"nie rozpoznano części dokumentu „{value}”; wpisz ją tak jak w tekście, np. "
                f"„§ 5 ust. 2 pkt 3”, albo „{PREAMBLE}”, albo „cały dokument”")
    if label == WHOLE_DOCUMENT:
        return None
    labels = text.by_label()
    if label in labels:
        return None
    return f"w wersji {number} nie ma {label}; {_nearby(label, labels)}"


def _nearby(label: str, labels: Mapping[str, object]) -> str:
    """What exists around a missing label: the sub-units of its nearest existing parent."""
    words = label.split()
    while len(words) > 2:
        words = words[:-2]
        parent = " ".join(words)
        if parent in labels:
            children = [lab[len(parent) + 1:] for lab in labels
                        if lab.startswith(parent + " ") and lab.count(" ") == len(words) + 1]
            return f"{parent} ma: {', '.join(children) or 'tylko tekst bez podziału'}"
    paragraphs = [lab for lab in labels if lab.startswith("§") and lab.count(" ") == 1]
    return f"paragrafy tej wersji: {_span(paragraphs)}"


def _span(labels: list[str]) -> str:
    if len(labels) > 6:
        return f"{labels[0]} – {labels[-1]}"
    return ", ".join(labels) or "brak"


def _check_elements(doc: SourceDocument, at: KeyPath, document: Document, text: VersionText,
                    version: Version, *, is_latest: bool, problems: list[Problem]) -> None:
    if document.meta.kind != "program_wspolpracy":
        if version.elements is not None:
            problems.append(problem_at(
                doc, (*at, "elementy_programu"),
                "elementy_programu opisuje się tylko w programie współpracy (rodzaj: "
                "program_wspolpracy); usuń to pole", key=True))
        return
    given = version.elements.model_dump() if version.elements is not None else {}
    labels = text.by_label()
    for key, (pkt, what) in PROGRAMME_ELEMENTS.items():
        value = given.get(key)
        if value is None:
            if is_latest:
                problems.append(problem_at(
                    doc, (*at, "elementy_programu") if given else (*at, "wersja"),
                    f"program nie wskazuje, gdzie jest element wymagany przez art. 5a ust. 4 "
                    f"pkt {pkt} ustawy: {what}; dopisz go do tekstu i wskaż paragraf w "
                    f"elementy_programu.{key}", Severity.WARNING))
            continue
        label = canonical_label(value)
        if label is None or label not in labels:
            paragraphs = [lab for lab in labels if lab.startswith("§") and lab.count(" ") == 1]
            problems.append(problem_at(
                doc, (*at, "elementy_programu", key),
                f"w wersji {version.number} nie ma {label or value}; wskaż paragraf, w którym "
                f"jest {what} (paragrafy tej wersji: {_span(paragraphs)})"))
