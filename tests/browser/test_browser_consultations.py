"""Consultations in Chromium: the comment form on a version under consultation, the hub and the
home page's block, on a site built as of 28 November 2026, two days before a round of
consultation on the programme's version 3 (30 November – 21 December, see
``support.consultation_project``). The browser's clock is set to each day a test needs; the
pages correct what the build said.

The contract with the page: ``#formularz-uwagi`` holds the form ``#kons-formularz`` (hidden until
the script opens it), fields ``#kons-dotyczy`` (the picker's first step: the whole document,
the preamble, a §; then ``#kons-dotyczy-2``, ``-3``, ``-4`` when the unit chosen above has
sub-units), ``#kons-propozycja``, ``#kons-uzasadnienie``,
``input[name=nadawca]``, ``#kons-organizacja``, ``#kons-podmiot``, ``#kons-imie``,
``#kons-kontakt``, each message in ``#<field>-blad``, the summary ``#kons-bledy``; the result
``#kons-gotowa`` with ``#kons-identyfikator``, ``#kons-tresc`` and the channels ``#kons-email``,
``#kons-drukuj``, ``#kons-pobierz``, ``#kons-kopiuj``, ``#kons-github``. What the browser writes is
compared with ``submission_text`` and imported with ``ngosite.consultations.importing``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Page
from support.consultation_project import consultation_project

from ngosite.consultations.importing import comment_fields, prepare_import
from ngosite.consultations.rules import ImportOptions
from ngosite.consultations.submission_text import mail_text, message_text, normalise
from ngosite.core.polish_dates import polish_date
from ngosite.documents.consultation import consultation_state
from ngosite.documents.model import Consultation
from ngosite.pipeline import load_registry

pytestmark = pytest.mark.browser

BUILD_DAY = "2026-11-28"
WARSAW = ZoneInfo("Europe/Warsaw")
VERSION = "dokumenty/program-wspolpracy/wersja-3/"
TITLE = ("Wieloletni Program Współpracy Gminy Miłki z organizacjami pozarządowymi na lata "
         "2027–2030")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = consultation_project(tmp_path_factory.mktemp("project"), site=True)
    settings = root / "data" / "gmina.yml"
    settings.write_text(settings.read_text(encoding="utf-8").replace(
        "wazne_sposoby: [email, pismo]", "wazne_sposoby: [email, pismo, github]"),
        encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def site(project: Path, build_site: Callable[[Path, Path], Path], serve,
         tmp_path_factory: pytest.TempPathFactory) -> str:
    previous = os.environ.get("NGOSITE_TODAY")
    os.environ["NGOSITE_TODAY"] = BUILD_DAY
    try:
        built = build_site(project, tmp_path_factory.mktemp("site"))
    finally:
        if previous is None:
            os.environ.pop("NGOSITE_TODAY")
        else:
            os.environ["NGOSITE_TODAY"] = previous
    return serve(built)


def at(page: Page, moment: str) -> None:
    """Set the browser's clock (Warsaw time) before the page loads."""
    page.clock.set_fixed_time(datetime.fromisoformat(moment).replace(tzinfo=WARSAW))


def open_form(page: Page, site: str, moment: str = "2026-12-03T10:15") -> None:
    at(page, moment)
    page.goto(site + VERSION)
    page.locator("#kons-formularz").wait_for(state="visible")


RESIDENT = {
    "propozycja": "4) udzielaniu dotacji na wkład własny: do 20% \"kosztów\" #projektu;\n"
                  "  a) także dla grup nieformalnych",
    "uzasadnienie": "Klub chce składać wnioski — ale nie ma wkładu własnego.\n\n"
                    "Drugi akapit: z dwukropkiem, „cudzysłowem” i ukośnikiem \\ na końcu",
    "imie": "Bożydar Przecinek-Wężyk",
    "kontakt": "bozydar.przecinek@example.org, tel. 600 100 200",
}


STEPS = ("#kons-dotyczy", "#kons-dotyczy-2", "#kons-dotyczy-3", "#kons-dotyczy-4")


def steps_to(part: str) -> list[str]:
    """What each step of the picker chooses: ``§ 5``, ``§ 5 ust. 2``, ``§ 5 ust. 2 pkt 4``."""
    words = part.split()
    if words[0] != "§":
        return [part]
    return [" ".join(words[:end]) for end in range(2, len(words) + 1, 2)]


