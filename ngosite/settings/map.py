"""The map's background, as ``mapa`` in ``data/gmina.yml``: the tile server and its attribution.

The tile server is the only host other than the site itself that a resident's browser contacts
on the map page, so it is a setting: a gmina may point it at its own or a commercial server.
"""

from __future__ import annotations

import re
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import AfterValidator, Field

from ngosite.core.fields import Strict, Text, Url

OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"


def _tile_template(value: str) -> str:
    value = value.strip()
    if (not re.fullmatch(r"https?://[^\s<>\"'`/]+/[^\s<>\"'`]*", value)
            or not all(part in value for part in ("{z}", "{x}", "{y}"))):
        raise ValueError(
            f"adres kafelków „{value}” musi zaczynać się od https:// i zawierać {{z}}, {{x}} "
            f"i {{y}}, np. {OSM_TILES}")
    return value


TileTemplate = Annotated[str, AfterValidator(_tile_template)]


class MapSettings(Strict):
    tiles: TileTemplate = Field(
        OSM_TILES, alias="kafelki",
        description="Adres kafelków podkładu mapy ({z}/{x}/{y}); przeglądarka mieszkańca pobiera "
                    "je z tego serwera")
    attribution: Text = Field("autorzy OpenStreetMap", alias="atrybucja",
                              description="Czyje są dane podkładu (wyświetlane na mapie po ©)")
    attribution_url: Url = Field("https://www.openstreetmap.org/copyright",
                                 alias="atrybucja_adres",
                                 description="Adres strony z licencją danych podkładu")
    max_zoom: int = Field(19, alias="maks_przyblizenie", ge=10, le=22,
                          description="Największe przybliżenie, jakie daje serwer kafelków")

    @property
    def tile_host(self) -> str:
        """The host name the browser contacts for tiles ({s} subdomains as Leaflet's "a")."""
        return urlsplit(self.tiles.replace("{s}", "a")).hostname or ""
