#!/usr/bin/env python3
"""Write the SAMPLE survey data: two waves of a residents' study and the NGOs' indicators.

    .venv/bin/python scripts/generate_surveys.py [--seed 2025] [--root .] [--answers DIR]

The synthetic respondents' rows go to ``--answers`` (default: a folder in the system's
temporary directory), never into the project: like real answers, they are published through
``ngosite surveys publish``, which writes only the protected ``badania/<id>/wyniki.yml``. The
sample's open answers are approved in a review file written beside them (they are made up).
Seeded, so the committed files are reproducible byte for byte. The questions follow the aims of
the project "Akademia Współpracy": what residents know of local NGOs and which ones they know,
what they expect of them, whether they take part, how they want to be consulted and what would
stop them, and how they rate the office's consultations. The "before" wave (April 2025) comes
before the directory, the map and the consultation of the programme; the "after" wave (October
2026) after them, with somewhat better answers built in. Every file says it is sample data.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

NGOS = {  # slug → share of residents who know it (before, after)
    "osp-milki": (0.55, 0.60), "gks-milki": (0.31, 0.34), "kgw-rydzewo": (0.17, 0.26),
    "seniorzy-milki": (0.12, 0.19), "fundacja-akademia-wspolpracy": (0.03, 0.22),
    "uks-milki": (0.14, 0.16), "kolo-pzw-milki": (0.18, 0.19), "osp-staswiny": (0.09, 0.10),
    "osp-ruda": (0.07, 0.08), "osp-wyszowate": (0.06, 0.07), "kgw-wyszowate": (0.06, 0.09),
    "kgw-paprotki": (0.05, 0.08), "razem-milki": (0.04, 0.09), "rodzice-sp-milki": (0.10, 0.12),
    "towarzystwo-przyjaciol-staswin": (0.02, 0.03), "nad-buwelnem": (0.02, 0.02),
    "przyjaciele-jeziora-wojnowo": (0.03, 0.05), "mieszkancy-jagodnego-wielkiego": (0.02, 0.04),
}
LOCALITIES = {  # sołectwo code → (name, weight ~ population)
    "milki": ("Miłki", 26), "rydzewo": ("Rydzewo", 9), "staswiny": ("Staświny", 7),
    "wyszowate": ("Wyszowate", 6), "ruda": ("Ruda", 5), "jagodne-wielkie": ("Jagodne Wielkie", 5),
    "marcinowa-wola": ("Marcinowa Wola", 4), "paprotki": ("Paprotki", 4),
    "konopki-wielkie": ("Konopki Wielkie", 4), "kleszczewo": ("Kleszczewo", 4),
    "lipinskie": ("Lipińskie", 4), "danowo": ("Danowo", 3), "czyprki": ("Czyprki", 3),
    "bielskie": ("Bielskie", 3), "jagodne-male": ("Jagodne Małe", 3),
    "konopki-male": ("Konopki Małe", 2), "konopki-nowe": ("Konopki Nowe", 2),
    "lipowy-dwor": ("Lipowy Dwór", 2),
}
AGES = {"18-29": ("18–29 lat", 17), "30-44": ("30–44 lata", 25), "45-59": ("45–59 lat", 25),
        "60-74": ("60–74 lata", 22), "75-plus": ("75 lat i więcej", 11)}
# The sample population (3,050 adults) split as the ages are drawn.
POPULATION_BY_AGE = {"18-29": 519, "30-44": 762, "45-59": 762, "60-74": 671, "75-plus": 336}
SEXES = {"kobieta": ("kobieta", 52), "mezczyzna": ("mężczyzna", 47),
         "nie-podaje": ("wolę nie podawać", 1)}
EXPECTATIONS = {"zajecia-dzieci": ("Zajęcia dla dzieci i młodzieży", 0.52),
                "pomoc-seniorom": ("Pomoc seniorom i osobom samotnym", 0.44),
                "wydarzenia": ("Wydarzenia i festyny", 0.39), "sport": ("Sport i rekreacja", 0.31),
                "przyroda": ("Ochrona jezior i przyrody", 0.27),
                "glos-mieszkancow": ("Reprezentowanie mieszkańców wobec urzędu", 0.18),
                "inne": ("Coś innego", 0.04)}
CONSULTED = {"spotkanie": ("Spotkanie w sołectwie", 0.41),
             "ankieta-papierowa": ("Ankieta papierowa", 0.33),
             "ankieta-internetowa": ("Ankieta w internecie", 0.36),
             "serwis": ("Formularz w serwisie gminy", 0.21),
             "soltys": ("Przez sołtysa lub radnego", 0.28),
             "nie-chce": ("Nie chcę brać udziału", 0.07)}
DIFFICULTIES = {"brak-informacji": ("Nie wiem, kiedy i o czym są konsultacje", 0.47, 0.30),
                "brak-czasu": ("Brak czasu", 0.35, 0.34),
                "dojazd": ("Trudny dojazd na spotkania", 0.17, 0.15),
                "niewiara": ("Nie wierzę, że moje zdanie coś zmieni", 0.33, 0.25),
                "trudny-jezyk": ("Dokumenty są napisane trudnym językiem", 0.24, 0.18),
                "brak-internetu": ("Nie korzystam z internetu", 0.12, 0.11)}
OPEN = ["Więcej zajęć dla dzieci w wakacje.", "Dobrze, że jest jedna strona z organizacjami.",
        "Proszę o spotkania wieczorem, bo pracuję.", "Festyn w Rydzewie był bardzo udany.",
        "Brakuje transportu na spotkania z mniejszych wsi.", "Więcej informacji na tablicach.",
        "Seniorzy potrzebują pomocy przy zakupach.", "Ogłoszenia także w parafii i sklepie.",
        "Dziękuję strażakom za pomoc przy powodzi.", "Za mało wiem o tym, co robią fundacje.",
        "Ankieta jest za długa.", "Chciałabym, żeby KGW prowadziło warsztaty kulinarne.",
        "Konsultacje powinny trwać dłużej niż dwa tygodnie.", "Wszystko w porządku.",
        "Prosimy o ścieżkę rowerową nad jeziorem.", "Urząd odpowiada na uwagi zbyt ogólnie."]
HIDDEN = "[ukryto: dane osobowe]"


def _pick(rng: random.Random, weighted: dict[str, tuple]) -> str:
    return rng.choices(list(weighted), weights=[v[-1] for v in weighted.values()])[0]


def _description(wave: int) -> dict:
    before = wave == 1
    ngo_options = [{"organizacja": slug} for slug in NGOS]
    description: dict = {
        "tytul": "Mieszkańcy o organizacjach pozarządowych i konsultacjach — "
                 + ("badanie przed projektem" if before else "badanie po półtora roku projektu"),
        "cel": "Sprawdzić, co mieszkańcy wiedzą o organizacjach pozarządowych w gminie, czego od "
               "nich oczekują, czy biorą udział w ich działaniach i jak chcą być pytani o "
               "zdanie; " + ("punkt wyjścia projektu Akademia Współpracy." if before else
                             "porównanie z badaniem z kwietnia 2025 r."),
        "przykladowe": True,
        "populacja": {"opis": "mieszkańcy gminy Miłki w wieku 18 lat i więcej",
                      "liczebnosc": 3050, "struktura": {
                          "zmienna": "wiek", "liczebnosci": POPULATION_BY_AGE,
                          "zrodlo": "DANE PRZYKŁADOWE (w prawdziwym badaniu: GUS, Bank Danych "
                                    "Lokalnych, ludność według grup wieku)"}},
        "sposob": "ankieta papierowa wypełniana w domu, odbierana przez ankieterów",
        "dobor": "losowy",
        "dobor_opis": "losowanie adresów z ewidencji; w każdym gospodarstwie ankietę wypełniała "
                      "jedna dorosła osoba",
        "realizacja": {"od": "2025-04-07", "do": "2025-04-30"} if before else
                      {"od": "2026-10-05", "do": "2026-10-30"},
        "wykonawca": "Fundacja „Akademia Współpracy” (dane przykładowe)",
        "wykonawca_organizacja": "fundacja-akademia-wspolpracy",
        "fala": {"badanie": "akademia-wspolpracy", "numer": wave,
                 "nazwa": "przed projektem" if before else "po półtora roku projektu"},
        "metryczka": [
            {"id": "wiek", "tresc": "Wiek", "wartosci": [
                {"kod": k, "etykieta": v[0]} for k, v in AGES.items()]},
            {"id": "plec", "tresc": "Płeć", "wartosci": [
                {"kod": k, "etykieta": v[0]} for k, v in SEXES.items()]},
            {"id": "solectwo", "tresc": "Sołectwo", "wartosci": [
                {"kod": k, "etykieta": v[0]} for k, v in LOCALITIES.items()]},
        ],
        "przekroje": [
            {"zmienna": "wiek", "tytul": "Według wieku", "grupy": [
                {"etykieta": "18–29 lat", "wartosci": ["18-29"]},
                {"etykieta": "30–44 lata", "wartosci": ["30-44"]},
                {"etykieta": "45–59 lat", "wartosci": ["45-59"]},
                {"etykieta": "60 lat i więcej", "wartosci": ["60-74", "75-plus"]}]},
            # Sample grouping by size of the village; a real survey joins neighbouring villages.
            {"zmienna": "solectwo", "tytul": "Według sołectwa", "grupy": [
                {"etykieta": "Miłki", "wartosci": ["milki"]},
                {"etykieta": "Rydzewo, Staświny, Wyszowate",
                 "wartosci": ["rydzewo", "staswiny", "wyszowate"]},
                {"etykieta": "Pozostałe sołectwa od B do K", "wartosci": [
                    k for k, v in LOCALITIES.items()
                    if v[0][0] in "BCDJK" and k not in ("milki",)]},
                {"etykieta": "Pozostałe sołectwa od L do R", "wartosci": [
                    k for k, v in LOCALITIES.items()
                    if v[0][0] in "LMPR" and k not in ("milki", "rydzewo")]}]},
        ],
        "pytania": [
            {"id": "q1", "tresc": "Czy zna Pan/Pani jakąś organizację pozarządową działającą "
             "w gminie Miłki?", "rodzaj": "jednokrotny", "odpowiedzi": [
                 {"kod": "tak", "etykieta": "Tak"}, {"kod": "nie", "etykieta": "Nie"},
                 {"kod": "nie-wiem", "etykieta": "Trudno powiedzieć"}]},
            {"id": "q2", "tresc": "Które z tych organizacji Pan/Pani zna, choćby ze słyszenia?",
             "rodzaj": "wielokrotny", "rola": "znajomosc_organizacji", "odpowiedzi": [
                 *ngo_options, {"kod": "zadna", "etykieta": "Żadnej z nich"}]},
            {"id": "q3", "tresc": "Czego oczekuje Pan/Pani od organizacji pozarządowych w "
             "gminie?", "rodzaj": "wielokrotny", "odpowiedzi": [
                 {"kod": k, "etykieta": v[0]} for k, v in EXPECTATIONS.items()]},
            {"id": "q4", "tresc": "Czy w ostatnich 12 miesiącach brał(a) Pan/Pani udział w "
             "działaniach którejś z organizacji?", "rodzaj": "jednokrotny", "odpowiedzi": [
                 {"kod": "regularnie", "etykieta": "Tak, regularnie"},
                 {"kod": "raz", "etykieta": "Tak, raz lub kilka razy"},
                 {"kod": "nie", "etykieta": "Nie"}]},
            {"id": "q5", "tresc": "W działaniach których organizacji brał(a) Pan/Pani udział w "
             "ostatnich 12 miesiącach?", "rodzaj": "wielokrotny",
             "rola": "udzial_w_dzialaniach", "odpowiedzi": [
                 *ngo_options, {"kod": "zadna", "etykieta": "W żadnych"}]},
            {"id": "q6", "tresc": "Jak chciał(a)by Pan/Pani być pytany(a) o zdanie w sprawach "
             "gminy?", "rodzaj": "wielokrotny", "odpowiedzi": [
                 {"kod": k, "etykieta": v[0]} for k, v in CONSULTED.items()]},
            {"id": "q7", "tresc": "Co może Panu/Pani utrudnić udział w konsultacjach?",
             "rodzaj": "wielokrotny", "odpowiedzi": [
                 {"kod": k, "etykieta": v[0]} for k, v in DIFFICULTIES.items()]},
            {"id": "q8", "tresc": "Jak ocenia Pan/Pani konsultacje społeczne prowadzone przez "
             "Urząd Gminy Miłki?", "rodzaj": "skala", "skala": {
                 "od": 1, "do": 5, "etykieta_od": "bardzo źle", "etykieta_do": "bardzo dobrze"}},
            {"id": "q9", "tresc": "Czy wie Pan/Pani, gdzie znaleźć informacje o konsultacjach "
             "prowadzonych przez gminę?", "rodzaj": "jednokrotny", "odpowiedzi": [
                 {"kod": "tak", "etykieta": "Tak"}, {"kod": "nie", "etykieta": "Nie"}]},
            {"id": "q10", "tresc": "Co jeszcze chciał(a)by Pan/Pani przekazać urzędowi lub "
             "organizacjom?", "rodzaj": "otwarte"},
        ],
    }
    if not before:
        description["ocena"] = [
            {"pytanie": "q1", "odpowiedz": "tak", "kierunek": "wzrost",
             "opis": "Więcej mieszkańców zna co najmniej jedną organizację pozarządową z gminy."},
            {"pytanie": "q4", "odpowiedz": "nie", "kierunek": "spadek",
             "opis": "Mniej mieszkańców nie bierze udziału w żadnych działaniach organizacji."},
            {"pytanie": "q9", "odpowiedz": "tak", "kierunek": "wzrost",
             "opis": "Więcej mieszkańców wie, gdzie znaleźć informacje o konsultacjach."},
            {"pytanie": "q7", "odpowiedz": "brak-informacji", "kierunek": "spadek",
             "opis": "Mniej mieszkańców nie wie, kiedy i o czym są konsultacje."},
        ]
        description["grupa_porownawcza"] = {
            "zmienna": "solectwo", "grupy": ["Pozostałe sołectwa od B do K"],
            "opis": "DANE PRZYKŁADOWE: w tych sołectwach projekt nie prowadził spotkań ani "
                    "zajęć; zmiana w nich pokazuje, co działo się w gminie bez projektu"}
    return description


def _respondent(rng: random.Random, wave: int) -> dict[str, str]:
    after = wave == 2
    row = {"wiek": _pick(rng, AGES), "plec": _pick(rng, SEXES),
           "solectwo": _pick(rng, LOCALITIES)}
    if rng.random() < 0.02:
        row["wiek"] = ""
    known = [s for s, (b, a) in NGOS.items() if rng.random() < (a if after else b)]
    knows_any = bool(known) or rng.random() < 0.05
    row["q1"] = "tak" if knows_any and rng.random() < 0.92 else rng.choice(["nie", "nie-wiem"])
    row["q2"] = "|".join(known) if known else ("zadna" if rng.random() < 0.9 else "")
    row["q3"] = "|".join(k for k, v in EXPECTATIONS.items() if rng.random() < v[1])
    active = rng.random() < (0.33 if after else 0.24) and known
    row["q4"] = ("regularnie" if rng.random() < 0.3 else "raz") if active else "nie"
    took_part = [s for s in known if active and rng.random() < 0.45] or \
        ([known[0]] if active else [])
    row["q5"] = "|".join(took_part) if took_part else "zadna"
    row["q6"] = "|".join(k for k, v in CONSULTED.items() if rng.random() < v[1])
    row["q7"] = "|".join(k for k, v in DIFFICULTIES.items()
                         if rng.random() < (v[2] if after else v[1]))
    weights = [12, 18, 36, 25, 9] if after else [17, 24, 37, 17, 5]
    row["q8"] = str(rng.choices(range(1, 6), weights=weights)[0])
    row["q9"] = "tak" if rng.random() < (0.49 if after else 0.31) else "nie"
    row["q10"] = rng.choice(OPEN) if rng.random() < 0.14 else ""
    if row["q10"] and rng.random() < 0.08:
        row["q10"] = HIDDEN
    for question in ("q3", "q6", "q8"):
        if rng.random() < 0.03:
            row[question] = ""
    return row


def _answers_csv(rng: random.Random, wave: int, n: int) -> str:
    columns = ["wiek", "plec", "solectwo", *(f"q{i}" for i in range(1, 11))]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for _ in range(n):
        writer.writerow(_respondent(rng, wave))
    return out.getvalue()


INDICATORS = {  # slug → (events, participants, volunteers, funds) in 2024; growth to 2025
    "osp-milki": ((14, 620, 28, 8000), 1.10), "gks-milki": ((46, 1900, 12, 25000), 1.05),
    "kgw-rydzewo": ((9, 310, 15, 4000), 1.35), "seniorzy-milki": ((22, 480, 9, 6000), 1.20),
    "fundacja-akademia-wspolpracy": ((6, 140, 5, 0), 2.40), "uks-milki": ((60, 1500, 6, 12000),
                                                                        0.95),
    "kolo-pzw-milki": ((7, 190, 8, 2000), 1.00), "razem-milki": ((11, 160, 7, 5000), 1.30),
}


def _indicators(slug: str, year: int) -> dict:
    (events, people, volunteers, funds), growth = INDICATORS[slug]
    factor = growth if year == 2025 else 1.0
    return {"przykladowe": True, "wydarzenia": round(events * factor),
            "uczestnicy": round(people * factor), "wolontariusze": round(volunteers * factor),
            "srodki_z_programu": float(round(funds * factor, -2)),
            "zrodlo": "dane przykładowe (w prawdziwym wpisie: sprawozdanie organizacji)"}


class _Dumper(yaml.SafeDumper):
    """Writes each value in full: data files may not use anchors and aliases."""

    def ignore_aliases(self, data: object) -> bool:
        return True


def _yaml(header: str, data: dict) -> str:
    return header + yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                              width=100)


PUBLISHED_ON = "2026-11-30"  # the date the sample's results are said to be published


def _review(rows: str) -> str:
    """The sample's review file: every open answer approved (they are made up)."""
    texts = [r["q10"] for r in csv.DictReader(io.StringIO(rows))
             if r["q10"] and not r["q10"].startswith("[ukryto")]
    items = [{"pytanie": "q10", "tekst": t, "publikuj": True} for t in sorted(texts)]
    return _yaml("# Przegląd odpowiedzi otwartych DANYCH PRZYKŁADOWYCH\n", {"odpowiedzi": items})


