"""The consultation settings a build needs while a consultation is announced.

From the day a document's consultation is planned until it ends, the comment form is on its
version's page: it prepares the comment for the consultation e-mail address, prints the postal
address and shows the information clause on personal data. A missing one stops the build with
a located message (``data/gmina.yml``, the ``konsultacje`` section), so no resident meets a form
that cannot reach the office.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlsplit

from ngosite.core.problems import Problem, Severity
from ngosite.core.validate import problem_at
from ngosite.core.yaml_source import SourceDocument, read_yaml
from ngosite.documents.consultation import OPEN, PLANNED
from ngosite.documents.document import Document
from ngosite.settings.accessibility import PENDING
from ngosite.settings.gmina import SETTINGS_FILE, Settings

SECTION = "konsultacje"


def announced(documents: Iterable[Document]) -> list[tuple[Document, int]]:
    """(document, version number) of every consultation planned or open on the build date."""
    return [(d, v.number) for d in documents for v in d.versions
            if v.state is not None and v.state.code in (PLANNED, OPEN)]


def consultation_settings_problems(root: Path, settings: Settings,
                                   documents: Iterable[Document]) -> list[Problem]:
    under_way = announced(documents)
    if not under_way:
        return []
    doc = read_yaml(root / SETTINGS_FILE, SETTINGS_FILE, [])
    document, number = under_way[0]
    why = (f"„{document.meta.title}” (wersja {number}) ma zaplanowane albo trwające "
           "konsultacje, a formularz uwag przy tej wersji")
    found: list[Problem] = []

    def missing(key: str, what: str, example: str) -> None:
        found.append(_problem(doc, key, f"{why} {what}; dopisz w sekcji {SECTION} pole {key}, "
                                        f"np. {key}: {example}"))

    config = settings.consultations
    if config.email is None:
        missing("email", "nie ma adresu e-mail, na który wysłać uwagę",
                "konsultacje@urzad.example.pl")
    if config.postal_address is None:
        missing("adres_pocztowy", "nie ma adresu, na który wysłać albo zanieść uwagę na piśmie",
                f"{settings.office.name}, {settings.office.address}")
    if config.rodo_clause is None:
        missing("klauzula_rodo", "nie ma klauzuli informacyjnej o danych osobowych (RODO)",
                "„Administratorem danych osobowych jest …”")
    if "epuap" in config.accepted and config.epuap is None:
        missing("epuap", "przyjmuje uwagi przez ePUAP, ale nie ma adresu skrytki",
                "/ugnazwa/SkrytkaESP")
    if "github" in config.accepted and \
            urlsplit(settings.repository.url).netloc.lower() != "github.com":
        found.append(_problem(doc, "wazne_sposoby",
                              "github jest na liście ważnych sposobów złożenia uwagi, ale "
                              "repozytorium (repozytorium.adres) nie jest na GitHubie; usuń "
                              "github z listy"))
    if config.rodo_clause and PENDING in config.rodo_clause.casefold():
        found.append(_problem(doc, "klauzula_rodo",
                              f"klauzula RODO zawiera „{PENDING}”: formularz pokazuje ją "
                              "mieszkańcom w tym brzmieniu; uzupełnij ją", Severity.INFO))
    return found


def _problem(doc: SourceDocument | None, key: str, message: str,
             severity: Severity = Severity.ERROR) -> Problem:
    if doc is None:
        return Problem(SETTINGS_FILE, 1, 1, f"{SECTION}.{key}", message, severity)
    return problem_at(doc, (SECTION, key), message, severity)
