"""Property: no NGO file, however broken, raises, hangs or costs its neighbour its place."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from support.fuzz import (
    NEIGHBOUR,
    assert_problems_are_located,
    file_bytes,
    fuzz_settings,
    model_keys,
    no_hang,
    real_entries,
    small_project,
)
from support.projects import ROOT

from ngosite.organisations.model import Organisation
from ngosite.pipeline import load_registry

pytestmark = pytest.mark.fuzz
KEYS = model_keys(Organisation)
VALID = real_entries(ROOT / "ngos")


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = tmp_path_factory.mktemp("fuzz-ngos")
    small_project(root, ROOT)
    return root


@fuzz_settings
@given(data=file_bytes(KEYS, VALID))
def test_any_ngo_file_gives_problems_or_an_entry_and_the_neighbour_loads(project, data):
    (project / "ngos" / "zz-fuzz.yml").write_bytes(data)
    with no_hang():
        registry = load_registry(project, today=date(2026, 11, 29))
    assert NEIGHBOUR in registry.by_slug
    assert_problems_are_located(registry.problems)
    assert {p.file for p in registry.errors} <= {"ngos/zz-fuzz.yml"}


def test_many_files_load_in_one_go_with_the_broken_ones_named(tmp_path):
    small_project(tmp_path, ROOT)
    good = (tmp_path / "ngos" / f"{NEIGHBOUR}.yml").read_text(encoding="utf-8")
    for i in range(1, 1001):
        text = good.replace("Sąsiad z tej samej gminy", f"Organizacja numer {i}")
        if i % 100 == 0:
            text = text.replace("nazwa:", "nazwa: [", 1)  # an unclosed bracket
        (tmp_path / "ngos" / f"org-{i:04d}.yml").write_text(text, encoding="utf-8")
    with no_hang(120):
        registry = load_registry(tmp_path, today=date(2026, 11, 29))
    assert len(registry.entries) == 1 + 1000 - 10
    assert sorted({p.file for p in registry.errors}) == [
        f"ngos/org-{i:04d}.yml" for i in range(100, 1001, 100)]
