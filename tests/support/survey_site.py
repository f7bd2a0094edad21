"""Read a built site the way a resident (or someone trying to unmask one) would: the tables,
charts and sentences of the survey pages, the downloads, and the truth counted straight from
the respondents' files (kept outside the project, as the office keeps them), with no code of
``ngosite.surveys``.

Used by the disclosure test (``tests/surveys/test_disclosure_site.py``). The truth is counted
here on purpose with ``csv`` and ``yaml`` alone, so the test and the package cannot share a
mistake.
"""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import yaml

TOTAL = "wszyscy"
NOT_GIVEN = "nie podano"
MISSING = "brak"


def build(project: Path, site: Path) -> Path:
    """``mkdocs build --strict`` of ``project`` into ``site``; raises with the log on failure."""
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
        cwd=project, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True,
        text=True, timeout=600, check=False)
    if result.returncode:
        raise AssertionError(f"build of {project} failed:\n{result.stdout}\n{result.stderr}")
    return site


# --------------------------------------------------------------------------- the truth


@dataclass
class Wave:
    """One wave counted from its files: ``cells[(unit, var, group, cat)]`` and
    ``sizes[(var, group)]``; ``var`` None and ``group`` TOTAL for the whole sample. A unit is
    a question id, or ``qid:option`` for an option of a multiple choice (categories tak/nie,
    "nie" including no answer)."""

    slug: str
    description: dict
    n: int
    cells: dict[tuple, int] = field(default_factory=dict)
    sizes: dict[tuple, int] = field(default_factory=dict)
    units: dict[str, tuple[str, ...]] = field(default_factory=dict)  # unit → categories
    groups: dict[str, tuple[str, ...]] = field(default_factory=dict)  # var → groups in use

    @property
    def study(self) -> str | None:
        return (self.description.get("fala") or {}).get("badanie")


def _group_of(breakdown: dict, value: str) -> str:
    for group in breakdown["grupy"]:
        if value in group["wartosci"]:
            return group["etykieta"]
    return NOT_GIVEN


def count_wave(folder: Path, answers: str) -> Wave:
    """The truth of the survey in ``folder`` from its respondents' file's text."""
    description = yaml.safe_load((folder / "badanie.yml").read_text(encoding="utf-8"))
    text = answers.removeprefix("\ufeff")
    delimiter = ";" if text.split("\n", 1)[0].count(";") > text.split("\n", 1)[0].count(",") \
        else ","
    rows = [r for r in csv.DictReader(io.StringIO(text), delimiter=delimiter)
            if any((v or "").strip() for v in r.values())]
    wave = Wave(folder.name, description, len(rows))
    membership = {b["zmienna"]: [_group_of(b, r[b["zmienna"]].strip()) for r in rows]
                  for b in description.get("przekroje", [])}
    for var, groups in membership.items():
        sizes = Counter(groups)
        wave.groups[var] = tuple(g for g in [*(x["etykieta"] for x in next(
            b for b in description["przekroje"] if b["zmienna"] == var)["grupy"]), NOT_GIVEN]
            if sizes[g])
        for group in wave.groups[var]:
            wave.sizes[var, group] = sizes[group]
    for question in description["pytania"]:
        for unit, categories, answers in _units(question, rows):
            wave.units[unit] = categories
            for category in categories:
                wave.cells[unit, None, TOTAL, category] = answers.count(category)
            for var, groups in membership.items():
                joint = Counter(zip(groups, answers, strict=True))
                for group in wave.groups[var]:
                    for category in categories:
                        wave.cells[unit, var, group, category] = joint[group, category]
    return wave


def _codes(question: dict) -> list[str]:
    if question["rodzaj"] == "skala":
        return [str(v) for v in range(question["skala"]["od"], question["skala"]["do"] + 1)]
    return [o.get("kod") or o.get("organizacja") for o in question.get("odpowiedzi", [])]


