"""Whom to tell about a security flaw, as ``bezpieczenstwo`` in ``data/gmina.yml``.

The site publishes it as ``/.well-known/security.txt`` (RFC 9116). Every field has a default, so
a gmina that writes nothing still has a working file: reports go to the repository's private
vulnerability reporting (GitHub's "Report a vulnerability") and to the office's e-mail when it is
known, and the file stays valid for half a year from each build (the nightly build renews it; a
site nobody builds any more lets it lapse, as the RFC intends).
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, Field

from ngosite.core.fields import IsoDate, Strict


def _contact(value: str) -> str:
    value = value.strip()
    if re.fullmatch(r"[^@\s<>\"':/]+@[^@\s<>\"']+\.[A-Za-z]{2,}", value):
        return "mailto:" + value
    if not re.fullmatch(r"(?:https://|mailto:|tel:)[^\s<>\"'`]+", value):
        raise ValueError(
            f"kontakt „{value}” musi być adresem e-mail (np. bezpieczenstwo@urzad.example.pl), "
            "adresem strony zaczynającym się od https:// albo numerem telefonu zapisanym jako "
            "tel:+48…")
    return value


Contact = Annotated[str, AfterValidator(_contact)]


class SecuritySettings(Strict):
    contacts: list[Contact] = Field(
        default_factory=list, alias="kontakt",
        description="Dokąd zgłaszać luki w zabezpieczeniach: e-maile, adresy https:// albo "
                    "tel:+48…, od najważniejszego (domyślnie: e-mail urzędu i zgłoszenie "
                    "poufne w repozytorium)")
    expires: IsoDate | None = Field(
        None, alias="wygasa",
        description="Do kiedy te dane są aktualne, RRRR-MM-DD, najwyżej rok naprzód "
                    "(domyślnie: pół roku od dnia budowania serwisu)")
    languages: list[Annotated[str, Field(pattern=r"^[a-z]{2,3}$")]] = Field(
        default_factory=lambda: ["pl", "en"], alias="jezyki",
        description="W jakich językach można pisać zgłoszenia (kody, np. pl, en)")
