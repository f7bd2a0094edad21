"""A copy of the bundled project with one extra NGO file, loaded: for tests of what untrusted
NGO text becomes in exports, pages and the search index."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from ngosite.organisations.registry import Registry
from ngosite.pipeline import load_registry

ROOT = Path(__file__).resolve().parents[2]


def registry_with_entry(project: Path, slug: str, entry: dict,
                        parts: tuple[str, ...] = ("data", "ngos")) -> Registry:
    """Copy ``parts`` of the project into ``project``, add ``ngos/<slug>.yml`` and load it;
    the entry must load without errors."""
    for part in parts:
        shutil.copytree(ROOT / part, project / part)
    (project / "ngos" / f"{slug}.yml").write_text(
        yaml.safe_dump(entry, allow_unicode=True), encoding="utf-8")
    loaded = load_registry(project)
    assert slug in {e.slug for e in loaded}, [str(p) for p in loaded.errors]
    return loaded
