"""Site settings from ``data/gmina.yml``: who publishes the site and where its sources live.

Everything that differs between gminas is here, so another gmina adopts the product by editing
this file, the locality list and the boundary, not the code.
"""

from __future__ import annotations

from pydantic import Field

from .model import Email, Phone, Strict, Text, Url


class Office(Strict):
    name: Text = Field(alias="nazwa", description="Nazwa urzędu")
    address: Text = Field(alias="adres", description="Adres urzędu w jednej linii")
    email: Email | None = Field(None, description="E-mail urzędu")
    phone: Phone | None = Field(None, alias="telefon", description="Telefon urzędu")
    website: Url | None = Field(None, alias="www", description="Strona urzędu")


class Repository(Strict):
    url: Url = Field(alias="adres", description="Adres repozytorium, np. https://github.com/o/r")
    branch: Text = Field("main", alias="galaz", description="Gałąź, z której publikuje się serwis")


class Settings(Strict):
    """The gmina that publishes the site."""

    name: Text = Field(alias="nazwa", description="Nazwa gminy, np. Gmina Miłki")
    name_locative: Text = Field(alias="nazwa_miejscownik",
                                description="„w …”: np. gminie Miłki")
    teryt: Text = Field(pattern=r"^\d{7}$", description="Kod TERYT gminy (7 cyfr)")
    county: Text = Field(alias="powiat", description="Powiat")
    voivodeship: Text = Field(alias="wojewodztwo", description="Województwo")
    project: Text = Field(alias="projekt", description="Nazwa projektu")
    office: Office = Field(alias="urzad", description="Urząd gminy")
    repository: Repository = Field(alias="repozytorium", description="Repozytorium z danymi")
    site_url: Url | None = Field(None, alias="adres_serwisu", description="Adres serwisu")
    sample_data: bool = Field(
        False, alias="dane_przykladowe", strict=True,
        description="true, gdy wpisy organizacji są przykładowe (serwis to zaznacza)")

    def edit_url(self, path: str) -> str:
        """The repository host's web editor for one file (a fork and pull request for outsiders)."""
        return f"{self.repository.url.rstrip('/')}/edit/{self.repository.branch}/{path}"

    def new_issue_url(self, title: str) -> str:
        from urllib.parse import urlencode

        query = urlencode({"title": title})
        return f"{self.repository.url.rstrip('/')}/issues/new?{query}"
