"""``/.well-known/security.txt`` (RFC 9116): whom a researcher who finds a flaw should tell.

Built from ``bezpieczenstwo`` in ``data/gmina.yml`` (``ngosite.settings.security``). The fields
are the RFC's English names; the comments above them are in Polish, for the office's staff who
open the file from the link in every page's footer.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from ngosite.core.limits import PROJECT_FILE
from ngosite.core.problems import Problem, Severity
from ngosite.core.yaml_source import format_key_path, read_yaml
from ngosite.settings.gmina import SETTINGS_FILE, Settings

PATH = ".well-known/security.txt"
SECTION = "bezpieczenstwo"
# Without a date in the settings the file is valid this long after each build.
DEFAULT_VALIDITY = timedelta(days=182)
# RFC 9116, 2.5.5: "less than a year into the future".
LONGEST_VALIDITY = timedelta(days=365)
_WARSAW = ZoneInfo("Europe/Warsaw")


def contacts(settings: Settings) -> list[str]:
    """The ``Contact`` URIs, most preferred first: the settings' own, else the office's e-mail
    and the repository's private vulnerability reporting (on GitHub)."""
    if settings.security.contacts:
        return list(settings.security.contacts)
    found = [f"mailto:{settings.office.email}"] if settings.office.email else []
    repository = settings.repository.url.rstrip("/")
    if urlsplit(repository).hostname == "github.com":
        found.append(f"{repository}/security/advisories/new")
    return found


def expires(settings: Settings, built: date) -> date:
    return settings.security.expires or built + DEFAULT_VALIDITY


def security_txt(settings: Settings, built: date) -> str | None:
    """The file's text, or None when there is no one to contact (the RFC requires one)."""
    found = contacts(settings)
    if not found:
        return None
    # The end of the last valid day in Poland, written in UTC as the RFC's examples are.
    end = datetime.combine(expires(settings, built), time(23, 59, 59), _WARSAW)
    lines = [
        "# Zgłaszanie luk w zabezpieczeniach serwisu organizacji pozarządowych",
        f"# ({settings.name}). Opisz, co znalazłeś i jak to powtórzyć. Nie publikuj opisu luki,",
        "# zanim jej nie usuniemy. Reports in English are welcome.",
        *(f"Contact: {contact}" for contact in found),
        f"Expires: {end.astimezone(UTC).strftime('%Y-%m-%dT%H:%M:%SZ')}",
        f"Preferred-Languages: {', '.join(settings.security.languages)}",
    ]
    if settings.site_url:
        lines.append(f"Canonical: {settings.site_url.rstrip('/')}/{PATH}")
    return "\n".join(lines) + "\n"


def security_problems(root: Path, settings: Settings, built: date) -> list[Problem]:
    """No contact at all, a date that has passed (the build stops: a stale file misleads) or
    one more than a year ahead (information: the RFC advises against it)."""
    if not contacts(settings):
        return [_problem(root, (SECTION,), Severity.INFO,
                         "nie ma do kogo zgłaszać luk w zabezpieczeniach, więc serwis nie ma "
                         f"pliku /{PATH}; wpisz {SECTION}.kontakt (e-mail) albo urzad.email")]
    valid_until = settings.security.expires
    if valid_until is None:
        return []
    key = (SECTION, "wygasa")
    if valid_until < built:
        return [_problem(root, key, Severity.WARNING,
                         f"data {valid_until.isoformat()} minęła, a plik /{PATH} z nieaktualną "
                         "datą wprowadza w błąd; sprawdź kontakty i wpisz nową datę (najwyżej "
                         "rok naprzód) albo usuń pole, by plik był ważny pół roku od budowania")]
    if valid_until > built + LONGEST_VALIDITY:
        return [_problem(root, key, Severity.INFO,
                         f"data {valid_until.isoformat()} jest dalej niż rok naprzód; RFC 9116 "
                         "zaleca krótszą ważność, by dane kontaktowe nie zestarzały się")]
    return []


def _problem(root: Path, key: tuple[str, ...], severity: Severity, message: str) -> Problem:
    doc = read_yaml(root / SETTINGS_FILE, SETTINGS_FILE, [], PROJECT_FILE)
    line, column = doc.locate(key) if doc is not None else (1, 1)
    return Problem(SETTINGS_FILE, line, column, format_key_path(key), message, severity)
