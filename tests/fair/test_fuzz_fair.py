"""Property: no fair file, however broken, raises or hangs, and another edition still loads."""

from __future__ import annotations

from datetime import date

import pytest
import yaml
from hypothesis import given
from support.fair_project import EARLIER_EDITION, SAMPLE
from support.fuzz import (
    assert_problems_are_located,
    file_bytes,
    fuzz_settings,
    model_keys,
    no_hang,
    small_project,
)
from support.projects import ROOT

from ngosite.fair.model import Fair
from ngosite.pipeline import load_registry

pytestmark = pytest.mark.fuzz


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = tmp_path_factory.mktemp("fuzz-fair")
    small_project(root, ROOT)
    for ngo in ROOT.joinpath("ngos").glob("*.yml"):  # the sample programme names them
        (root / "ngos" / ngo.name).write_bytes(ngo.read_bytes())
    (root / "data" / "targi").mkdir()
    (root / "data" / "targi" / "2026.yml").write_text(EARLIER_EDITION, encoding="utf-8")
    return root


@fuzz_settings
@given(data=file_bytes(model_keys(Fair), [yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))]))
def test_any_fair_file_gives_problems_or_an_edition(project, data):
    (project / "data" / "targi" / "2027.yml").write_bytes(data)
    with no_hang():
        registry = load_registry(project, today=date(2026, 11, 29))
    assert 2026 in {f.year for f in registry.fairs}
    assert_problems_are_located(registry.problems)
