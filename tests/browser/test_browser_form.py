"""The entry form on ``/dodaj-organizacje/``, as a volunteer uses it in Chromium.

The contract: ``form#formularz-wpisu`` (hidden until form.js runs) with one control per field of
the model (ids ``pole-<key path with dashes>``), the file name in ``#pole-adres_strony``, each
message in ``#<control id>-blad``, the error summary ``#formularz-bledy``; on success the YAML in
``#wynik-yaml`` and the GitHub links ``#wyslij-pr-nowy``, ``#wyslij-pr-zmiana``,
``#wyslij-zgloszenie``, ``#wyslij-zgloszenie-wklej``. The YAML the browser writes is checked by
the Python loader in a copy of the project.
"""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
import yaml
from playwright.sync_api import Page
from support.browser import REPO_ROOT, VISIT_TIME

from ngosite.contributing.entry_fields import leaves, walk
from ngosite.contributing.entry_yaml import dump_entry
from ngosite.contributing.form import ADDRESS_FILES, MAX_URL_LENGTH, address_shard
from ngosite.core.fields import (
    check_email,
    check_krs,
    check_nip,
    check_phone,
    check_postal_code,
    check_regon,
    check_url,
)
from ngosite.organisations.model import Organisation
from ngosite.pipeline import load_registry

pytestmark = pytest.mark.browser

FORM = "dodaj-organizacje/"
SLUG = "stowarzyszenie-testowe-milki"


def full_entry() -> dict[str, Any]:
    """A new NGO that uses every field of the model."""
    return {
        "nazwa": "Stowarzyszenie Testowe „Miłki: razem” #1",
        "nazwa_skrocona": "Testowe Miłki",
        "forma_prawna": "stowarzyszenie",
        "opp": True,
        "opis": "Pierwsze zdanie opisu: z dwukropkiem, # i cudzysłowem \".\n\n"
                "- punkt listy\n- drugi punkt: tak",
        "obszary": ["kultura", "seniorzy", "sport"],
        "grupy_docelowe": ["dzieci", "seniorzy"],
        "identyfikatory": {
            "krs": "0000999999", "nip": "526-000-12-46", "regon": "123456785",
            "inny_rejestr": {"rejestr": "inny", "numer": "7/2021",
                             "organ": "Wójt Gminy Miłki: rejestr świetlic"},
        },
        "adres": {
            "ulica": "Mazurska", "numer": "2/3", "kod_pocztowy": "11-513",
            "miejscowosc": "Miłki", "na_mapie": "miejscowosc",
            "wspolrzedne": {"szerokosc": 53.9431, "dlugosc": 21.8825},
        },
        "kontakt": {
            "email": "kontakt@testowe.pl", "telefon": "+48 600 100 200",
            "www": "https://testowe.pl",
            "media_spolecznosciowe": ["https://www.facebook.com/testowe",
                                      "https://www.instagram.com/testowe"],
        },
        "oferta": "no\non\n0000123456",
        "zweryfikowano": VISIT_TIME.date().isoformat(),
    }


# ----------------------------------------------------------------------------- helpers


def open_form(page: Page, site_url: str, query: str = "") -> dict[str, Any]:
    response = page.goto(site_url + FORM + query)
    assert response is not None and response.ok
    page.locator("#formularz-wpisu").wait_for(state="visible")
    return json.loads(page.locator("#formularz-dane").text_content() or "{}")


def _value_at(entry: dict[str, Any], key: str) -> Any:
    value: Any = entry
    for part in key.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def fill_form(page: Page, config: dict[str, Any], entry: dict[str, Any]) -> None:
    for f in config["fields"]:
        value = _value_at(entry, f["key"])
        control = f"#{f['id']}"
        widget = f["widget"]
        if value is None and not page.locator(f"[data-pole='{f['key']}']").is_visible():
            continue  # shown only for some value of another field
        if widget == "radio":
            if value is not None:
                page.check(f"#{f['id']}-{value}")
        elif widget == "choices":
            for option in f["choices"]:
                page.locator(f"#{f['id']}-{option}").uncheck()
            for option in value or []:  # ticked in the entry's order, which the file keeps
                page.locator(f"#{f['id']}-{option}").check()
        elif widget == "bool":
            page.set_checked(control, bool(value))
        elif widget == "select":
            page.select_option(control, value or "")
        elif widget == "list":
            page.fill(control, "\n".join(value or []))
        else:
            page.fill(control, "" if value is None else str(value))


