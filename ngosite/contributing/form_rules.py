"""The build's rules and Polish messages, handed to the browser form as data.

The browser repeats each check the Python validators make (formats, checksums, ranges, rules
between fields); the *messages* are not copied but produced here by running the real validation
pipeline on a sample entry with one value spoilt, and the value replaced by ``{wartosc}``. A
message changed in ``model.py`` or ``rules.py`` therefore reaches the form with the next build,
and a rule the browser no longer triggers fails a test.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ngosite.core.problems import Problem
from ngosite.core.validate import validate_document
from ngosite.core.yaml_source import SourceDocument
from ngosite.geo.gazetteer import Gazetteer
from ngosite.organisations.model import Organisation
from ngosite.organisations.rules import (
    SLUG_PATTERN,
    check_entry,
    check_locality,
    check_slug,
    suggest_slug,
)
from ngosite.organisations.vocabulary import FORMS_WITHOUT_KRS

from .entry_fields import FormField, Group, groups, leaves

VALUE = "{wartosc}"
SUGGESTION = "{propozycja}"
SAMPLE_FILE = "ngos/stowarzyszenie-przykladowe.yml"


def sample_entry(today: date, locality: str, postal_code: str, *,
                 starosta: str = "Starosta Powiatowy",
                 point: tuple[float, float] | None = None) -> dict[str, Any]:
    """A complete, valid entry that uses every field: the downloadable example. Its place comes
    from the gmina's data (``GminaExamples``): a sample copied by an NGO must land in its gmina,
    not in the gmina the project started in. Without a ``point`` the coordinates are left out."""
    entry: dict[str, Any] = {
        "nazwa": "Stowarzyszenie Przykładowe",
        "nazwa_skrocona": "Przykładowe",
        "forma_prawna": "stowarzyszenie",
        "opp": True,
        "opis": "Prowadzimy zajęcia dla dzieci i seniorów oraz dbamy o tradycje naszej wsi.\n\n"
                "Co robimy:\n\n- spotkania seniorów w świetlicy,\n"
                "- warsztaty rękodzieła dla dzieci,\n- coroczny festyn rodzinny.",
        "obszary": ["kultura", "seniorzy", "dzieci_i_mlodziez"],
        "grupy_docelowe": ["dzieci", "seniorzy"],
        "identyfikatory": {
            "krs": "0000123456", "nazwa_w_krs": "STOWARZYSZENIE PRZYKŁADOWE",
            "data_wpisu_krs": "2004-05-12", "nip": "123-456-32-18", "regon": "123456785",
            "inny_rejestr": {"rejestr": "ewidencja_starosty", "numer": "12/2020",
                             "organ": starosta},
        },
        "adres": {
            "ulica": "Przykładowa", "numer": "1", "kod_pocztowy": postal_code,
            "miejscowosc": locality, "na_mapie": "adres",
        },
        "kontakt": {
            "email": "kontakt@przyklad.pl", "telefon": "600 100 200",
            "www": "https://www.przyklad.pl",
            "media_spolecznosciowe": ["https://www.facebook.com/przyklad"],
        },
        "oferta": "Szukamy wolontariuszy do pomocy przy festynie.\n"
                  "Zapraszamy na spotkania seniorów w każdy wtorek.",
        "zweryfikowano": today.isoformat(),
    }
    if point is not None:
        entry["adres"]["wspolrzedne"] = {"szerokosc": round(point[0], 4),
                                         "dlugosc": round(point[1], 4)}
    return entry


def python_problems(entry: Mapping[str, Any], gazetteer: Gazetteer, today: date,
                    name: str = SAMPLE_FILE) -> list[Problem]:
    """What the build says about one entry (without the checks across files)."""
    doc = SourceDocument(path=Path(name), name=name, data=copy.deepcopy(dict(entry)))
    problems: list[Problem] = []
    org = validate_document(doc, Organisation, problems)
    check_locality(doc, gazetteer, problems)
    if org is not None:
        check_entry(doc, org, gazetteer, today, problems)
    return problems


# The browser's checks, with values that make each one fail (the message is read from Python).
CHECK_SAMPLES: dict[str, dict[str, str]] = {
    "krs": {"format": "12345"},
    "nip": {"format": "12345", "checksum": "1234567890"},
    "regon": {"format": "12345", "checksum": "123456789"},
    "kod_pocztowy": {"format": "11513"},
    "telefon": {"format": "12345"},
    "email": {"format": "adres-bez-malpy"},
    "url": {"format": "www.przyklad.pl"},
    "data": {"format": "26.11.2026", "future": "2999-01-01"},
}


@dataclass(frozen=True)
class CrossRule:
    """``when`` a field has one of some values (or ``not_values``), ``field`` must be filled
    (``need="filled"``) or left empty (``need="empty"``); the message stands beside ``show_at``;
    ``python_at`` is where the build reports it."""

    id: str
    when: str
    values: tuple[Any, ...]
    field: str
    need: str
    python_at: str
    show_at: str
    negate: bool = False


CROSS_RULES = [
    CrossRule("bez_krs", "forma_prawna", tuple(sorted(FORMS_WITHOUT_KRS)), "identyfikatory.krs",
              "empty", "identyfikatory.krs", "identyfikatory.krs"),
    CrossRule("opp_z_krs", "opp", (True,), "identyfikatory.krs", "filled", "opp", "opp"),
    CrossRule("inna_z_opisem", "forma_prawna", ("inna",), "forma_prawna_opis", "filled",
              "forma_prawna", "forma_prawna_opis"),
    CrossRule("opis_tylko_przy_innej", "forma_prawna", ("inna",), "forma_prawna_opis", "empty",
              "forma_prawna_opis", "forma_prawna_opis", negate=True),
]


def rule_trigger(rule: CrossRule, today: date, locality: str, postal_code: str
                 ) -> dict[str, Any]:
    """The sample entry changed so that ``rule`` (and only it) fires."""
    entry = sample_entry(today, locality, postal_code)
    if rule.negate:
        _set(entry, rule.when, "stowarzyszenie")
        _set(entry, rule.field, "opis, którego tu nie powinno być")
        return entry
    _set(entry, rule.when, rule.values[0])
    _set(entry, rule.field, "0000123456" if rule.need == "empty" else None)
    if rule.field == "identyfikatory.krs" and rule.need == "filled":
        # The KRS name and date need the number too: left in, they would fire a second rule.
        for key in ("nazwa_w_krs", "data_wpisu_krs"):
            entry["identyfikatory"].pop(key, None)
    return entry


def python_message(entry: Mapping[str, Any], at: str, gazetteer: Gazetteer, today: date
                   ) -> str:
    found = [p for p in python_problems(entry, gazetteer, today) if p.key == at
             or (p.key.startswith(at + "[") and p.key.endswith("]"))]
    if not found:
        raise LookupError(f"the build reports nothing at {at} for this entry; the form's "
                          "rule no longer matches the Python rules")
    return found[0].message


def form_messages(tree: Group, gazetteer: Gazetteer, today: date) -> dict[str, Any]:
    """Every message the browser may show, in the build's words adapted to a form."""
    fields = leaves(tree)
    words = _Wording(fields, groups(tree))
    locality = gazetteer.localities[0].name
    checks: dict[str, dict[str, str]] = {}
    for check, samples in CHECK_SAMPLES.items():
        target = next(f for f in fields if f.check == check)
        checks[check] = {}
        for case, bad in samples.items():
            entry = sample_entry(today, locality, _postal(gazetteer, locality))
            _set(entry, target.key, [bad] if target.kind == "list" else bad)
            message = python_message(entry, target.key, gazetteer, today)
            checks[check][case] = _placeholder(words.adapt(message), bad)
    lengths: dict[str, str] = {}
    for f in fields:
        if f.max_length:
            entry = sample_entry(today, locality, _postal(gazetteer, locality))
            _set(entry, f.key, "x" * (f.max_length + 1))
            if f.key == "forma_prawna_opis":
                entry["forma_prawna"] = "inna"
            lengths[f.key] = words.adapt(python_message(entry, f.key, gazetteer, today))
    cross = {}
    for rule in CROSS_RULES:
        entry = rule_trigger(rule, today, locality, _postal(gazetteer, locality))
        cross[rule.id] = words.adapt(python_message(entry, rule.python_at, gazetteer, today))
    return {
        "checks": checks,
        "length": lengths,
        "cross": cross,
        **_number_messages(words, gazetteer, today, locality),
        **_list_messages(words, fields, gazetteer, today, locality),
        "slug": _slug_message(),
        "required": "To pole jest wymagane.",
        "required_choices": "Zaznacz co najmniej jedną pozycję.",
        "required_in_group": "Uzupełnij to pole albo wyczyść pozostałe pola w części „{grupa}”.",
        "slug_taken": ("Adres „{wartosc}” ma już organizacja „{nazwa}”. Jeśli to Wasza "
                       "organizacja, wybierz wyżej „Poprawić istniejący wpis”; jeśli nie, "
                       "wybierz inny adres."),
        "duplicate": ("Ten numer ma już wpis „{nazwa}” (adres {adres}). Jeśli to Wasza "
                      "organizacja, wybierz wyżej „Poprawić istniejący wpis”."),
    }


