"""A small project whose survey needs every kind of disclosure control, for the surveys' tests.

Two waves (70 and 80 respondents) of one study in a made-up gmina of five places: a place of 7
respondents (under the group threshold, so its answers are hidden with partners), answers
chosen by 1–4 people, an NGO known by a handful, a scale, an open question. Seeded, so every
run writes the same files. ``payload`` puts a script into every free-text field a survey, its
open answers or an NGO report may carry.

As in the office, the respondents' rows are written outside the project (``answers_dir``) and
published through ``ngosite.surveys.publish``, which writes ``wyniki.yml``; the open answers
are approved in a review file beside them. Published files are remembered per input, so the
many tests that need the project pay for the protection once.
"""

from __future__ import annotations

import csv
import functools
import html
import importlib.util
import io
import random
import re
import shutil
from datetime import date
from pathlib import Path

import yaml

from ngosite.core.problems import Severity
from ngosite.settings.surveys import SurveySettings
from ngosite.surveys.model import Survey
from ngosite.surveys.publish import publish
from ngosite.surveys.source import read_model_file

REPO = Path(__file__).resolve().parents[2]
STUDY = "mala"
WAVES = ("mala-przed", "mala-po")
PLACES = {"a": ("Aleksandrowo", 30), "b": ("Borki", 15), "c": ("Cierzpięty", 12),
          "d": ("Dąbrówka", 7), "e": ("Ełckie", 6), "f": ("Fuledzkie", 0)}
AGES = {"mlodzi": "18–39 lat", "srodek": "40–59 lat", "starsi": "60 lat i więcej"}
NGOS = ("osp-milki", "kgw-rydzewo", "nad-buwelnem")
_SITE_IGNORED = shutil.ignore_patterns(
    ".venv", "site", ".git", "__pycache__", ".pytest_cache", ".ruff_cache", "*.egg-info",
    "tests", "node_modules", ".tools", "badania", "sprawozdania", "bench")


def description(wave: int, *, payload: str = "", recruitment: str = "losowy") -> dict:
    """The ``badanie.yml`` of one wave (``payload`` is appended to every free text)."""
    p = payload
    data: dict = {
        "tytul": f"Mała gmina, fala {wave}{p}", "cel": f"Test ochrony małych liczb{p}",
        "przykladowe": True,
        "populacja": {"opis": f"dorośli mieszkańcy{p}", "liczebnosc": 900},
        "sposob": f"ankieta papierowa{p}", "dobor": recruitment,
        "dobor_opis": f"losowanie adresów{p}",
        "realizacja": {"od": f"202{4 + wave}-04-01", "do": f"202{4 + wave}-04-30"},
        "wykonawca": f"Zespół testowy{p}",
        "fala": {"badanie": STUDY, "numer": wave, "nazwa": ("przed" if wave == 1 else "po") + p},
        "metryczka": [
            {"id": "wiek", "tresc": f"Wiek{p}",
             "wartosci": [{"kod": k, "etykieta": v + p} for k, v in AGES.items()]},
            {"id": "miejsce", "tresc": f"Miejscowość{p}",
             "wartosci": [{"kod": k, "etykieta": v[0] + p} for k, v in PLACES.items()]}],
        "przekroje": [
            {"zmienna": "wiek", "tytul": f"Według wieku{p}",
             "grupy": [{"etykieta": v + p, "wartosci": [k]} for k, v in AGES.items()]},
            {"zmienna": "miejsce", "tytul": f"Według miejscowości{p}", "grupy": [
                *({"etykieta": PLACES[k][0] + p, "wartosci": [k]} for k in "abcd"),
                {"etykieta": f"Ełckie i Fuledzkie{p}", "wartosci": ["e", "f"]}]}],
        "pytania": [
            {"id": "p1", "tresc": f"Czy zna Pan/Pani organizacje z gminy?{p}",
             "rodzaj": "jednokrotny", "odpowiedzi": [
                 {"kod": "tak", "etykieta": f"Tak{p}"}, {"kod": "nie", "etykieta": f"Nie{p}"},
                 {"kod": "nie-wiem", "etykieta": f"Trudno powiedzieć{p}"}]},
            {"id": "p2", "tresc": f"Które organizacje Pan/Pani zna?{p}", "rodzaj": "wielokrotny",
             "rola": "znajomosc_organizacji", "odpowiedzi": [
                 *({"organizacja": slug} for slug in NGOS),
                 {"kod": "zadna", "etykieta": f"Żadnej{p}"}]},
            {"id": "p3", "tresc": f"Jak ocenia Pan/Pani urząd?{p}", "rodzaj": "skala",
             "skala": {"od": 1, "do": 5, "etykieta_od": f"źle{p}", "etykieta_do": f"dobrze{p}"}},
            {"id": "p4", "tresc": f"Co chce Pan/Pani przekazać?{p}", "rodzaj": "otwarte"}],
    }
    if wave == 2:
        data["ocena"] = [{"pytanie": "p1", "odpowiedz": "tak", "kierunek": "wzrost",
                          "opis": f"Więcej mieszkańców zna organizacje.{p}"}]
    return data


