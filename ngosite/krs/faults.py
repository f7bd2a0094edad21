"""Every way asking the register can fail, each as one Polish line for the clerk.

The client and the answer parser raise only the two exceptions below; this module alone turns
a transport error (urllib3's), an HTTP status or a malformed body into the sentence people
read. Kept apart from the client so the same table can serve other online lookups later.
"""

from __future__ import annotations

import socket

from urllib3.exceptions import (
    ConnectTimeoutError,
    NameResolutionError,
    NewConnectionError,
    ProtocolError,
    ReadTimeoutError,
    SSLError,
)


class RegisterUnavailable(Exception):
    """The register could not be asked (after retries): the run stops, the rest waits."""


class BadAnswer(Exception):
    """The register answered, but not with an extract we can read: this number is skipped."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def transport_message(exc: BaseException) -> str:
    """A connection-level failure (no HTTP status) in one Polish line."""
    if isinstance(exc, NameResolutionError):
        return "nie znaleziono serwera rejestru KRS (błąd DNS); sprawdź połączenie z internetem"
    if isinstance(exc, NewConnectionError):  # before ConnectTimeoutError: it subclasses it
        return "serwer rejestru KRS odmówił połączenia albo jest niedostępny"
    if isinstance(exc, ConnectTimeoutError | ReadTimeoutError | TimeoutError | socket.timeout):
        return "serwer rejestru KRS nie odpowiedział w wyznaczonym czasie"
    if isinstance(exc, SSLError):
        return "nie udało się nawiązać bezpiecznego połączenia (TLS) z serwerem rejestru KRS"
    if isinstance(exc, ProtocolError | ConnectionError):
        return "serwer rejestru KRS przerwał połączenie w trakcie odpowiedzi"
    return f"błąd połączenia z rejestrem KRS ({type(exc).__name__})"


def status_message(status: int, retry_after: float | None = None) -> str:
    """An HTTP status the register should not have answered, in one Polish line."""
    if status == 429:
        wait = (f"; serwer prosi o przerwę {round(retry_after)} s" if retry_after is not None
                else "")
        return f"serwer rejestru KRS odrzuca zapytania: zbyt wiele zapytań (HTTP 429){wait}"
    if status >= 500:
        return f"serwer rejestru KRS ma awarię albo przerwę techniczną (HTTP {status})"
    return f"serwer rejestru KRS odrzucił zapytanie (HTTP {status})"


NOT_UTF8 = "odpowiedź rejestru nie jest tekstem UTF-8"
HTML_PAGE = ("rejestr zwrócił stronę HTML zamiast danych JSON (zwykle przerwa techniczna albo "
             "strona błędu)")
EMPTY = "rejestr zwrócił pustą odpowiedź"
NON_FINITE = "odpowiedź rejestru zawiera liczbę nieskończoną albo NaN, których JSON nie dopuszcza"
TOO_DEEP = "odpowiedź rejestru jest zagnieżdżona zbyt głęboko, by ją odczytać"
TOO_BIG = "odpowiedź rejestru jest podejrzanie duża (ponad 5 MB); nie odczytano jej"


def malformed_json(line: int, column: int) -> str:
    return f"odpowiedź rejestru nie jest poprawnym JSON-em (uszkodzona w linii {line}, " \
           f"kolumnie {column})"


def wrong_number(asked: str, given: str) -> str:
    return f"rejestr zwrócił odpis innego numeru ({given}) niż zapytany ({asked})"


def invalid_extract(problems: list[str]) -> str:
    shown = "; ".join(problems[:3]) + (f" (i {len(problems) - 3} więcej)"
                                       if len(problems) > 3 else "")
    return f"odpis z rejestru ma nieoczekiwaną postać: {shown}"
