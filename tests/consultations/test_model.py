"""The comment's shape: its committed JSON Schema, its identifier, its limits."""

from __future__ import annotations

import json
import re
import subprocess
from datetime import datetime
from pathlib import Path

import pytest

from ngosite.consultations.identifier import (
    document_code,
    label_of_unit_code,
    make_identifier,
    parse_identifier,
    unit_code,
)
from ngosite.consultations.model import SCHEMA_FILE, Submission, schema_json
from ngosite.consultations.units import first_step, next_steps, unit_choices
from ngosite.documents.model import Comment
from ngosite.documents.text import PREAMBLE, WHOLE_DOCUMENT, canonical_label, parse_version

REPO = Path(__file__).resolve().parents[2]


def test_committed_schema_matches_the_model():
    committed = (REPO / SCHEMA_FILE).read_text(encoding="utf-8")
    assert committed == schema_json(), (
        "regenerate: .venv/bin/python -c 'from ngosite.consultations.model import schema_json, "
        f"SCHEMA_FILE; open(SCHEMA_FILE, \"w\").write(schema_json())' ({SCHEMA_FILE})")


def _max_length(model, key: str) -> int:
    schema = model.model_json_schema(by_alias=True)["properties"][key]
    return next(s["maxLength"] for s in [schema, *schema.get("anyOf", [])] if "maxLength" in s)


@pytest.mark.parametrize(("submission_key", "report_key"), [
    ("uzasadnienie", "tresc"), ("propozycja", "propozycja"), ("podmiot", "podmiot")])
def test_the_form_accepts_no_more_than_the_report_keeps(submission_key: str, report_key: str):
    assert _max_length(Submission, submission_key) == _max_length(Comment, report_key)


def test_document_codes_are_the_initials_of_the_folder():
    assert document_code("program-wspolpracy") == "PW"
    assert document_code("zmiana-statutu-konsultacje") == "ZSK"
    assert document_code("2027-budzet-obywatelski") == "BO"


@pytest.mark.parametrize(("label", "code"), [
    ("", "C"), ("wstęp", "W"), ("§ 5", "5"), ("§ 5 ust. 2", "5.2"),
    ("§ 5 ust. 2 pkt 3 lit. a", "5.2.3.a"), ("§ 52d ust. 1", "52d.1"),
    ("§ 3 pkt 3", "3..3"), ("§ 3 pkt 3 lit. b", "3..3.b"), ("§ 3 lit. a", "3...a"),
    ("§ 3 ust. 2 lit. a", "3.2..a")])
def test_unit_codes_go_both_ways(label: str, code: str):
    assert unit_code(label) == code
    assert label_of_unit_code(code) == label


def test_an_identifier_names_document_version_unit_and_time():
    identifier = make_identifier("PW", 3, "§ 5 ust. 2", datetime(2026, 12, 1, 14, 32), "K7")
    assert identifier == "PW3-5.2-1201-1432-K7"
    assert parse_identifier(identifier) == ("PW", 3, "§ 5 ust. 2")
    assert parse_identifier("PW3-5.2-1201-1432-I0") is None  # I and 0 are never used


def _sample_labels() -> list[str]:
    """Every unit of every version of the bundled documents: §, ust., pkt with and without
    an ustęp, lit., the preamble, paragraphs under a chapter; and the whole document."""
    labels = {WHOLE_DOCUMENT, "§ 3 ust. 2 pkt 1 lit. a", "§ 3 pkt 1 lit. b"}  # no lit. yet
    for path in sorted((REPO / "documents").glob("*/wersja-*.md")):
        text = parse_version(path.read_text(encoding="utf-8"), path.name, [])
        labels.update(unit.label for unit in text.walk())
    return sorted(labels)


def test_every_unit_of_the_sample_documents_goes_id_unit_id():
    labels = _sample_labels()
    shapes = {" ".join(label.split()[0::2]) for label in labels}
    assert {"§", "§ ust.", "§ pkt", "§ ust. pkt", "§ pkt lit.", PREAMBLE} <= shapes
    for label in labels:
        identifier = make_identifier("PW", 3, label, datetime(2026, 12, 1, 14, 32), "K7")
        assert parse_identifier(identifier) == ("PW", 3, label), identifier
    # Two units never share a code (§ 3 ust. 3 and § 3 pkt 3 did).
    assert len({unit_code(label) for label in labels}) == len(labels)


def test_the_form_script_makes_the_same_unit_codes():
    script = (REPO / "docs/assets/js/consultation-form.js").read_text(encoding="utf-8")
    function = re.search(r"\n  function unitCode\(label\) \{\n.*?\n  \}\n", script, re.S)
    assert function, "unitCode() not found in consultation-form.js"
    labels = [label or "cały dokument" for label in _sample_labels()]
    program = (function.group(0) + f"console.log(JSON.stringify({json.dumps(labels)}"
               ".map(unitCode)));")
    result = subprocess.run(["node", "-e", program], capture_output=True, text=True, check=True,
                            timeout=60)
    assert json.loads(result.stdout) == [unit_code(canonical_label(label) or "")
                                         for label in labels]


def test_the_picker_reaches_every_unit_in_steps_along_the_scripts_path():
    """The form's picker offers the whole document, the preamble and the §§ first, then the
    sub-units of the unit chosen (units.next_steps), step by step. Every unit of every sample
    version is reached exactly once, and the script's unitPath() names the same steps."""
    trails: dict[str, list[str]] = {}
    for path in sorted((REPO / "documents").glob("*/wersja-*.md")):
        choices = unit_choices(parse_version(path.read_text(encoding="utf-8"), path.name, []))
        steps = next_steps(choices)
        reached: list[str] = []

        def walk(value: str, trail: list[str], steps=steps, reached=reached) -> None:
            reached.append(value)
            trails[value] = trail
            for child, shown in steps.get(value, []):
                assert shown.startswith(child.split()[-2] + " " + child.split()[-1] + " – ")
                walk(child, [*trail, child])

        for choice in first_step(choices):
            walk(choice.value, [choice.value])
        assert sorted(reached) == sorted(c.value for c in choices), path.name
    assert {len(trail) for trail in trails.values()} == {1, 2, 3}  # §, ust., pkt: no lit. yet
    trails["§ 3 ust. 2 pkt 1 lit. a"] = ["§ 3", "§ 3 ust. 2", "§ 3 ust. 2 pkt 1",
                                         "§ 3 ust. 2 pkt 1 lit. a"]
    trails["§ 3 pkt 1 lit. b"] = ["§ 3", "§ 3 pkt 1", "§ 3 pkt 1 lit. b"]
    script = (REPO / "docs/assets/js/consultation-form.js").read_text(encoding="utf-8")
    function = re.search(r"\n  function unitPath\(label\) \{\n.*?\n  \}\n", script, re.S)
    assert function, "unitPath() not found in consultation-form.js"
    labels = sorted(trails)
    program = (function.group(0) + f"console.log(JSON.stringify({json.dumps(labels)}"
               ".map(unitPath)));")
    result = subprocess.run(["node", "-e", program], capture_output=True, text=True, check=True,
                            timeout=60)
    assert json.loads(result.stdout) == [trails[label] for label in labels]
