"""Corpora of broken files with their expected messages beside them (golden files).

A fixture is ``<corpus>/<key>_<reason>.yml`` or a folder ``<corpus>/<key>_<reason>/`` of files
that are only wrong together; ``<corpus>/<key>_<reason>.expected`` holds the messages it must
produce. Shared by the NGO and fair corpora.
"""

from __future__ import annotations

from pathlib import Path


def corpus_fixtures(corpus: Path) -> list[Path]:
    return sorted(p for p in corpus.iterdir()
                  if p.suffix == ".yml" or (p.is_dir() and not p.name.startswith(".")))


def fixture_name(fixture: Path) -> str:
    return fixture.stem if fixture.is_file() else fixture.name


def golden_path(corpus: Path, fixture: Path) -> Path:
    return corpus / f"{fixture_name(fixture)}.expected"
