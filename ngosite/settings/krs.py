"""The official KRS register's API, as ``krs`` in ``data/gmina.yml``: where to ask and who asks.

A setting rather than a constant, so tests (and a gmina behind a proxy) point the commands at
another server; the contact goes into the User-Agent, so the Ministry of Justice can reach the
office instead of blocking an anonymous client.
"""

from __future__ import annotations

from pydantic import Field

from ngosite.core.fields import Email, Strict, Url

OFFICIAL_API = "https://api-krs.ms.gov.pl/api/krs"


class KrsSettings(Strict):
    api: Url = Field(OFFICIAL_API, description="Adres API KRS Ministerstwa Sprawiedliwości")
    contact: Email | None = Field(
        None, alias="kontakt",
        description="E-mail podawany serwerowi KRS w nagłówku User-Agent (gdy brak: "
                    "geokodowanie.kontakt)")
    delay_s: float = Field(1.0, alias="odstep_s", ge=1.0, le=60.0,
                           description="Najmniejszy odstęp między zapytaniami, w sekundach")
    timeout_s: float = Field(20.0, alias="limit_czasu_s", gt=0, le=120.0,
                             description="Jak długo czekać na odpowiedź serwera, w sekundach")
