"""Comments as the consultation import writes them: waiting for the office's answer until the
report's date, late ones the office accepted, other entities, proposals and identifiers."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from ngosite.core.problems import Severity
from ngosite.documents.consultation import statistics
from ngosite.documents.report import report_csv, report_json, report_rows
from ngosite.organisations.registry import Registry
from ngosite.pipeline import load_registry

REPO = Path(__file__).resolve().parents[2]
COMMON = Path(__file__).resolve().parent / "invalid_documents" / "_wspolne"
SECOND = """        - nadawca: osoba fizyczna
          dotyczy: § 1 ust. 2
          tresc: Dopiszcie koła gospodyń wiejskich.
          stanowisko: uwzgledniona
          uzasadnienie: Dopisano.
"""


def _load(tmp_path: Path, comment: str, today: date) -> Registry:
    root = tmp_path / "project"
    (root / "data").mkdir(parents=True)
    for name in ("gmina.yml", "miejscowosci.yml", "granica.geojson"):
        shutil.copyfile(REPO / "data" / name, root / "data" / name)
    shutil.copytree(REPO / "ngos", root / "ngos")
    folder = root / "documents" / "program"
    shutil.copytree(COMMON, folder)
    text = (folder / "dokument.yml").read_text(encoding="utf-8")
    assert SECOND in text
    (folder / "dokument.yml").write_text(text.replace(SECOND, comment), encoding="utf-8")
    return load_registry(root, today=today)


def _document_problems(registry: Registry) -> list[str]:
    return [str(p) for p in registry.problems if p.file.startswith("documents/")]


UNANSWERED = """        - nadawca: osoba fizyczna
          data: 2026-09-20
          dotyczy: § 1 ust. 2
          tresc: Dopiszcie koła gospodyń wiejskich.
          identyfikator: PW1-1.2-0920-1015-K7
"""


def test_a_comment_waits_for_its_answer_until_the_report_date(tmp_path: Path):
    before = _load(tmp_path / "a", UNANSWERED, date(2026, 10, 4))
    assert _document_problems(before) == []
    assert before.documents, "the document is published while the office prepares answers"
    on_the_day = _load(tmp_path / "b", UNANSWERED, date(2026, 10, 5))
    assert [p for p in on_the_day.problems if p.severity is Severity.ERROR
            and "nie ma pola stanowisko ani uzasadnienie" in p.message]


def test_a_late_comment_the_office_accepted_is_not_a_warning(tmp_path: Path):
    late = """        - nadawca: osoba fizyczna
          data: 2026-09-30
          dotyczy: § 1 ust. 2
          tresc: Dopiszcie koła gospodyń wiejskich.
          stanowisko: uwzgledniona
          uzasadnienie: Dopisano.
"""
    unmarked = _load(tmp_path / "a", late, date(2026, 11, 26))
    assert any("poza terminem" in p for p in _document_problems(unmarked))
    marked = late.replace("data: 2026-09-30\n", "data: 2026-09-30\n          po_terminie: true\n")
    assert _document_problems(_load(tmp_path / "b", marked, date(2026, 11, 26))) == []


def test_another_entity_and_a_proposal_reach_the_report(tmp_path: Path):
    other = """        - nadawca: inny podmiot
          podmiot: Szkoła Podstawowa w Miłkach
          dotyczy: § 1 ust. 2
          tresc: Dopiszcie koła gospodyń wiejskich.
          propozycja: "1) koła gospodyń wiejskich;"
          identyfikator: PW1-1.2-0920-1015-K7
          stanowisko: uwzgledniona
          uzasadnienie: Dopisano.
"""
    registry = _load(tmp_path, other, date(2026, 11, 26))
    assert _document_problems(registry) == []
    document = registry.documents[0]
    version = document.version(1)
    rows = report_rows(registry, document, version)
    row = rows[1]
    assert (row.sender_name, row.sender_kind) == ("Szkoła Podstawowa w Miłkach", "inny podmiot")
    assert row.sender_href is None
    assert row.proposal == "1) koła gospodyń wiejskich;"
    stats = statistics(version.meta.consultation)
    assert (stats.from_organisations, stats.from_private_persons,
            stats.from_other_entities) == (1, 0, 1)
    assert "Proponowane brzmienie" in report_csv(rows).splitlines()[0]
    assert '"identyfikator": "PW1-1.2-0920-1015-K7"' in report_json(registry, document, version,
                                                                     rows)
