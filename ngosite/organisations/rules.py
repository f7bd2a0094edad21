"""Rules that look beyond one field: the locality list, other entries, the calendar.

Each rule appends problems and never raises, so one bad entry cannot hide another's problems.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from datetime import date

from ngosite.core.folding import fold, slug
from ngosite.core.problems import Problem, Severity
from ngosite.core.sorting import polish_key
from ngosite.core.validate import problem_at
from ngosite.core.yaml_source import SourceDocument
from ngosite.geo.gazetteer import Gazetteer

from .model import Organisation, check_cross_field

SLUG_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
STALE_AFTER_DAYS = 730


def suggest_slug(stem: str) -> str:
    return slug(stem) or "nazwa-organizacji"


# Addresses under /organizacje/ taken by the directory's own lists (organisations.listings).
RESERVED_SLUGS = re.compile(r"miejscowosci|obszary|katalog|strona-\d+")


def check_slug(name: str, stem: str) -> Problem | None:
    """Slugs are the NGO's address on the site: lowercase ASCII, digits and single hyphens."""
    if RESERVED_SLUGS.fullmatch(stem):
        return Problem(
            name, 1, 1, "",
            f"nazwa pliku „{stem}” jest zajęta przez listy katalogu (adres /organizacje/{stem}/); "
            f"nazwij plik od nazwy organizacji, np. „{stem}-nazwa-organizacji.yml”",
        )
    if SLUG_PATTERN.fullmatch(stem):
        return None
    return Problem(
        name, 1, 1, "",
        f"nazwa pliku „{stem}” nie nadaje się na adres strony: używaj tylko małych liter bez "
        f"polskich znaków, cyfr i pojedynczych myślników; zmień nazwę pliku na "
        f"„{suggest_slug(stem)}.yml”",
    )


def check_entry(doc: SourceDocument, org: Organisation, gazetteer: Gazetteer, today: date,
                problems: list[Problem]) -> None:
    """Rules for one valid entry that need the gazetteer or the date."""
    for path, message in check_cross_field(org):
        problems.append(problem_at(doc, path, message))
    if org.verified > today:
        problems.append(problem_at(
            doc, ("zweryfikowano",),
            f"data {org.verified.isoformat()} jest z przyszłości; wpisz dzień, w którym "
            "sprawdzono dane (najpóźniej dzisiejszy)"))
    elif (today - org.verified).days > STALE_AFTER_DAYS:
        problems.append(problem_at(
            doc, ("zweryfikowano",),
            f"dane sprawdzono ostatnio {org.verified.isoformat()}, ponad dwa lata temu; "
            "sprawdź je i wpisz nową datę", Severity.WARNING))
    registered = org.identifiers.krs_registered
    if registered is not None and registered > today:
        problems.append(problem_at(
            doc, ("identyfikatory", "data_wpisu_krs"),
            f"data {registered.isoformat()} jest z przyszłości; wpisz dzień rejestracji "
            "w KRS (najpóźniej dzisiejszy)"))


def check_locality(doc: SourceDocument, gazetteer: Gazetteer, problems: list[Problem]) -> None:
    """The locality must be one of the gmina's; checked on the raw data, so it is reported
    even when other fields of the file are broken."""
    address = doc.data.get("adres") if isinstance(doc.data, dict) else None
    if not isinstance(address, dict) or not isinstance(address.get("miejscowosc"), str):
        return
    given = address["miejscowosc"].strip()
    localities = gazetteer.by_name()
    locality = localities.get(given)
    if locality is None:
        problems.append(problem_at(doc, ("adres", "miejscowosc"),
                                   _unknown_locality(given, localities)))
        return
    postal_code = address.get("kod_pocztowy")
    if locality.postal_code and isinstance(postal_code, str) and re.fullmatch(
            r"\d{2}-\d{3}", postal_code) and postal_code != locality.postal_code:
        problems.append(problem_at(
            doc, ("adres", "kod_pocztowy"),
            f"miejscowość {locality.name} ma kod pocztowy {locality.postal_code}, a wpisano "
            f"{postal_code}; sprawdź kod", Severity.WARNING))


def _unknown_locality(given: str, localities: Iterable[str]) -> str:
    names = sorted(localities, key=polish_key)
    by_folded = {fold(n): n for n in names}
    close = by_folded.get(fold(given)) or next(
        iter(difflib.get_close_matches(given, names, n=1, cutoff=0.6)), None)
    hint = f" Czy chodziło o „{close}”?" if close else ""
    return (f"miejscowości „{given}” nie ma na liście miejscowości gminy.{hint} "
            f"Dozwolone: {', '.join(names)}. Jeśli miejscowości brakuje, zgłoś to urzędowi "
            "(lista: data/miejscowosci.yml)")


def check_unique_identifiers(doc: SourceDocument, org: Organisation,
                             seen: dict[tuple[str, str], str], problems: list[Problem]) -> None:
    """The same KRS, NIP or REGON in two files means one NGO entered twice. ``seen`` holds the
    file of every number met so far: each file is checked in turn while its document is at hand
    (keeping every document to compare them at the end weighed on the build's peak memory)."""
    for key in ("krs", "nip", "regon"):
        value = getattr(org.identifiers, key)
        if not value:
            continue
        first = seen.setdefault((key, value), doc.name)
        if first != doc.name:
            typed = doc.scalars.get(("identyfikatory", key))
            shown = typed.raw if typed else value
            problems.append(problem_at(
                doc, ("identyfikatory", key),
                f"numer {key.upper()} {shown} jest już we wpisie {first}; jedna "
                "organizacja ma jeden plik — połącz oba wpisy w jeden i usuń drugi plik"))
            break  # one message per duplicated entry is enough