def answers_of(seed: int = 2025) -> dict[str, str]:
    """The synthetic respondents' files by survey (the tests count their truth from these)."""
    rng = random.Random(seed)
    return {slug: _answers_csv(rng, wave, n) for wave, slug, n in WAVES}


WAVES = ((1, "mieszkancy-2025-przed", 312), (2, "mieszkancy-2026-po", 347))


def publish(root: Path, answers_dir: Path, seed: int = 2025) -> None:
    """Write each wave's respondents into ``answers_dir`` and publish them into ``root``."""
    answers_dir.mkdir(parents=True, exist_ok=True)
    ngosite = Path(sys.executable).with_name("ngosite")
    for slug, rows in answers_of(seed).items():
        raw = answers_dir / f"{slug}-odpowiedzi.csv"
        raw.write_text(rows, encoding="utf-8")
        review = answers_dir / f"{slug}-otwarte.yml"
        review.write_text(_review(rows), encoding="utf-8")
        subprocess.run([str(ngosite), "--root", str(root), "surveys", "publish", str(raw),
                        "--badanie", slug, "--otwarte", str(review)], check=True,
                       env={**os.environ, "NGOSITE_TODAY": PUBLISHED_ON})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parents[1])
    parser.add_argument("--answers", type=Path,
                        default=Path(tempfile.gettempdir()) / "ngosite-przykladowe-odpowiedzi",
                        help="where the synthetic respondents' files go (outside --root)")
    args = parser.parse_args()
    for wave, slug, _ in WAVES:
        folder = args.root / "badania" / slug
        folder.mkdir(parents=True, exist_ok=True)
        header = ("# yaml-language-server: $schema=../../data/badanie.schema.json\n"
                  "# DANE PRZYKŁADOWE wygenerowane przez scripts/generate_surveys.py; opis pól: "
                  "docs/jak-opublikowac-badanie.md\n")
        (folder / "badanie.yml").write_text(_yaml(header, _description(wave)), encoding="utf-8")
    for slug in INDICATORS:
        folder = args.root / "sprawozdania" / slug
        folder.mkdir(parents=True, exist_ok=True)
        for year in (2024, 2025):
            header = ("# yaml-language-server: $schema=../../data/sprawozdanie.schema.json\n"
                      "# DANE PRZYKŁADOWE (scripts/generate_surveys.py)\n")
            (folder / f"{year}.yml").write_text(_yaml(header, _indicators(slug, year)),
                                                encoding="utf-8")
    publish(args.root, args.answers, args.seed)


if __name__ == "__main__":
    main()
