"""The bundled list of the gmina's localities (``data/miejscowosci.yml``).

It is the authority on which locality names an NGO may use, and (for the geocoder) where a
locality lies. Coordinates are optional: for about half the localities no public source gave a
point, and staff fill the gaps as they learn them.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from ngosite.core.fields import Coordinates, PostalCode, Strict, Text


class Locality(Strict):
    name: Text = Field(alias="nazwa", description="Nazwa urzędowa miejscowości")
    kind: Text = Field(alias="rodzaj", description="wieś, osada…")
    solectwo: Text | None = Field(None, alias="solectwo", description="Sołectwo, do którego należy")
    point: Coordinates | None = Field(None, alias="wspolrzedne", description="Punkt miejscowości")
    point_precision: Literal["sekunda", "minuta"] | None = Field(
        None, alias="dokladnosc", description="sekunda: ok. 30 m; minuta: ok. 1 km")
    simc: Text | None = Field(None, pattern=r"^\d{7}$", description="Identyfikator TERYT SIMC")
    postal_code: PostalCode | None = Field(None, alias="kod_pocztowy", description="Kod pocztowy")
    source: Text = Field(alias="zrodlo", description="Skąd pochodzą dane")


class Gazetteer(Strict):
    localities: list[Locality] = Field(alias="miejscowosci")

    def by_name(self) -> dict[str, Locality]:
        return {loc.name: loc for loc in self.localities}