def choose_part(page: Page, part: str) -> None:
    for step, value in zip(STEPS, steps_to(part), strict=False):
        page.select_option(step, value)


def fill_resident(page: Page, part: str = "§ 5 ust. 2", values: dict | None = None) -> None:
    values = values or RESIDENT
    choose_part(page, part)
    page.fill("#kons-propozycja", values["propozycja"])
    page.fill("#kons-uzasadnienie", values["uzasadnienie"])
    page.check("#kons-nadawca-mieszkaniec")
    page.fill("#kons-imie", values["imie"])
    page.fill("#kons-kontakt", values["kontakt"])


def prepare(page: Page) -> tuple[str, str]:
    page.click("#kons-przygotuj")
    page.locator("#kons-gotowa").wait_for(state="visible")
    return page.inner_text("#kons-identyfikator"), page.input_value("#kons-tresc")


def expected_values(page: Page, identifier: str, part: str, day: str) -> dict[str, object]:
    config = page.evaluate("JSON.parse(document.getElementById('kons-dane').textContent)")
    return {"identyfikator": identifier, "dokument": "program-wspolpracy", "wersja": 3,
            "dotyczy": part, "brzmienie": config["cytaty"].get(part),
            "propozycja": RESIDENT["propozycja"], "uzasadnienie": RESIDENT["uzasadnienie"],
            "nadawca": "mieszkaniec", "imie_i_nazwisko": RESIDENT["imie"],
            "kontakt": RESIDENT["kontakt"], "data": day}


def imported(project: Path, text: str, day: date):
    registry = load_registry(project, today=day)
    return prepare_import(registry, text.encode("utf-8"), "uwaga.txt", day, ImportOptions())


# ----------------------------------------------------------------------------- the round trip


def test_a_comment_on_a_paragraph_goes_by_mailto_and_comes_back_as_the_same_entry(
        watched, site, project):
    page = watched.page
    open_form(page, site)
    page.locator(".doc-comment__button[data-dotyczy='§ 5']").click()
    assert page.input_value("#kons-dotyczy") == "§ 5"
    assert page.get_by_label("Ustęp w § 5").input_value() == ""  # cały § 5
    assert page.evaluate("document.activeElement.id") == "kons-dotyczy"
    assert page.inner_text("#kons-brzmienie-tekst").startswith("Formy współpracy 1. Współpraca")
    fill_resident(page)
    identifier, text = prepare(page)
    assert re.fullmatch(r"PW3-5\.2-1203-1015-[A-HJ-NP-Z2-9]{2}", identifier)
    assert page.evaluate("document.activeElement.id") == "kons-gotowa-tytul"
    values = expected_values(page, identifier, "§ 5 ust. 2", "2026-12-03")
    assert text == message_text(values, TITLE), "browser and Python write different text"
    href = page.get_attribute("#kons-email", "href")
    parts = urlsplit(href)
    assert parts.scheme == "mailto" and parts.path == "konsultacje@milki.example.pl"
    query = parse_qs(parts.query)
    assert query["subject"] == [f"Uwaga do konsultacji: {TITLE}, wersja 3, § 5 ust. 2 "
                                f"[{identifier}]"]
    body = query["body"][0]
    assert body.replace("\r\n", "\n") == text and len(href) <= 2000
    outcome = imported(project, body, date(2026, 12, 3))
    assert outcome.ok, [str(p) for p in outcome.problems]
    assert dict(comment_fields(outcome.submission, outcome.target)) == {
        "nadawca": "osoba fizyczna", "data": date(2026, 12, 3), "dotyczy": "§ 5 ust. 2",
        "brzmienie": values["brzmienie"], "tresc": RESIDENT["uzasadnienie"],
        "propozycja": RESIDENT["propozycja"],
        "identyfikator": identifier}
    assert [str(p) for p in outcome.problems] == []  # the quote matches the version
    watched.assert_clean()


