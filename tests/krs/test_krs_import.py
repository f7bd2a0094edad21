"""``ngosite krs import`` against the local stand-in of the register: each fixture becomes an
entry that the real validation accepts, or a clear Polish line saying why it did not."""

from __future__ import annotations

import argparse
from datetime import date

import pytest
import yaml
from support.krs_register import PERSONAL_NAMES, FakeRegister, new_project, register_client

from ngosite.cli import krs as krs_command
from ngosite.core.folding import fold
from ngosite.krs.naming import readable_name
from ngosite.pipeline import load_registry

TODAY = date(2026, 11, 26)


@pytest.fixture
def register():
    fake = FakeRegister()
    yield fake
    fake.close()


@pytest.fixture
def today(monkeypatch):
    monkeypatch.setenv("NGOSITE_TODAY", TODAY.isoformat())
    return TODAY


def run_import(project, register, numbers, waits=None):
    waits = [] if waits is None else waits
    args = argparse.Namespace(krs_command="import", numbers=numbers)
    return krs_command.run(project, args, client=register_client(register.url, sleep=waits.append))


def load(project, slug):
    text = (project / "ngos" / f"{slug}.yml").read_text(encoding="utf-8")
    return text, yaml.safe_load(text)


def test_association_foundation_opp_and_register_p_become_valid_entries(tmp_path, register,
                                                                         today, capsys):
    project = new_project(tmp_path)
    code = run_import(project, register, ["0000100001", "100002", "0000100003", "0000100006",
                                          "0000100007"])
    out = capsys.readouterr().out
    assert code == 0, out
    registry = load_registry(project, today=TODAY)
    assert not registry.errors, [str(p) for p in registry.errors]
    slugs = {e.slug: e.org for e in registry.entries}

    association = slugs["stowarzyszenie-przyjaciol-ziemi-milkowskiej"]
    assert association.name == "Stowarzyszenie Przyjaciół Ziemi Miłkowskiej"
    assert association.identifiers.krs_name == "STOWARZYSZENIE PRZYJACIÓŁ ZIEMI MIŁKOWSKIEJ"
    assert association.identifiers.krs_registered == date(2004, 5, 12)
    assert association.identifiers.regon == "519001006"  # 14 digits padded with zeros → 9
    assert association.identifiers.nip == "8451001000"
    assert (association.address.street, association.address.number) == ("Mazurska", "5/2")
    assert association.legal_form == "stowarzyszenie" and not association.public_benefit
    assert association.description.startswith("**Szkic do przepisania przez organizację.**")
    assert "Podtrzymywanie tradycji i dziedzictwa kulturowego" in association.description
    assert association.areas[:2] == ["tradycja_narodowa", "kultura"]

    foundation = slugs["fundacja-zielone-rydzewo"]
    assert foundation.legal_form == "fundacja" and foundation.address.locality == "Rydzewo"
    assert foundation.address.street is None and "ekologia" in foundation.areas

    osp = slugs["ochotnicza-straz-pozarna-w-milkach"]
    assert osp.legal_form == "ochotnicza_straz_pozarna" and osp.public_benefit
    assert osp.areas[0] == "ratownictwo"

    club = slugs["ludowy-klub-sportowy-jagoda-jagodne-wielkie"]
    assert club.legal_form == "klub_sportowy"
    coop = slugs["spoldzielnia-socjalna-milkowska-kuchnia"]
    assert (coop.legal_form, coop.legal_form_other) == ("inna", "spółdzielnia socjalna")
    assert "rejestr P" in out and "nie ma odpowiednika w katalogu" in out
    # S first; P only when S has no such number.
    asked = [(r["path"].rsplit("/", 1)[-1], r["query"]["rejestr"]) for r in register.requests]
    assert asked.count(("0000100006", "S")) == 1 and ("0000100006", "P") not in asked
    assert asked[-2:] == [("0000100007", "S"), ("0000100007", "P")]


def test_written_file_looks_like_a_form_made_entry(tmp_path, register, today, capsys):
    project = new_project(tmp_path, with_ngos=False)
    assert run_import(project, register, ["0000100003"]) == 0
    text, data = load(project, "ochotnicza-straz-pozarna-w-milkach")
    assert text.startswith("# yaml-language-server: $schema=../data/organizacja.schema.json\n")
    assert 'krs: "0000100003"' in text and "data_wpisu_krs: 2001-08-21" in text
    assert data["identyfikatory"]["nazwa_w_krs"] == "OCHOTNICZA STRAŻ POŻARNA W MIŁKACH"
    assert data["zweryfikowano"] == TODAY
    assert not list((project / "ngos").glob(".*")), "no temporary file left behind"


def test_existing_entry_is_never_overwritten_the_diff_is_shown(tmp_path, register, today,
                                                              capsys):
    project = new_project(tmp_path, with_ngos=False)
    assert run_import(project, register, ["0000100001"]) == 0
    path = project / "ngos" / "stowarzyszenie-przyjaciol-ziemi-milkowskiej.yml"
    edited = path.read_text(encoding="utf-8").replace("Szkic do przepisania", "Nasz opis")
    path.write_text(edited, encoding="utf-8")
    capsys.readouterr()
    assert run_import(project, register, ["0000100001"]) == 0
    out = capsys.readouterr().out
    assert path.read_text(encoding="utf-8") == edited
    assert "wpis już jest (ngos/stowarzyszenie-przyjaciol-ziemi-milkowskiej.yml)" in out
    assert "-opis: |" not in out and "-  **Nasz opis" in out and "+  **Szkic" in out
    assert len(list((project / "ngos").glob("*.yml"))) == 1


