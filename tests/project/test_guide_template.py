"""The NGOs' guide is one template: the sample gmina's docs/dodaj-organizacje.md is exactly
its rendering for data/gmina.yml, so the guide a new gmina gets cannot drift from the one the
guide tests check."""

from __future__ import annotations

from pathlib import Path

from ngosite.core.validate import read_model
from ngosite.geo.gazetteer import Gazetteer
from ngosite.project.writer import render_page
from ngosite.settings.gmina import load_settings

ROOT = Path(__file__).resolve().parents[2]


def test_the_sample_guide_is_the_template_rendered_for_its_gmina() -> None:
    settings = load_settings(ROOT)
    gazetteer = read_model(ROOT, ROOT / "data" / "miejscowosci.yml", Gazetteer, [])
    assert gazetteer is not None
    rendered = render_page("dodaj-organizacje.md", settings, gazetteer)
    assert rendered == (ROOT / "docs" / "dodaj-organizacje.md").read_text(encoding="utf-8"), (
        "edit ngosite/project/templates/docs/dodaj-organizacje.md, then write its rendering "
        "to docs/dodaj-organizacje.md (see this test)")
