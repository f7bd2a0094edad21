"""Copies of the project for the consultation tests: a second round of consultation on the
programme's latest version, and a consultation e-mail address.

The bundled consultations all ended before the sample NGO entries were verified (26 November
2026), so a build "as of" a day inside them fails on those entries' dates. The copies add a
round on version 3 from 30 November to 21 December 2026 (``ROUND``), which tests visit with
``NGOSITE_TODAY`` and the browser's clock. The bundled ``data/gmina.yml`` leaves the address to
the office (it is not among the project's verified facts); the copies get a test address.
"""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
TEST_EMAIL = "konsultacje@milki.example.pl"
PROGRAMME = Path("documents/program-wspolpracy/dokument.yml")
ROUND = (date(2026, 11, 30), date(2026, 12, 21))
ROUND_YAML = """\
    konsultacje:
      od: 2026-11-30
      do: 2026-12-21
      sposob: >-
        Uwagi zgłasza się formularzem przy tekście projektu, e-mailem albo pisemnie na adres
        urzędu gminy.
"""
_IGNORED = shutil.ignore_patterns(".venv", "site", ".git", "__pycache__", ".pytest_cache",
                                  ".ruff_cache", "*.egg-info", "node_modules", "tests", ".tools")


def consultation_project(root: Path, *, site: bool = False, email: str | None = TEST_EMAIL,
                         settings: str = "", second_round: bool = True) -> Path:
    """The project's data, NGO entries and documents below ``root`` (with ``site``: everything
    ``mkdocs build`` needs). ``email`` becomes ``konsultacje.email``; ``settings`` are more lines
    of the ``konsultacje`` section (indented by two spaces)."""
    if site:
        shutil.copytree(REPO, root, dirs_exist_ok=True, ignore=_IGNORED)
    else:
        for part in ("data", "ngos", "documents"):
            shutil.copytree(REPO / part, root / part, dirs_exist_ok=True)
    if second_round:
        programme = root / PROGRAMME
        text = programme.read_text(encoding="utf-8")
        assert text.rstrip().endswith("komisje_konkursowe: § 13"), "version 3 is not last"
        programme.write_text(text + ROUND_YAML, encoding="utf-8")
    path = root / "data" / "gmina.yml"
    lines = (f"  email: {email}\n" if email else "") + settings
    text, n = re.subn(r"(?m)^konsultacje:\n", lambda m: m.group(0) + lines,
                      path.read_text(encoding="utf-8"), count=1)
    assert n == 1, "data/gmina.yml has no konsultacje section"
    path.write_text(text, encoding="utf-8")
    return root


def comment_values(**changes: object) -> dict[str, object]:
    """A comment on § 5 ust. 2 of the programme's version 3 (the second round) from an NGO;
    ``changes`` replace fields (``None`` removes one)."""
    values: dict[str, object] = {
        "identyfikator": "PW3-5.2-1201-1432-K7", "dokument": "program-wspolpracy",
        "wersja": 3, "dotyczy": "§ 5 ust. 2",
        "propozycja": "4) udzielaniu dotacji na wkład własny do projektów z funduszy "
                      "zewnętrznych;",
        "uzasadnienie": "Klub chce składać wnioski do programów zewnętrznych, ale nie ma "
                        "wkładu własnego.",
        "nadawca": "organizacja", "organizacja": "uks-milki", "data": "2026-12-01",
    }
    values.update(changes)
    return {k: v for k, v in values.items() if v is not None}