def test_slug_taken_by_another_ngo_gets_a_number(tmp_path, register, today, capsys):
    project = new_project(tmp_path, with_ngos=False)
    (project / "ngos" / "fundacja-zielone-rydzewo.yml").write_text(
        (tmp_path / "x").as_posix(), encoding="utf-8")  # another (broken) file of that name
    run_import(project, register, ["0000100002"])
    assert (project / "ngos" / "fundacja-zielone-rydzewo-2.yml").exists()


@pytest.mark.parametrize(("number", "expected"), [
    ("0000100004", "zapisano"),  # in liquidation: written, and check reports it
    ("0000100005", "organizacja została wykreślona z rejestru; nie utworzono wpisu"),
    ("0000100008", "nie ma takiego numeru w rejestrze (ani S, ani P); nie utworzono wpisu"),
    ("0000100009", "siedziba według KRS: Giżycko — poza listą miejscowości gminy. Nie "
                   "utworzono wpisu"),
])
def test_each_kind_of_number_gets_one_polish_line(tmp_path, register, today, capsys, number,
                                                  expected):
    project = new_project(tmp_path, with_ngos=False)
    run_import(project, register, [number])
    captured = capsys.readouterr()
    assert expected in captured.out
    assert "Traceback" not in captured.out + captured.err


def test_bad_numbers_are_named_and_skipped(tmp_path, register, today, capsys):
    project = new_project(tmp_path, with_ngos=False)
    assert run_import(project, register, ["abc", "12345678901", "100002"]) == 1
    err = capsys.readouterr().err
    assert "„abc”: to nie jest numer KRS" in err and "„12345678901”" in err
    assert (project / "ngos" / "fundacja-zielone-rydzewo.yml").exists()


def test_only_bad_numbers_ask_nothing_and_fail(tmp_path, register, today, capsys):
    project = new_project(tmp_path, with_ngos=False)
    bad = ["abc", "12345678901", "0000000000", "-5", "0", "12a4"]
    assert run_import(project, register, bad) == 2
    err = capsys.readouterr().err
    assert register.requests == []
    assert all(f"„{number}”: to nie jest numer KRS" in err for number in bad)
    assert "nie zapytano rejestru" in err


def test_an_organisation_in_liquidation_is_said_and_marked(tmp_path, register, today, capsys):
    project = new_project(tmp_path, with_ngos=False)
    assert run_import(project, register, ["0000100004"]) == 1
    out = capsys.readouterr().out
    assert "UWAGA: według KRS organizacja jest w likwidacji" in out
    slug = "stowarzyszenie-rodzicow-i-przyjaciol-szkoly-w-staswinach"  # no passing state
    _text, entry = load(project, slug)
    assert entry["nazwa"] == ("Stowarzyszenie Rodziców i Przyjaciół Szkoły w Staświnach "
                              "w likwidacji")
    assert "**Według KRS organizacja jest w likwidacji" in entry["opis"]


@pytest.mark.parametrize(("register_name", "readable"), [
    ("STOWARZYSZENIE PRZYJACIÓŁ MIŁEK I OKOLIC", "Stowarzyszenie Przyjaciół Miłek i Okolic"),
    ("FUNDACJA ROZWOJU WSI W LIKWIDACJI", "Fundacja Rozwoju Wsi w likwidacji"),
    ("FORUM ORGANIZACJI POZARZĄDOWYCH W UPADŁOŚCI", "Forum Organizacji Pozarządowych w upadłości"),
    ("KOŁO GOSPODYŃ WIEJSKICH WE WRONKACH LUB ZA RZEKĄ",
     "Koło Gospodyń Wiejskich we Wronkach lub za Rzeką"),
    ("PARAFIALNY ZESPÓŁ ŚW. JANA PAWŁA II", "Parafialny Zespół św. Jana Pawła II"),
    ("KLUB JANA PAWŁA I", "Klub Jana Pawła I"),
    ("I LO IM. KOPERNIKA", "I LO im. Kopernika"),
])
def test_names_keep_polish_capitalisation(register_name, readable):
    assert readable_name(register_name) == readable


def test_no_personal_name_reaches_any_output(tmp_path, register, today, capsys):
    project = new_project(tmp_path, with_ngos=False)
    numbers = ["0000100001", "0000100002", "0000100003", "0000100004", "0000100005",
               "0000100006", "0000100007", "0000100008", "0000100009"]
    run_import(project, register, numbers)
    run_import(project, register, numbers)  # second run: the diffs of existing entries
    captured = capsys.readouterr()
    outputs = [captured.out, captured.err] + [
        p.read_text(encoding="utf-8") for p in (project / "ngos").glob("*")]
    assert len(outputs) >= 8
    for text in outputs:
        folded = fold(text)
        for name in PERSONAL_NAMES:
            assert fold(name) not in folded, name