def submit(page: Page) -> None:
    page.click("#formularz-przygotuj")


def produced_yaml(page: Page) -> str:
    page.locator("#wynik").wait_for(state="visible")
    return page.input_value("#wynik-yaml")


def load_in_project(tmp_path: Path, slug: str, text: str) -> tuple[Any, list[str]]:
    """Put the file in a copy of the project and load it as the build does."""
    project = tmp_path / "project"
    shutil.copytree(REPO_ROOT, project, ignore=shutil.ignore_patterns(
        ".venv", "site", ".git", "__pycache__", ".pytest_cache", ".ruff_cache", "*.egg-info",
        "node_modules"))
    (project / "ngos" / f"{slug}.yml").write_text(text, encoding="utf-8")
    registry = load_registry(project)
    name = f"ngos/{slug}.yml"
    problems = [str(p) for p in registry.problems
                if p.file == name and p.severity.value == "error"]
    entry = next((e for e in registry.entries if e.slug == slug), None)
    return entry, problems


def _stripped(data: Any) -> Any:
    """What the model keeps: a ``|`` block reads back with a final newline, the model strips it."""
    if isinstance(data, dict):
        return {k: _stripped(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_stripped(v) for v in data]
    return data.strip() if isinstance(data, str) else data


def error_text(page: Page, field_id: str) -> str:
    message = page.locator(f"#{field_id}-blad")
    message.wait_for(state="visible")
    return message.inner_text()


# ----------------------------------------------------------------------------- tests


def test_without_javascript_the_page_offers_the_guide_and_an_example(new_watched, site_url):
    watched = new_watched(java_script_enabled=False)
    page = watched.page
    page.goto(site_url + FORM)
    assert not page.locator("#formularz-wpisu").is_visible()
    notice = page.locator("#formularz-bez-skryptu")
    assert notice.is_visible()
    link = notice.locator("a[download]")
    assert link.get_attribute("href") == "wzor.yml"
    assert page.locator("h2#wszystkie-pola").count() == 1, "the guide stays on the page"
    response = page.request.get(site_url + FORM + "wzor.yml")
    assert response.ok and "nazwa:" in response.text()


def test_every_field_of_the_model_has_a_labelled_control(page, site_url):
    config = open_form(page, site_url)
    keys = {f["key"] for f in config["fields"]}
    assert keys == {f.key for f in leaves(walk())}
    for f in config["fields"]:
        if f["widget"] in ("radio", "choices"):
            assert page.locator(f"fieldset#{f['id']} > legend").count() == 1, f["key"]
            assert page.locator(f"input[name='{f['key']}']").count() == len(f["choices"])
        else:
            assert page.locator(f"#{f['id']}").count() == 1, f["key"]
            assert page.locator(f"label[for='{f['id']}']").count() == 1, f["key"]
    localities = page.locator("#pole-adres-miejscowosc option").all_inner_texts()
    assert "Miłki" in localities


def test_a_full_new_entry_gives_yaml_that_the_build_accepts(watched, site_url, tmp_path):
    page = watched.page
    config = open_form(page, site_url)
    entry = full_entry()
    fill_form(page, config, entry)
    assert page.input_value("#pole-adres_strony") == "stowarzyszenie-testowe-milki-razem-1"
    page.fill("#pole-adres_strony", SLUG)
    submit(page)
    text = produced_yaml(page)
    assert text.startswith("# yaml-language-server: $schema=../data/organizacja.schema.json\n")
    assert 'krs: "0000999999"' in text and 'kod_pocztowy: "11-513"' in text
    assert 'telefon: "+48 600 100 200"' in text
    assert dump_entry(_stripped(yaml.safe_load(text))) == text, "form.js and entry_yaml.py differ"
    loaded, problems = load_in_project(tmp_path, SLUG, text)
    assert not problems, problems
    assert loaded is not None
    expected = Organisation.model_validate(entry)
    assert loaded.org == expected
    assert page.locator("#wynik-plik").inner_text() == f"ngos/{SLUG}.yml"
    watched.assert_clean()


def test_starting_from_a_published_entry_and_changing_one_field(watched, site_url, tmp_path):
    page = watched.page
    registry = load_registry(REPO_ROOT)
    original = registry.entries[0]
    config = open_form(page, site_url, f"?wpis={original.slug}")
    page.wait_for_function(
        "slug => document.getElementById('pole-adres_strony').value === slug", arg=original.slug)
    assert page.is_checked("#tryb-zmiana")
    assert page.input_value("#pole-nazwa") == original.org.name
    assert "Wczytano" in page.inner_text("#wybor-wpisu-stan")
    assert page.get_attribute("#pole-adres_strony", "readonly") is not None
    page.fill("#pole-kontakt-telefon", "600 200 300")
    submit(page)
    text = produced_yaml(page)
    loaded, problems = load_in_project(tmp_path, original.slug, text)
    assert not problems, problems
    changed = loaded.org
    assert changed.contact.phone == "600 200 300"
    assert changed.verified == VISIT_TIME.date()  # the visitor's day
    unchanged = original.org.model_dump(exclude={"contact", "verified"})
    assert changed.model_dump(exclude={"contact", "verified"}) == unchanged
    assert changed.contact.model_dump(exclude={"phone"}) == \
        original.org.contact.model_dump(exclude={"phone"})
    edit = page.get_attribute("#wyslij-pr-zmiana", "href")
    assert edit == (config["repository"]["editFile"] + f"{original.slug}.yml")
    assert page.locator("[data-wariant='pr-zmiana']").is_visible()
    watched.assert_clean()


def test_an_entry_is_chosen_by_its_locality_and_nothing_else_is_fetched(watched, site_url):
    """The page lists no entry: the entries of the locality picked come when it is picked,
    then the entry chosen; no other file of the published entries is fetched."""
    page = watched.page
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(urlsplit(request.url).path))
    open_form(page, site_url)
    assert page.locator("#wybor-wpisu option").count() == 1  # only the prompt
    registry = load_registry(REPO_ROOT)
    entry = registry.entries[-1]
    page.check("#tryb-zmiana")
    page.select_option("#wybor-miejscowosci", label=next(
        option for option in page.locator("#wybor-miejscowosci option").all_inner_texts()
        if option.startswith(entry.org.address.locality + " (")))
    page.wait_for_function("() => !document.getElementById('wybor-wpisu').disabled")
    names = page.locator("#wybor-wpisu option").all_inner_texts()[1:]
    assert entry.org.name in names
    assert set(names) == {e.org.name for e in registry
                          if e.org.address.locality == entry.org.address.locality}
    page.select_option("#wybor-wpisu", entry.slug)
    page.wait_for_function(
        "slug => document.getElementById('pole-adres_strony').value === slug", arg=entry.slug)
    assert page.input_value("#pole-nazwa") == entry.org.name
    data = [path for path in fetched if "/dodaj-organizacje/" in path and path.endswith(".json")]
    assert len(data) == 2 and data[1].endswith(f"/wpisy/{entry.slug}.json"), data
    assert "/miejscowosci/" in data[0]
    watched.assert_clean()


