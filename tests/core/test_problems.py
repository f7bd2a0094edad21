"""File names in problems: as the contributor knows them, relative to the project."""

from __future__ import annotations

from pathlib import Path

import pytest

from ngosite.core.problems import relative_name


def test_a_file_under_the_project_is_named_from_the_project(tmp_path: Path) -> None:
    assert relative_name(tmp_path / "ngos" / "osp-milki.yml", tmp_path) == "ngos/osp-milki.yml"


def test_a_relative_path_is_resolved_against_the_working_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "ngos").mkdir()
    monkeypatch.chdir(tmp_path / "ngos")
    assert relative_name(Path("osp-milki.yml"), tmp_path) == "ngos/osp-milki.yml"
    assert relative_name(Path("../ngos/osp-milki.yml"), tmp_path) == "ngos/osp-milki.yml"


def test_a_path_that_climbs_out_and_back_is_resolved(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    assert relative_name(tmp_path / "docs" / ".." / "ngos" / "a.yml", tmp_path) == "ngos/a.yml"


def test_a_file_outside_the_project_keeps_its_whole_path(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere" / "odpowiedzi.csv"
    assert relative_name(outside, tmp_path / "project") == outside.as_posix()
    assert relative_name(outside, None) == outside.as_posix()
