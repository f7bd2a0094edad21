"""``ngosite krs check`` against the local register: one report line per change kind, the
GitHub annotation format, and ``--update`` applying register facts only."""

from __future__ import annotations

import argparse
from datetime import date

import pytest
import yaml
from support.krs_register import PERSONAL_NAMES, FakeRegister, new_project, register_client

from ngosite.cli import krs as krs_command
from ngosite.contributing.entry_yaml import dump_entry
from ngosite.core.folding import fold
from ngosite.pipeline import load_registry

TODAY = date(2026, 11, 26)


@pytest.fixture
def register():
    fake = FakeRegister()
    yield fake
    fake.close()


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setenv("NGOSITE_TODAY", TODAY.isoformat())


def entry(number, **changes):
    """An entry as a clerk may have typed it, matching fixture ``number`` unless changed."""
    base = {
        "nazwa": "Stowarzyszenie Przyjaciół Ziemi Miłkowskiej", "forma_prawna": "stowarzyszenie",
        "opis": "Dbamy o tradycje.", "obszary": ["kultura"],
        "identyfikatory": {"krs": number, "nazwa_w_krs": "STOWARZYSZENIE PRZYJACIÓŁ ZIEMI "
                           "MIŁKOWSKIEJ", "data_wpisu_krs": "2004-05-12",
                           "nip": "8451001000", "regon": "519001006"},
        "adres": {"ulica": "Mazurska", "numer": "5/2", "kod_pocztowy": "11-513",
                  "miejscowosc": "Miłki"},
        "zweryfikowano": "2026-11-01",
    }
    for key, value in changes.items():
        target = base
        *parents, last = key.split(".")
        for part in parents:
            target = target[part]
        if value is None:
            target.pop(last, None)
        else:
            target[last] = value
    return base


def project_with(tmp_path, entries):
    project = new_project(tmp_path, with_ngos=False)
    for slug, data in entries.items():
        (project / "ngos" / f"{slug}.yml").write_text(
            "# yaml-language-server: $schema=../data/organizacja.schema.json\n"
            "# Komentarz urzędu: zostaje po --update.\n" + dump_entry(data).split("\n", 1)[1],
            encoding="utf-8")
    assert not load_registry(project, today=TODAY).errors
    return project


def check(project, register, fmt="text", update=False, report=None):
    args = argparse.Namespace(krs_command="check", format=fmt, update=update, tak=True,
                              report=report)
    return krs_command.run(project, args, client=register_client(register.url,
                                                                   sleep=lambda s: None))


def test_an_unchanged_entry_gives_no_finding(tmp_path, register, capsys):
    project = project_with(tmp_path, {"a": entry("0000100001")})
    assert check(project, register) == 0
    assert "Brak zmian w rejestrze." in capsys.readouterr().out


CASES = {
    "nazwa": (entry("0000100001", **{"identyfikatory.nazwa_w_krs": "STOWARZYSZENIE MIŁKI"}),
              "nazwa w KRS to „STOWARZYSZENIE PRZYJACIÓŁ ZIEMI MIŁKOWSKIEJ” (we wpisie: "
              "„STOWARZYSZENIE MIŁKI”)"),
    "adres": (entry("0000100001", **{"adres.numer": "7"}),
              "adres siedziby w KRS: „Mazurska, 5/2, 11-513, Miłki” (we wpisie: „Mazurska, 7, "
              "11-513, Miłki”)"),
    "opp_uzyskany": (entry("0000100003", nazwa="OSP Miłki", forma_prawna=
                           "ochotnicza_straz_pozarna", **{
                               "identyfikatory.nazwa_w_krs": "OCHOTNICZA STRAŻ POŻARNA W MIŁKACH",
                               "identyfikatory.data_wpisu_krs": "2001-08-21",
                               "identyfikatory.nip": "8451004004",
                               "identyfikatory.regon": "519003005", "adres.numer": "2"}),
                     "organizacja uzyskała status organizacji pożytku publicznego (OPP)"),
    "likwidacja": (entry("0000100004"), "organizacja jest w likwidacji (wpis w KRS)"),
    "rozwiazanie": (entry("0000100004"), "KRS odnotowuje rozwiązanie organizacji"),
    "wykreslenie": (entry("0000100005"),
                    "organizacja została wykreślona z KRS (12 sierpnia 2025)"),
    "nip": (entry("0000100001", **{"identyfikatory.nip": "8451002005"}),
            "NIP we wpisie (8451002005) różni się od podanego w KRS (8451001000)"),
    "regon": (entry("0000100001", **{"identyfikatory.regon": "519002000"}),
              "REGON we wpisie (519002000) różni się od podanego w KRS (519001006)"),
    "brak_numeru": (entry("0000100008"), "numeru KRS 0000100008 nie ma w rejestrze"),
}


