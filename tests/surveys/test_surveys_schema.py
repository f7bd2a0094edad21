"""The committed JSON Schemas keep up with the models, and every data file links its schema."""

from pathlib import Path

import pytest

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
