"""The accessibility statement: the ids monitoring tools look up, dates, facts left to staff."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from ngosite.core.problems import DataError, Severity
from ngosite.pipeline import load_registry
from ngosite.publishing.accessibility_statement import statement_page, statement_problems
from ngosite.settings.accessibility import PENDING

ROOT = Path(__file__).resolve().parents[2]
REQUIRED_IDS = [
    "a11y-wstep", "a11y-podmiot", "a11y-url", "a11y-data-publikacja", "a11y-data-aktualizacja",
    "a11y-status", "a11y-data-sporzadzenie", "a11y-kontakt", "a11y-osoba", "a11y-email",
    "a11y-telefon", "a11y-procedura", "a11y-architektura", "a11y-aplikacje",
]
DATE_IDS = ["a11y-data-publikacja", "a11y-data-aktualizacja", "a11y-data-sporzadzenie",
            "a11y-data-przeglad"]


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.by_id: dict[str, tuple[str, dict[str, str]]] = {}
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = {k: v or "" for k, v in attrs}
        if "id" in attributes:
            assert attributes["id"] not in self.by_id, f"duplicate id {attributes['id']}"
            self.by_id[attributes["id"]] = (tag, attributes)
        if tag == "a":
            self.links.append(attributes.get("href", ""))


def _elements(html: str) -> _Elements:
    parser = _Elements()
    parser.feed(html)
    return parser


def _project(tmp_path: Path, section: dict | None) -> Path:
    project = tmp_path / "project"
    for part in ("data", "ngos"):
        shutil.copytree(ROOT / part, project / part)
    gmina = project / "data" / "gmina.yml"
    data = yaml.safe_load(gmina.read_text(encoding="utf-8"))
    if section is None:
        data.pop("deklaracja_dostepnosci", None)
    else:
        data["deklaracja_dostepnosci"] = section
    gmina.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return project


COMPLETE = {
    "data_publikacji": "2027-01-15", "data_aktualizacji": "2027-03-01", "status": "zgodna",
    "data_sporzadzenia": "2027-01-10", "data_przegladu": "2027-03-31",
    "sposob_oceny": "badanie zewnętrzne", "audytor": "Fundacja <Dostępność> & Spółka",
    "analiza_nadmiernego_obciazenia": "https://bip.example.pl/analiza",
    "osoba_kontaktowa": "Anna Kowalska", "email": "dostepnosc@example.pl",
    "telefon": "87 421 10 00", "dostepnosc_architektoniczna": ["Wejście bez progów."],
    "jezyk_migowy": "Tłumacz PJM po zgłoszeniu 3 dni robocze wcześniej.",
    "aplikacje_mobilne": "Brak aplikacji mobilnych.",
}


def test_statement_of_the_project_has_every_required_id():
    page = statement_page(load_registry(ROOT))
    found = _elements(page.html or page.markdown)
    missing = [i for i in REQUIRED_IDS if i not in found.by_id]
    assert not missing, f"the statement lacks the prescribed ids {missing}"
    assert "https://bip.brpo.gov.pl/" in found.links, "link to the Rzecznik Praw Obywatelskich"
    assert found.by_id["a11y-url"][0] == "a"


def test_dates_are_time_elements_in_iso_format_and_unknown_facts_say_so():
    page = statement_page(load_registry(ROOT))
    html = page.html or page.markdown
    found = _elements(html)
    for date_id in DATE_IDS:
        if date_id not in found.by_id:
            continue
        tag, attributes = found.by_id[date_id]
        if tag == "time":
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", attributes["datetime"]), date_id
        else:
            assert "a11y-do-uzupelnienia" in attributes.get("class", ""), date_id
    assert PENDING in html, "the bundled settings leave the contact person to staff"


def test_pending_facts_are_information_for_staff_with_their_line():
    registry = load_registry(ROOT)
    pending = statement_problems(ROOT, registry.settings.accessibility)
    assert pending, "the bundled statement leaves facts to staff"
    assert all(p.severity is Severity.INFO for p in pending)
    assert all(p.file == "data/gmina.yml" and p.line > 1 for p in pending)
    keys = {p.key for p in pending}
    assert "deklaracja_dostepnosci.osoba_kontaktowa" in keys
    assert "deklaracja_dostepnosci.email" in keys


def test_a_complete_statement_shows_every_fact_escaped(tmp_path):
    project = _project(tmp_path, COMPLETE)
    registry = load_registry(project)
    assert statement_problems(project, registry.settings.accessibility) == []
    html = statement_page(registry).html or ""
    found = _elements(html)
    assert PENDING not in html
    for date_id, value in (("a11y-data-publikacja", "2027-01-15"),
                           ("a11y-data-aktualizacja", "2027-03-01"),
                           ("a11y-data-sporzadzenie", "2027-01-10"),
                           ("a11y-data-przeglad", "2027-03-31")):
        assert found.by_id[date_id] == ("time", {"id": date_id, "datetime": value})
    assert found.by_id["a11y-email"][1]["href"] == "mailto:dostepnosc@example.pl"
    assert found.by_id["a11y-telefon"][1]["href"] == "tel:+48874211000"
    assert found.by_id["a11y-ocena"][1]["href"] == "https://bip.example.pl/analiza"
    assert "a11y-audytor" in found.by_id
    assert "Fundacja &lt;Dostępność&gt; &amp; Spółka" in html
    assert "w pełni zgodna" in html


def test_without_the_section_the_page_still_has_every_id(tmp_path):
    project = _project(tmp_path, None)
    registry = load_registry(project)
    info = statement_problems(project, registry.settings.accessibility)
    assert len(info) == 1 and info[0].severity is Severity.INFO
    found = _elements(statement_page(registry).html or "")
    assert not [i for i in REQUIRED_IDS if i not in found.by_id]


@pytest.mark.parametrize("key, value, expected", [
    ("email", "nie-wiem", "e-mail"),
    ("data_publikacji", "15.01.2027", "RRRR-MM-DD"),
    ("status", "prawie", "zgodna"),
    ("telefon", "12", "telefonu"),
])
def test_a_wrong_fact_is_an_error_that_says_how_to_write_it(tmp_path, key, value, expected):
    section = {**COMPLETE, key: value}
    with pytest.raises(DataError) as caught:
        load_registry(_project(tmp_path, section))
    messages = [str(p) for p in caught.value.problems]
    assert any(f"deklaracja_dostepnosci.{key}" in m and expected in m for m in messages), messages
