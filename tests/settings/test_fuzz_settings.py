"""Property: whatever the settings, the locality list or the geocoding cache hold, loading
gives problems or a registry, never an exception or a hang; a broken cache costs no NGO."""

from __future__ import annotations

import shutil
from datetime import date

import pytest
import yaml
from hypothesis import given
from support.fuzz import (
    NEIGHBOUR,
    assert_problems_are_located,
    file_bytes,
    fuzz_settings,
    model_keys,
    no_hang,
    small_project,
)
from support.projects import ROOT

from ngosite.core.problems import DataError
from ngosite.geo.gazetteer import Gazetteer
from ngosite.pipeline import load_registry
from ngosite.settings.gmina import Settings

pytestmark = pytest.mark.fuzz
TODAY = date(2026, 11, 29)


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = tmp_path_factory.mktemp("fuzz-settings")
    small_project(root, ROOT)
    shutil.copytree(root / "data", root / "data-original")
    return root


def _load(project):
    with no_hang():
        try:
            registry = load_registry(project, today=TODAY)
        except DataError as exc:  # no settings or localities: nothing can be built
            assert exc.problems
            assert_problems_are_located(exc.problems)
            return None
    assert_problems_are_located(registry.problems)
    return registry


def _restore(project, name):
    shutil.copy(project / "data-original" / name, project / "data" / name)


@fuzz_settings
@given(data=file_bytes(model_keys(Settings), [yaml.safe_load(
    (ROOT / "data" / "gmina.yml").read_text(encoding="utf-8"))]))
def test_any_settings_file(project, data):
    (project / "data" / "gmina.yml").write_bytes(data)
    try:
        _load(project)
    finally:
        _restore(project, "gmina.yml")


@fuzz_settings
@given(data=file_bytes(model_keys(Gazetteer), [yaml.safe_load(
    (ROOT / "data" / "miejscowosci.yml").read_text(encoding="utf-8"))]))
def test_any_locality_list(project, data):
    (project / "data" / "miejscowosci.yml").write_bytes(data)
    try:
        _load(project)
    finally:
        _restore(project, "miejscowosci.yml")


CACHE_KEYS = ["adresy", "szerokosc", "dlugosc", "zrodlo", "data", "opis", "brak_wyniku",
              "11-513 miłki", "mazurska 2, 11-513 miłki"]
CACHE_SAMPLE = {"adresy": {"11-513 miłki": {"szerokosc": 53.94, "dlugosc": 21.88,
                                            "zrodlo": "nominatim", "data": "2026-11-01"}}}


@fuzz_settings
@given(data=file_bytes(CACHE_KEYS, [CACHE_SAMPLE]))
def test_any_geocoding_cache_costs_no_ngo(project, data):
    (project / "data" / "geokodowanie.yml").write_bytes(data)
    registry = _load(project)
    assert registry is not None and NEIGHBOUR in registry.by_slug
    assert {p.file for p in registry.errors} <= {"data/geokodowanie.yml"}
