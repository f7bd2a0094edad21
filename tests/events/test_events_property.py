"""No event file, however broken, makes loading raise: every input ends as problems or events.

Hypothesis builds files from the real keys and plausible (and implausible) values, nested at
random, dumped as YAML; the whole pipeline loads them. Derandomized, with a small budget.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support.events_project import new_project

from ngosite.core.problems import Problem
from ngosite.events.load import load_events
from ngosite.events.model import Event
from ngosite.geo.cache import GeocodeCache
from ngosite.geo.geocode import Locator
from ngosite.organisations.registry import Registry
from ngosite.pipeline import load_registry

pytestmark = pytest.mark.fuzz

TODAY = date(2026, 11, 26)

KEYS = [f.alias or n for n, f in Event.model_fields.items()] + [
    "nazwa", "ulica", "kod_pocztowy", "miejscowosc", "adres", "sposob", "termin", "plik",
    "dokument", "wersja", "od", "do", "temat", "email", "limit_miejsc", "tytul", "wspolrzedne"]
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-10, 10_000), st.floats(allow_nan=True),
    st.sampled_from(["2027-03-28 02:30", "2027-10-31 02:30", "2027-03-20 10:00", "10:00",
                     "2027-02-30 10:00", "osp-milki", "urzad", "szkolenie", "odwolane",
                     "materialy/../../x", "materialy/a.pdf", "https://x.pl", "Miłki",
                     "program-wspolpracy", "<script>alert(1)</script>", "", "11-513"]),
    st.dates(date(2020, 1, 1), date(2030, 1, 1)),
    st.text(max_size=20))
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(st.sampled_from(KEYS), inner, max_size=4)),
    max_leaves=12)
FILES = st.dictionaries(st.sampled_from(KEYS), VALUES, max_size=10)


def _load_events(registry: Registry) -> tuple[list[Problem], tuple]:
    """Only the events' loading, against a registry read once (the NGOs, documents, places)."""
    problems: list[Problem] = []
    root = registry.root
    cache = GeocodeCache.load(root / registry.settings.geocoding.cache, root, problems)
    locator = Locator(registry.area, registry.gazetteer, cache, None, TODAY, False)
    events = load_events(root, registry.entries, registry.documents, registry.fairs,
                         registry.gazetteer, locator, TODAY, problems)
    return problems + locator.problems, events


def test_no_event_file_makes_loading_raise(tmp_path_factory) -> None:
    root = new_project(tmp_path_factory.mktemp("property"))
    path = root / "wydarzenia" / "2027" / "x.yml"
    path.parent.mkdir()
    registry = load_registry(root, today=TODAY)

    @settings(max_examples=100, deadline=None, derandomize=True,
              suppress_health_check=[HealthCheck.too_slow])
    @given(FILES)
    def load(data: dict) -> None:
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        problems, events = _load_events(registry)
        for problem in problems:
            assert problem.file and problem.line >= 1 and problem.message
        assert all(e.file == "wydarzenia/2027/x.yml" for e in events)

    load()


def test_no_raw_text_makes_loading_raise(tmp_path: Path) -> None:
    root = new_project(tmp_path)
    path = root / "wydarzenia" / "2027" / "x.yml"
    path.parent.mkdir()
    registry = load_registry(root, today=TODAY)

    @settings(max_examples=40, deadline=None, derandomize=True,
              suppress_health_check=[HealthCheck.too_slow])
    @given(st.text(alphabet=st.sampled_from(list("ab: -\n\"'{}[]#&*!|>%@`\t\\é")), max_size=60))
    def load(text: str) -> None:
        path.write_text(text, encoding="utf-8")
        _load_events(registry)

    load()
