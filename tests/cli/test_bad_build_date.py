"""A wrong ``NGOSITE_TODAY`` is a setting to fix, not a program error: every command that needs
the date says so in Polish, without ``--verbose`` and without a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from ngosite.cli import main

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("command", [
    ["validate"],
    ["consultation", "import", "{outside}"],
    ["events", "sequence"],
])
def test_a_bad_build_date_is_named_with_its_fix(command, monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("NGOSITE_TODAY", "bad")
    monkeypatch.chdir(ROOT)
    outside = tmp_path / "uwaga.txt"  # a resident's file stays outside the repository
    outside.write_text("=== UWAGA KONSULTACYJNA ===\n=== KONIEC UWAGI ===\n", encoding="utf-8")
    command = [part.format(outside=outside) for part in command]
    assert main(["--root", str(ROOT), *command]) == 2
    err = capsys.readouterr().err
    assert "NGOSITE_TODAY='bad' nie jest datą; wpisz ją w formacie RRRR-MM-DD" in err
    assert "Nieoczekiwany" not in err and "Traceback" not in err
