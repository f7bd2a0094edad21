"""The issue path: the generated issue form and ``ngosite issue-to-yaml``."""

from __future__ import annotations

import io
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from ngosite import cli
from ngosite.contributing.entry_fields import leaves, walk
from ngosite.contributing.entry_yaml import SCHEMA_COMMENT, dump_entry
from ngosite.contributing.issue_form import TEMPLATE_FILE, issue_template, issue_template_yaml
from ngosite.contributing.issue_to_yaml import convert, parse_sections
from ngosite.organisations.model import Organisation
from ngosite.pipeline import load_registry

ROOT = Path(__file__).resolve().parents[2]
TODAY = date(2026, 11, 26)


@pytest.fixture(scope="module")
def registry():
    return load_registry(ROOT)


def every_field() -> dict[str, Any]:
    return {
        "nazwa": "Koło Gospodyń Wiejskich „Rydzewianki”, Rydzewo",
        "nazwa_skrocona": "KGW Rydzewo",
        "forma_prawna": "inna",
        "forma_prawna_opis": "koło przy parafii: sekcja kulinarna",
        "opp": False,
        "opis": "Gotujemy według dawnych przepisów.\n\n- festyny\n- kiermasze: co roku",
        "obszary": ["tradycja_narodowa", "wspolnoty_lokalne", "kultura"],
        "grupy_docelowe": ["wszyscy_mieszkancy", "seniorzy"],
        "identyfikatory": {
            "krs": "0000777777", "nazwa_w_krs": "KOŁO GOSPODYŃ WIEJSKICH X",
            "data_wpisu_krs": "2019-03-01", "nip": "5260001246", "regon": "123456785",
            "inny_rejestr": {"rejestr": "rejestr_kgw", "numer": "00123",
                             "organ": "Agencja Restrukturyzacji i Modernizacji Rolnictwa"},
        },
        "adres": {"ulica": "Polna", "numer": "3A", "kod_pocztowy": "11-513",
                  "miejscowosc": "Rydzewo", "na_mapie": "miejscowosc",
                  "wspolrzedne": {"szerokosc": 53.95, "dlugosc": 21.8}},
        "kontakt": {"email": "kgw@rydzewo.pl", "telefon": "600 100 200",
                    "www": "https://rydzewo.pl",
                    "media_spolecznosciowe": ["https://www.facebook.com/kgw",
                                              "https://www.instagram.com/kgw"]},
        "oferta": "Warsztaty pierogów\nw każdą sobotę",
        "zweryfikowano": "2026-11-20",
    }


def render_issue(template: dict[str, Any], answers: dict[str, Any]) -> str:
    """The issue body as GitHub writes it from the issue form's answers."""
    parts = []
    for element in template["body"]:
        if element["type"] == "markdown":
            continue
        attributes = element["attributes"]
        value = answers.get(element["id"])
        if value in (None, "", []):
            text = "_No response_"
        elif isinstance(value, list) and element["type"] == "dropdown":
            text = ", ".join(value)
        elif isinstance(value, list):
            text = "\n".join(value)
        else:
            text = str(value)
        if attributes.get("render") and value:
            text = f"```{attributes['render']}\n{text}\n```"
        parts.append(f"### {attributes['label']}\n\n{text}")
    return "\n\n".join(parts) + "\n"


def answers_for(entry: dict[str, Any], registry) -> dict[str, Any]:
    """What a person picks in the issue form for ``entry``: labels, not values."""
    answers: dict[str, Any] = {}
    for f in leaves(walk(vocabularies={"miejscowosci": ()})):
        value: Any = entry
        for part in f.path:
            value = value.get(part) if isinstance(value, dict) else None
        if value is None:
            continue
        labels = {c.value: c.label for c in f.choices}
        if f.kind == "bool":
            value = "tak" if value else "nie"
        elif f.kind == "choices":
            value = [labels[v] for v in value]
        elif f.kind == "choice":
            value = labels.get(value, value)
        answers[f.issue_id] = value
    return answers


def test_committed_issue_form_matches_the_model(registry):
    committed = (ROOT / TEMPLATE_FILE).read_text(encoding="utf-8")
    assert committed == issue_template_yaml(registry.gazetteer), (
        f"run: ngosite issue-template --output {TEMPLATE_FILE}")


def test_issue_form_asks_for_every_field_once(registry):
    template = issue_template(registry.gazetteer)
    elements = [e for e in template["body"] if e["type"] != "markdown"]
    ids = [e["id"] for e in elements]
    labels = [e["attributes"]["label"] for e in elements]
    assert len(set(ids)) == len(ids) and len(set(labels)) == len(labels)
    assert {f.issue_id for f in leaves(walk())} <= set(ids)
    for element in elements:
        for option in element["attributes"].get("options", []):
            assert ", " not in option, f"GitHub joins choices with ', ': {option!r}"


def test_round_trip_of_every_field(registry):
    entry = every_field()
    answers = answers_for(entry, registry)
    assert set(answers) == {f.issue_id for f in leaves(walk())}, "the fixture uses every field"
    body = render_issue(issue_template(registry.gazetteer), {**answers, "adres_strony": "kgw-x"})
    result = convert(body, "issue.md", registry.gazetteer, TODAY)
    assert result.ok, [str(p) for p in result.problems]
    assert result.slug == "kgw-x"
    assert result.text is not None and result.text.startswith(SCHEMA_COMMENT + "\n")
    assert Organisation.model_validate(yaml.safe_load(result.text)) == \
        Organisation.model_validate(entry)
    assert result.text == dump_entry(entry)