def _number_messages(words: _Wording, gazetteer: Gazetteer, today: date, locality: str
                     ) -> dict[str, str]:
    at = "adres.wspolrzedne.szerokosc"
    out = {}
    for name, value in (("number_range", 60.0), ("number_format", "abc")):
        entry = sample_entry(today, locality, _postal(gazetteer, locality))
        _set(entry, at, value)
        out[name] = words.adapt(python_message(entry, at, gazetteer, today))
    entry = sample_entry(today, locality, _postal(gazetteer, locality))
    entry["adres"]["wspolrzedne"] = {"szerokosc": 21.8825, "dlugosc": 53.9431}
    out["number_swapped"] = words.adapt(
        python_message(entry, "adres.wspolrzedne", gazetteer, today)
    ).replace("21.8825", "{szerokosc}").replace("53.9431", "{dlugosc}")
    return out


def _list_messages(words: _Wording, fields: list[FormField], gazetteer: Gazetteer,
                   today: date, locality: str) -> dict[str, str]:
    target = next(f for f in fields if f.max_items)
    entry = sample_entry(today, locality, _postal(gazetteer, locality))
    choices = [c.value for c in target.choices] or [f"https://example.pl/{i}" for i in range(99)]
    _set(entry, target.key, choices[: target.max_items + 1])
    message = python_message(entry, target.key, gazetteer, today)
    return {"too_many": words.adapt(message).replace(str(target.max_items), "{najwiecej}")}


