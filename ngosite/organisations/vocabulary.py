"""Closed lists an NGO chooses from: legal forms, spheres of public benefit, target groups.

Values are ASCII snake_case slugs (easy to type, stable in URLs and filters); each has the Polish
label people read. The spheres follow art. 4 ust. 1 of the ustawa z dnia 24 kwietnia 2003 r.
o działalności pożytku publicznego i o wolontariacie (consolidated text, Dz.U. 2024 poz. 1491):
``point`` is the statutory point number, so a clerk can check the wording against the act.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    slug: str
    label: str
    description: str = ""
    point: str = ""


LEGAL_FORMS: dict[str, Term] = {t.slug: t for t in [
    Term("stowarzyszenie", "stowarzyszenie", "stowarzyszenie rejestrowe, wpisane do KRS"),
    Term("stowarzyszenie_zwykle", "stowarzyszenie zwykłe",
         "wpisane do ewidencji prowadzonej przez starostę, bez KRS"),
    Term("fundacja", "fundacja", "fundacja wpisana do KRS"),
    Term("ochotnicza_straz_pozarna", "ochotnicza straż pożarna",
         "OSP: stowarzyszenie wpisane do KRS"),
    Term("kolo_gospodyn_wiejskich", "koło gospodyń wiejskich",
         "KGW wpisane do Krajowego Rejestru Kół Gospodyń Wiejskich (ARiMR)"),
    Term("uczniowski_klub_sportowy", "uczniowski klub sportowy",
         "UKS wpisany do ewidencji prowadzonej przez starostę"),
    Term("klub_sportowy", "klub sportowy", "klub sportowy (w KRS albo w ewidencji starosty)"),
    Term("inna", "inna forma", "inna forma prawna: opisz ją w polu forma_prawna_opis"),
]}

# Forms that by law are not entered in the KRS.
FORMS_WITHOUT_KRS = frozenset({"stowarzyszenie_zwykle"})

PUBLIC_BENEFIT_AREAS: dict[str, Term] = {t.slug: t for t in [
    Term("pomoc_spoleczna", "pomoc społeczna",
         "pomoc społeczna, w tym pomoc rodzinom i osobom w trudnej sytuacji życiowej oraz "
         "wyrównywanie szans tych rodzin i osób", "1"),
    Term("wspieranie_rodziny", "wspieranie rodziny i pieczy zastępczej",
         "wspieranie rodziny i systemu pieczy zastępczej", "1a"),
    Term("pomoc_prawna", "nieodpłatna pomoc prawna",
         "udzielanie nieodpłatnej pomocy prawnej oraz zwiększanie świadomości prawnej "
         "społeczeństwa", "1b"),
    Term("integracja_spoleczna", "integracja społeczna i zawodowa",
         "działalność na rzecz integracji i reintegracji zawodowej i społecznej osób "
         "zagrożonych wykluczeniem społecznym", "2"),
    Term("dzialalnosc_charytatywna", "działalność charytatywna",
         "działalność charytatywna", "3"),
    Term("tradycja_narodowa", "tradycja i świadomość narodowa",
         "podtrzymywanie i upowszechnianie tradycji narodowej, pielęgnowanie polskości oraz "
         "rozwój świadomości narodowej, obywatelskiej i kulturowej", "4"),
    Term("mniejszosci", "mniejszości narodowe i etniczne",
         "działalność na rzecz mniejszości narodowych i etnicznych oraz języka regionalnego", "5"),
    Term("integracja_cudzoziemcow", "integracja cudzoziemców",
         "działalność na rzecz integracji cudzoziemców", "5a"),
    Term("zdrowie", "ochrona i promocja zdrowia",
         "ochrona i promocja zdrowia, w tym działalność lecznicza", "6"),
    Term("niepelnosprawnosc", "osoby z niepełnosprawnościami",
         "działalność na rzecz osób z niepełnosprawnościami", "7"),
    Term("zatrudnienie", "aktywizacja zawodowa",
         "promocja zatrudnienia i aktywizacji zawodowej osób pozostających bez pracy i "
         "zagrożonych zwolnieniem z pracy", "8"),
    Term("rownosc_plci", "równe prawa kobiet i mężczyzn",
         "działalność na rzecz równych praw kobiet i mężczyzn", "9"),
    Term("seniorzy", "seniorzy",
         "działalność na rzecz osób w wieku emerytalnym", "10"),
    Term("rozwoj_gospodarczy", "rozwój gospodarczy",
         "działalność wspomagająca rozwój gospodarczy, w tym rozwój przedsiębiorczości", "11"),
    Term("innowacje", "technika i innowacje",
         "działalność wspomagająca rozwój techniki, wynalazczości i innowacyjności oraz "
         "rozpowszechnianie i wdrażanie nowych rozwiązań technicznych w praktyce gospodarczej",
         "12"),
    Term("wspolnoty_lokalne", "rozwój społeczności lokalnych",
         "działalność wspomagająca rozwój wspólnot i społeczności lokalnych", "13"),
    Term("edukacja", "edukacja i wychowanie",
         "nauka, szkolnictwo wyższe, edukacja, oświata i wychowanie", "14"),
    Term("dzieci_i_mlodziez", "dzieci i młodzież",
         "działalność na rzecz dzieci i młodzieży, w tym wypoczynku dzieci i młodzieży", "15"),
    Term("kultura", "kultura i dziedzictwo",
         "kultura, sztuka, ochrona dóbr kultury i dziedzictwa narodowego", "16"),
    Term("sport", "sport i kultura fizyczna",
         "wspieranie i upowszechnianie kultury fizycznej", "17"),
    Term("ekologia", "ekologia i ochrona zwierząt",
         "ekologia i ochrona zwierząt oraz ochrona dziedzictwa przyrodniczego", "18"),
    Term("turystyka", "turystyka i krajoznawstwo", "turystyka i krajoznawstwo", "19"),
    Term("bezpieczenstwo", "porządek i bezpieczeństwo publiczne",
         "porządek i bezpieczeństwo publiczne", "20"),
    Term("obronnosc", "obronność państwa",
         "obronność państwa i działalność Sił Zbrojnych Rzeczypospolitej Polskiej", "21"),
    Term("prawa_czlowieka", "prawa człowieka i demokracja",
         "upowszechnianie i ochrona wolności i praw człowieka oraz swobód obywatelskich, a także "
         "działania wspomagające rozwój demokracji", "22"),
    Term("ratownictwo", "ratownictwo i ochrona ludności",
         "ratownictwo i ochrona ludności", "23"),
    Term("pomoc_ofiarom", "pomoc ofiarom katastrof",
         "pomoc ofiarom katastrof, klęsk żywiołowych, konfliktów zbrojnych i wojen w kraju i za "
         "granicą", "24"),
    Term("prawa_konsumentow", "prawa konsumentów",
         "upowszechnianie i ochrona praw konsumentów", "25"),
    Term("integracja_europejska", "integracja europejska",
         "działalność na rzecz integracji europejskiej oraz rozwijania kontaktów i współpracy "
         "między społeczeństwami", "26"),
    Term("wolontariat", "wolontariat", "promocja i organizacja wolontariatu", "27"),
    Term("polonia", "Polonia i Polacy za granicą",
         "pomoc Polonii i Polakom za granicą", "28"),
    Term("kombatanci", "kombatanci i osoby represjonowane",
         "działalność na rzecz kombatantów i osób represjonowanych", "29"),
    Term("weterani", "weterani",
         "działalność na rzecz weteranów i weteranów poszkodowanych", "29a"),
    Term("promocja_polski", "promocja Polski za granicą",
         "promocja Rzeczypospolitej Polskiej za granicą", "30"),
    Term("rodzina", "rodzina i prawa dziecka",
         "działalność na rzecz rodziny, macierzyństwa, rodzicielstwa, upowszechniania i ochrony "
         "praw dziecka", "31"),
    Term("uzaleznienia", "przeciwdziałanie uzależnieniom",
         "przeciwdziałanie uzależnieniom i patologiom społecznym", "32"),
    Term("rewitalizacja", "rewitalizacja", "rewitalizacja", "32a"),
    Term("wspieranie_organizacji", "wspieranie organizacji pozarządowych",
         "działalność na rzecz organizacji pozarządowych oraz podmiotów wymienionych w art. 3 "
         "ust. 3, w zakresie określonym w pkt 1–32a", "33"),
]}

TARGET_GROUPS: dict[str, Term] = {t.slug: t for t in [
    Term("wszyscy_mieszkancy", "wszyscy mieszkańcy"),
    Term("dzieci", "dzieci"),
    Term("mlodziez", "młodzież"),
    Term("dorosli", "dorośli"),
    Term("seniorzy", "seniorzy"),
    Term("rodziny", "rodziny"),
    Term("kobiety", "kobiety"),
    Term("osoby_z_niepelnosprawnosciami", "osoby z niepełnosprawnościami"),
    Term("rolnicy", "rolnicy"),
    Term("przedsiebiorcy", "przedsiębiorcy"),
    Term("turysci", "turyści"),
    Term("cudzoziemcy", "cudzoziemcy"),
    Term("organizacje", "organizacje pozarządowe"),
]}

OTHER_REGISTERS: dict[str, Term] = {t.slug: t for t in [
    Term("rejestr_kgw", "Krajowy Rejestr Kół Gospodyń Wiejskich",
         "rejestr prowadzony przez Agencję Restrukturyzacji i Modernizacji Rolnictwa"),
    Term("ewidencja_starosty", "ewidencja prowadzona przez starostę",
         "ewidencja stowarzyszeń zwykłych albo uczniowskich klubów sportowych i klubów "
         "sportowych"),
    Term("inny", "inny rejestr", "inny rejestr: nazwij go w polu organ"),
]}

PIN_PRECISIONS: dict[str, Term] = {t.slug: t for t in [
    Term("adres", "dokładny adres", "pinezka stoi pod adresem organizacji"),
    Term("miejscowosc", "tylko miejscowość",
         "pinezka stoi w środku miejscowości; ulica i numer nie trafiają na mapę "
         "(np. gdy adresem jest dom wolontariusza)"),
]}

SOCIAL_NETWORKS: dict[str, str] = {
    "facebook.com": "Facebook",
    "fb.com": "Facebook",
    "instagram.com": "Instagram",
    "youtube.com": "YouTube",
    "youtu.be": "YouTube",
    "tiktok.com": "TikTok",
    "x.com": "X",
    "twitter.com": "X",
    "linkedin.com": "LinkedIn",
}
