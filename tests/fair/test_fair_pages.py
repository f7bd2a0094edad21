"""The fair's pages as HTML: states before and after the day, archive, NGO-page block, and
untrusted NGO text escaped for HTML and for the JSON-LD script."""

from __future__ import annotations

import html
import json
import re
from datetime import date
from pathlib import Path

import pytest
import yaml
from markupsafe import escape
from support.fair_project import EARLIER_EDITION, SAMPLE, new_project, set_ngo_field, write_fair

from ngosite.fair.jsonld import script_json
from ngosite.fair.pages import fair_pages, fair_section
from ngosite.organisations.registry import Registry
from ngosite.pipeline import load_registry

TODAY = date(2026, 11, 26)
HOSTILE = "Koło </script><script>alert(\"x\")</script> & <!-- <b>pogrubione</b>"
JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def _load(root: Path, today: str | None = None) -> Registry:
    registry = load_registry(root, today=date.fromisoformat(today) if today else TODAY)
    assert not registry.errors, registry.errors
    return registry


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = new_project(tmp_path)
    write_fair(root, 2027, SAMPLE.read_text(encoding="utf-8"))
    return root


def _pages(registry: Registry, existing: tuple[str, ...] = ()) -> dict[str, str]:
    return {p.src_uri: p.html or "" for p in fair_pages(registry, existing)}


def test_before_the_day_the_page_invites(project):
    page = _pages(_load(project, "2027-05-01"))["targi/index.md"]
    assert "Zapraszamy!</strong> Targi odbędą się w sobotę, 5 czerwca 2027" in page
    assert "odbyły się" not in page


def test_on_the_day_and_after_it(project):
    page = _pages(_load(project, "2027-06-05"))["targi/index.md"]
    assert "Targi trwają dziś" in page
    page = _pages(_load(project, "2027-06-06"))["targi/index.md"]
    assert "Targi odbyły się</strong> w sobotę, 5 czerwca 2027" in page
    assert "Zapraszamy!" not in page


def test_programme_per_stage_and_every_participant(project):
    registry = _load(project, "2027-05-01")
    (edition,) = registry.fairs
    page = _pages(registry)["targi/index.md"]
    for stage in edition.fair.stages:
        assert f'<h3 id="scena-{stage.code}">{html.escape(stage.name)}</h3>' in page
    assert page.count('<li class="fair-item ') == len(edition.fair.programme)
    for item in edition.fair.programme:
        assert f"{html.escape(item.title, quote=False)}</h4>" in page
        assert f'datetime="2027-06-05T{item.start:%H:%M}+02:00"' in page
    for slug in edition.participants():
        assert f'href="../organizacje/{slug}/"' in page
    assert "Stoisko nr 2" in page and "Bez stoiska: spotkasz nas w programie" in page
    # The offers come from the NGOs' entries, rendered as Markdown.
    assert "nauka pierwszej pomocy dla grup mieszkańców" in page
    assert '<a href="dzien-organizacji-2027.ics" download>Dodaj do kalendarza</a>' in page


def test_venue_links_to_the_map_only_when_there_is_one(project):
    registry = _load(project)
    page = _pages(registry)["targi/index.md"]
    assert 'href="../mapa/"' not in page
    assert "https://www.openstreetmap.org/?mlat=53.94306&amp;mlon=21.88250" in page
    page = _pages(registry, ("mapa/index.md",))["targi/index.md"]
    assert '<a href="../mapa/">Zobacz na mapie organizacji</a>' in page


def test_earlier_editions_stay_in_the_archive(project):
    write_fair(project, 2026, EARLIER_EDITION)
    pages = _pages(_load(project, "2027-05-01"))
    assert sorted(pages) == ["targi/2026.md", "targi/index.md"]
    current = pages["targi/index.md"]
    assert '<a href="../targi/2026/">Dzień Organizacji Pozarządowych 2026' in current
    archive = pages["targi/2026.md"]
    assert "To archiwalna edycja targów." in archive and '<a href="../">Aktualna edycja' in archive
    assert 'href="../../organizacje/osp-milki/"' in archive
    assert 'href="../dzien-organizacji-2026.ics"' in archive


