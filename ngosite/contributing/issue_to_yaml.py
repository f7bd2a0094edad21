"""Turn an issue written with the issue form into ``ngos/<slug>.yml``, checked like the build.

GitHub renders an issue form as Markdown sections, ``### <label>`` followed by the answer
(``_No response_`` when left empty; a multiple choice as ``a, b``; a ``render: yaml`` field in a
code fence). The answers are mapped back to the entry's keys by the labels of the same field
list the form was generated from, written with
:func:`~ngosite.contributing.entry_yaml.dump_entry` and validated by the build's own rules.
Problems point at the line of the issue's answer, with the build's Polish messages.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ngosite.core.folding import fold
from ngosite.core.problems import Problem, Severity
from ngosite.core.validate import validate_document
from ngosite.core.yaml_source import read_yaml
from ngosite.geo.gazetteer import Gazetteer
from ngosite.organisations.model import Organisation
from ngosite.organisations.rules import check_entry, check_locality, check_slug, suggest_slug

from .entry_fields import FormField
from .entry_yaml import SCHEMA_COMMENT, dump_entry
from .issue_form import NO, NOTES_ID, SLUG_ID, YAML_ID, YES, IssueField, issue_fields

NO_RESPONSE = "_No response_"
_FENCE = re.compile(r"^```[\w-]*\n(.*?)\n?```$", re.DOTALL)


@dataclass
class Answer:
    value: str
    line: int  # of the "### label" heading in the issue


@dataclass
class Conversion:
    """The outcome: the slug, the file's text (None when it could not be made) and problems."""

    slug: str
    text: str | None
    problems: list[Problem] = field(default_factory=list)
    from_file: bool = False

    @property
    def ok(self) -> bool:
        return self.text is not None and not any(
            p.severity is Severity.ERROR for p in self.problems)


def parse_sections(body: str) -> dict[str, Answer]:
    """``{"Label": Answer(value, line)}`` for every ``### Label`` section of the issue."""
    sections: dict[str, Answer] = {}
    current: str | None = None
    lines: list[str] = []
    start = 0

    def close() -> None:
        if current is not None:
            value = "\n".join(lines).strip()
            fenced = _FENCE.match(value)
            if fenced:
                value = fenced.group(1).strip("\n")
            sections[current] = Answer("" if value == NO_RESPONSE else value, start)

    for number, line in enumerate(body.replace("\r\n", "\n").split("\n"), start=1):
        if line.startswith("### "):
            close()
            current, lines, start = line[4:].strip(), [], number
        elif current is not None:
            lines.append(line)
    close()
    return sections


def convert(body: str, source: str, gazetteer: Gazetteer, today: date,
            existing: dict[str, Organisation] | None = None) -> Conversion:
    """The issue's entry as YAML, with every problem the build would report."""
    fields = issue_fields(gazetteer)
    answers = _match(parse_sections(body), fields)
    problems: list[Problem] = []
    slug_answer = answers.get(SLUG_ID)
    pasted = answers.get(YAML_ID)
    if pasted and pasted.value.strip():
        text, entry_name = _pasted_file(pasted.value), None
        from_file = True
        ignored = [f.label for f in fields if f.field and answers.get(f.id)
                   and answers[f.id].value]
        if ignored:
            problems.append(Problem(source, pasted.line, 1, "", (
                "zgłoszenie ma gotowy plik wpisu, więc pola " + ", ".join(f"„{x}”" for x in
                                                                     ignored)
                + " pominięto; jeśli różnią się od pliku, popraw plik"), Severity.WARNING))
    else:
        entry = _entry(answers, fields, today)
        text, entry_name, from_file = dump_entry(entry), entry.get("nazwa"), False
    slug = (slug_answer.value.strip() if slug_answer and slug_answer.value.strip() else "")
    if not slug:
        slug = suggest_slug(_name_in(text) or entry_name or "")
    lines = {f.field.key: answers[f.id].line for f in fields if f.field and f.id in answers}
    offset = pasted.line + 2 if from_file and pasted else 0
    problems.extend(_check(text, slug, source, gazetteer, today, existing or {}, lines,
                           offset, from_file))
    return Conversion(slug=slug, text=text, problems=problems, from_file=from_file)


def _match(sections: dict[str, Answer], fields: list[IssueField]) -> dict[str, Answer]:
    """Answers by field id; labels compared without case, Polish letters and "(wymagane)"."""
    def norm(label: str) -> str:
        return fold(label.replace("(wymagane)", "")).strip(" *:")

    by_label = {norm(f.label): f.id for f in fields}
    return {by_label[norm(label)]: answer for label, answer in sections.items()
            if norm(label) in by_label}


