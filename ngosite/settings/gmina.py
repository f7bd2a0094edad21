"""Site settings from ``data/gmina.yml``: who publishes the site and where its sources live.

Everything that differs between gminas is here, so another gmina adopts the product by editing
this file, the locality list and the boundary, not the code.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field

from ngosite.core.fields import Email, Phone, Strict, Text, Url
from ngosite.core.problems import DataError, Problem
from ngosite.core.validate import read_model
from ngosite.settings.consultations import ConsultationSettings

from .accessibility import AccessibilityStatementSettings
from .krs import KrsSettings
from .map import MapSettings
from .open_data import OpenDataSettings
from .security import SecuritySettings
from .surveys import SurveySettings

SETTINGS_FILE = "data/gmina.yml"


class Office(Strict):
    name: Text = Field(alias="nazwa", description="Nazwa urzędu")
    address: Text = Field(alias="adres", description="Adres urzędu w jednej linii")
    email: Email | None = Field(None, description="E-mail urzędu")
    phone: Phone | None = Field(None, alias="telefon", description="Telefon urzędu")
    website: Url | None = Field(None, alias="www", description="Strona urzędu")


class ExtraArea(Strict):
    name: Text = Field(alias="nazwa",
                       description="Co to za obszar, np. przystań w sąsiedniej gminie")
    bounds: tuple[float, float, float, float] = Field(
        alias="prostokat",
        description="Prostokąt [min. szerokość, min. długość, maks. szerokość, maks. długość]")


class AreaSettings(Strict):
    boundary: Text = Field("data/granica.geojson", alias="granica",
                           description="Plik GeoJSON z granicą gminy (WGS84)")
    tolerance_m: float = Field(300.0, alias="tolerancja_m", ge=0, le=5000,
                               description="Ile metrów poza granicą punkt jeszcze się liczy")
    extra: list[ExtraArea] = Field(default_factory=list, alias="dodatkowe_obszary",
                                   description="Obszary poza gminą, na których wolno stawiać "
                                               "pinezki (np. siedziba w sąsiedniej gminie)")


class GeocodingSettings(Strict):
    server: Url = Field("https://nominatim.openstreetmap.org", alias="serwer",
                        description="Adres serwera Nominatim")
    contact: Email | None = Field(None, alias="kontakt",
                                  description="E-mail podawany serwerowi geokodowania "
                                              "(wymagany przy geokodowaniu online)")
    cache: Text = Field("data/geokodowanie.yml", alias="pamiec",
                        description="Plik pamięci geokodowania")
    require_location: bool = Field(
        True, alias="wymagaj_polozenia", strict=True,
        description="true: organizacja bez położenia na mapie to ostrzeżenie, które zatrzymuje "
                    "budowanie w trybie --strict; false: tylko informacja")


class Repository(Strict):
    url: Url = Field(alias="adres", description="Adres repozytorium, np. https://github.com/o/r")
    branch: Text = Field("main", alias="galaz", description="Gałąź, z której publikuje się serwis")


class Settings(Strict):
    """The gmina that publishes the site."""

    name: Text = Field(alias="nazwa", description="Nazwa gminy, np. Gmina Nowa Wieś")
    name_locative: Text = Field(alias="nazwa_miejscownik",
                                description="„w …”: np. gminie Nowa Wieś")
    teryt: Text = Field(pattern=r"^\d{7}$", description="Kod TERYT gminy (7 cyfr)")
    county: Text = Field(alias="powiat", description="Powiat")
    voivodeship: Text = Field(alias="wojewodztwo", description="Województwo")
    project: Text = Field(alias="projekt", description="Nazwa projektu")
    office: Office = Field(alias="urzad", description="Urząd gminy")
    repository: Repository = Field(alias="repozytorium", description="Repozytorium z danymi")
    site_url: Url | None = Field(None, alias="adres_serwisu", description="Adres serwisu")
    area: AreaSettings = Field(default_factory=AreaSettings, alias="obszar",
                               description="Obszar, w którym muszą leżeć pinezki")
    geocoding: GeocodingSettings = Field(default_factory=GeocodingSettings,
                                         alias="geokodowanie", description="Geokodowanie adresów")
    sample_data: bool = Field(
        False, alias="dane_przykladowe", strict=True,
        description="true, gdy wpisy organizacji są przykładowe (serwis to zaznacza)")
    map: MapSettings = Field(default_factory=MapSettings, alias="mapa",
                             description="Podkład mapy organizacji: serwer kafelków")
    accessibility: AccessibilityStatementSettings = Field(
        default_factory=AccessibilityStatementSettings, alias="deklaracja_dostepnosci",
        description="Treść deklaracji dostępności serwisu")
    consultations: ConsultationSettings = Field(
        default_factory=ConsultationSettings, alias="konsultacje",
        description="Konsultacje: adres na uwagi, klauzula RODO, co liczy się jako złożenie uwagi")
    open_data: OpenDataSettings = Field(default_factory=OpenDataSettings, alias="dane_otwarte",
                                        description="Licencja danych otwartych")
    krs: KrsSettings = Field(default_factory=KrsSettings,
                             description="API rejestru KRS (polecenia ngosite krs)")
    surveys: SurveySettings = Field(default_factory=SurveySettings, alias="badania",
                                    description="Progi ochrony danych w wynikach badań")
    security: SecuritySettings = Field(
        default_factory=SecuritySettings, alias="bezpieczenstwo",
        description="Dokąd zgłaszać luki w zabezpieczeniach (/.well-known/security.txt)")

    def edit_url(self, path: str) -> str:
        """The repository host's web editor for one file (a fork and pull request for outsiders)."""
        return f"{self.repository.url.rstrip('/')}/edit/{self.repository.branch}/{path}"

    def new_issue_url(self, title: str) -> str:
        from urllib.parse import urlencode

        query = urlencode({"title": title})
        return f"{self.repository.url.rstrip('/')}/issues/new?{query}"


def load_settings(root: Path) -> Settings:
    """Only the settings (for commands that need them before the full load)."""
    problems: list[Problem] = []
    settings = read_model(root, root / SETTINGS_FILE, Settings, problems)
    if settings is None:
        raise DataError(problems)
    return settings
