"""Polish labels and help for every field of the NGO entry, as people see them in the forms.

The model's ``description`` says what a YAML key holds; a form needs a short label and a hint on
how to fill it in. A test fails when a field of the model has no label here.
"""

from __future__ import annotations

from dataclasses import dataclass

from ngosite.organisations.vocabulary import (
    LEGAL_FORMS,
    OTHER_REGISTERS,
    PIN_PRECISIONS,
    PUBLIC_BENEFIT_AREAS,
    TARGET_GROUPS,
    Term,
)


@dataclass(frozen=True)
class Label:
    text: str
    help: str = ""


LABELS: dict[str, Label] = {
    "nazwa": Label("Pełna nazwa organizacji",
                   "Tak jak w KRS, statucie albo rejestrze."),
    "nazwa_skrocona": Label("Nazwa skrócona",
                            "Nazwa, pod którą znają Was mieszkańcy, np. OSP i nazwa wsi."),
    "forma_prawna": Label("Forma prawna", "Wybierz z listy."),
    "forma_prawna_opis": Label("Opis formy prawnej",
                               "Tylko przy formie „inna forma”, np. parafialny zespół Caritas."),
    "opp": Label("Organizacja pożytku publicznego (OPP)",
                 "Zaznacz, jeśli organizacja ma status OPP. Taka organizacja ma numer KRS."),
    "opis": Label("Opis działalności",
                  "Pierwsze zdanie pokazujemy w katalogu, więc zacznij od tego, czym się "
                  "zajmujecie. Pusta linia zaczyna nowy akapit, a linia zaczynająca się od "
                  "„- ” to punkt listy."),
    "obszary": Label("Obszary działalności",
                     "Od 1 do 10 sfer pożytku publicznego (art. 4 ustawy o działalności "
                     "pożytku publicznego i o wolontariacie). Według nich mieszkańcy filtrują "
                     "katalog."),
    "grupy_docelowe": Label("Dla kogo działacie", "Zaznacz wszystkie pasujące grupy."),
    "identyfikatory": Label("Numery w rejestrach",
                            "Podaj te numery, które organizacja ma: dzięki nim urząd "
                            "i mieszkańcy sprawdzą dane w rejestrach."),
    "identyfikatory.krs": Label("Numer KRS", "10 cyfr, z zerami na początku, np. 0000123456."),
    "identyfikatory.nazwa_w_krs": Label(
        "Nazwa w KRS",
        "Dokładnie tak, jak w rejestrze (zwykle wielkimi literami). Wpisuje ją urząd poleceniem "
        "ngosite krs import; można zostawić puste."),
    "identyfikatory.data_wpisu_krs": Label(
        "Data rejestracji w KRS", "W postaci RRRR-MM-DD; można zostawić puste."),
    "identyfikatory.nip": Label("NIP", "10 cyfr; myślniki i spacje są dozwolone."),
    "identyfikatory.regon": Label("REGON", "9 albo 14 cyfr."),
    "identyfikatory.inny_rejestr": Label(
        "Inny rejestr niż KRS",
        "Dla kół gospodyń wiejskich, stowarzyszeń zwykłych, klubów sportowych: rejestr, "
        "w którym organizacja jest wpisana."),
    "identyfikatory.inny_rejestr.rejestr": Label("Rodzaj rejestru", "Wybierz z listy."),
    "identyfikatory.inny_rejestr.numer": Label("Numer wpisu w rejestrze",
                                               "Jeśli go znacie."),
    "identyfikatory.inny_rejestr.organ": Label(
        "Kto prowadzi rejestr",
        "Np. starosta Waszego powiatu. Przy „inny rejestr” wpisz też nazwę rejestru."),
    "adres": Label("Adres", "Adres siedziby albo miejsca, w którym działacie."),
    "adres.ulica": Label("Ulica", "Bez „ul.”. We wsi bez nazw ulic zostaw puste."),
    "adres.numer": Label("Numer budynku (i lokalu)", "Np. 12, 3A albo 5/2."),
    "adres.kod_pocztowy": Label("Kod pocztowy", "W postaci NN-NNN, np. 11-513."),
    "adres.miejscowosc": Label("Miejscowość", "Wybierz z listy miejscowości gminy."),
    "adres.na_mapie": Label(
        "Co pokazać na mapie",
        "Wybierz „tylko miejscowość”, jeśli adresem jest prywatny dom (np. wolontariusza): "
        "mapa nie pokaże wtedy ulicy ani numeru."),
    "adres.wspolrzedne": Label(
        "Dokładny punkt na mapie",
        "Zwykle niepotrzebny: położenie ustalimy z adresu. Przydaje się dla świetlicy bez "
        "numeru, boiska albo przystani. Wpisz obie liczby albo żadnej."),
    "adres.wspolrzedne.szerokosc": Label("Szerokość geograficzna",
                                         "Stopnie dziesiętne, np. 53.9431."),
    "adres.wspolrzedne.dlugosc": Label("Długość geograficzna",
                                       "Stopnie dziesiętne, np. 21.8825."),
    "kontakt": Label("Kontakt",
                     "Dane kontaktowe będą publiczne: podawajcie adresy i telefony organizacji "
                     "albo osób, które się na to zgodziły."),
    "kontakt.email": Label("E-mail", "Np. kontakt@przyklad.pl."),
    "kontakt.telefon": Label("Telefon", "9 cyfr, można z +48 na początku, np. 600 100 200."),
    "kontakt.www": Label("Strona internetowa",
                         "Pełny adres zaczynający się od https://, np. https://www.przyklad.pl."),
    "kontakt.media_spolecznosciowe": Label(
        "Profile w mediach społecznościowych",
        "Pełne adresy (Facebook, Instagram, YouTube…), każdy w osobnej linii, najwyżej 10."),
    "oferta": Label("Oferta dla mieszkańców",
                    "Zajęcia, wydarzenia, wolontariat, wypożyczenie sprzętu, pomoc. "
                    "Formatowanie jak w opisie."),
    "zweryfikowano": Label("Data sprawdzenia danych",
                           "Dzień, w którym sprawdziliście, że dane są aktualne; najpóźniej "
                           "dzisiejszy."),
}

# Fields whose choices come from a data file rather than from the model.
VOCABULARY_FIELDS: dict[str, str] = {"adres.miejscowosc": "miejscowosci"}

_VOCABULARIES: dict[str, dict[str, Term]] = {
    "forma_prawna": LEGAL_FORMS,
    "obszary": PUBLIC_BENEFIT_AREAS,
    "grupy_docelowe": TARGET_GROUPS,
    "identyfikatory.inny_rejestr.rejestr": OTHER_REGISTERS,
    "adres.na_mapie": PIN_PRECISIONS,
}

# The form's sections: top-level keys of the entry in the order people fill them in.
SECTIONS: list[tuple[str, str, tuple[str, ...]]] = [
    ("organizacja", "Organizacja",
     ("nazwa", "nazwa_skrocona", "forma_prawna", "forma_prawna_opis", "opp")),
    ("dzialalnosc", "Działalność", ("opis", "obszary", "grupy_docelowe", "oferta")),
    ("identyfikatory", "Numery w rejestrach", ("identyfikatory",)),
    ("adres", "Adres", ("adres",)),
    ("kontakt", "Kontakt", ("kontakt",)),
    ("aktualnosc", "Aktualność danych", ("zweryfikowano",)),
]



def vocabulary_for(key: str) -> dict[str, Term]:
    return _VOCABULARIES.get(key, {})