def _entry(answers: dict[str, Answer], fields: list[IssueField], today: date) -> dict[str, Any]:
    entry: dict[str, Any] = {}
    for item in fields:
        f = item.field
        answer = answers.get(item.id)
        if f is None or answer is None or item.id == NOTES_ID:
            continue
        value = _value(f, answer.value)
        if value in (None, "", []):
            continue
        target = entry
        for part in f.path[:-1]:
            target = target.setdefault(part, {})
        target[f.path[-1]] = value
    entry.setdefault("zweryfikowano", today.isoformat())
    return entry


def _value(f: FormField, raw: str) -> Any:
    text = raw.strip()
    if not text:
        return None
    if f.kind == "bool":
        return {YES: True, NO: False}.get(fold(text), text)
    if f.kind == "number":
        try:
            return float(text.replace(",", "."))
        except ValueError:
            return text
    if f.kind == "choice":
        return _choice(f, text)
    if f.kind == "choices":
        return [_choice(f, part) for part in _split_choices(f, text)]
    if f.kind == "list":
        return [re.sub(r"^[-*•]\s+", "", line.strip()) for line in text.split("\n")
                if line.strip()]
    return text


def _split_choices(f: FormField, text: str) -> list[str]:
    """GitHub joins a multiple choice with ", "; a label may hold a comma, so match greedily."""
    labels = sorted((c.label for c in f.choices), key=len, reverse=True)
    parts: list[str] = []
    rest = text.replace("\n", ", ")
    while rest:
        rest = rest.lstrip(" ,-*")
        label = next((x for x in labels if rest.startswith(x)
                      and rest[len(x):][:2] in ("", ", ", ",")), None)
        token = label or rest.split(",", 1)[0].strip()
        if not token:
            break
        parts.append(token)
        rest = rest[len(token):]
    return parts


def _choice(f: FormField, text: str) -> str:
    """A label, a value or either typed without Polish letters → the value; else as typed."""
    wanted = fold(text.strip())
    for choice in f.choices:
        if wanted in (fold(choice.label), fold(choice.value)):
            return choice.value
    return text.strip()


def _pasted_file(text: str) -> str:
    text = text.replace("\r\n", "\n").strip("\n") + "\n"
    return text if text.startswith(SCHEMA_COMMENT) else f"{SCHEMA_COMMENT}\n{text}"


def _name_in(text: str) -> str:
    match = re.search(r"^nazwa:\s*\"?(.*?)\"?\s*$", text, re.MULTILINE)
    return match.group(1) if match else ""


def _check(text: str, slug: str, source: str, gazetteer: Gazetteer, today: date,
           existing: dict[str, Organisation], lines: dict[str, int], offset: int,
           from_file: bool) -> list[Problem]:
    name = f"ngos/{slug or 'nowy-wpis'}.yml"
    found: list[Problem] = []
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "wpis.yml"
        path.write_text(text, encoding="utf-8")
        doc = read_yaml(path, name, found)
        if doc is not None:
            org = validate_document(doc, Organisation, found)
            check_locality(doc, gazetteer, found)
            if org is not None:
                check_entry(doc, org, gazetteer, today, found)
                found.extend(_duplicates(org, slug, name, existing))
    bad_slug = check_slug(name, slug) if slug else Problem(
        name, 1, 1, SLUG_ID, "brak adresu strony i nazwy organizacji, z której można go "
        "utworzyć; wpisz adres strony")
    if bad_slug:
        found.append(bad_slug)
    return [_located(p, source, lines, offset, from_file) for p in found]


def _duplicates(org: Organisation, slug: str, name: str,
                existing: dict[str, Organisation]) -> list[Problem]:
    out = []
    for other_slug, other in existing.items():
        if other_slug == slug:
            continue
        for key in ("krs", "nip", "regon"):
            value = getattr(org.identifiers, key)
            if value and value == getattr(other.identifiers, key):
                out.append(Problem(name, 1, 1, f"identyfikatory.{key}", (
                    f"numer {key.upper()} {value} jest już we wpisie ngos/{other_slug}.yml; "
                    "jeśli to ta sama organizacja, wpisz w zgłoszeniu adres strony "
                    f"„{other_slug}”, aby zmienić istniejący wpis")))
    return out


def _located(problem: Problem, source: str, lines: dict[str, int], offset: int,
             from_file: bool) -> Problem:
    """The problem at the issue's answer (or the line of the pasted file) it comes from."""
    if from_file:
        line = offset + max(problem.line - 2, 0) if problem.line > 1 else offset or 1
        return Problem(source, line, problem.column, problem.key, problem.message,
                       problem.severity)
    key = re.sub(r"\[\d+\]", "", problem.key)
    while key and key not in lines:
        key = key.rpartition(".")[0]
    line = lines.get(key, 1)
    return Problem(source, line, 1, problem.key, problem.message, problem.severity)
