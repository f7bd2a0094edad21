"""The corpus of broken register answers: each must give exactly its golden Polish line.

A fixture is ``invalid_answers/<key>_<reason>.json``, the body of an ``OdpisAktualny`` answer
for KRS 0000100001 (the key is the field or part of the body that is wrong); beside it,
``<key>_<reason>.expected`` holds the one line the commands print. Regenerate after a
deliberate change of a message with ``NGOSITE_REGEN_GOLDEN=1 .venv/bin/python -m pytest
tests/krs/test_krs_corpus.py`` and read the diff. A property-based test then proves that no
answer at all, however broken, gets past the parser as anything but this kind of line.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support.golden import corpus_fixtures, fixture_name, golden_path

from ngosite.krs.faults import BadAnswer
from ngosite.krs.record import parse_current, removal_date

CORPUS = Path(__file__).resolve().parent / "invalid_answers"
REGENERATE = bool(os.environ.get("NGOSITE_REGEN_GOLDEN"))
NUMBER = "0000100001"


def _fixtures() -> list[Path]:
    return corpus_fixtures(CORPUS, ".json")


def _message(fixture: Path) -> str:
    with pytest.raises(BadAnswer) as caught:
        parse_current(NUMBER, "S", fixture.read_bytes())
    return caught.value.message


def test_corpus_is_large_and_every_fixture_has_an_expectation():
    fixtures = {fixture_name(p) for p in _fixtures()}
    expected = {p.stem for p in CORPUS.glob("*.expected")}
    assert len(fixtures) >= 15
    assert fixtures == expected or REGENERATE


@pytest.mark.parametrize("fixture", _fixtures(), ids=fixture_name)
def test_broken_answer_gives_its_golden_message(fixture: Path):
    message = _message(fixture)
    golden = golden_path(CORPUS, fixture)
    if REGENERATE:
        golden.write_text(message + "\n", encoding="utf-8")
    assert message == golden.read_text(encoding="utf-8").rstrip("\n")
    assert "Traceback" not in message and "\n" not in message


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.sampled_from(["odpis", "naglowekA", "dane", "dzial1", "danePodmiotu",
                                       "nazwa", "formaPrawna", "numerKRS", "x"]) | st.text(
        max_size=8), children, max_size=5),
    max_leaves=30)


@pytest.mark.fuzz
@settings(derandomize=True, max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(body=st.binary(max_size=200) | JSON.map(lambda v: json.dumps(v).encode()))
def test_no_answer_raises_anything_but_a_polish_line(body: bytes):
    try:
        record = parse_current(NUMBER, "S", body)
    except BadAnswer as exc:
        assert exc.message and "\n" not in exc.message
    else:
        assert record.number == NUMBER
    removal_date(body)  # never raises


VALID = json.loads((Path(__file__).resolve().parent / "fixtures"
                    / "S-0000100001-stowarzyszenie.json").read_text(encoding="utf-8"))


@pytest.mark.fuzz
@settings(derandomize=True, max_examples=200, deadline=None)
@given(path=st.lists(st.sampled_from(["odpis", "naglowekA", "dane", "dzial1", "danePodmiotu",
                                      "siedzibaIAdres", "adres", "dzial3", "dzial6",
                                      "identyfikatory"]), min_size=1, max_size=5),
       value=JSON)
def test_one_value_replaced_anywhere_never_raises(path: list[str], value: object):
    data = json.loads(json.dumps(VALID))
    target = data
    for key in path[:-1]:
        if not isinstance(target, dict) or not isinstance(target.get(key), dict):
            break
        target = target[key]
    if isinstance(target, dict):
        target[path[-1]] = value
    try:
        parse_current(NUMBER, "S", json.dumps(data, ensure_ascii=False).encode())
    except BadAnswer as exc:
        assert exc.message