def test_a_longer_comment_goes_by_mailto_in_the_compact_form(watched, site, project):
    """The fixed part left about 390 characters of Polish for a comment before the clipboard
    took over; the compact e-mail (Python's mail_text, character for character) carries more."""
    page = watched.page
    open_form(page, site)
    longer = dict(RESIDENT, uzasadnienie=("Proszę o zmianę zapisu o świetlicach wiejskich "
                                          "i ich udostępnianiu organizacjom. ") * 8)
    fill_resident(page, values=longer)
    identifier, _ = prepare(page)
    mail = page.locator("#kons-email")
    href = mail.get_attribute("href")
    assert len(href) <= 2000 and mail.get_attribute("data-dlugi") != "tak"
    values = dict(expected_values(page, identifier, "§ 5 ust. 2", "2026-12-03"),
                  uzasadnienie=normalise(longer["uzasadnienie"], multiline=True))
    query = parse_qs(urlsplit(href).query)
    assert query["subject"] == [f"Uwaga konsultacyjna {identifier}: § 5 ust. 2"]
    body = query["body"][0].replace("\r\n", "\n")
    assert body == mail_text(values, TITLE, compact=True), "browser and Python differ"
    outcome = imported(project, body, date(2026, 12, 3))
    assert outcome.ok and [str(p) for p in outcome.problems] == []
    watched.assert_clean()


TRICKY = [
    "zwykły tekst", "  wcięty\tz tabulatorem  \r\n\r\n\r\n\r\npo trzech pustych\u2028linia",
    "a\u0301 (e\u0301 złożone) i \u00a0\u00a0nbsp", "# nie komentarz: tak - lista\n- punkt",
    "\"\\\"'`${x}</script><b>", "\x00\x07\x1b\x7f\u0085\ufeffcontrol",
    "😀 emoji i \U0001f1f5\U0001f1f1",
    "=== KONIEC UWAGI ===\n=== UWAGA KONSULTACYJNA ===", "no\non\n0000123456\n2026-01-01",
]


def test_the_browser_writes_the_same_text_as_python_for_awkward_input(watched, site):
    page = watched.page
    open_form(page, site)
    for text in TRICKY:
        values = {"identyfikator": "PW3-5.2-1203-1015-AB", "dokument": "program-wspolpracy",
                  "wersja": 3, "dotyczy": "§ 5 ust. 2", "brzmienie": "Cytat",
                  "propozycja": text, "uzasadnienie": text, "nadawca": "inny_podmiot",
                  "podmiot": text, "kontakt": text, "imie_i_nazwisko": text,
                  "data": "2026-12-03"}
        written = page.evaluate("v => window.ngositeCommentForm.messageText(v, false)", values)
        assert written == message_text(values, TITLE), repr(text)
        public = page.evaluate("v => window.ngositeCommentForm.messageText(v, true)", values)
        assert public == message_text(values, TITLE, public=True)


def test_the_form_and_the_import_refuse_the_same_mistakes(watched, site, project):
    page = watched.page
    open_form(page, site)
    page.click("#kons-przygotuj")
    summary = page.locator("#kons-bledy")
    assert summary.is_visible()
    assert page.evaluate("document.activeElement.id") == "kons-bledy"
    assert summary.locator("h3").inner_text() == "Popraw 3 pola w formularzu:"
    for field in ("kons-dotyczy", "kons-uzasadnienie"):
        control = page.locator(f"#{field}")
        assert control.get_attribute("aria-invalid") == "true"
        assert f"{field}-blad" in (control.get_attribute("aria-describedby") or "")
        assert page.locator(f"#{field}-blad").is_visible()
    summary.get_by_role("link", name=re.compile("Wpisz treść uwagi")).click()
    assert page.evaluate("document.activeElement.id") == "kons-uzasadnienie"
    # A person's name where an entity's name goes: the form says so, as the import does.
    page.select_option("#kons-dotyczy", "§ 5")
    page.fill("#kons-uzasadnienie", "Treść.")
    page.check("#kons-nadawca-inny_podmiot")
    page.fill("#kons-podmiot", "Anna Nowak")
    page.click("#kons-przygotuj")
    assert "imię i nazwisko" in page.inner_text("#kons-podmiot-blad")
    values = {"identyfikator": "PW3-5-1203-1015-AB", "dokument": "program-wspolpracy",
              "wersja": 3, "dotyczy": "§ 5", "uzasadnienie": "Treść.",
              "nadawca": "inny_podmiot", "podmiot": "Anna Nowak", "data": "2026-12-03"}
    outcome = imported(project, message_text(values, TITLE), date(2026, 12, 3))
    assert not outcome.ok and outcome.problems[0].key == "podmiot"
    page.fill("#kons-podmiot", "Rada Sołecka Rydzewo")
    prepare(page)
    watched.assert_clean()


