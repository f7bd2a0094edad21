"""Property-based tests (hypothesis, derandomised, a few seconds): no input makes the import
raise, whatever a person types survives the trip through the message and into ``dokument.yml``,
and the rest of the file never changes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support.consultation_project import PROGRAMME, comment_values, consultation_project

from ngosite.consultations.importing import prepare_import
from ngosite.consultations.rules import ImportOptions
from ngosite.consultations.submission_read import read_submission
from ngosite.consultations.submission_text import message_text, normalise
from ngosite.consultations.yaml_insert import insert_comment
from ngosite.organisations.registry import Registry
from ngosite.pipeline import load_registry

pytestmark = pytest.mark.fuzz

TODAY = date(2026, 12, 5)


def fast(examples: int):
    return settings(derandomize=True, max_examples=examples, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])


# Everything a keyboard, a paste from a word processor or a broken encoding can produce.
ANY_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=()), max_size=300) | \
    st.text(st.sampled_from(list("ab \n\t:#-|>\"'\\{}[]&*!%@`~ąęł\u00a0\u2028\u0085\r=§")),
            max_size=120)


@pytest.fixture(scope="module")
def registry(tmp_path_factory: pytest.TempPathFactory) -> Registry:
    return load_registry(consultation_project(tmp_path_factory.mktemp("project")), today=TODAY)


@fast(200)
@given(raw=st.binary(max_size=400) | ANY_TEXT.map(lambda t: t.encode("utf-8", "replace")))
def test_reading_any_input_never_raises(raw: bytes):
    reading = read_submission(raw, "x.txt")
    assert reading.submission is not None or reading.problems


@fast(40)
@given(values=st.fixed_dictionaries({}, optional={
    key: ANY_TEXT for key in ("uzasadnienie", "propozycja", "brzmienie", "podmiot",
                              "imie_i_nazwisko", "kontakt", "dotyczy", "dokument",
                              "organizacja", "identyfikator", "nadawca", "data")}))
def test_importing_any_comment_never_raises(registry: Registry, values: dict[str, str]):
    raw = message_text(comment_values(**values), "Program").encode("utf-8", "surrogatepass")
    outcome = prepare_import(registry, raw, "x.txt", TODAY, ImportOptions())
    assert outcome.ok or outcome.problems
    assert all(p.line >= 1 for p in outcome.problems)


@fast(100)
@given(text=ANY_TEXT, proposal=ANY_TEXT, name=ANY_TEXT, contact=ANY_TEXT)
def test_what_a_person_types_reads_back_as_sent(text: str, proposal: str, name: str,
                                                contact: str):
    values = comment_values(nadawca="mieszkaniec", organizacja=None, uzasadnienie=text,
                            propozycja=proposal, imie_i_nazwisko=name, kontakt=contact)
    sent = normalise(text, multiline=True)
    reading = read_submission(message_text(values, "Program").encode("utf-8", "replace"),
                              "x.txt")
    if not sent.strip():
        assert reading.submission is None  # the justification is required
        return
    submission = reading.submission
    assert submission is not None, [str(p) for p in reading.problems]
    assert submission.text == sent.strip()
    assert (submission.proposal or "") == normalise(proposal, multiline=True).strip()
    assert (submission.person or "") == normalise(name, multiline=False).strip()
    assert (submission.contact or "") == normalise(contact, multiline=False).strip()


@pytest.fixture(scope="module")
def programme(tmp_path_factory: pytest.TempPathFactory) -> str:
    root = consultation_project(tmp_path_factory.mktemp("file"))
    return (root / PROGRAMME).read_text(encoding="utf-8")


@fast(40)
@given(text=st.text(min_size=1, max_size=400), entity=st.text(min_size=1, max_size=80),
       version=st.sampled_from([0, 2]), crlf=st.booleans())
def test_an_inserted_comment_reads_back_and_nothing_else_changes(
        programme: str, text: str, entity: str, version: int, crlf: bool):
    source = programme.replace("\n", "\r\n") if crlf else programme
    fields = [("nadawca", "inny podmiot"), ("podmiot", entity), ("data", date(2026, 12, 1)),
              ("dotyczy", "§ 5 ust. 2"), ("tresc", text), ("identyfikator",
                                                            "PW3-5.2-1201-1432-K7")]
    insertion = insert_comment(source, version, fields)
    old = yaml.load(source, Loader=yaml.CSafeLoader)
    new = yaml.load(insertion.text, Loader=yaml.CSafeLoader)
    comments = new["wersje"][version]["konsultacje"].get("uwagi", [])
    added = comments.pop()
    assert added == dict(fields)
    if not comments:
        new["wersje"][version]["konsultacje"].pop("uwagi")
    assert new == old
    lines, before = insertion.text.splitlines(keepends=True), source.splitlines(keepends=True)
    start = insertion.first_line - 1
    assert lines[:start] + lines[start + insertion.inserted:] == before
    assert all(line.endswith("\r\n") for line in lines) if crlf else True


def test_the_bundled_file_is_what_the_properties_start_from(programme: str):
    assert Path(PROGRAMME).name == "dokument.yml" and "uwagi:" in programme