def test_the_file_made_by_the_site_form_is_taken_as_it_is(registry):
    entry = every_field()
    text = dump_entry(entry)
    body = render_issue(issue_template(registry.gazetteer),
                        {"adres_strony": "kgw-rydzewo-nowe", "plik_yaml": text,
                         "nazwa": "Inna nazwa"})
    result = convert(body, "issue.md", registry.gazetteer, TODAY)
    assert result.ok and result.from_file
    assert result.text == text
    assert any("pominięto" in p.message for p in result.problems)


def test_problems_point_at_the_answer_with_the_builds_message(registry):
    entry = every_field()
    entry["identyfikatory"]["nip"] = "526-000-12-47"
    entry["adres"]["kod_pocztowy"] = "11513"
    answers = answers_for(entry, registry)
    body = render_issue(issue_template(registry.gazetteer), answers)
    result = convert(body, "issue.md", registry.gazetteer, TODAY)
    assert not result.ok
    by_key = {p.key: p for p in result.problems}
    nip = by_key["identyfikatory.nip"]
    assert "ma błędną cyfrę kontrolną" in nip.message
    assert body.splitlines()[nip.line - 1] == "### NIP"
    postal = by_key["adres.kod_pocztowy"]
    assert "NN-NNN" in postal.message
    assert body.splitlines()[postal.line - 1].startswith("### Kod pocztowy")
    assert str(nip).startswith(f"issue.md:{nip.line}:1: błąd: pole „identyfikatory.nip”")


def test_answers_typed_loosely_are_understood(registry):
    body = (
        "### Pełna nazwa organizacji (wymagane)\n\nOSP w Rudzie\n\n"
        "### Forma prawna\n\nochotnicza_straz_pozarna\n\n"
        "### Obszary działalności (wymagane)\n\nratownictwo i ochrona ludnosci, sport\n\n"
        "### Opis działalności (wymagane)\n\nGasimy pożary.\n\n"
        "### Organizacja pożytku publicznego (OPP)\n\nNie\n\n"
        "### Kod pocztowy (wymagane)\n\n11-513\n\n"
        "### Miejscowość (wymagane)\n\nRuda\n\n"
        "### Szerokość geograficzna\n\n53,93\n\n### Długość geograficzna\n\n21,77\n\n"
        "### Profile w mediach społecznościowych\n\n- https://fb.com/osp\n\n"
        "### Data sprawdzenia danych\n\n_No response_\n")
    result = convert(body, "issue.md", registry.gazetteer, TODAY)
    assert result.ok, [str(p) for p in result.problems]
    data = yaml.safe_load(result.text)
    assert data["forma_prawna"] == "ochotnicza_straz_pozarna"
    assert data["obszary"] == ["ratownictwo", "sport"]
    assert data["adres"]["wspolrzedne"] == {"szerokosc": 53.93, "dlugosc": 21.77}
    assert data["kontakt"]["media_spolecznosciowe"] == ["https://fb.com/osp"]
    assert data["zweryfikowano"] == TODAY
    assert result.slug == "osp-w-rudzie"


def test_an_identifier_of_another_entry_is_reported(registry):
    other = {**every_field(), "identyfikatory": {"krs": "0000999999"}}
    existing = {"inna-organizacja": Organisation.model_validate(other)}
    entry = {**every_field(), "identyfikatory": {"krs": "0000999999"}}
    body = render_issue(issue_template(registry.gazetteer), answers_for(entry, registry))
    result = convert(body, "issue.md", registry.gazetteer, TODAY, existing)
    assert not result.ok
    assert any(p.key == "identyfikatory.krs" and "jest już we wpisie" in p.message
               for p in result.problems)


def test_sections_and_empty_answers():
    sections = parse_sections("### A\n\n_No response_\n\n### B\n\n```yaml\nx: 1\n```\n")
    assert sections["A"].value == "" and sections["A"].line == 1
    assert sections["B"].value == "x: 1" and sections["B"].line == 5


def test_command_writes_the_file_or_refuses(registry, tmp_path, monkeypatch, capsys):
    body = render_issue(issue_template(registry.gazetteer), answers_for(every_field(), registry))
    issue = tmp_path / "issue.md"
    issue.write_text(body, encoding="utf-8")
    out = tmp_path / "wpis.yml"
    assert cli.main(["--root", str(ROOT), "issue-to-yaml", str(issue), "--output", str(out)]) == 0
    assert Organisation.model_validate(yaml.safe_load(out.read_text(encoding="utf-8")))
    monkeypatch.setattr(sys, "stdin", io.StringIO(body.replace("11-513", "11513")))
    assert cli.main(["--root", str(ROOT), "issue-to-yaml", "-", "--output", "-"]) == 1
    captured = capsys.readouterr()
    assert "zgłoszenie:" in captured.err and "NN-NNN" in captured.err
    assert "Nie zapisano pliku" in captured.err
