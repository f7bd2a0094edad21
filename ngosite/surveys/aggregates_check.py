"""Read ``wyniki.yml`` and refuse what must not reach the site.

The file is written by a program, but it lives in a public repository where anyone can
propose a change: the build checks it against its questionnaire and the gmina's thresholds
before a page sees a number. Every problem is located and in Polish:

- its shape matches ``badanie.yml`` (every question, answer, breakdown and group; a
  questionnaire changed after publication needs the results published again);
- no shown count is small (1 to ``ukryj_liczby_do``), no answer of a group under
  ``min_grupa`` is shown, and the file's thresholds are not milder than the gmina's;
- every table adds up, and no hidden number can be computed exactly from the lines of the
  tables (the fast linear check; the full attacker's audit is ``ngosite surveys audit``);
- approved open answers carry no contact data.
"""

from __future__ import annotations

from pathlib import Path

from ngosite.core.problems import Problem, Severity
from ngosite.core.validate import problem_at
from ngosite.core.yaml_document import KeyPath, SourceDocument
from ngosite.settings.surveys import SurveySettings

from .aggregates import HIDDEN, PublishedResults, PublishedWave
from .design import Key, WaveDesign, size_key
from .disclosure import TOTAL, answer_is_public, computable
from .model import Survey
from .personal_data import personal_data_in
from .source import read_model_file

REPUBLISH = ("opublikuj wyniki ponownie poleceniem „ngosite surveys publish” "
             "(docs/jak-opublikowac-badanie.md)")


def read_published(path: Path, name: str, survey: Survey, settings: SurveySettings,
                   problems: list[Problem]) -> PublishedWave | None:
    """The checked results, or None with every problem added."""
    found = read_model_file(path, name, PublishedResults, problems)
    if found is None:
        return None
    doc, results = found
    design = WaveDesign.of(survey)
    before = len(problems)
    numbers = shape_of(doc, design, results, problems)
    if numbers is None:
        return None
    values, hidden, paths = numbers
    _check_thresholds(doc, results, settings, problems)
    k = max(results.protection.hide_up_to, settings.hide_up_to)
    m = max(results.protection.group_minimum, settings.group_minimum)
    if results.tables or results.sizes:
        _check_small(doc, design, values, hidden, paths, k, m, problems)
        _check_sums(doc, design, values, hidden, paths, problems)
    elif results.n >= m:
        problems.append(problem_at(doc, ("liczba_osob",), f"odpowiedzi jest {results.n}, a plik "
                                   f"nie ma żadnych tabel; {REPUBLISH}"))
    _check_open(doc, survey, results, problems)
    if any(p.severity is Severity.ERROR for p in problems[before:]):
        return None
    return PublishedWave(results.n, values, frozenset(hidden), dict(results.open),
                         results.protection)


Numbers = tuple[dict[Key, int], set[Key], dict[Key, KeyPath]]


def shape_of(doc: SourceDocument, design: WaveDesign, results: PublishedResults,
             problems: list[Problem]) -> Numbers | None:
    """Every number by key, with where it stands in the file; None when the file's shape
    does not match the questionnaire."""
    values: dict[Key, int] = {size_key(None): results.n}
    hidden: set[Key] = set()
    paths: dict[Key, KeyPath] = {size_key(None): ("liczba_osob",)}
    before = len(problems)

    def take(key: Key, value: int | str, path: KeyPath) -> None:
        paths[key] = path
        if value == HIDDEN:
            hidden.add(key)
        else:
            values[key] = int(value)

    if not results.tables and not results.sizes:
        return values, hidden, paths  # a wave too small to publish any figure
    if _same(doc, ("liczebnosci",), len(design.groupings), len(results.sizes), "przekrojów",
             problems):
        for b, (grouping, sizes) in enumerate(zip(design.groupings, results.sizes,
                                                  strict=True)):
            if _keys(doc, ("liczebnosci", b), grouping.labels, sizes, "grup", problems):
                for label in grouping.labels:
                    take(size_key(b, label), sizes[label], ("liczebnosci", b, label))
    if _keys(doc, ("tabele",), [u.id for u in design.units], results.tables, "tabel",
             problems):
        for unit in design.units:
            tables = results.tables[unit.id]
            where: KeyPath = ("tabele", unit.id)
            if _keys(doc, (*where, "wszyscy"), unit.categories, tables.overall, "odpowiedzi",
                     problems):
                for c in unit.categories:
                    take(unit.key(None, TOTAL, c), tables.overall[c], (*where, "wszyscy", c))
            if not _same(doc, (*where, "przekroje"), len(design.groupings),
                         len(tables.breakdowns), "przekrojów", problems):
                continue
            for b, grouping in enumerate(design.groupings):
                rows = tables.breakdowns[b]
                if not _keys(doc, (*where, "przekroje", b), grouping.labels, rows, "grup",
                             problems):
                    continue
                for label in grouping.labels:
                    path = (*where, "przekroje", b, label)
                    if _keys(doc, path, unit.categories, rows[label], "odpowiedzi", problems):
                        for c in unit.categories:
                            take(unit.key(b, label, c), rows[label][c], (*path, c))
    if len(problems) > before:
        return None
    return values, hidden, paths