# ----------------------------------------------------------------------------- the channels


def test_the_print_layout_holds_the_filled_form_only(watched, site):
    page = watched.page
    open_form(page, site)
    fill_resident(page)
    identifier, _ = prepare(page)
    page.emulate_media(media="print")
    sheet = page.locator("#kons-wydruk")
    assert sheet.is_visible()
    text = sheet.inner_text()
    for expected in (identifier, "§ 5 ust. 2", RESIDENT["imie"], "Podpis",
                     "Urząd Gminy Miłki, ul. Mazurska 2, 11-513 Miłki", "Administratorem"):
        assert expected in text
    hidden = page.evaluate("""() => ['.md-header', '.md-sidebar--primary', '.md-footer',
        '#formularz-uwagi', '.doc-text'].map(s => document.querySelector(s))
        .filter(Boolean).map(el => el.checkVisibility())""")
    assert hidden and not any(hidden)


def test_the_downloaded_file_and_the_copy_hold_the_comment(watched, site, project):
    page = watched.page
    watched.context.grant_permissions(["clipboard-read", "clipboard-write"])
    open_form(page, site)
    fill_resident(page)
    identifier, text = prepare(page)
    with page.expect_download() as info:
        page.click("#kons-pobierz")
    download = info.value
    assert download.suggested_filename == f"uwaga-{identifier}.txt"
    content = Path(download.path()).read_text(encoding="utf-8")
    assert content == text
    assert imported(project, content, date(2026, 12, 3)).ok
    page.click("#kons-kopiuj")
    page.locator("#kons-komunikat").filter(has_text="Skopiowano").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == text


def test_a_long_comment_goes_to_the_clipboard_instead_of_a_cut_mailto(watched, site):
    page = watched.page
    watched.context.grant_permissions(["clipboard-read", "clipboard-write"])
    open_form(page, site)
    long = dict(RESIDENT, uzasadnienie="Ważne zdanie o świetlicach. " * 60)
    fill_resident(page, values=long)
    _, text = prepare(page)
    mail = page.locator("#kons-email")
    href = mail.get_attribute("href")
    assert len(href) <= 2000 and mail.get_attribute("data-dlugi") == "tak"
    assert "jest w schowku" in unquote(href)
    assert "za długa" in page.inner_text("#kons-email-opis")
    # Follow the link without leaving the test browser for a mail program.
    page.evaluate("""() => document.getElementById('kons-email').addEventListener(
        'click', e => e.preventDefault())""")
    mail.click()
    page.locator("#kons-komunikat").filter(has_text="Skopiowano").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == text


def test_the_github_issue_is_prefilled_without_personal_data(watched, site, project):
    page = watched.page
    open_form(page, site)
    fill_resident(page)
    identifier, _ = prepare(page)
    warning = page.locator("#kons-github-punkt")
    assert warning.is_visible() and "publiczne" in warning.inner_text()
    parts = urlsplit(page.get_attribute("#kons-github", "href"))
    assert parts.netloc == "github.com" and parts.path.endswith("/issues/new")
    query = parse_qs(parts.query)
    assert query["template"] == ["uwaga-konsultacyjna.yml"]
    body = query["uwaga"][0]
    assert RESIDENT["imie"] not in body and "bozydar" not in body
    issue = "### Zgłoszenie jest publiczne\n\n- [X] Rozumiem\n\n### Uwaga\n\n```yaml\n" + body + \
        "```\n"
    outcome = imported(project, issue, date(2026, 12, 3))
    assert outcome.ok and outcome.submission.person is None
    assert outcome.submission.identifier == identifier


# ----------------------------------------------------------------------------- dates