@pytest.mark.parametrize("kind", sorted(CASES))
def test_each_change_kind_is_reported_in_polish(tmp_path, register, capsys, kind):
    data, expected = CASES[kind]
    if kind == "opp_uzyskany":
        data["opp"] = False
        data["adres"]["ulica"] = "Mazurska"
    project = project_with(tmp_path, {"wpis": data})
    code = check(project, register)
    out = capsys.readouterr().out
    assert code == 1, out
    assert expected in out
    assert out.startswith("ngos/wpis.yml:")
    assert "Sprawdzono w KRS 1 z 1 wpisu z numerem KRS" in out


def test_lost_opp_status(tmp_path, register, capsys):
    project = project_with(tmp_path, {"wpis": {**entry("0000100001"), "opp": True}})
    check(project, register)
    assert "organizacja utraciła status organizacji pożytku publicznego" in \
        capsys.readouterr().out


def test_github_format_annotates_the_line_of_the_changed_field(tmp_path, register, capsys,
                                                               ):
    project = project_with(tmp_path, {"wpis": entry("0000100001",
                                                    **{"identyfikatory.nip": "8451002005"})})
    report = tmp_path / "raport.md"
    check(project, register, fmt="github", report=report)
    out = capsys.readouterr().out.splitlines()
    text = (project / "ngos" / "wpis.yml").read_text(encoding="utf-8").splitlines()
    line = next(i for i, row in enumerate(text, 1) if row.strip().startswith("nip:"))
    assert out[0].startswith(f"::warning file=ngos/wpis.yml,line={line},col=")
    assert out[0].endswith("::KRS 0000100001: NIP we wpisie (8451002005) różni się od "
                           "podanego w KRS (8451001000)")
    assert out[-1].startswith("::notice::Sprawdzono w KRS 1 z 1")
    assert "ngos/wpis.yml:" in report.read_text(encoding="utf-8")


def test_update_applies_register_facts_only_after_showing_the_diff(tmp_path, register, capsys):
    data = entry("0000100001", **{"identyfikatory.nazwa_w_krs": "STOWARZYSZENIE MIŁKI",
                                  "identyfikatory.nip": "8451002005", "adres.numer": "7",
                                  "identyfikatory.data_wpisu_krs": None})
    data["nazwa"] = "Stowarzyszenie Miłki"
    data["opis"] = "Nasz własny opis."
    project = project_with(tmp_path, {"wpis": data})
    check(project, register, update=True)
    out = capsys.readouterr().out
    assert out.index("--- ngos/wpis.yml (teraz)") < out.index("Zapisano ngos/wpis.yml.")
    written = (project / "ngos" / "wpis.yml").read_text(encoding="utf-8")
    updated = yaml.safe_load(written)
    assert updated["nazwa"] == "Stowarzyszenie Przyjaciół Ziemi Miłkowskiej"
    assert updated["identyfikatory"]["nazwa_w_krs"] == "STOWARZYSZENIE PRZYJACIÓŁ ZIEMI " \
        "MIŁKOWSKIEJ"
    assert updated["identyfikatory"]["nip"] == "8451001000"
    assert updated["identyfikatory"]["data_wpisu_krs"] == date(2004, 5, 12)
    assert updated["adres"]["numer"] == "5/2"
    assert updated["opis"] == "Nasz własny opis."  # never the description
    assert "# Komentarz urzędu: zostaje po --update." in written
    assert not load_registry(project, today=TODAY).errors
    assert check(project, register) == 0  # nothing left to report


