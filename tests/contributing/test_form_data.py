"""What the build hands the entry form: fields from the model, messages from the validators,
the YAML writer, the example file and the page block."""

from __future__ import annotations

import json
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from ngosite.contributing.entry_fields import leaves, model_keys, walk
from ngosite.contributing.entry_yaml import SCHEMA_COMMENT, dump_entry, quote
from ngosite.contributing.form import (
    FORM_MARKER,
    IDENTIFIERS_DIR,
    LOCALITIES_DIR,
    PATTERNS,
    entry_json,
    example_yaml,
    form_config,
    form_tree,
    identifier_index,
    identifier_shard,
    lookup_files,
    picker_localities,
    render_form,
)
from ngosite.contributing.form_rules import (
    CHECK_SAMPLES,
    CROSS_RULES,
    python_problems,
    rule_trigger,
    sample_entry,
)
from ngosite.contributing.labels import LABELS, SECTIONS
from ngosite.core.fields import check_email, check_krs, check_phone, check_postal_code, check_url
from ngosite.organisations.model import Organisation
from ngosite.pipeline import load_registry
from ngosite.site import insert_page_blocks

ROOT = Path(__file__).resolve().parents[2]
TODAY = date(2026, 11, 26)


@pytest.fixture(scope="module")
def registry():
    return load_registry(ROOT)


@pytest.fixture(scope="module")
def config(registry):
    return form_config(registry, TODAY)


