"""The committed JSON Schemas keep up with the models, every data file links its schema, and
the staff's guide (docs/jak-opublikowac-badanie.md) describes every field and value."""

import re
from pathlib import Path

import pytest
from pydantic import BaseModel

from ngosite.settings.surveys import SurveySettings
from ngosite.surveys.indicators import YearlyIndicators
from ngosite.surveys.model import DIRECTIONS, KINDS, RECRUITMENT, ROLES, Survey
from ngosite.surveys.schema import SCHEMAS, schema_text

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("path", sorted(SCHEMAS))
def test_committed_schema_matches_the_model(path):
    model, title, description = SCHEMAS[path]
    committed = (ROOT / path).read_text(encoding="utf-8")
    assert committed == schema_text(model, title, description), \
        "run: .venv/bin/ngosite surveys schema"


@pytest.mark.parametrize(("pattern", "schema"), [
    ("badania/*/badanie.yml", "data/badanie.schema.json"),
    ("sprawozdania/*/*.yml", "data/sprawozdanie.schema.json"),
])
def test_every_data_file_links_its_schema(pattern, schema):
    files = sorted(ROOT.glob(pattern))
    assert files, pattern
    for path in files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema=../../{schema}", path


def _keys(model) -> set[str]:
    found, todo, seen = set(), [model], set()
    while todo:
        cls = todo.pop()
        if cls in seen:
            continue
        seen.add(cls)
        for name, info in cls.model_fields.items():
            found.add(info.alias or name)
            stack = [info.annotation]
            while stack:
                kind = stack.pop()
                if isinstance(kind, type) and issubclass(kind, BaseModel):
                    todo.append(kind)
                stack.extend(getattr(kind, "__args__", ()))
    return found


def test_the_guide_describes_every_field_and_value():
    guide = (ROOT / "docs" / "jak-opublikowac-badanie.md").read_text(encoding="utf-8")
    keys = _keys(Survey) | _keys(YearlyIndicators) | _keys(SurveySettings)
    missing = sorted(k for k in keys if f"`{k}`" not in guide)
    assert not missing, f"fields missing from the guide: {missing}"
    values = [*KINDS, *RECRUITMENT, *ROLES, *DIRECTIONS]
    assert not [v for v in values if not re.search(rf"(?<![\w-]){re.escape(v)}(?![\w-])", guide)]
    assert "docs/jak-opublikowac-badanie.md" in (ROOT / "ngosite/surveys/source.py").read_text()