def _same(doc: SourceDocument, path: KeyPath, wanted: int, found: int, what: str,
          problems: list[Problem]) -> bool:
    if wanted == found:
        return True
    problems.append(problem_at(doc, path, f"plik ma {found} {what}, a badanie.yml opisuje "
                               f"{wanted}: wyniki nie pasują do kwestionariusza; {REPUBLISH}"))
    return False


def _keys(doc: SourceDocument, path: KeyPath, wanted: list[str] | tuple[str, ...],
          found: dict, what: str, problems: list[Problem]) -> bool:
    missing = [k for k in wanted if k not in found]
    extra = [k for k in found if k not in wanted]
    if not missing and not extra:
        return True
    parts = []
    if missing:
        parts.append(f"brak {what}: {', '.join(missing)}")
    if extra:
        parts.append(f"nieznane w badanie.yml: {', '.join(extra)}")
    problems.append(problem_at(doc, path, f"{'; '.join(parts)} — wyniki nie pasują do "
                               f"kwestionariusza; {REPUBLISH}"))
    return False


def _check_thresholds(doc: SourceDocument, results: PublishedResults,
                      settings: SurveySettings, problems: list[Problem]) -> None:
    note = results.protection
    for field, used, wanted in (("ukryj_liczby_do", note.hide_up_to, settings.hide_up_to),
                                ("min_grupa", note.group_minimum, settings.group_minimum)):
        if used < wanted:
            problems.append(problem_at(
                doc, ("ochrona", field), f"wyniki chroniono progiem {used}, a gmina wymaga "
                f"{wanted} (data/gmina.yml, badania.{field}); {REPUBLISH}"))


def _check_small(doc: SourceDocument, design: WaveDesign, values: dict[Key, int],
                 hidden: set[Key], paths: dict[Key, KeyPath], k: int, m: int,
                 problems: list[Problem]) -> None:
    for key, value in values.items():
        if 1 <= value <= k:
            problems.append(problem_at(doc, paths[key], f"liczba {value} jest mała (od 1 do "
                                       f"{k}) i musi być ukryta; {REPUBLISH}"))
    for b, grouping in enumerate(design.groupings):
        for label in grouping.labels:
            size = size_key(b, label)
            small = size in hidden or 0 < values[size] < m
            if not small:
                continue
            for unit in design.units:
                for c in unit.categories:
                    key = unit.key(b, label, c)
                    overall = values.get(unit.key(None, TOTAL, c), 1)
                    public = answer_is_public(overall, values[size_key(None)])
                    if key not in hidden and not public and values[key] > 0:
                        problems.append(problem_at(
                            doc, paths[key], f"grupa „{label}” liczy mniej niż {m} osób, "
                            f"więc jej odpowiedzi muszą być ukryte; {REPUBLISH}"))


def _check_sums(doc: SourceDocument, design: WaveDesign, values: dict[Key, int],
                hidden: set[Key], paths: dict[Key, KeyPath], problems: list[Problem]) -> None:
    tables = design.tables()
    reported: set[Key] = set()
    for table in tables:
        for line in table.lines():
            if any(key in hidden for key, _ in line):
                continue
            total = sum(values[key] * c for key, c in line)
            key = next(key for key, c in line if c < 0)
            if total and key not in reported:
                reported.add(key)
                problems.append(problem_at(doc, paths[key], "ta suma nie zgadza się z "
                                           f"liczbami, które sumuje (różnica {-total:+d}); plik "
                                           f"poprawiano ręcznie? {REPUBLISH}"))
    exposed = computable({}, tables, hidden)
    for key in exposed[:20]:
        problems.append(problem_at(doc, paths[key], "tę ukrytą liczbę można obliczyć z "
                                   f"opublikowanych sum; {REPUBLISH}"))


def _check_open(doc: SourceDocument, survey: Survey, results: PublishedResults,
                problems: list[Problem]) -> None:
    open_ids = {q.id for q in survey.questions if q.kind == "otwarte"}
    for qid, answers in results.open.items():
        if qid not in open_ids:
            problems.append(problem_at(doc, ("otwarte", qid), f"„{qid}” nie jest pytaniem "
                                       f"otwartym w badanie.yml; {REPUBLISH}", key=True))
            continue
        for i, text in enumerate(answers.published):
            found = personal_data_in(text)
            if found:
                problems.append(problem_at(
                    doc, ("otwarte", qid, "opublikowane", i), f"odpowiedź zawiera "
                    f"{' i '.join(found)}; usuń ją z pliku przeglądu (publikuj: false) i "
                    f"{REPUBLISH}"))
