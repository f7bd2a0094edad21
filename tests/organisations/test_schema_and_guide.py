"""The published schema and the contribution guide keep up with the model."""

import json
from pathlib import Path

from pydantic import BaseModel

from ngosite.core import fields
from ngosite.organisations import model
from ngosite.organisations.schema import SCHEMA_FILE, schema_json
from ngosite.organisations.vocabulary import LEGAL_FORMS, PUBLIC_BENEFIT_AREAS, TARGET_GROUPS

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "docs" / "dodaj-organizacje.md"


def _all_keys(cls: type[BaseModel]) -> set[str]:
    keys = set()
    for name, field in cls.model_fields.items():
        keys.add(field.alias or name)
    return keys


def test_committed_schema_matches_the_model():
    committed = (ROOT / SCHEMA_FILE).read_text(encoding="utf-8")
    assert committed == schema_json(), "run: python -m ngosite schema --output " + SCHEMA_FILE
    assert json.loads(committed)["additionalProperties"] is False


def test_every_ngo_file_links_the_schema():
    for path in sorted((ROOT / "ngos").glob("*.yml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../data/organizacja.schema.json", path


def test_guide_describes_every_field_and_value():
    guide = GUIDE.read_text(encoding="utf-8")
    models = [model.Organisation, model.Identifiers, model.OtherRegistration, model.Address,
              fields.Coordinates, model.Contact]
    missing = sorted(k for m in models for k in _all_keys(m) if f"`{k}`" not in guide)
    assert not missing, f"fields missing from {GUIDE.name}: {missing}"
    for vocabulary in (LEGAL_FORMS, PUBLIC_BENEFIT_AREAS, TARGET_GROUPS):
        absent = [slug for slug in vocabulary if slug not in guide]
        assert not absent, f"values missing from {GUIDE.name}: {absent}"