def respondents(wave: int, n: int, *, payload: str = "") -> list[dict[str, str]]:
    """Seeded answers; place sizes are fixed (scaled to ``n``), answers random but skewed so
    that some counts are 1–4."""
    rng = random.Random(wave * 7919)
    places = [k for k, (_, size) in PLACES.items() for _ in range(size)]
    places += ["a"] * (n - len(places))
    rows = []
    for i, place in enumerate(places[:n]):
        known = [s for s, share in zip(NGOS, (0.6, 0.3 + 0.1 * wave, 0.04), strict=True)
                 if rng.random() < share]
        rows.append({
            "wiek": rng.choices(list(AGES), weights=(3, 4, 4))[0] if i % 23 else "",
            "miejsce": place,
            "p1": rng.choices(["tak", "nie", "nie-wiem", ""],
                              weights=(60 + 10 * wave, 25, 4, 1))[0],
            "p2": "|".join(known) or "zadna",
            "p3": str(rng.choices(range(1, 6), weights=(2, 8, 30, 40, 20))[0]),
            "p4": rng.choice(["", "", "", f"Więcej zajęć w świetlicy.{payload}",
                              "[ukryto: dane osobowe]"]),
        })
    return rows


def answers_csv(rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=["wiek", "miejsce", "p1", "p2", "p3", "p4"],
                            lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


PUBLISHED_ON = date(2026, 11, 20)
_PUBLISHED: dict[tuple, str] = {}  # (wave, payload, recruitment) → wyniki.yml text


@functools.cache
def sample_answers() -> dict[str, str]:
    """The sample's respondents' files, made again by its generator (never committed)."""
    spec = importlib.util.spec_from_file_location("generate_surveys",
                                                  REPO / "scripts" / "generate_surveys.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.answers_of()


def answers_dir(root: Path) -> Path:
    """Where the engineered project's respondents' files live: beside it, never inside."""
    return root.parent / f"{root.name}-odpowiedzi"


def review_yaml(rows: list[dict[str, str]]) -> str:
    texts = sorted(r["p4"] for r in rows if r["p4"] and not r["p4"].startswith("[ukryto"))
    return yaml.safe_dump({"odpowiedzi": [{"pytanie": "p4", "tekst": t, "publikuj": True}
                                          for t in texts]}, allow_unicode=True)


def write_answers(root: Path, slug: str, rows: list[dict[str, str]]) -> tuple[Path, Path]:
    """The respondents' file and its approved review, in the office's folder beside ``root``."""
    outside = answers_dir(root)
    outside.mkdir(parents=True, exist_ok=True)
    raw = outside / f"{slug}.csv"
    raw.write_text(answers_csv(rows), encoding="utf-8")
    review = outside / f"{slug}-otwarte.yml"
    review.write_text(review_yaml(rows), encoding="utf-8")
    return raw, review


def publish_wave(root: Path, slug: str, rows: list[dict[str, str]],
                 settings: SurveySettings | None = None) -> list:
    """Write the rows outside ``root`` and publish them as the staff command does; returns
    the problems (none for the engineered data)."""
    folder = root / "badania" / slug
    raw, review = write_answers(root, slug, rows)
    problems: list = []
    found = read_model_file(folder / "badanie.yml", "badanie.yml", Survey, problems)
    assert found is not None, problems
    outcome = publish(root, folder, found[1], raw, settings or SurveySettings(),
                      PUBLISHED_ON, reviewed=review, duplicates_allowed=True)
    return outcome.problems


def write_surveys(root: Path, *, payload: str = "", recruitment: str = "losowy") -> None:
    """``badania/`` with the two waves published and ``sprawozdania/`` with two NGOs' years."""
    for wave, (slug, n) in enumerate(zip(WAVES, (70, 80), strict=True), 1):
        folder = root / "badania" / slug
        folder.mkdir(parents=True)
        (folder / "badanie.yml").write_text(yaml.safe_dump(
            description(wave, payload=payload, recruitment=recruitment), allow_unicode=True,
            sort_keys=False), encoding="utf-8")
        key = (wave, payload, recruitment)
        rows = respondents(wave, n, payload=payload)
        if key not in _PUBLISHED:
            problems = publish_wave(root, slug, rows)
            assert not [p for p in problems if p.severity is Severity.ERROR], problems
            _PUBLISHED[key] = (folder / "wyniki.yml").read_text(encoding="utf-8")
        else:
            write_answers(root, slug, rows)
        (folder / "wyniki.yml").write_text(_PUBLISHED[key], encoding="utf-8")
    for slug, people in (("osp-milki", (300, 340)), ("kgw-rydzewo", (120, 90))):
        for year, count in zip((2024, 2025), people, strict=True):
            folder = root / "sprawozdania" / slug
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"{year}.yml").write_text(yaml.safe_dump(
                {"przykladowe": True, "wydarzenia": 10, "uczestnicy": count,
                 "wolontariusze": 12, "srodki_z_programu": 1500.5,
                 "uwagi": f"Sprawozdanie testowe{payload}"}, allow_unicode=True),
                encoding="utf-8")


def survey_project(root: Path, *, site: bool = False, payload: str = "",
                   recruitment: str = "losowy") -> Path:
    """The real settings and NGO entries with the engineered surveys instead of the sample
    ones; with ``site`` also everything ``mkdocs build`` needs."""
    if site:
        shutil.copytree(REPO, root, dirs_exist_ok=True, ignore=_SITE_IGNORED, symlinks=True)
    else:
        shutil.copytree(REPO / "data", root / "data")
        shutil.copytree(REPO / "ngos", root / "ngos")
    write_surveys(root, payload=payload, recruitment=recruitment)
    return root


def text_of(page_html: str) -> str:
    """A page as read aloud: inline tags gone, block tags a space, entities decoded."""
    inline = re.sub(r"</?(?:strong|em|a|b|small|span)\b[^>]*>", "", page_html)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", inline)).split())