def test_an_address_file_is_fetched_once_for_the_link_and_the_new_address_check(watched,
                                                                              site_url):
    """A link to an entry (?wpis=) and the check of the same address as a new one read the
    same file of published addresses: one request."""
    page = watched.page
    taken = load_registry(REPO_ROOT).entries[0]
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(urlsplit(request.url).path))
    config = open_form(page, site_url, f"?wpis={taken.slug}")
    page.wait_for_function(
        "slug => document.getElementById('pole-adres_strony').value === slug", arg=taken.slug)
    page.check("#tryb-nowy")
    fill_form(page, config, full_entry())
    slug = page.locator("#pole-adres_strony")
    slug.fill(taken.slug)
    slug.blur()
    assert taken.org.name in error_text(page, "pole-adres_strony")
    addresses = [path for path in fetched if "/dodaj-organizacje/adresy/" in path]
    assert len(addresses) == 1, addresses
    watched.assert_clean()


SAMPLE_SLUGS = ["a", "organizacja-00001", "organizacja-10000", "osp-milki", "x-9-y"]


def test_a_taken_address_and_a_published_krs_are_named_after_a_lookup(page, site_url):
    registry = load_registry(REPO_ROOT)
    taken = registry.entries[0]
    # No sample entry has a KRS number: the file of numbers ending in 99 is answered with one.
    published = {"krs:0000123499": [taken.slug, taken.org.name]}
    page.route("**/dodaj-organizacje/identyfikatory/99.json",
               lambda route: route.fulfill(json=published))
    config = open_form(page, site_url)
    entry = full_entry()
    entry["identyfikatory"]["krs"] = "0000123499"
    fill_form(page, config, entry)
    slug = page.locator("#pole-adres_strony")
    slug.fill(taken.slug)
    slug.blur()
    assert taken.org.name in error_text(page, "pole-adres_strony")
    for name in [*(e.slug for e in registry), *SAMPLE_SLUGS]:
        assert page.evaluate(f"s => window.ngoForm.addressShard(s, {ADDRESS_FILES})", name) == \
            address_shard(name), name
    submit(page)
    message = error_text(page, "pole-identyfikatory-krs")
    assert taken.slug in message and taken.org.name in message
    slug.fill("zupelnie-nowa-organizacja-testowa")
    page.fill("#pole-identyfikatory-krs", "0000999999")
    submit(page)
    assert 'krs: "0000999999"' in produced_yaml(page)


