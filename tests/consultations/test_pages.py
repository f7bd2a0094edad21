"""The hub, the home block, the version page's form, the calendar, the feed and the settings a
consultation needs — without a site build, on a copy of the project with a second round of
consultation on the programme's version 3 (30 November – 21 December 2026)."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest
import yaml
from icalendar import Calendar
from support.consultation_project import ROUND, consultation_project

from ngosite.consultations.calendar import consultation_calendar
from ngosite.consultations.form import MESSAGES, closed_text, version_addons
from ngosite.consultations.issue_form import TEMPLATE_FILE, issue_template_yaml
from ngosite.consultations.pages import home_block, hub_page
from ngosite.core.problems import Severity
from ngosite.documents.consultation import days_left_text
from ngosite.documents.pages import documents_assets, documents_pages
from ngosite.organisations.registry import Registry
from ngosite.pipeline import load_registry

REPO = Path(__file__).resolve().parents[2]
OPEN_DAY = date(2026, 12, 1)
VERSION_3 = "dokumenty/program-wspolpracy/wersja-3/index.md"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return consultation_project(tmp_path_factory.mktemp("project"))


def _load(project: Path, day: date, monkeypatch=None) -> Registry:
    registry = load_registry(project, today=day)
    assert not [str(p) for p in registry.errors]
    return registry


@pytest.fixture(scope="module")
def registry(project: Path) -> Registry:
    return _load(project, OPEN_DAY)


def _group(html: str, code: str) -> str:
    return re.search(rf'<ul class="kons-list" data-grupa="{code}">(.*?)</ul>', html, re.S)[1]


def test_the_hub_groups_consultations_by_the_build_date(registry: Registry, monkeypatch):
    monkeypatch.setenv("NGOSITE_TODAY", OPEN_DAY.isoformat())
    html = hub_page(registry).html or ""
    assert "program-wspolpracy-wersja-3" in _group(html, "trwaja")
    assert "zostało 21 dni" in _group(html, "trwaja")
    assert _group(html, "planowane").strip() == ""
    closed = _group(html, "zakonczone")
    # Newest first: the statute (ended 2 November) before the programme (29 September).
    assert closed.index("zmiana-statutu-konsultacje-wersja-1") < \
        closed.index("program-wspolpracy-wersja-1")
    assert "Raport z konsultacji" in closed and "wersja 2</a>" in closed
    assert 'data-stan-na>1 grudnia 2026</time>' in html
    assert "Konsultacje przykładowe" in html and "przykład</span>" in html
    assert "konsultacje.ics" in html and "kanal.xml" in html


def test_the_home_block_shows_what_is_open_or_next(project: Path, monkeypatch):
    before = _load(project, date(2026, 11, 28))
    monkeypatch.setenv("NGOSITE_TODAY", "2026-11-28")
    html = home_block(before, "")
    assert "zaplanowane od 30 listopada 2026" in html
    assert 'data-tylko-trwajace hidden' in html  # no "Zgłoś uwagę" before the start
    monkeypatch.setenv("NGOSITE_TODAY", "2026-12-22")
    after = home_block(_load(project, date(2026, 12, 22)), "")
    assert "kons-item" not in after and "Teraz nie trwają żadne konsultacje." in after
    assert "\n\n" not in after, "one raw HTML block in Markdown: no empty line inside"


def test_a_version_under_consultation_gets_the_form_and_the_buttons(registry: Registry):
    pages = {p.src_uri: p.html or "" for p in documents_pages(registry,
                                                              addons=version_addons(registry))}
    html = pages[VERSION_3]
    assert 'id="formularz-uwagi"' in html and 'id="kons-dane"' in html
    assert html.count('class="doc-comment__button"') == 14  # one per §
    assert 'data-dotyczy="§ 5"' in html
    # The picker in steps: the page lists the §§ by chapter, the script offers the rest.
    assert '<option value="§ 5">' in html and '<optgroup label="Rozdział 4.' in html
    assert '<option value="§ 5 ust. 2">' not in html
    config = json.loads(re.search(r'id="kons-dane">(.*?)</script>', html).group(1))
    assert [label for label, _ in config["kroki"]["§ 5"]] == ["§ 5 ust. 1", "§ 5 ust. 2",
                                                                "§ 5 ust. 3"]
    assert config["kroki"]["§ 5 ust. 2"][3] == [
        "§ 5 ust. 2 pkt 4", "pkt 4 – udzielaniu dotacji na wkład własny organizacji do projektów…"]
    assert "§ 5 ust. 1" not in config["kroki"]  # no sub-units, no further step
    assert "konsultacje@milki.example.pl" in html
    # The other versions, closed, keep the documents' own page.
    assert 'id="formularz-uwagi"' not in pages["dokumenty/program-wspolpracy/wersja-1/index.md"]
    assert "doc-comment__button" not in pages["dokumenty/program-wspolpracy/wersja-2/index.md"]


def test_the_form_says_why_and_when_it_is_closed():
    start, end = ROUND
    assert closed_text(start, end, date(2026, 11, 29)) == MESSAGES["zamkniete_przed"].format(
        od="30 listopada 2026")
    assert closed_text(start, end, start) == closed_text(start, end, end) == ""
    assert "zakończyły się 21 grudnia 2026" in closed_text(start, end, date(2026, 12, 22))


@pytest.mark.parametrize(("days", "text"), [
    (1, "ostatni dzień"), (2, "zostały 2 dni"), (5, "zostało 5 dni"), (12, "zostało 12 dni"),
    (22, "zostały 22 dni"), (21, "zostało 21 dni")])
def test_days_left_in_polish(days: int, text: str):
    assert days_left_text(days) == text


def test_the_calendar_has_an_all_day_event_per_consultation_with_stable_uids(project: Path):
    path, first = consultation_calendar(_load(project, OPEN_DAY))
    assert path == "konsultacje/konsultacje.ics"
    assert b"\r\n" in first
    events = Calendar.from_ical(first).walk("VEVENT")
    assert len(events) == 3
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == 3
    round_event = next(e for e in events if "wersja-3" in str(e["UID"]))
    assert round_event.decoded("DTSTART") == ROUND[0]
    assert round_event.decoded("DTEND") == date(2026, 12, 22)  # exclusive: the day after
    assert str(round_event["TRANSP"]) == "TRANSPARENT"
    assert "konsultacje@milki.example.pl" in str(round_event["DESCRIPTION"])
    # Another day, same UIDs: a subscribed calendar updates instead of duplicating.
    _, later = consultation_calendar(_load(project, date(2026, 12, 20)))
    assert [str(e["UID"]) for e in Calendar.from_ical(later).walk("VEVENT")] == uids


def test_the_feed_announces_a_consultation_on_the_day_it_opens(project: Path):
    def titles(day: date) -> list[str]:
        feed = dict(documents_assets(_load(project, day)))["dokumenty/kanal.xml"]
        root = ET.fromstring(feed.encode("utf-8"))
        return [e.findtext("{http://www.w3.org/2005/Atom}title") or ""
                for e in root.iter("{http://www.w3.org/2005/Atom}entry")]

    announcement = ("Konsultacje: Wieloletni Program Współpracy Gminy Miłki z organizacjami "
                    "pozarządowymi na lata 2027–2030 (wersja 3), 30 listopada 2026 – 21 grudnia "
                    "2026")
    assert announcement not in titles(date(2026, 11, 29))
    assert announcement in titles(ROUND[0])


@pytest.mark.parametrize(("accepted", "email", "key", "words"), [
    ("email, pismo", None, "konsultacje.email", "nie ma adresu e-mail"),
    ("email, epuap", "k@milki.example.pl", "konsultacje.epuap", "nie ma adresu skrytki"),
])
def test_a_build_fails_when_a_consultation_is_announced_and_an_address_is_missing(
        tmp_path: Path, accepted: str, email: str | None, key: str, words: str):
    root = consultation_project(tmp_path / "p", email=email)
    settings = root / "data" / "gmina.yml"
    settings.write_text(settings.read_text(encoding="utf-8").replace(
        "wazne_sposoby: [email, pismo]", f"wazne_sposoby: [{accepted}]"), encoding="utf-8")
    registry = load_registry(root, today=OPEN_DAY)
    errors = [p for p in registry.errors if p.file == "data/gmina.yml"]
    assert [p.key for p in errors] == [key]
    assert words in errors[0].message and errors[0].line > 1
    # Nothing is announced once the round is over: the same settings build.
    assert not load_registry(root, today=date(2026, 12, 22)).errors


def test_the_bundled_settings_build_today_and_say_what_the_office_must_fill_in(tmp_path: Path):
    root = consultation_project(tmp_path / "p", email=None, second_round=False)
    assert not load_registry(root).errors  # nothing is under consultation in the bundled data
    with_round = consultation_project(tmp_path / "q")
    infos = [p for p in load_registry(with_round, today=OPEN_DAY).problems
             if p.key == "konsultacje.klauzula_rodo"]
    assert [p.severity for p in infos] == [Severity.INFO]


def test_committed_issue_template_matches_the_code():
    committed = (REPO / TEMPLATE_FILE).read_text(encoding="utf-8")
    assert committed == issue_template_yaml(), (
        f"run: .venv/bin/ngosite consultation issue-template --output {TEMPLATE_FILE}")
    form = yaml.safe_load(committed)
    assert any(item.get("id") == "uwaga" for item in form["body"])
    assert "publiczne" in form["body"][0]["attributes"]["value"]


def test_the_site_is_rebuilt_every_day():
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "publish.yml").read_text(
        encoding="utf-8"))
    # YAML 1.1 reads the key "on" as True.
    triggers = workflow.get("on", workflow.get(True))
    assert [entry["cron"] for entry in triggers["schedule"]] == ["17 3 * * *"]


HOSTILE = '</script><script>window.__xss=1</script> "cudzysłów" & <b>pogrubienie</b>'


def test_text_from_the_documents_is_escaped_in_every_output(tmp_path: Path, monkeypatch):
    root = consultation_project(tmp_path / "p")
    programme = root / "documents" / "program-wspolpracy" / "dokument.yml"
    text = programme.read_text(encoding="utf-8")
    title = "tytul: Wieloletni Program Współpracy Gminy Miłki z organizacjami pozarządowymi " \
            "na lata 2027–2030"
    assert title in text
    text = text.replace(title, f"tytul: '{HOSTILE}'").replace(
        "        Uwagi zgłasza się formularzem", f"        {HOSTILE} Uwagi zgłasza się formularzem")
    programme.write_text(text, encoding="utf-8")
    registry = _load(root, OPEN_DAY)
    monkeypatch.setenv("NGOSITE_TODAY", OPEN_DAY.isoformat())
    pages = {p.src_uri: p.html or "" for p in documents_pages(registry,
                                                              addons=version_addons(registry))}
    outputs = {"version": pages[VERSION_3], "hub": hub_page(registry).html or "",
               "home": home_block(registry, "")}
    for name, html in outputs.items():
        assert "<script>window.__xss" not in html, name
        assert "<b>pogrubienie" not in html, name
    data = re.search(r'<script type="application/json" id="kons-dane">(.*?)</script>',
                     outputs["version"], re.S)[1]
    assert "<" not in data and "\\u003c/script\\u003e" in data
    ics = consultation_calendar(registry)[1].decode("utf-8")
    assert "\\, \\\"" not in ics and "cudzysłów" in ics.replace("\r\n ", "")


def test_the_hub_lists_the_meetings_it_is_given(registry: Registry, monkeypatch):
    from ngosite.consultations.listing import Meeting

    monkeypatch.setenv("NGOSITE_TODAY", OPEN_DAY.isoformat())

    def meetings(document, version):
        if (document.slug, version.number) != ("program-wspolpracy", 3):
            return ()
        return (Meeting("Otwarte spotkanie konsultacyjne", "10 grudnia 2026, godz. 17:00",
                        "2026-12-10T17:00+01:00", "świetlica w Miłkach",
                        "wydarzenia/spotkanie-program/"),)

    html = hub_page(registry, meetings).html or ""
    item = _group(html, "trwaja")
    assert "<dt>Spotkania</dt>" in item
    assert '<time datetime="2026-12-10T17:00+01:00">10 grudnia 2026, godz. 17:00</time>' in item
    assert 'href="../wydarzenia/spotkanie-program/"' in item
    assert "<dt>Spotkania</dt>" not in _group(html, "zakonczone")