@pytest.mark.parametrize(("moment", "words"), [
    ("2026-11-29T23:59", "konsultacje zaczną się 30 listopada 2026"),
    ("2026-12-22T00:01", "konsultacje zakończyły się 21 grudnia 2026"),
])
def test_the_form_is_closed_before_and_after_the_period(watched, site, axe_check, moment,
                                                        words):
    page = watched.page
    at(page, moment)
    page.goto(site + VERSION)
    closed = page.locator("[data-zamkniete]")
    closed.wait_for(state="visible")
    assert words in closed.inner_text()
    assert "według daty w Twoim urządzeniu" in closed.inner_text()
    assert not page.locator("#kons-formularz").is_visible()
    assert page.locator(".doc-comment").first.is_hidden()
    axe_check(page, f"/{VERSION} (formularz zamknięty, {moment})")
    watched.assert_clean()


def test_the_open_form_on_the_first_and_last_day(watched, site):
    page = watched.page
    open_form(page, site, "2026-11-30T00:05")
    assert "zostały 22 dni" in page.inner_text(".doc-banner__consultation")
    other = watched.context.new_page()
    at(other, "2026-12-21T23:55")
    other.goto(site + VERSION)
    other.locator("#kons-formularz").wait_for(state="visible")
    assert "ostatni dzień" in other.inner_text(".doc-banner__consultation")


def test_the_browser_says_each_state_in_the_words_of_the_build(watched, site):
    page = watched.page
    open_form(page, site)
    consultation = Consultation.model_validate({
        "od": date(2026, 11, 30), "do": date(2026, 12, 21), "sposob": "x",
        "raport_opublikowano": date(2027, 1, 8)})
    for day in ("2026-11-28", "2026-11-30", "2026-12-01", "2026-12-18", "2026-12-19",
                "2026-12-21", "2026-12-22", "2027-01-08", "2028-01-01"):
        python = consultation_state(consultation, date.fromisoformat(day))
        browser = page.evaluate(
            "d => window.ngositeConsultations.state('2026-11-30', '2026-12-21', '2027-01-08', d)",
            day)
        assert browser == {"code": python.code, "text": python.text}, day
    assert page.evaluate("window.ngositeConsultations.polishDate('2027-01-08')") == \
        polish_date(date(2027, 1, 8))


def test_the_hub_and_the_home_page_follow_the_visitors_date(watched, site):
    page = watched.page
    at(page, "2026-11-29T12:00")  # the build date: the real clock passes midnight in Warsaw
    page.goto(site + "konsultacje/")
    assert "zaplanowane" in page.locator("ul[data-grupa=planowane]").inner_text()
    at(page, "2026-12-01T09:00")
    page.goto(site + "konsultacje/")
    running = page.locator("ul[data-grupa=trwaja] li")
    assert running.count() == 1 and "zostało 21 dni" in running.inner_text()
    assert page.locator("ul[data-grupa=planowane] li").count() == 0
    assert page.locator("section.kons-group--planowane [data-pusto]").is_visible()
    assert "według daty w Twoim urządzeniu" in page.inner_text(".kons-asof")
    home = watched.context.new_page()
    at(home, "2026-12-01T09:00")
    home.goto(site)
    comment = home.locator(".kons-home__comment")
    assert comment.is_visible()
    comment.click()
    home.wait_for_url(f"**/{VERSION}#formularz-uwagi")
    late = watched.context.new_page()
    at(late, "2026-12-22T09:00")
    late.goto(site + "konsultacje/")
    closed = late.locator("ul[data-grupa=zakonczone] li")
    assert closed.first.get_attribute("id") == "program-wspolpracy-wersja-3"
    assert late.locator("ul[data-grupa=trwaja] li").count() == 0
    assert late.locator("section.kons-group--trwaja [data-pusto]").is_visible()


def test_without_javascript_the_build_date_and_the_postal_way_stay(new_watched, site):
    page = new_watched(java_script_enabled=False).page
    page.goto(site + VERSION)
    assert not page.locator("#kons-formularz").is_visible()
    assert page.locator("[data-bez-skryptu]").is_visible()
    intro = page.locator("#jak-zglosic-uwagi + p + p + p").inner_text()
    assert "konsultacje@milki.example.pl" in intro and "ul. Mazurska 2" in intro
    assert "zaczną się 30 listopada 2026" in page.inner_text("[data-zamkniete]")
    page.goto(site + "konsultacje/")
    assert "28 listopada 2026 (dzień przygotowania tej strony)" in page.inner_text(".kons-asof")