def test_a_name_the_ngo_chose_is_kept_on_update(tmp_path, register, capsys):
    data = entry("0000100001", **{"identyfikatory.nazwa_w_krs": "STOWARZYSZENIE MIŁKI"})
    data["nazwa"] = "Przyjaciele Ziemi Miłkowskiej"
    project = project_with(tmp_path, {"wpis": data})
    check(project, register, update=True)
    updated = yaml.safe_load((project / "ngos" / "wpis.yml").read_text(encoding="utf-8"))
    assert updated["nazwa"] == "Przyjaciele Ziemi Miłkowskiej"
    assert updated["identyfikatory"]["nazwa_w_krs"].startswith("STOWARZYSZENIE PRZYJACIÓŁ")


def test_check_output_has_no_personal_name(tmp_path, register, capsys):
    project = project_with(tmp_path, {f"w{i}": entry(f"000010000{i}", **{
        "identyfikatory.nip": None, "identyfikatory.regon": None}) for i in range(1, 10)})
    check(project, register, update=True)
    captured = capsys.readouterr()
    texts = [captured.out, captured.err] + [
        p.read_text(encoding="utf-8") for p in (project / "ngos").glob("*.yml")]
    for text in texts:
        for name in PERSONAL_NAMES:
            assert fold(name) not in fold(text), name


HAND_WRITTEN = """\
# yaml-language-server: $schema=../data/organizacja.schema.json
# Wpis prowadzi sekretarz stowarzyszenia.
nazwa: Stowarzyszenie Miłki
forma_prawna: stowarzyszenie
opis: |
  Dbamy o tradycje.

  Prowadzimy izbę pamięci.
obszary: [kultura]   # na razie jeden

identyfikatory:
  krs: "0000100001"
  nazwa_w_krs: STOWARZYSZENIE MIŁKI
  nip: "8451002005"
  regon: "519001006"
adres:
  ulica: Mazurska
  numer: "7"   # przed remontem
  kod_pocztowy: "11-513"
  miejscowosc: Miłki
zweryfikowano: 2026-11-01
"""


def test_update_changes_only_the_changed_values_and_keeps_the_layout(tmp_path, register,
                                                                     capsys):
    project = new_project(tmp_path, with_ngos=False)
    path = project / "ngos" / "wpis.yml"
    path.write_text(HAND_WRITTEN, encoding="utf-8")
    assert not load_registry(project, today=TODAY).errors
    check(project, register, update=True)
    written = path.read_text(encoding="utf-8")
    expected = HAND_WRITTEN.replace(
        "nazwa: Stowarzyszenie Miłki", "nazwa: Stowarzyszenie Przyjaciół Ziemi Miłkowskiej"
    ).replace("nazwa_w_krs: STOWARZYSZENIE MIŁKI",
              "nazwa_w_krs: STOWARZYSZENIE PRZYJACIÓŁ ZIEMI MIŁKOWSKIEJ").replace(
        'nip: "8451002005"', 'nip: "8451001000"').replace(
        '  regon: "519001006"\n', '  regon: "519001006"\n  data_wpisu_krs: 2004-05-12\n').replace(
        'numer: "7"', 'numer: "5/2"')
    assert written == expected
    assert not load_registry(project, today=TODAY).errors


def test_update_refuses_a_nip_another_entry_already_has(tmp_path, register, capsys):
    other = entry("0000100002", **{"identyfikatory.nip": "8451001000",
                                   "identyfikatory.regon": None,
                                   "identyfikatory.nazwa_w_krs": None})
    other["nazwa"] = "Fundacja Zielone Rydzewo"
    mine = entry("0000100001", **{"identyfikatory.nip": "8451002005"})
    project = project_with(tmp_path, {"inna": other, "wpis": mine})
    before = (project / "ngos" / "wpis.yml").read_text(encoding="utf-8")
    check(project, register, update=True)
    out = capsys.readouterr().out
    assert "NIP 8451001000 z KRS jest już we wpisie ngos/inna.yml" in out
    assert "nie zapiszę: ngos/wpis.yml:" in out
    assert (project / "ngos" / "wpis.yml").read_text(encoding="utf-8") == before
    assert not load_registry(project, today=TODAY).errors