class _Controls(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.label_for: set[str] = set()
        self.names: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "label" and attrs.get("for"):
            self.label_for.add(attrs["for"])
        if tag in ("input", "select", "textarea") and attrs.get("name"):
            self.names.add(attrs["name"])


def test_every_field_of_the_model_has_a_polish_label():
    missing = [key for key in model_keys() if key not in LABELS]
    assert not missing, f"add labels to ngosite/contributing/labels.py: {missing}"
    placed = {key for _, _, keys in SECTIONS for key in keys}
    top = {key for key in model_keys() if "." not in key}
    assert top <= placed, f"place these keys in a section: {sorted(top - placed)}"


def test_every_field_of_the_model_is_in_the_form(registry):
    html = render_form(registry, "../", TODAY)
    parsed = _Controls()
    parsed.feed(html)
    for f in leaves(walk()):
        assert f.key in parsed.names, f"no control for {f.key}"
        assert f.html_id in parsed.ids, f.key
        if f.widget not in ("radio", "choices"):
            assert f.html_id in parsed.label_for, f"no label for {f.key}"
    assert "\n\n" not in html, "a blank line would end the Markdown raw block"


def test_the_page_lists_no_entry_and_the_lookups_cover_every_one(registry, config):
    """At 10,000 NGOs a list of every entry made the form's page 1.9 MB: the page names only
    the localities; the entries of each and the identifiers are files fetched when needed."""
    html = render_form(registry, "../", TODAY)
    assert not any(entry.org.name in html for entry in registry)
    assert "entries" not in config and "identifiers" not in config
    files = dict(lookup_files(registry))
    listed = [row for path, text in files.items() if path.startswith(LOCALITIES_DIR)
              for row in json.loads(text)]
    assert sorted(listed) == sorted([e.slug, e.org.name] for e in registry)
    for locality in picker_localities(registry):
        assert f'value="{locality["file"]}"' in html
        assert f"{LOCALITIES_DIR}/{locality['file']}.json" in files
    shards = {path: json.loads(text) for path, text in files.items()
              if path.startswith(IDENTIFIERS_DIR)}
    for key, slug in identifier_index(registry).items():
        assert shards[f"{IDENTIFIERS_DIR}/{identifier_shard(key)}.json"][key][0] == slug
    assert len(identifier_index(registry)) == sum(len(index) for index in shards.values())


def test_the_form_data_comes_from_the_model(config):
    keys = [f["key"] for f in config["fields"]]
    assert keys == [f.key for f in leaves(walk())]
    by_key = {f["key"]: f for f in config["fields"]}
    assert by_key["identyfikatory.krs"]["check"] == "krs"
    assert by_key["obszary"]["minItems"] == 1 and by_key["obszary"]["maxItems"] == 10
    assert by_key["adres.wspolrzedne.szerokosc"]["min"] == 49.0
    assert by_key["adres.miejscowosc"]["choices"][0]
    assert by_key["identyfikatory.inny_rejestr.rejestr"]["requiredInGroup"] is True
    assert config["visibleWhen"] == {"forma_prawna_opis": {"field": "forma_prawna",
                                                           "values": ["inna"]}}
    assert {f["check"] for f in config["fields"] if f.get("check")} <= set(PATTERNS)
    assert set(CHECK_SAMPLES) == {f["check"] for f in config["fields"] if f.get("check")}


@pytest.mark.parametrize(("check", "validator", "values"), [
    ("krs", check_krs, ["0000123456", "123456", "00001234567", "0000 123456"]),
    ("kod_pocztowy", check_postal_code, ["11-513", "11513", "11-51", "ab-cde"]),
    ("email", check_email, ["a@b.pl", "a@b", "a b@c.pl", "kontakt@przyklad.pl"]),
    ("url", check_url, ["https://a.pl", "http://a.b", "www.a.pl", "https://a"]),
])
def test_patterns_agree_with_the_validators(check, validator, values):
    for value in values:
        try:
            validator(value)
            ok = True
        except ValueError:
            ok = False
        assert bool(re.search(PATTERNS[check], value)) == ok, (check, value)
    assert bool(re.search(PATTERNS["telefon"], "600100200"))
    assert check_phone("600 100 200")


def test_messages_are_the_builds_own(registry, config):
    checks = config["messages"]["checks"]
    entry = sample_entry(TODAY, "Miłki", "11-513", point=(53.9431, 21.8825))
    entry["identyfikatory"]["nip"] = "526-000-12-47"
    message = next(p.message for p in python_problems(entry, registry.gazetteer, TODAY)
                   if p.key == "identyfikatory.nip")
    assert checks["nip"]["checksum"].replace("{wartosc}", "526-000-12-47") == message
    postal = checks["kod_pocztowy"]["format"]
    assert "{wartosc}" in postal and "cudzysłow" not in postal, "the form speaks of fields"
    assert "opp: false" not in config["messages"]["cross"]["opp_z_krs"]
    assert "„Numer KRS”" in config["messages"]["cross"]["opp_z_krs"]
    assert "tekst jest za długi (najwięcej 80 znaków)" in config["messages"]["length"][
        "nazwa_skrocona"]


@pytest.mark.parametrize("rule", CROSS_RULES, ids=lambda r: r.id)
def test_each_rule_of_the_form_is_a_rule_of_the_build(registry, rule):
    entry = rule_trigger(rule, TODAY, "Miłki", "11-513")
    found = [p for p in python_problems(entry, registry.gazetteer, TODAY)
             if p.severity.value == "error"]
    assert [p.key for p in found] == [rule.python_at]


def test_the_sample_and_the_downloadable_example_are_valid(registry):
    sample = sample_entry(TODAY, "Miłki", "11-513", point=(53.9431, 21.8825))
    assert python_problems(sample, registry.gazetteer, TODAY) == []
    text = example_yaml(registry, TODAY)
    assert text.startswith(SCHEMA_COMMENT + "\n")
    data = yaml.safe_load(text)
    assert python_problems(data, registry.gazetteer, TODAY) == []
    # forma_prawna_opis goes only with forma_prawna: inna, which the example does not use.
    assert set(model_keys()) - {"forma_prawna_opis"} <= _all_keys(data), "shows every field"


def _all_keys(data: dict, prefix: str = "") -> set[str]:
    keys = set()
    for key, value in data.items():
        path = f"{prefix}{key}"
        keys.add(path)
        if isinstance(value, dict):
            keys |= _all_keys(value, path + ".")
    return keys


def test_published_entries_load_back_unchanged(registry):
    for entry in registry.entries:
        data = json.loads(entry_json(entry))
        assert data["adres_strony"] == entry.slug
        assert Organisation.model_validate(data["wpis"]) == entry.org


@pytest.mark.parametrize("text", [
    "0000123456", "11-513", "no", "on", "yes", "~", "null", "12:30", "2026-01-01", "1e3",
    "- lista", "# komentarz", "a: b", "\"cudzysłów\" i \\", "tab\tw środku",
    "linia\u2028podział", "NEL\x85", "sterujące\x01\x7f", "emoji 🙂", "'apostrof'", "@x", "`x`",
    "%x", "&kotwica", "*odwołanie", "!tag", "|", ">", "{a: 1}", "[1, 2]",
])
def test_every_string_reads_back_as_written(text):
    assert yaml.safe_load(f"x: {quote(text)}") == {"x": text}
    loaded = yaml.safe_load(dump_entry({"nazwa": text, "opis": f"{text}\n{text}",
                                        "obszary": [text]}))
    assert loaded["nazwa"] == text and loaded["obszary"] == [text]
    assert loaded["opis"].rstrip("\n") == f"{text}\n{text}"


def test_identifiers_and_codes_are_always_quoted():
    text = dump_entry(sample_entry(TODAY, "Miłki", "11-513", point=(53.9431, 21.8825)))
    for line in ('  krs: "0000123456"', '  kod_pocztowy: "11-513"', '  telefon: "600 100 200"',
                 '  regon: "123456785"', "zweryfikowano: 2026-11-26", "opp: true",
                 "    szerokosc: 53.9431"):
        assert line in text.splitlines(), line


def test_the_form_replaces_its_marker_on_the_guide_only(registry):
    guide = (ROOT / "docs" / "dodaj-organizacje.md").read_text(encoding="utf-8")
    assert FORM_MARKER in guide
    page = insert_page_blocks(registry, "dodaj-organizacje.md", "dodaj-organizacje/", guide)
    assert FORM_MARKER not in page and 'id="formularz-wpisu"' in page
    assert 'src="../assets/js/form.js"' in page
    other = insert_page_blocks(registry, "index.md", "", FORM_MARKER)
    assert other == FORM_MARKER
    tree = form_tree(registry)
    assert [c.value for c in next(f for f in leaves(tree)
                                  if f.key == "adres.miejscowosc").choices] == \
        [loc.name for loc in registry.gazetteer.localities]