def test_a_wrong_nip_is_explained_beside_the_field(page, site_url):
    open_form(page, site_url)
    nip = page.locator("#pole-identyfikatory-nip")
    nip.fill("526-000-12-47")
    nip.blur()
    message = error_text(page, "pole-identyfikatory-nip")
    assert "ma błędną cyfrę kontrolną" in message and "526-000-12-47" in message
    assert nip.get_attribute("aria-invalid") == "true"
    assert "pole-identyfikatory-nip-blad" in (nip.get_attribute("aria-describedby") or "")
    submit(page)
    summary = page.locator("#formularz-bledy")
    summary.wait_for(state="visible")
    assert page.evaluate("document.activeElement.id") == "formularz-bledy"
    link = summary.locator("a[href='#pole-identyfikatory-nip']")
    assert "cyfrę kontrolną" in link.inner_text()
    link.click()
    assert page.evaluate("document.activeElement.id") == "pole-identyfikatory-nip"
    nip.fill("526-000-12-46")
    assert page.locator("#pole-identyfikatory-nip-blad").is_hidden()
    assert nip.get_attribute("aria-invalid") is None


@pytest.mark.parametrize("case", ["opp_bez_krs", "zwykle_z_krs", "inna_bez_opisu",
                                  "pol_rejestru", "jedna_wspolrzedna", "przyszla_data"])
def test_rules_between_fields_as_in_the_build(page, site_url, case):
    config = open_form(page, site_url)
    entry = full_entry()
    entry["opp"] = False
    field = {"opp_bez_krs": "opp", "zwykle_z_krs": "identyfikatory-krs",
             "inna_bez_opisu": "forma_prawna_opis",
             "pol_rejestru": "identyfikatory-inny_rejestr-rejestr",
             "jedna_wspolrzedna": "adres-wspolrzedne-dlugosc",
             "przyszla_data": "zweryfikowano"}[case]
    if case == "opp_bez_krs":
        entry["opp"] = True
        del entry["identyfikatory"]["krs"]
    elif case == "zwykle_z_krs":
        entry["forma_prawna"] = "stowarzyszenie_zwykle"
    elif case == "inna_bez_opisu":
        entry["forma_prawna"] = "inna"
    elif case == "pol_rejestru":
        entry["identyfikatory"]["inny_rejestr"]["rejestr"] = ""
    elif case == "jedna_wspolrzedna":
        del entry["adres"]["wspolrzedne"]["dlugosc"]
    fill_form(page, config, entry)
    if case == "przyszla_data":
        page.evaluate("document.getElementById('pole-zweryfikowano').removeAttribute('max')")
        page.fill("#pole-zweryfikowano", "2999-01-01")
    submit(page)
    message = error_text(page, f"pole-{field}")
    expected = {
        "opp_bez_krs": config["messages"]["cross"]["opp_z_krs"],
        "zwykle_z_krs": config["messages"]["cross"]["bez_krs"],
        "inna_bez_opisu": config["messages"]["cross"]["inna_z_opisem"],
        "pol_rejestru": "Uzupełnij to pole",
        "jedna_wspolrzedna": "Uzupełnij to pole",
        "przyszla_data": "jest z przyszłości",
    }[case]
    assert expected in message
    assert page.locator("#wynik").is_hidden()


