"""Disclosure, proved on built sites: no hidden count appears on any page, chart or file, and
none can be computed from what is published — across every linked table of a wave at once.

Two sites are built: the sample project, and an engineered one (``support.survey_project``:
a place of 7 respondents, answers given by 1–4 people, an NGO known by a handful). For each,
the truth is counted with ``csv`` alone (``support.survey_site``) from the respondents' files,
which are not in the project (the sample's are made again by its generator), and what is
published is read back from the built files: ``wyniki.json`` (and ``wyniki.csv``, which must
say the same), every table and inline SVG chart of the wave pages, the comparison page, the
summary, every NGO report and every NGO page's effectiveness section. Then:

1. every published number is true, and every sensitive cell (a count of 1–4, or an answer of
   a group under 10 that someone gave) is published nowhere;
2. each page, chart and file shows a cell exactly when ``wyniki.json`` does, with the same
   number — so the checks below see everything any artefact publishes;
3. with every published count and group size as known values and every table line of the wave
   as equations, exact rational elimination (``support.disclosure_check``) fixes no hidden
   or sensitive cell;
4. no respondent-level file is built, and the project holds none.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from support.disclosure_check import fixed_unknowns
from support.projects import ROOT
from support.sample_site import shared_sample_site
from support.survey_project import answers_dir, sample_answers, survey_project
from support.survey_site import MISSING, TOTAL, Wave, build, count_wave, labels, read_page

pytestmark = pytest.mark.e2e
HIDE_UP_TO, GROUP_MINIMUM = 4, 10
HIDDEN_BAR = "ukryto (mała liczba)"


@dataclass
class Built:
    project: Path
    site: Path
    waves: dict[str, Wave]
    names: dict[str, str]  # NGO slug → name
    published: dict[str, dict[tuple, int | None]]  # wave → key → count (None: "ukryto")
    scanned: dict[str, int]


@pytest.fixture(scope="module", params=["sample", "engineered"])
def built(request, tmp_path_factory) -> Built:
    if request.param == "sample":
        project = ROOT
        answers = sample_answers()
        site = shared_sample_site(tmp_path_factory)  # built once per run for every test file
    else:
        project = survey_project(tmp_path_factory.mktemp("project"), site=True)
        answers = {p.stem: p.read_text(encoding="utf-8")
                   for p in answers_dir(project).glob("*.csv")}
        site = build(project, tmp_path_factory.mktemp("site"))
    waves = {p.name: count_wave(p, answers[p.name])
             for p in sorted((project / "badania").iterdir())}
    names = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8"))["nazwa"]
             for p in (project / "ngos").glob("*.yml")}
    result = Built(project, site, waves, names, {}, {"json": 0, "csv": 0, "html": 0,
                                                       "charts": 0, "tables": 0})
    for slug, wave in waves.items():
        result.published[slug] = _read_results(result, wave)
    return result


def _question(wave: Wave, qid: str) -> dict:
    return next(q for q in wave.description["pytania"] if q["id"] == qid)


def _variable(wave: Wave, title: str) -> str | None:
    return next((b["zmienna"] for b in wave.description.get("przekroje", [])
                 if b["tytul"] == title), None)


def _read_results(built: Built, wave: Wave) -> dict[tuple, int | None]:
    """``wyniki.json`` as keys of the truth; ``wyniki.csv`` must hold the same rows."""
    folder = built.site / "badania" / wave.slug
    data = json.loads((folder / "wyniki.json").read_text(encoding="utf-8"))
    text = (folder / "wyniki.csv").read_text(encoding="utf-8")
    assert text.startswith("\ufeff")
    table = list(csv.reader(io.StringIO(text[1:]), delimiter=";"))
    assert table[1:] == [list(row.values()) for row in data["wyniki"]]
    built.scanned["json"] += 1
    built.scanned["csv"] += 1
    found: dict[tuple, int | None] = {}
    for row in data["wyniki"]:
        question = _question(wave, row["pytanie"])
        var = _variable(wave, row["przekroj"]) if row["przekroj"] else None
        group = TOTAL if var is None else row["grupa"]
        if question["rodzaj"] == "wielokrotny":
            unit, category = f"{question['id']}:{row['odpowiedz']}", "tak"
        else:
            by_label = {v: k for k, v in labels(question, built.names).items()}
            unit, category = question["id"], by_label[row["odpowiedz"]]
        count = None if row["liczba_osob"] == "ukryto" else int(row["liczba_osob"])
        found[unit, var, group, category] = count
        if var is not None:
            found["size", var, group] = int(row["podstawa"])
    return found


def _sensitive(wave: Wave) -> set[tuple]:
    """Counts of 1–4 (group sizes too), and every answer of a group under 10 that some but not
    all of the wave gave (nobody: 0 in every group; everybody: the group's size — public)."""
    small = {(var, group) for (var, group), size in wave.sizes.items() if size < GROUP_MINIMUM}
    cells = {k for k, v in wave.cells.items()
             if 1 <= v <= HIDE_UP_TO or ((k[1], k[2]) in small
                                         and 0 < wave.cells[k[0], None, TOTAL, k[3]] < wave.n)}
    return cells | {("size", var, group) for (var, group), size in wave.sizes.items()
                    if 1 <= size <= HIDE_UP_TO}


def _truth(wave: Wave, key: tuple) -> int:
    return wave.sizes[key[1], key[2]] if key[0] == "size" else wave.cells[key]


def test_every_published_number_is_true_and_no_sensitive_cell_is_published(built):
    sensitive_seen = 0
    for slug, wave in built.waves.items():
        published = built.published[slug]
        for key, value in published.items():
            if value is not None:
                assert value == _truth(wave, key), (slug, key)
        for key in _sensitive(wave):
            sensitive_seen += 1
            assert published.get(key) is None, (slug, key, _truth(wave, key))
    assert sensitive_seen > 20  # the check had something to find


def _equations(wave: Wave) -> list[list[tuple[tuple, int]]]:
    """Every line of every published table of the wave; n is known, so it is left out."""
    lines = []
    for unit, categories in wave.units.items():
        lines.append([((unit, None, TOTAL, c), 1) for c in categories])
        for var, groups in wave.groups.items():
            for group in groups:
                lines.append([*(((unit, var, group, c), 1) for c in categories),
                              (("size", var, group), -1)])
            for c in categories:
                lines.append([*(((unit, var, g, c), 1) for g in groups),
                              ((unit, None, TOTAL, c), -1)])
    for var, groups in wave.groups.items():
        lines.append([(("size", var, g), 1) for g in groups])
    return lines


def test_no_hidden_count_can_be_computed_from_all_linked_tables_at_once(built):
    for slug, wave in built.waves.items():
        published = built.published[slug]
        known = {k for k, v in published.items() if v is not None}
        everything = set(wave.cells) | {("size", v, g) for v, g in wave.sizes}
        unknown = everything - known
        protected = {k for k, v in published.items() if v is None} | _sensitive(wave)
        fixed = fixed_unknowns(_equations(wave), unknown)
        assert not fixed & protected, (slug, sorted(fixed & protected, key=repr)[:5])
        assert protected & unknown  # there were hidden cells to protect


def _cell_text(value: int | None, base: int) -> str:
    return "ukryto" if value is None else f"{_percent(value, base)}% ({value})"


def _percent(value: int, base: int) -> int:
    return int(100 * value / base + 0.5 + 1e-9)


def _share(value: int | None, base: int) -> str:
    return "ukryto" if value is None else f"{_percent(value, base)}%"


def _decimal(value: int, base: int) -> str:
    return f"{int(1000 * value / base + 0.5 + 1e-9) / 10:.1f}".replace(".", ",") + "%"


def _pair(one: int | None, n1: int, two: int | None, n2: int) -> list[str]:
    """Both shares as a comparison prints them: whole percent, or one decimal when whole
    percents would disagree with the rounded change ("22% → 22%, +1 pkt")."""
    if one is None or two is None:
        return [_share(one, n1), _share(two, n2)]
    change = 100 * (two / n2 - one / n1)
    rounded = int(abs(change) + 0.5 + 1e-9) * (1 if change >= 0 else -1)
    if _percent(two, n2) - _percent(one, n1) == rounded:
        return [_share(one, n1), _share(two, n2)]
    return [_decimal(one, n1), _decimal(two, n2)]


def _check_question_section(built: Built, wave: Wave, section, question: dict) -> None:
    published = built.published[wave.slug]
    names = labels(question, built.names)
    multi = question["rodzaj"] == "wielokrotny"
    codes = [c for c in names if c != MISSING] if multi else list(names)
    key = (lambda c, var=None, group=TOTAL: (f"{question['id']}:{c}", var, group, "tak")) \
        if multi else (lambda c, var=None, group=TOTAL: (question["id"], var, group, c))
    overall, *breakdowns = section.tables
    assert [r[0] for r in overall.rows] == [names[c] for c in codes]
    for row, code in zip(overall.rows, codes, strict=True):
        value = published[key(code)]
        assert row[1:3] == (["ukryto", "ukryto"] if value is None
                            else [str(value), _share(value, wave.n)]), (wave.slug, row)
    chart = section.charts[0]
    assert chart.title.startswith(question["tresc"])
    expected = [t for c in codes for t in (names[c], _share(published[key(c)], wave.n)
                                           .replace("ukryto", HIDDEN_BAR))]
    assert chart.texts == expected
    assert chart.rects == sum(published[key(c)] is not None for c in codes)
    built.scanned["charts"] += 1
    for table in breakdowns:
        var = _variable(wave, table.caption.rsplit(" — ", 1)[1])
        assert table.head[1:] == [names[c] for c in codes]
        for row in table.rows:
            group, size = re.fullmatch(r"(.*) \(n = (\d+)\)", row[0]).groups()
            assert published["size", var, group] == int(size)
            assert row[1:] == [_cell_text(published[key(c, var, group)], int(size))
                               for c in codes], (wave.slug, question["id"], group)
        shown = {re.sub(r" \(n = \d+\)$", "", r[0]) for r in table.rows}
        for group in (g for g in wave.groups[var] if g not in shown):
            # A group too small to show: its answers hidden, but for those nobody gave.
            assert all(published.get(key(c, var, group)) is None
                       or published[key(c, var, group)] == published[key(c)] == 0
                       for c in codes)
    built.scanned["tables"] += len(section.tables)


def test_wave_pages_and_charts_show_exactly_what_the_files_publish(built):
    for slug, wave in built.waves.items():
        path = built.site / "badania" / slug / "index.html"
        html = path.read_text(encoding="utf-8")
        sections = {s.ident: s for s in read_page(path)}
        built.scanned["html"] += 1
        for question in wave.description["pytania"]:
            if question["rodzaj"] == "otwarte":
                continue
            _check_question_section(built, wave, sections[question["id"]], question)
        for match in re.finditer(r'<svg [^>]*role="img" aria-labelledby="([^" ]+) ([^"]+)"',
                                 html):
            assert f'<title id="{match.group(1)}">' in html
            assert f'<desc id="{match.group(2)}">' in html
        assert html.count('role="img"') == sum(1 for q in wave.description["pytania"]
                                               if q["rodzaj"] != "otwarte")


def _pairs(built: Built) -> list[tuple[Wave, Wave]]:
    studies: dict[str, list[Wave]] = {}
    for wave in built.waves.values():
        if wave.study:
            studies.setdefault(wave.study, []).append(wave)
    return [tuple(sorted(w, key=lambda x: x.description["fala"]["numer"]))[::len(w) - 1]
            for w in studies.values() if len(w) > 1]


def test_comparison_and_summary_show_the_same_cells(built):
    for earlier, later in _pairs(built):
        study = later.study
        path = built.site / "badania" / "porownanie" / study / "index.html"
        built.scanned["html"] += 1
        for section in read_page(path)[1:]:
            question = _question(later, section.ident)
            names = labels(question, built.names)
            multi = question["rodzaj"] == "wielokrotny"
            codes = [c for c in names if c != MISSING]
            for row, code in zip(section.tables[0].rows, codes, strict=True):
                key = (f"{question['id']}:{code}", None, TOTAL, "tak") if multi else \
                    (question["id"], None, TOTAL, code)
                assert row[0] == names[code]
                assert row[1:3] == _pair(built.published[earlier.slug][key], earlier.n,
                                         built.published[later.slug][key], later.n)
            values = section.charts[0].texts[1::2]
            assert values == [_share(built.published[w.slug][
                (f"{question['id']}:{c}", None, TOTAL, "tak") if multi else
                (question["id"], None, TOTAL, c)], w.n).replace("ukryto", HIDDEN_BAR)
                for c in codes for w in (earlier, later)]
            built.scanned["charts"] += 1
        summary = read_page(built.site / "badania" / "czy-projekt-zadzialal" / "index.html")
        built.scanned["html"] += 1
        rows = next(s for s in summary if s.tables).tables[0].rows
        for criterion, row in zip(later.description.get("ocena", []), rows, strict=True):
            multi = _question(later, criterion["pytanie"])["rodzaj"] == "wielokrotny"
            key = (f"{criterion['pytanie']}:{criterion['odpowiedz']}", None, TOTAL, "tak") \
                if multi else (criterion["pytanie"], None, TOTAL, criterion["odpowiedz"])
            before, after = built.published[earlier.slug].get(key), \
                built.published[later.slug].get(key)
            if before is None or after is None:
                assert row[1] == "—"
            else:
                assert row[1:3] == _pair(before, earlier.n, after, later.n)


_ROLE_LINE = re.compile(r"(Znajomość organizacji wśród mieszkańców|Udział mieszkańców w "
                        r"działaniach): (\S+) → (\S+);")


def test_ngo_reports_and_ngo_pages_show_the_same_cells(built):
    pages = [*sorted((built.site / "badania" / "skutecznosc").glob("*/index.html")),
             *sorted((built.site / "organizacje").glob("*/index.html"))]
    checked = 0
    for earlier, later in _pairs(built):
        roles = {"Znajomość organizacji wśród mieszkańców": "znajomosc_organizacji",
                 "Udział mieszkańców w działaniach": "udzial_w_dzialaniach"}
        for path in pages:
            slug = path.parent.name
            built.scanned["html"] += 1
            for line in (t for s in read_page(path) for t in s.text):
                match = _ROLE_LINE.search(line)
                if not match:
                    continue
                qid = next(q["id"] for q in later.description["pytania"]
                           if q.get("rola") == roles[match.group(1)])
                key = (f"{qid}:{slug}", None, TOTAL, "tak")
                assert [match.group(2), match.group(3)] == _pair(
                    built.published[earlier.slug][key], earlier.n,
                    built.published[later.slug][key], later.n)
                checked += 1
    assert checked >= 4


def test_no_file_of_the_site_or_the_project_holds_a_row_per_respondent(built):
    assert not sorted((built.site / "badania").glob("*/odpowiedzi*"))
    files = [p for p in (built.project / "badania").rglob("*") if p.is_file()]
    assert {p.name for p in files} <= {"badanie.yml", "wyniki.yml"}, files
    for path in files:
        text = path.read_text(encoding="utf-8")
        # A respondents' file would carry its header line of column codes.
        assert not re.search(r"^wiek[,;]", text, re.MULTILINE), path


def test_the_scan_covered_every_survey_page_and_file(built):
    pages = sorted((built.site / "badania").rglob("index.html"))
    kinds = {p.relative_to(built.site / "badania").parts[0] for p in pages}
    assert kinds >= {"index.html", "porownanie", "czy-projekt-zadzialal", "skutecznosc",
                     *built.waves}
    files = sorted((built.site / "badania").rglob("*.csv")) + \
        sorted((built.site / "badania").rglob("*.json"))
    print(f"\n{built.project.name}: {len(pages)} survey pages, {len(files)} data files; "
          f"scanned {built.scanned}")