def _placeholder(message: str, value: str) -> str:
    """The message with the typed value (quoted „…” where the build quotes it) as {wartosc}."""
    quoted = f"„{value}”"
    if quoted in message:
        return message.replace(quoted, f"„{VALUE}”")
    return message.replace(value, VALUE)


def _slug_message() -> str:
    bad = "Zła Nazwa"
    problem = check_slug("ngos/x.yml", bad)
    assert problem is not None and not SLUG_PATTERN.fullmatch(bad)
    return problem.message.replace(bad, VALUE).replace(suggest_slug(bad), SUGGESTION)


def _postal(gazetteer: Gazetteer, locality: str) -> str:
    # Any well-formed code: the rules shown with it are not about the code.
    return gazetteer.by_name()[locality].postal_code or "00-000"


def _set(entry: dict[str, Any], key: str, value: Any) -> None:
    *parents, last = key.split(".")
    target = entry
    for part in parents:
        target = target.setdefault(part, {})
    if value is None:
        target.pop(last, None)
    else:
        target[last] = value


class _Wording:
    """The build speaks YAML (``opp: false``, "w cudzysłowie"); the form speaks of its fields."""

    def __init__(self, fields: Iterable[FormField], blocks: Iterable[Group]):
        self.labels: dict[str, str] = {f.key: f.label for f in fields}
        self.labels.update({g.key: g.label for g in blocks})
        self.values: dict[str, dict[str, str]] = {
            f.key: {c.value: c.label for c in f.choices} for f in fields}
        self.values.update({"opp": {"true": "tak", "false": "nie"}})
        keys = sorted(self.labels, key=len, reverse=True)
        self.pattern = re.compile(
            r"(?<![\w.])(" + "|".join(re.escape(k) for k in keys) + r")(?![\w.])(: (\S+))?")

    def adapt(self, message: str) -> str:
        message = re.sub(r", (?:w|bez) cudzysłow(?:ie|u)(?=[,:])", "", message)
        message = re.sub(r" w cudzysłowie(?= )", "", message)
        message = re.sub(r'"([^"]*)"', "„\\1”", message)
        return self.pattern.sub(self._label, message)

    def _label(self, match: re.Match[str]) -> str:
        key, with_value, value = match.group(1), match.group(2), match.group(3)
        plain = ("_" not in key and "." not in key)
        if plain and not with_value:
            return match.group(0)  # an ordinary word such as "adres", not a key
        label = f"„{self.labels[key]}”"
        if not with_value:
            return label
        trailing = value[-1] if value[-1] in ",;." else ""
        bare = value.rstrip(",;.")
        shown = self.values.get(key, {}).get(bare)
        return f"{label}: {shown}{trailing}" if shown else f"{label}: {value}"