def _units(question: dict, rows: list[dict]):
    qid, kind = question["id"], question["rodzaj"]
    cells = [(r[qid] or "").strip() for r in rows]
    if kind == "otwarte":
        return
    if kind == "wielokrotny":
        for code in _codes(question):
            yield (f"{qid}:{code}", ("tak", "nie"),
                   ["tak" if code in c.split("|") else "nie" for c in cells])
        return
    yield qid, (*_codes(question), MISSING), [c or MISSING for c in cells]


def labels(question: dict, names: dict[str, str]) -> dict[str, str]:
    """Category code → the label pages print (as residents read it)."""
    if question["rodzaj"] == "skala":
        scale = question["skala"]
        ends = {str(scale["od"]): scale["etykieta_od"], str(scale["do"]): scale["etykieta_do"]}
        found = {c: f"{c} – {ends[c]}" if c in ends else c for c in _codes(question)}
    else:
        found = {o.get("kod") or o["organizacja"]:
                 o.get("etykieta") or names.get(o.get("organizacja"), o.get("organizacja"))
                 for o in question.get("odpowiedzi", [])}
    return {**found, MISSING: "brak odpowiedzi"}


# --------------------------------------------------------------------------- the pages


@dataclass
class Table:
    caption: str
    head: list[str]
    rows: list[list[str]]


@dataclass
class Chart:
    ident: str
    title: str
    texts: list[str]
    rects: int


@dataclass
class Section:
    ident: str
    tables: list[Table] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    text: list[str] = field(default_factory=list)


class _Reader(HTMLParser):
    """Sections (by ``h2`` id) with their tables, inline SVG charts and paragraphs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sections = [Section("")]
        self._text: list[str] | None = None
        self._table: Table | None = None
        self._row: list[str] | None = None
        self._chart: Chart | None = None
        self._in_title = False
        self._paragraph: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "h2" and attrs.get("id"):
            self.sections.append(Section(attrs["id"]))
        elif tag == "table":
            self._table = Table("", [], [])
        elif tag == "tr" and self._table is not None:
            self._row = []
        elif tag in ("th", "td", "caption", "text", "title") and \
                (self._table is not None or self._chart is not None):
            self._text = []
        elif tag == "svg":
            self._chart = Chart(attrs.get("id", "") or attrs.get("aria-labelledby", ""), "",
                                [], 0)
        elif tag == "rect" and self._chart is not None:
            self._chart.rects += 1
        elif tag == "tspan" and self._text is not None:
            self._text.append(" ")  # a label's next line
        elif tag in ("p", "li") and self._table is None and self._chart is None:
            self._paragraph = []

    def handle_data(self, data):
        if self._text is not None:
            self._text.append(data)
        if self._paragraph is not None:
            self._paragraph.append(data)

    def handle_endtag(self, tag):
        section = self.sections[-1]
        text = " ".join("".join(self._text or []).split())
        if tag == "caption" and self._table is not None:
            self._table.caption = text
        elif tag in ("th", "td") and self._row is not None:
            self._row.append(text)
        elif tag == "tr" and self._table is not None and self._row is not None:
            (self._table.rows if self._table.head else self._table.head).extend(
                [self._row] if self._table.head else self._row)
            self._row = None
        elif tag == "table" and self._table is not None:
            section.tables.append(self._table)
            self._table = None
        elif tag == "title" and self._chart is not None:
            self._chart.title = text
        elif tag == "text" and self._chart is not None:
            self._chart.texts.append(text)
        elif tag == "svg" and self._chart is not None:
            section.charts.append(self._chart)
            self._chart = None
        elif tag in ("p", "li") and self._paragraph is not None:
            section.text.append(" ".join("".join(self._paragraph).split()))
            self._paragraph = None
        if tag in ("th", "td", "caption", "text", "title"):
            self._text = None


def read_page(path: Path) -> list[Section]:
    reader = _Reader()
    reader.feed(path.read_text(encoding="utf-8"))
    return reader.sections