def test_the_prefilled_github_link_carries_the_file(page, site_url):
    config = open_form(page, site_url)
    fill_form(page, config, full_entry())
    page.fill("#pole-adres_strony", SLUG)
    submit(page)
    text = produced_yaml(page)
    href = page.get_attribute("#wyslij-pr-nowy", "href") or ""
    assert href.startswith("https://github.com/") and "/new/" in href
    assert len(href) <= MAX_URL_LENGTH
    query = parse_qs(urlsplit(href).query)
    assert query["filename"] == [f"ngos/{SLUG}.yml"]
    assert query["value"] == [text]
    assert page.locator("[data-wariant='pr-nowy']").is_visible()
    issue = page.get_attribute("#wyslij-zgloszenie", "href") or ""
    issue_query = parse_qs(urlsplit(issue).query)
    assert issue_query["template"] == ["organizacja.yml"]
    assert issue_query["plik_yaml"] == [text]
    assert issue_query["adres_strony"] == [SLUG]


def test_a_file_too_long_for_an_address_falls_back_to_an_issue(page, site_url):
    config = open_form(page, site_url)
    entry = full_entry()
    entry["opis"] = ("Zażółć gęślą jaźń. " * 260).strip()[:4900]
    fill_form(page, config, entry)
    page.fill("#pole-adres_strony", SLUG)
    submit(page)
    text = produced_yaml(page)
    assert page.locator("[data-wariant='pr-za-dlugi']").is_visible()
    assert page.locator("[data-wariant='pr-nowy']").is_hidden()
    assert page.locator("[data-wariant='zgloszenie-wklej']").is_visible()
    issue = page.get_attribute("#wyslij-zgloszenie-wklej", "href") or ""
    assert len(issue) <= MAX_URL_LENGTH
    assert "plik_yaml" not in parse_qs(urlsplit(issue).query)
    assert len(unquote(issue)) < len(text)


def test_the_form_page_has_no_wcag_violations(page, site_url, axe_check):
    config = open_form(page, site_url)
    axe_check(page, "/dodaj-organizacje/ (empty form)")
    submit(page)
    page.locator("#formularz-bledy").wait_for(state="visible")
    axe_check(page, "/dodaj-organizacje/ (errors shown)")
    fill_form(page, config, full_entry())
    page.fill("#pole-adres_strony", SLUG)
    submit(page)
    produced_yaml(page)
    axe_check(page, "/dodaj-organizacje/ (file ready)")


def test_keyboard_only(page, site_url):
    open_form(page, site_url)
    page.focus("#pole-nazwa")
    page.keyboard.type("Koło Gospodyń Wiejskich w Rudzie")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "pole-nazwa_skrocona"
    assert page.input_value("#pole-adres_strony") == "kolo-gospodyn-wiejskich-w-rudzie"
    page.focus("#formularz-przygotuj")
    page.keyboard.press("Enter")
    page.locator("#formularz-bledy").wait_for(state="visible")
    assert page.evaluate("document.activeElement.id") == "formularz-bledy"
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    focused = page.evaluate("document.activeElement.id")
    assert focused.startswith("pole-"), focused


def test_usable_on_a_phone(new_watched, site_url):
    watched = new_watched(viewport={"width": 360, "height": 740}, is_mobile=True,
                          has_touch=True, device_scale_factor=2)
    page = watched.page
    config = open_form(page, site_url)
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px on a phone"
    small = page.evaluate("""() => [...document.querySelectorAll(
        '#formularz-wpisu input:not([type=hidden]), #formularz-wpisu select, '
        + '#formularz-wpisu button')]
        .filter(el => el.offsetParent !== null)
        .map(el => { const r = (el.closest('.ngo-choice') || el).getBoundingClientRect();
                     return [el.id, r.height, r.right]; })
        .filter(([id, h, right]) => h < 24 || right > window.innerWidth + 1)""")
    assert not small, f"controls too small or off screen: {small}"
    fill_form(page, config, full_entry())
    page.fill("#pole-adres_strony", SLUG)
    submit(page)
    produced_yaml(page)
    watched.assert_clean()