def test_ngo_page_block_shows_stand_and_items(project):
    registry = _load(project, "2027-05-01")
    entries = {e.slug: e for e in registry.entries}
    block = str(fair_section(registry, entries["osp-milki"]))
    assert "Stoisko nr 2" in block and 'href="../../targi/"' in block
    assert "Pokaz ratownictwa i nauka pierwszej pomocy (pokaz, Plac pokazów)" in block
    assert "bierze udział" in block
    block = str(fair_section(registry, entries["osp-ruda"]))
    assert "Bez stoiska" in block and "13:00</time>–" in block


def test_ngo_without_part_in_the_fair_gets_no_block(tmp_path):
    root = new_project(tmp_path)
    write_fair(root, 2026, EARLIER_EDITION)
    registry = _load(root)
    entries = {e.slug: e for e in registry.entries}
    assert fair_section(registry, entries["kgw-rydzewo"]) == ""
    assert "brała udział" in str(fair_section(registry, entries["osp-milki"]))


def test_untrusted_ngo_text_is_escaped_in_html_and_json_ld(project):
    set_ngo_field(project, "osp-milki", "nazwa", HOSTILE)
    set_ngo_field(project, "osp-milki", "oferta",
                  "<img src=x onerror=alert(1)> [link](javascript:alert(2)) </script>")
    registry = _load(project)
    page = _pages(registry)["targi/index.md"]
    assert "<script>alert" not in page and "<img" not in page and "javascript:" not in page
    assert str(escape(HOSTILE)) in page
    (script,) = JSON_LD.findall(page)
    assert "<" not in script and ">" not in script and "&" not in script
    data = json.loads(script)
    organisers = [o["name"] for e in data["subEvent"] for o in e.get("organizer", [])]
    assert HOSTILE in organisers
    block = str(fair_section(registry, next(e for e in registry.entries
                                            if e.slug == "osp-milki")))
    assert "<script>" not in block


def test_json_ld_describes_the_fair_and_each_item(project):
    registry = _load(project)
    (edition,) = registry.fairs
    data = json.loads(JSON_LD.findall(_pages(registry)["targi/index.md"])[0])
    assert data["@context"] == "https://schema.org" and data["@type"] == "Event"
    assert data["startDate"] == "2027-06-05T10:00:00+02:00"
    assert data["endDate"] == "2027-06-05T16:00:00+02:00"
    assert data["location"]["address"] == {
        "@type": "PostalAddress", "postalCode": "11-513", "addressLocality": "Miłki",
        "addressCountry": "PL", "streetAddress": "ul. Mazurska 2"}
    assert data["isAccessibleForFree"] is True
    assert data["organizer"]["name"] == "Urząd Gminy Miłki"
    assert len(data["subEvent"]) == len(edition.fair.programme)
    first = data["subEvent"][0]
    assert first["name"] == "Otwarcie targów i powitanie organizacji"
    assert first["location"]["name"] == "Scena na placu, Plac przy Urzędzie Gminy Miłki"
    assert first["organizer"] == [{"@type": "Organization",
                                   "name": "Fundacja „Akademia Współpracy”"}]


def test_script_json_round_trips_every_dangerous_character():
    value = {"a": "</script><!-- & \u2028 \u2029 '\""}
    text = script_json(value)
    assert json.loads(text) == value
    assert not set("<>&\u2028\u2029") & set(text)


def test_page_title_is_escaped_for_the_theme(project):
    text = SAMPLE.read_text(encoding="utf-8").replace(
        "nazwa: Dzień Organizacji Pozarządowych w gminie Miłki 2027",
        "nazwa: Targi <b>NGO</b> & goście", 1)
    write_fair(project, 2027, text)
    (page,) = fair_pages(_load(project))
    front = yaml.safe_load(page.markdown.split("---")[1])
    assert front["title"] == "Targi &lt;b&gt;NGO&lt;/b&gt; &amp; goście"
    assert "<h1>Targi &lt;b&gt;NGO&lt;/b&gt; &amp; goście</h1>" in (page.html or "")