# ----------------------------------------------------------------------------- access


def test_no_wcag_violations_on_the_hub_the_home_block_and_every_state_of_the_form(
        watched, site, axe_check):
    page = watched.page
    at(page, "2026-12-03T10:15")
    for path in ("konsultacje/", ""):
        page.goto(site + path)
        axe_check(page, f"/{path}")
    page.goto(site + VERSION)
    page.locator("#kons-formularz").wait_for(state="visible")
    axe_check(page, "the open form")
    page.click("#kons-przygotuj")
    axe_check(page, "the form with its errors")
    choose_part(page, "§ 5 ust. 2 pkt 1")
    axe_check(page, "the picker open to a punkt")
    page.check("#kons-nadawca-organizacja")
    page.fill("#kons-uzasadnienie", "Treść uwagi.")
    page.select_option("#kons-dotyczy", "cały dokument")
    page.select_option("#kons-organizacja", "kgw-rydzewo")
    prepare(page)
    axe_check(page, "the prepared comment")
    watched.assert_clean()


@pytest.mark.parametrize("path", ["konsultacje/", VERSION])
def test_the_pages_fit_a_320_px_phone(new_watched, site, path):
    watched = new_watched(viewport={"width": 320, "height": 640}, is_mobile=True,
                          has_touch=True, device_scale_factor=2)
    page = watched.page
    open_form(page, site) if path == VERSION else page.goto(site + path)
    if path == VERSION:
        fill_resident(page)
        prepare(page)
    widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"/{path} scrolls sideways on a phone: {widths}"
    watched.assert_clean()


def test_on_a_phone_a_punkt_is_chosen_in_steps_and_the_comment_names_it(new_watched, site,
                                                                        project):
    """Issue 29: one list of all 111 units was a long scroll on a phone. The picker asks for
    the § first, then its ustęp, then its punkt, each list short and labelled; the comment
    carries the punkt's identifier code and wording, and imports as that punkt."""
    watched = new_watched(viewport={"width": 390, "height": 844}, is_mobile=True,
                          has_touch=True, device_scale_factor=3)
    page = watched.page
    open_form(page, site)
    first = page.get_by_label("Paragraf, wstęp albo cały dokument")
    paragraphs = page.locator(".doc-comment__button").count()
    assert paragraphs >= 14
    # — wybierz —, cały dokument, wstęp, then the §§ only: no ustęp, punkt or litera.
    assert first.locator("option").count() == 3 + paragraphs
    assert page.locator("#kons-dotyczy-2").is_hidden()
    first.select_option("§ 5")
    ustep = page.get_by_label("Ustęp w § 5")
    assert ustep.is_visible() and ustep.input_value() == ""
    assert ustep.locator("option").all_inner_texts()[0] == "cały § 5"
    assert ustep.locator("option").count() == 4
    assert page.locator("#kons-dotyczy-3").is_hidden()
    ustep.select_option("§ 5 ust. 3")
    punkt = page.get_by_label("Punkt w § 5 ust. 3")
    assert punkt.locator("option").count() == 7
    punkt.select_option("§ 5 ust. 3 pkt 4")
    assert page.locator("#kons-dotyczy-4").is_hidden()  # a punkt without litery
    assert page.inner_text("#kons-brzmienie-tekst").startswith("nieodpłatnym udostępnianiu")
    # A step chosen again starts the steps below it afresh.
    ustep.select_option("§ 5 ust. 1")
    assert punkt.is_hidden() and "charakter finansowy" in page.inner_text("#kons-brzmienie")
    ustep.select_option("§ 5 ust. 3")
    assert punkt.input_value() == ""
    assert page.inner_text("#kons-brzmienie-tekst").startswith("Współpraca pozafinansowa")
    punkt.select_option("§ 5 ust. 3 pkt 4")
    for step in STEPS[:3]:  # each list fits the screen, its label above it
        box = page.locator(step).bounding_box()
        label = page.locator(f"label[for='{step[1:]}']").bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390 and box["height"] >= 44
        assert label["y"] + label["height"] <= box["y"]
    page.fill("#kons-uzasadnienie", RESIDENT["uzasadnienie"])
    page.check("#kons-nadawca-mieszkaniec")
    identifier, text = prepare(page)
    assert re.fullmatch(r"PW3-5\.3\.4-1203-1015-[A-HJ-NP-Z2-9]{2}", identifier)
    assert "dotyczy: § 5 ust. 3 pkt 4\n" in text
    outcome = imported(project, text, date(2026, 12, 3))
    assert outcome.ok and [str(p) for p in outcome.problems] == []
    assert dict(comment_fields(outcome.submission, outcome.target))["dotyczy"] == \
        "§ 5 ust. 3 pkt 4"
    # "Popraw uwagę" keeps the steps; a unit's own button chooses every step down to it.
    page.click("#kons-popraw")
    assert punkt.input_value() == "§ 5 ust. 3 pkt 4"
    page.locator(".doc-comment__button[data-dotyczy='§ 6']").click()
    assert first.input_value() == "§ 6" and punkt.is_hidden()
    assert page.evaluate("document.activeElement.id") == "kons-dotyczy"
    assert page.evaluate("window.ngositeCommentForm.chooseUnit('§ 5 ust. 2 pkt 3')")
    assert [page.input_value(step) for step in STEPS[:3]] == ["§ 5", "§ 5 ust. 2",
                                                              "§ 5 ust. 2 pkt 3"]
    assert page.get_by_label("Punkt w § 5 ust. 2").input_value() == "§ 5 ust. 2 pkt 3"
    widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], widths
    watched.assert_clean()


