"""Atomic writes keep the file's permissions (mkstemp alone would make it owner-only)."""

from __future__ import annotations

import os

from ngosite.core.atomic import write_text_atomically


def test_permissions_of_an_existing_file_are_kept(tmp_path):
    path = tmp_path / "dokument.yml"
    path.write_text("a: 1\n", encoding="utf-8")
    path.chmod(0o644)
    write_text_atomically(path, "a: 2\n")
    assert path.read_text(encoding="utf-8") == "a: 2\n"
    assert path.stat().st_mode & 0o777 == 0o644
    assert [p.name for p in tmp_path.iterdir()] == ["dokument.yml"]  # no temporary file left


def test_a_new_file_gets_the_usual_permissions(tmp_path):
    old = os.umask(0o022)
    try:
        write_text_atomically(tmp_path / "nowy" / "wpis.yml", "nazwa: A\n")
    finally:
        os.umask(old)
    assert (tmp_path / "nowy" / "wpis.yml").stat().st_mode & 0o777 == 0o644
