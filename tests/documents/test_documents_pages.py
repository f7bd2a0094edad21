"""Consultation states, the art. 5a checklist, version and changes pages, the report as HTML,
CSV and JSON, and the Atom feed — on the bundled documents, without a site build."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from datetime import date
from html import escape as html_escape
from pathlib import Path

import pytest
from support.consultation_project import consultation_project

from ngosite.core.today import build_date
from ngosite.documents.consultation import consultation_state, statistics
from ngosite.documents.model import PROGRAMME_ELEMENTS, Consultation
from ngosite.documents.pages import documents_assets, documents_pages
from ngosite.documents.report import ReportRow, report_csv
from ngosite.documents.rules import sender_problem
from ngosite.documents.text import quote_of
from ngosite.organisations.registry import Registry
from ngosite.pipeline import load_registry

REPO = Path(__file__).resolve().parents[2]
TODAY = date(2026, 11, 26)
PROGRAMME = "dokumenty/program-wspolpracy"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry(REPO, today=TODAY)


@pytest.fixture(scope="module")
def pages(registry: Registry) -> dict[str, str]:
    return {p.src_uri: p.html or "" for p in documents_pages(registry)}


@pytest.fixture(scope="module")
def assets(registry: Registry) -> dict[str, str]:
    return dict(documents_assets(registry))


# --------------------------------------------------------------------------- state


CONSULTATION = Consultation.model_validate({
    "od": date(2026, 9, 8), "do": date(2026, 9, 29), "sposob": "E-mailem.",
    "raport_opublikowano": date(2026, 10, 9)})


@pytest.mark.parametrize(("day", "code", "text"), [
    (date(2026, 9, 7), "planowane", "Konsultacje zaplanowane od 8 września 2026 do 29 września"),
    (date(2026, 9, 8), "trwaja", "Konsultacje trwają do 29 września 2026 (zostały 22 dni)"),
    (date(2026, 9, 29), "trwaja", "Konsultacje trwają do 29 września 2026 (ostatni dzień)"),
    (date(2026, 9, 30), "zakonczone", "raport w przygotowaniu"),
    (date(2026, 10, 9), "raport", "raport opublikowano 9 października 2026"),
])
def test_consultation_state_follows_the_dates(day: date, code: str, text: str):
    state = consultation_state(CONSULTATION, day)
    assert state.code == code
    assert text in state.text
    assert state.accepting_comments is (code == "trwaja")


def test_a_report_without_a_date_is_never_published():
    pending = CONSULTATION.model_copy(update={"report_published": None})
    assert consultation_state(pending, date(2027, 1, 1)).code == "zakonczone"


def test_build_date_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("NGOSITE_TODAY", "2026-09-15")
    assert build_date() == date(2026, 9, 15)
    monkeypatch.setenv("NGOSITE_TODAY", "15.09.2026")
    with pytest.raises(ValueError, match="RRRR-MM-DD"):
        build_date()
    monkeypatch.delenv("NGOSITE_TODAY")
    assert build_date() == date.today()


def test_statistics_count_every_response(registry: Registry):
    programme = registry.documents[0]
    stats = statistics(programme.versions[0].meta.consultation)
    assert stats.comments == 12
    assert {key: n for key, _, n in stats.by_response} == {
        "uwzgledniona": 7, "czesciowo_uwzgledniona": 2, "nieuwzgledniona": 1, "wyjasnienie": 2}
    assert (stats.from_organisations, stats.from_private_persons) == (9, 3)


# --------------------------------------------------------------------------- rules


def test_a_private_persons_name_is_refused_without_being_repeated():
    names = {"kgw-rydzewo": "Koło Gospodyń Wiejskich w Rydzewie"}
    for name in ("Jan Kowalski", "Anna Nowak-Wiśniewska", "J. Kowalski"):
        message = sender_problem(name, names, set())
        assert message and "imię i nazwisko" in message and name not in message
    assert sender_problem("osoba fizyczna", names, set()) is None
    assert sender_problem("kgw-rydzewo", names, set()) is None
    assert "Czy chodziło o „kgw-rydzewo”" in (sender_problem("KGW_Rydzewo", names, set()) or "")
    assert "nadawca: kgw-rydzewo" in (
        sender_problem("Koło Gospodyń Wiejskich Rydzewo", names, set()) or "")
    assert "dodaj najpierw do katalogu" in (sender_problem("Rada Sołecka", names, set()) or "")


def test_bundled_documents_have_no_problems(registry: Registry):
    assert [str(p) for p in registry.problems if p.file.startswith("documents/")] == []
    assert [d.slug for d in registry.documents] == [
        "program-wspolpracy", "zmiana-statutu-konsultacje"]


# --------------------------------------------------------------------------- pages


def test_every_version_has_a_permanent_page_and_the_latest_its_own(pages: dict[str, str]):
    for number in (1, 2, 3):
        assert f"{PROGRAMME}/wersja-{number}/index.md" in pages
    latest = pages[f"{PROGRAMME}/index.md"]
    assert "Wersja 3 z 3" in latest and "To najnowsza wersja" in latest
    assert 'href="wersja-3/">/dokumenty/program-wspolpracy/wersja-3/</a>' in latest
    first = pages[f"{PROGRAMME}/wersja-1/index.md"]
    assert "Jest nowsza wersja:" in first and 'href="../wersja-3/"' in first
    assert "raport opublikowano 9 października 2026" in first
    assert 'href="raport/">Raport z konsultacji</a>' in first
    assert "sha256" not in first and "02c3c5bd98be66066c" in first  # the checksum, shown
    assert 'id="par-5-ust-3-pkt-4"' in first


def test_the_programme_page_shows_the_art_5a_checklist(pages: dict[str, str]):
    latest = pages[f"{PROGRAMME}/index.md"]
    assert "art. 5a ust. 4 ustawy" in latest
    assert latest.count('doc-check--ok">jest</span>') == len(PROGRAMME_ELEMENTS) == 11
    assert 'wysokość środków planowanych na realizację programu: <a href="#par-10">§ 10</a>' \
        in latest
    statute = pages["dokumenty/zmiana-statutu-konsultacje/index.md"]
    assert "art. 5a ust. 4" not in statute


def test_changes_page_has_the_note_the_redline_and_links_to_comments(pages: dict[str, str]):
    html = pages[f"{PROGRAMME}/zmiany-1-2/index.md"]
    assert "Projekt po konsultacjach z organizacjami" in html  # the change note
    assert '<del><span class="doc-sr">usunięto: </span>w miarę możliwości</del>' in html
    assert '<ins><span class="doc-sr">dodano: </span>nieodpłatnym</ins>' in html
    assert 'id="zmiana-par-9"' in html  # the new § 9, as a whole
    assert "§ 11. Ocena realizacji programu" in html and "(w wersji 1: § 10)" in html
    assert '<a href="../wersja-1/raport/#uwaga-11">nr 11</a>' in html
    assert "§ 13 → " in html  # renumbered without other change
    assert f"{PROGRAMME}/zmiany-1-3/index.md" in pages
    assert f"{PROGRAMME}/zmiany-2-3/index.md" in pages


def test_report_page_links_each_comment_to_its_section_and_change(pages: dict[str, str]):
    html = pages[f"{PROGRAMME}/wersja-1/raport/index.md"]
    assert html.count('<tr id="uwaga-') == 12
    assert '<a href="../#par-5-ust-3-pkt-4">§ 5 ust. 3 pkt 4</a>' in html
    assert ('<a href="../../zmiany-1-2/#zmiana-par-5-ust-3-pkt-4">zobacz zmianę: '
            '§ 5 ust. 3 pkt 4</a>') in html
    assert '<a href="../../zmiany-1-2/#zmiana-par-9">zobacz zmianę: § 9</a>' in html
    assert '<a href="../../../../organizacje/kgw-rydzewo/">' in html
    assert "uwzględniona: <strong>7</strong>" in html


def test_no_report_and_an_open_consultation_before_the_dates():
    early = load_registry(REPO, today=date(2026, 9, 15))
    pages = {p.src_uri: p.html or "" for p in documents_pages(early)}
    first = pages[f"{PROGRAMME}/wersja-1/index.md"]
    assert "Konsultacje trwają do 29 września 2026" in first
    assert "Jak zgłosić uwagi" in first and "ul. Mazurska 2" in first
    assert not any("raport" in uri for uri in pages)
    assert not any(path.endswith((".csv", ".json")) for path, _ in documents_assets(early))


# --------------------------------------------------------------------------- files


def test_csv_reads_back_with_the_csv_module(assets: dict[str, str], registry: Registry):
    text = assets[f"{PROGRAMME}/wersja-1/raport.csv"]
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))
    header, body = rows[0], rows[1:]
    assert header[:3] == ["Nr", "Nadawca", "Rodzaj nadawcy"]
    comments = registry.documents[0].versions[0].meta.consultation.comments
    assert len(body) == len(comments) == 12
    for row, comment in zip(body, comments, strict=True):
        assert row[5] == comment.text and row[7] == comment.reasons
    assert body[0][1] == "Koło Gospodyń Wiejskich w Rydzewie"
    assert body[0][9] == f"/{PROGRAMME}/zmiany-1-2/#zmiana-par-5-ust-3-pkt-4"
    assert {row[2] for row in body} == {"organizacja", "osoba fizyczna"}


def test_csv_survives_separators_quotes_line_breaks_and_formulas():
    row = ReportRow(
        number=1, sender="osoba fizyczna", sender_name="osoba fizyczna", sender_href=None,
        sender_kind="osoba fizyczna", received="", received_iso="2026-09-10",
        section="§ 1", section_href=None, text='Uwaga; z "cudzysłowem"\ni nową linią',
        response="wyjasnienie", response_text="wyjaśnienie", reasons="=SUMA(A1:A9)",
        change_label=None, change_path=None, change_href=None)
    body = list(csv.reader(io.StringIO(report_csv([row]).removeprefix("\ufeff")),
                           delimiter=";"))[1]
    assert body[5] == 'Uwaga; z "cudzysłowem"\ni nową linią'
    assert body[7] == "'=SUMA(A1:A9)"  # a spreadsheet shows it as text, never runs it


def test_json_report(assets: dict[str, str]):
    data = json.loads(assets["dokumenty/zmiana-statutu-konsultacje/wersja-1/raport.json"])
    assert data["dokument"]["przykladowy"] is True
    assert data["statystyka"]["uwagi"] == len(data["uwagi"]) == 8
    assert sum(data["statystyka"][k] for k in (
        "uwzgledniona", "czesciowo_uwzgledniona", "nieuwzgledniona", "wyjasnienie")) == 8
    assert data["wersja"]["suma_kontrolna"].startswith("sha256:")
    accepted = [c for c in data["uwagi"] if c["stanowisko"] == "uwzgledniona"]
    assert all(c["zmiana"] and c["zmiana"]["adres"].startswith("/dokumenty/") for c in accepted)


def test_atom_feed_lists_versions_consultations_and_reports(assets: dict[str, str]):
    feed = ET.fromstring(assets["dokumenty/kanal.xml"].encode("utf-8"))
    entries = feed.findall(f"{ATOM}entry")
    titles = [e.findtext(f"{ATOM}title") for e in entries]
    assert len(entries) == 5 + 2 + 2
    assert sum(t.startswith("Raport z konsultacji") for t in titles) == 2
    assert sum(t.startswith("Konsultacje: ") for t in titles) == 2
    assert len({e.findtext(f"{ATOM}id") for e in entries}) == 9
    hrefs = [e.find(f"{ATOM}link").get("href") for e in entries]
    assert "program-wspolpracy/wersja-3/" in hrefs
    updated = [e.findtext(f"{ATOM}updated") for e in entries]
    assert updated == sorted(updated, reverse=True)


def test_every_field_of_a_document_is_in_the_staff_guide():
    from ngosite.documents.model import (
        Comment,
        DocumentMeta,
        ProgrammeElements,
        Resolution,
        Version,
    )
    from ngosite.organisations.model import field_aliases

    guide = (REPO / "documents" / "README.md").read_text(encoding="utf-8")
    for model in (DocumentMeta, Version, Consultation, Comment, Resolution, ProgrammeElements):
        missing = [key for key in field_aliases(model) if f"`{key}`" not in guide]
        assert not missing, f"{model.__name__}: not described in documents/README.md: {missing}"


def test_the_report_keeps_the_wording_the_line_breaks_and_the_late_mark(tmp_path: Path):
    """A late comment was not marked anywhere, its paragraphs ran together on the page, and
    the wording it concerned was nowhere in the report."""
    project = consultation_project(tmp_path / "p", second_round=False)
    path = project / "documents/program-wspolpracy/dokument.yml"
    text = path.read_text(encoding="utf-8")
    old = ("          data: 2026-09-14\n          dotyczy: § 6 pkt 3\n          tresc: >-\n"
           "            Wnosimy o dopisanie do zadań priorytetowych przeciwdziałania samotności "
           "seniorów\n            oraz o wydzielenie w budżecie osobnej kwoty na działalność "
           "klubu seniora.\n")
    assert old in text
    path.write_text(text.replace(old, "          data: 2026-09-14\n          po_terminie: true\n"
                                      "          dotyczy: § 6 pkt 3\n          tresc: |-\n"
                                      "            Pierwszy akapit.\n\n            Drugi akapit,"
                                      "\n            w nowej linii.\n"), encoding="utf-8")
    registry = load_registry(project, today=TODAY)
    document = next(d for d in registry.documents if d.slug == "program-wspolpracy")
    wording = quote_of(document.version(1).text.by_label()["§ 6 pkt 3"])
    html = {p.src_uri: p.html or "" for p in documents_pages(registry)}[
        f"{PROGRAMME}/wersja-1/raport/index.md"]
    row = html[html.index('<tr id="uwaga-2">'):html.index('<tr id="uwaga-3">')]
    assert "złożona po terminie" in row
    assert f"<q>{html_escape(wording, quote=False)}</q>" in row
    assert '<div class="doc-multiline">Pierwszy akapit.\n\nDrugi akapit,\nw nowej linii.' in row
    assert ".doc-multiline" in (REPO / "docs/assets/css/documents.css").read_text("utf-8")
    files = dict(documents_assets(registry))
    table = list(csv.DictReader(io.StringIO(
        files[f"{PROGRAMME}/wersja-1/raport.csv"].removeprefix("\ufeff")), delimiter=";"))
    assert [r["Po terminie"] for r in table[:3]] == ["nie", "tak", "nie"]
    assert table[1]["Brzmienie w konsultowanej wersji"] == wording
    report = json.loads(files[f"{PROGRAMME}/wersja-1/raport.json"])
    assert [c["po_terminie"] for c in report["uwagi"][:3]] == [False, True, False]
    assert report["uwagi"][1]["brzmienie"] == wording
    assert report["uwagi"][1]["tresc"] == "Pierwszy akapit.\n\nDrugi akapit,\nw nowej linii."


def test_links_alone_in_the_report_table_are_at_least_24_px(pages: dict[str, str]):
    """"§ 9" in the report table was a 19×15 px target (WCAG 2.2, 2.5.8: 24×24)."""
    html = pages[f"{PROGRAMME}/wersja-1/raport/index.md"]
    assert '<td data-label="Dotyczy"><a href="../#par-8">§ 8</a></td>' in html
    css = (REPO / "docs/assets/css/documents.css").read_text(encoding="utf-8")
    rule = re.search(r"\.md-typeset \.doc-comments__table td a,[^{]*\{([^}]*)\}", css)
    assert rule, "no rule sizes the links of the report table"
    declarations = dict(re.findall(r"([a-z-]+):\s*([^;]+);", rule.group(1)))
    assert declarations["display"] == "inline-block"
    assert declarations["min-width"] == declarations["min-height"] == "24px"