def test_the_whole_form_works_from_the_keyboard(watched, site):
    page = watched.page
    open_form(page, site)
    button = page.locator(".doc-comment__button[data-dotyczy='§ 5']")
    button.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "kons-dotyczy"
    page.keyboard.press("Tab")  # the next step: ustęp w § 5
    assert page.evaluate("document.activeElement.id") == "kons-dotyczy-2"
    page.keyboard.press("ArrowDown")  # § 5 ust. 1, which has no punkty: no further step
    assert page.locator("#kons-dotyczy-3").is_hidden()
    page.keyboard.press("Tab")
    page.keyboard.type("Nowe brzmienie.")
    page.keyboard.press("Tab")
    page.keyboard.type("Uzasadnienie wpisane z klawiatury.")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # the first radio: mieszkanka lub mieszkaniec
    assert page.is_checked("#kons-nadawca-mieszkaniec")
    page.focus("#kons-przygotuj")
    page.keyboard.press("Enter")
    page.locator("#kons-gotowa").wait_for(state="visible")
    assert page.evaluate("document.activeElement.id") == "kons-gotowa-tytul"
    reached = set()
    for _ in range(8):
        page.keyboard.press("Tab")
        reached.add(page.evaluate("document.activeElement.id"))
        style = page.evaluate("""() => { const s = getComputedStyle(document.activeElement);
            return s.outlineStyle !== 'none' || s.boxShadow !== 'none'; }""")
        assert style, f"no visible focus on #{page.evaluate('document.activeElement.id')}"
    assert {"kons-email", "kons-drukuj", "kons-pobierz", "kons-kopiuj"} <= reached
    assert "dotyczy: § 5 ust. 1" in page.input_value("#kons-tresc")


def test_a_script_typed_into_any_field_never_runs(watched, site):
    page = watched.page
    open_form(page, site)
    payload = "<img src=x onerror=window.__xss=1></textarea><script>window.__xss=1</script>"
    page.select_option("#kons-dotyczy", "§ 5")
    page.fill("#kons-propozycja", payload)
    page.fill("#kons-uzasadnienie", payload + " ${window.__xss=1}")
    page.check("#kons-nadawca-inny_podmiot")
    page.fill("#kons-podmiot", payload)
    page.fill("#kons-kontakt", "javascript:window.__xss=1")
    _, text = prepare(page)
    assert payload in text
    page.emulate_media(media="print")
    assert payload in page.inner_text("#kons-wydruk")
    assert page.evaluate("window.__xss") is None
    assert page.locator("#kons-wydruk img, #kons-wydruk script").count() == 0
    watched.assert_clean()
