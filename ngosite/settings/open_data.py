"""The open-data licence, as ``dane_otwarte`` in ``data/gmina.yml``.

The default (CC BY 4.0) is a proposal the office may change: the gmina compiles the directory,
and the NGOs publish their own entries for everyone to read.
"""

from __future__ import annotations

from pydantic import Field

from ngosite.core.fields import Strict, Text, Url


class OpenDataSettings(Strict):
    licence: Text = Field("Creative Commons Uznanie autorstwa 4.0 Międzynarodowe (CC BY 4.0)",
                          alias="licencja", description="Nazwa licencji danych")
    licence_url: Url = Field("https://creativecommons.org/licenses/by/4.0/deed.pl",
                             alias="licencja_adres", description="Adres tekstu licencji")
    attribution: Text | None = Field(
        None, alias="uznanie_autorstwa",
        description="Jak podpisać dane przy ponownym wykorzystaniu (domyślnie: nazwa gminy "
                    "i adres serwisu)")
