"""Rules of a survey description that look beyond one value: the questionnaire's consistency,
breakdowns that cover their variable, criteria that point at real answers, NGOs that exist,
and waves of one study whose shared questions have not changed.

Each rule appends located Polish problems and never raises.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from ngosite.core.problems import Problem
from ngosite.core.validate import problem_at
from ngosite.core.yaml_source import SourceDocument
from ngosite.fair.rules import KnownNgos

from .design import NOT_GIVEN
from .model import ComparisonGroup, Question, Survey
from .personal_data import personal_column


@dataclass(frozen=True)
class WaveFile:
    """What the cross-wave rule needs of a survey: its address, file, model and source."""

    slug: str
    file: str
    survey: Survey
    doc: SourceDocument


def check_survey(doc: SourceDocument, survey: Survey, ngos: KnownNgos,
                 problems: list[Problem]) -> None:
    if survey.fieldwork.end < survey.fieldwork.start:
        problems.append(problem_at(doc, ("realizacja", "do"), "koniec badania jest przed jego "
                                   "początkiem; sprawdź daty od i do"))
    _check_demographics(doc, survey, problems)
    ids: dict[str, int] = {d.id: -1 for d in survey.demographics}
    for i, question in enumerate(survey.questions):
        where = ("pytania", i)
        if question.id in ids:
            problems.append(problem_at(doc, (*where, "id"), f"kod „{question.id}” ma już inne "
                                       "pytanie albo zmienna metryczki; kody muszą być różne"))
        ids[question.id] = i
        _check_question(doc, where, question, ngos, problems)
    _check_breakdowns(doc, survey, problems)
    _check_criteria(doc, survey, problems)
    _check_evaluation(doc, survey, ngos, problems)


def _check_demographics(doc: SourceDocument, survey: Survey, problems: list[Problem]) -> None:
    for i, demographic in enumerate(survey.demographics):
        if personal_column(demographic.id) or personal_column(demographic.text):
            problems.append(problem_at(
                doc, ("metryczka", i, "id"), f"zmienna „{demographic.id}” wygląda na dane "
                "osobowe; metryczka może zawierać tylko ogólne cechy (grupa wieku, płeć, "
                "miejscowość)"))
        _unique(doc, ("metryczka", i, "wartosci"), [v.code for v in demographic.values],
                problems)


def _unique(doc: SourceDocument, where: tuple[str | int, ...], codes: Sequence[str],
            problems: list[Problem]) -> None:
    seen: set[str] = set()
    for j, code in enumerate(codes):
        if code in seen:
            problems.append(problem_at(doc, (*where, j), f"kod „{code}” powtarza się na liście; "
                                       "każda odpowiedź ma własny kod"))
        seen.add(code)


def _check_question(doc: SourceDocument, where: tuple[str | int, ...], question: Question,
                    ngos: KnownNgos, problems: list[Problem]) -> None:
    choice = question.kind in ("jednokrotny", "wielokrotny")
    if choice and len(question.options) < 2:
        problems.append(problem_at(doc, (*where, "odpowiedzi"), "pytanie wyboru potrzebuje co "
                                   "najmniej dwóch odpowiedzi w polu odpowiedzi"))
    if not choice and question.options:
        problems.append(problem_at(doc, (*where, "odpowiedzi"), "odpowiedzi do wyboru mają tylko "
                                   "pytania jednokrotnego i wielokrotnego wyboru; usuń je albo "
                                   "zmień rodzaj"))
    if (question.kind == "skala") != (question.scale is not None):
        message = ("pytanie ze skalą ocen potrzebuje pola skala (od, do, etykieta_od, "
                   "etykieta_do)" if question.kind == "skala" else
                   "pole skala dotyczy tylko pytań rodzaju skala; usuń je albo zmień rodzaj")
        problems.append(problem_at(doc, (*where, "skala" if question.scale else "rodzaj"),
                                   message))
    if question.role is not None and question.kind != "wielokrotny":
        problems.append(problem_at(doc, (*where, "rola"), "pytanie o organizacje z katalogu "
                                   "musi być wielokrotnego wyboru (rodzaj: wielokrotny)"))
    if question.role is not None and not any(o.organisation for o in question.options):
        problems.append(problem_at(doc, (*where, "odpowiedzi"), "pytanie o organizacje z "
                                   "katalogu potrzebuje odpowiedzi „organizacja: adres”"))
    _unique(doc, (*where, "odpowiedzi"), [o.key for o in question.options], problems)
    for j, option in enumerate(question.options):
        if option.organisation is not None:
            unknown = ngos.unknown(option.organisation)
            if unknown:
                problems.append(problem_at(doc, (*where, "odpowiedzi", j, "organizacja"),
                                           unknown))


def _check_breakdowns(doc: SourceDocument, survey: Survey, problems: list[Problem]) -> None:
    for i, breakdown in enumerate(survey.breakdowns):
        demographic = survey.demographic(breakdown.variable)
        if demographic is None:
            known = ", ".join(d.id for d in survey.demographics) or "brak zmiennych"
            problems.append(problem_at(doc, ("przekroje", i, "zmienna"), f"nie ma zmiennej "
                                       f"„{breakdown.variable}” w metryczce (są: {known})"))
            continue
        codes = [v.code for v in demographic.values]
        placed: dict[str, int] = {}
        labels: set[str] = set()
        for g, group in enumerate(breakdown.groups):
            if group.label in labels or group.label == NOT_GIVEN:
                why = (f"„{NOT_GIVEN}” to nazwa grupy osób, które nie podały odpowiedzi"
                       if group.label == NOT_GIVEN else "jest już taka grupa w tym przekroju")
                problems.append(problem_at(doc, ("przekroje", i, "grupy", g, "etykieta"),
                                           f"etykieta „{group.label}”: {why}; nadaj inną"))
            labels.add(group.label)
            for v, code in enumerate(group.values):
                path = ("przekroje", i, "grupy", g, "wartosci", v)
                if code not in codes:
                    problems.append(problem_at(doc, path, f"zmienna {demographic.id} nie ma "
                                               f"wartości „{code}” (są: {', '.join(codes)})"))
                elif code in placed:
                    problems.append(problem_at(doc, path, f"wartość „{code}” jest już w grupie "
                                               f"„{breakdown.groups[placed[code]].label}”; "
                                               "grupy nie mogą się pokrywać"))
                else:
                    placed[code] = g
        missing = [c for c in codes if c not in placed]
        if missing:
            problems.append(problem_at(doc, ("przekroje", i, "grupy"), "grupy muszą obejmować "
                                       f"wszystkie wartości zmiennej; brakuje: "
                                       f"{', '.join(missing)}"))


def _check_criteria(doc: SourceDocument, survey: Survey, problems: list[Problem]) -> None:
    if survey.criteria and (survey.wave is None or survey.wave.number < 2):
        problems.append(problem_at(doc, ("ocena",), "kryteria oceny porównują fale badania: "
                                   "dopisz je w późniejszej fali (fala.numer 2 lub dalszy)"))
    for i, criterion in enumerate(survey.criteria):
        question = survey.question(criterion.question)
        if question is None or question.kind == "otwarte":
            problems.append(problem_at(doc, ("ocena", i, "pytanie"), f"nie ma pytania "
                                       f"zamkniętego „{criterion.question}” w tym badaniu"))
        elif criterion.answer not in question.codes():
            problems.append(problem_at(doc, ("ocena", i, "odpowiedz"), f"pytanie "
                                       f"{question.id} nie ma odpowiedzi „{criterion.answer}” "
                                       f"(są: {', '.join(question.codes())})"))


def check_waves(waves: Sequence[WaveFile], problems: list[Problem]) -> set[str]:
    """Waves of one study: numbers differ, shared questions unchanged; criteria's questions
    asked in the earlier wave. Returns the slugs of waves with an error."""
    failed: set[str] = set()
    by_study: dict[str, list[WaveFile]] = {}
    for wave in waves:
        if wave.survey.wave is not None:
            by_study.setdefault(wave.survey.wave.study, []).append(wave)
    for members in by_study.values():
        members.sort(key=lambda w: (w.survey.wave.number, w.slug))  # type: ignore[union-attr]
        for earlier, later in pairwise(members):
            before = len(problems)
            _compare(earlier, later, problems)
            if len(problems) > before:
                failed.add(later.slug)
                if earlier.survey.wave.number == later.survey.wave.number:  # type: ignore[union-attr]
                    failed.add(earlier.slug)
    return failed


def _compare(earlier: WaveFile, later: WaveFile, problems: list[Problem]) -> None:
    assert earlier.survey.wave is not None and later.survey.wave is not None
    if earlier.survey.wave.number == later.survey.wave.number:
        # Which of the two is the newcomer is not known (a copied sample, a new survey that
        # reused the series' code): both files say so, each naming the other.
        for one, other in ((earlier, later), (later, earlier)):
            problems.append(problem_at(
                one.doc, ("fala", "numer"), f"fala {one.survey.wave.number} serii "
                f"„{one.survey.wave.study}” jest też w {other.file}; jeśli to nowe badanie, "
                "nadaj mu własny kod serii (fala.badanie), a jeśli kolejna fala tej serii — "
                "kolejny numer"))
        return
    for i, question in enumerate(later.survey.questions):
        old = earlier.survey.question(question.id)
        if old is None:
            continue
        what = _change(old, question)
        if what:
            problems.append(problem_at(
                later.doc, ("pytania", i), f"pytanie {question.id} różni się od pytania o tym "
                f"kodzie w {earlier.file} ({what}), więc fal nie da się porównać; przywróć "
                "brzmienie z poprzedniej fali albo nadaj pytaniu nowy kod (np. "
                f"{question.id}b), a nie będzie porównywane"))
    for i, criterion in enumerate(later.survey.criteria):
        if earlier.survey.question(criterion.question) is None:
            problems.append(problem_at(later.doc, ("ocena", i, "pytanie"), f"pytania "
                                       f"{criterion.question} nie było w fali "
                                       f"{earlier.survey.wave.number} ({earlier.file}), więc "
                                       "nie ma z czym porównać"))


def _change(old: Question, new: Question) -> str | None:
    if old.kind != new.kind:
        return f"rodzaj: {old.kind} → {new.kind}"
    if old.text != new.text:
        return "inna treść pytania"
    if old.codes() != new.codes():
        return "inne odpowiedzi do wyboru"
    if [o.label for o in old.options] != [o.label for o in new.options]:
        return "inne etykiety odpowiedzi"
    return None


def _check_evaluation(doc: SourceDocument, survey: Survey, ngos: KnownNgos,
                      problems: list[Problem]) -> None:
    """The weighting structure, the comparison group and the contractor's NGO."""
    structure = survey.population.structure
    if structure is not None:
        where = ("populacja", "struktura")
        demographic = survey.demographic(structure.variable)
        if demographic is None or not any(b.variable == structure.variable
                                          for b in survey.breakdowns):
            problems.append(problem_at(doc, (*where, "zmienna"), f"ważyć można tylko według "
                                       f"zmiennej z metryczki, która ma przekrój; "
                                       f"„{structure.variable}” go nie ma"))
        else:
            codes = [v.code for v in demographic.values]
            missing = [c for c in codes if c not in structure.counts]
            extra = [c for c in structure.counts if c not in codes]
            if missing or extra:
                problems.append(problem_at(doc, (*where, "liczebnosci"), "podaj liczebność "
                                           "dla każdego kodu zmiennej i tylko dla nich" +
                                           (f"; brakuje: {', '.join(missing)}" if missing
                                            else "") +
                                           (f"; nieznane: {', '.join(extra)}" if extra
                                            else "")))
    comparison = survey.comparison
    if comparison is not None:
        _check_comparison(doc, survey, comparison, problems)
    if survey.contractor_ngo is not None:
        unknown = ngos.unknown(survey.contractor_ngo)
        if unknown:
            problems.append(problem_at(doc, ("wykonawca_organizacja",), unknown))


def _check_comparison(doc: SourceDocument, survey: Survey, comparison: ComparisonGroup,
                      problems: list[Problem]) -> None:
    where = ("grupa_porownawcza",)
    if survey.wave is None or survey.wave.number < 2:
        problems.append(problem_at(doc, where, "grupa porównawcza służy porównaniu fal: "
                                   "dopisz ją w późniejszej fali (fala.numer 2 lub dalszy)"))
    breakdown = next((b for b in survey.breakdowns if b.variable == comparison.variable), None)
    if breakdown is None:
        problems.append(problem_at(doc, (*where, "zmienna"), f"nie ma przekroju według "
                                   f"„{comparison.variable}”"))
        return
    labels = [g.label for g in breakdown.groups]
    for j, label in enumerate(comparison.groups):
        if label not in labels:
            problems.append(problem_at(doc, (*where, "grupy", j), f"przekrój "
                                       f"„{breakdown.title}” nie ma grupy „{label}” (są: "
                                       f"{', '.join(labels)})"))
    if set(comparison.groups) >= set(labels):
        problems.append(problem_at(doc, (*where, "grupy"), "grupa porównawcza nie może "
                                   "obejmować wszystkich grup: zostaw grupy, do których "
                                   "projekt dotarł"))
