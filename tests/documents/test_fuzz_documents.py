"""Property: no document metadata or version text, however broken, raises or hangs, and the
other document still loads."""

from __future__ import annotations

import shutil
from datetime import date

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from support.fuzz import (
    assert_problems_are_located,
    file_bytes,
    fuzz_settings,
    model_keys,
    no_hang,
    small_project,
)
from support.projects import ROOT

from ngosite.documents.model import DocumentMeta
from ngosite.pipeline import load_registry

pytestmark = pytest.mark.fuzz
KEEP = "zmiana-statutu-konsultacje"
BROKEN = "program-wspolpracy"


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = tmp_path_factory.mktemp("fuzz-documents")
    small_project(root, ROOT)
    for ngo in ROOT.joinpath("ngos").glob("*.yml"):  # comments name the sample NGOs
        (root / "ngos" / ngo.name).write_bytes(ngo.read_bytes())
    shutil.copytree(ROOT / "documents", root / "documents")
    shutil.copytree(ROOT / "documents", root / "documents-original")
    return root


def _load(project):
    with no_hang():
        registry = load_registry(project, today=date(2026, 11, 29))
    assert KEEP in {d.slug for d in registry.documents}
    assert_problems_are_located(registry.problems)


@fuzz_settings
@given(data=file_bytes(model_keys(DocumentMeta), [yaml.safe_load(
    (ROOT / "documents" / BROKEN / "dokument.yml").read_text(encoding="utf-8"))]))
def test_any_document_metadata(project, data):
    (project / "documents" / BROKEN / "dokument.yml").write_bytes(data)
    try:
        _load(project)
    finally:
        shutil.copy(project / "documents-original" / BROKEN / "dokument.yml",
                    project / "documents" / BROKEN / "dokument.yml")


_LINES = st.sampled_from(["## § 1.", "## § 1.", "## § 7a.", "# Rozdział 1", "# Rozdział II",
                          "1. Tekst ustępu.", "2) punkt", "a) litera", "1.", "§", "", "---",
                          "<script>alert(1)</script>", "Zwykły akapit tekstu.", "### ##"])


@fuzz_settings
@given(lines=st.lists(st.one_of(_LINES, st.text(max_size=60)), max_size=80))
def test_any_version_text(project, lines):
    path = project / "documents" / BROKEN / "wersja-2.md"
    path.write_text("\n".join(lines), encoding="utf-8", errors="surrogatepass")
    try:
        _load(project)
    finally:
        shutil.copy(project / "documents-original" / BROKEN / "wersja-2.md", path)