# ----------------------------------------------------------------------------- parity


def _python_ok(check, value: str) -> bool:
    try:
        check(value)
    except ValueError:
        return False
    return True


def _corpus() -> dict[str, list[str]]:
    rng = random.Random(7)
    digits = lambda n: "".join(rng.choice("0123456789") for _ in range(n))  # noqa: E731
    return {
        "krs": ["0000123456", "123456", "00001234567", "0000-12345", " 0000123456", "abcdefghij"],
        "nip": ["526-000-12-46", "5260001246", "PL5260001246", "526 000 12 46", "526-000-12-47",
                "12345", "PL 5260001246", "pl5260001246", *(digits(10) for _ in range(60))],
        "regon": ["123456785", "012345678", "12345678512347", "123456789", "1234567890",
                  *(digits(9) for _ in range(60)), *(digits(14) for _ in range(60))],
        "kod_pocztowy": ["11-513", "11513", "1-1513", "11-5133", "ab-cde"],
        "telefon": ["600 100 200", "+48 600 100 200", "(87) 421-10-00", "48600100200",
                    "+49 600 100 200", "60010020"],
        "email": ["kontakt@przyklad.pl", "a@b.c", "bez-malpy.pl", "a b@c.pl", "x@y.pl>"],
        "url": ["https://przyklad.pl", "http://a.b", "www.przyklad.pl", "https://x",
                "https://a.pl/ścieżka?x=1", "https://a b.pl"],
    }


def test_browser_checks_agree_with_the_python_validators(page, site_url):
    open_form(page, site_url)
    validators = {"krs": check_krs, "nip": check_nip, "regon": check_regon,
                  "kod_pocztowy": check_postal_code, "telefon": check_phone,
                  "email": check_email, "url": check_url}
    corpus = _corpus()
    results = page.evaluate(
        """corpus => { const config = JSON.parse(
             document.getElementById('formularz-dane').textContent);
           const out = {};
           for (const [check, values] of Object.entries(corpus)) {
             out[check] = values.map(v => window.ngoForm.checkValue(config, check, v.trim()));
           }
           return out; }""", corpus)
    disagree = []
    for check, values in corpus.items():
        for value, message in zip(values, results[check], strict=True):
            if _python_ok(validators[check], value.strip()) != (message == ""):
                disagree.append(f"{check} {value!r}: browser says {message!r}")
    assert not disagree, "\n".join(disagree)


def test_browser_yaml_matches_python_for_awkward_text(page, site_url):
    open_form(page, site_url)
    texts = ["zwykły tekst", "no", "0000123456", "12:30", "- lista", "# komentarz", "a: b",
             "cudzysłów \" i \\ ukośnik", "tab\tw środku", "linia 1\nlinia 2",
             "linia z tabem\n\tdruga", "spacja na końcu \nlinia", "dziwne\u2028znaki\x85",
             "emoji 🙂 i ﻿bom", "sterujące \x01\x1f\x7f", "@start", "`kod`", "'apostrof'"]
    entry = {"nazwa": texts[0], "opis": "\n".join(texts), "oferta": texts[9],
             "grupy_docelowe": texts, "zweryfikowano": "2026-11-26",
             "adres": {"wspolrzedne": {"szerokosc": 54.0, "dlugosc": 21.8825}}}
    browser = page.evaluate(
        """entry => window.ngoForm.toYaml(entry, JSON.parse(
             document.getElementById('formularz-dane').textContent))""", entry)
    assert browser == dump_entry(entry)
    loaded = yaml.safe_load(browser)
    assert loaded["grupy_docelowe"] == texts
    assert loaded["opis"].rstrip("\n") == "\n".join(texts)


def test_an_ngo_page_leads_to_the_form_with_its_entry(page, site_url, first_ngo_path):
    page.goto(site_url + first_ngo_path)
    link = page.locator(".ngo-page__form-link a")
    slug = first_ngo_path.strip("/").rsplit("/", 1)[-1]
    assert (link.get_attribute("href") or "").endswith(f"dodaj-organizacje/?wpis={slug}")
    link.click()
    page.locator("#formularz-wpisu").wait_for(state="visible")
    page.wait_for_function(
        "slug => document.getElementById('pole-adres_strony').value === slug", arg=slug)
    assert page.is_checked("#tryb-zmiana")
