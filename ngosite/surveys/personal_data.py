"""What looks like a person's data in a survey file: a column named like a name or a contact,
an answer with an e-mail address, a phone number or a PESEL. The repository is public, so such
data must be removed before a file is committed; these checks refuse it at the door.
"""

from __future__ import annotations

import re

from ngosite.core.folding import fold

_PERSONAL_TOKENS = {"imie", "imiona", "nazwisko", "name", "surname", "firstname", "lastname",
                    "fullname", "email", "mail", "telefon", "tel", "phone", "komorka", "adres",
                    "address", "ulica", "street", "pesel", "ip", "kontakt", "podpis",
                    "urodzenia", "birth", "dowod"}
_EMAIL = re.compile(r"[^\s@<>]+@[^\s@<>]+\.[a-z]{2,}", re.IGNORECASE)
_PHONE = re.compile(r"(?<![\d])(?:\+48[\s-]?)?\d{3}[\s-]?\d{3}[\s-]?\d{3}(?![\d])"
                    r"|(?<![\d])\d{2}[\s-]\d{3}[\s-]\d{2}[\s-]\d{2}(?![\d])")
_PESEL = re.compile(r"(?<![\d])\d{11}(?![\d])")


def personal_column(header: str) -> bool:
    """``Imię i nazwisko``, ``e-mail``, ``nr_telefonu``… — anything that names or reaches a
    person; coarse demographics (wiek, płeć, miejscowość) and question codes pass."""
    tokens = re.split(r"[^a-z0-9]+", fold(header).lower())
    return any(t in _PERSONAL_TOKENS or t.startswith(("imie", "nazwisk", "mail", "telefon"))
               for t in tokens if t)


def personal_data_in(text: str) -> list[str]:
    """The kinds of personal data found in an answer, in Polish (empty when none)."""
    return [what for what, pattern in (("adres e-mail", _EMAIL), ("numer telefonu", _PHONE),
                                       ("numer PESEL", _PESEL)) if pattern.search(text)]
