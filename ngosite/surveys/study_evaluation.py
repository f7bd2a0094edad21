"""One study's evaluation, as ``/badania/czy-projekt-zadzialal/`` tells it: the criteria
(``evaluation``), and everything else a reader needs to weigh them — the design and where it
sits on the Maryland scale, what changed between the waves besides the project (season,
who answered), who ran the survey, and whether the weighting could be done.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ngosite.core.polish_dates import polish_date

from .design import NOT_GIVEN
from .evaluation import (
    Change,
    CriterionResult,
    adjust,
    interval_words,
    stratified,
    unweighted,
    weighted,
)
from .results import WaveResults
from .statistics import Difference, Estimate, change, percent, shown_changes

MONTHS = ("styczeń", "luty", "marzec", "kwiecień", "maj", "czerwiec", "lipiec", "sierpień",
          "wrzesień", "październik", "listopad", "grudzień")
COMPOSITION_SHIFT = 0.03  # a group's share moving this much between waves is worth a word


@dataclass
class StudyEvaluation:
    earlier: WaveResults
    later: WaveResults
    criteria: list[CriterionResult]
    weighting: str  # how (or why not) the waves were weighted
    composition: list[dict]  # per group: shares in both waves (and population), moved
    differences: list[str] = field(default_factory=list)  # what else changed, in words
    contractor: str = ""
    comparison: str | None = None  # the comparison group, in words

    @property
    def level(self) -> int:
        return 3 if any(c.did for c in self.criteria) else 1


def evaluate(earlier: WaveResults, later: WaveResults,
             names: dict[str, str]) -> StudyEvaluation:
    weights, weighting = _weights(later)
    results = [_criterion(earlier, later, criterion, weights) for criterion in
               later.survey.criteria]
    adjust([r.change for r in results if r.change is not None])
    adjust([r.did for r in results if r.did is not None])
    if weights and not any(r.change and r.change.weighted for r in results):
        weighting = _why_not_weighted(later)
        for r in results:
            r.notes = [n for n in r.notes if not n.startswith("bez ważenia")]
    found = StudyEvaluation(earlier, later, results, weighting,
                            _composition(earlier, later, weights))
    found.differences = _differences(earlier, later, found.composition)
    found.contractor = _contractor(earlier, later, names)
    if later.survey.comparison is not None:
        groups = ", ".join(later.survey.comparison.groups)
        found.comparison = f"{groups} — {later.survey.comparison.description}"
    return found


def _weights(wave: WaveResults) -> tuple[dict[str, float], str]:
    """Group label → population count for post-stratification, and the sentence saying how
    the waves are weighted (or why not)."""
    structure = wave.survey.population.structure
    if structure is None:
        return {}, ("Wyników nie ważono: opis badania nie podaje struktury populacji "
                    "(np. liczby mieszkańców w grupach wieku według GUS), więc odsetki "
                    "opisują osoby, które odpowiedziały.")
    breakdown = next(b for b in wave.survey.breakdowns if b.variable == structure.variable)
    weights = {g.label: float(sum(structure.counts.get(v, 0) for v in g.values))
               for g in breakdown.groups}
    return weights, (
        f"Obie fale zważono do struktury populacji według zmiennej „{breakdown.title.lower()}” "
        f"({structure.source}), z opublikowanych wyników grup; osoby, które nie podały tej "
        "cechy, nie wchodzą do wyniku ważonego. Nie ważono według płci ani miejscowości: "
        "wyniki w takim podziale nie są publikowane, a liczba policzona z danych "
        "nieopublikowanych mogłaby odsłonić ukryte małe liczby.")


def _why_not_weighted(wave: WaveResults) -> str:
    structure = wave.survey.population.structure
    assert structure is not None
    return (f"Opis badania podaje strukturę populacji ({structure.source}), ale wyników nie "
            "zważono: w podziale na grupy, według których trzeba by ważyć, część liczb "
            "kryterium jest ukryta (chronią np. małą grupę osób, które nie podały wieku), a "
            "wynik ważony policzony z ukrytych liczb pozwoliłby je odtworzyć. Odsetki opisują "
            "więc osoby, które odpowiedziały; tabela „Kto odpowiedział” niżej pokazuje, czym "
            "różnił się skład obu fal.")


def _criterion(earlier: WaveResults, later: WaveResults, criterion,  # type: ignore[no-untyped-def]
               weights: dict[str, float]) -> CriterionResult:
    found = CriterionResult(criterion.description, criterion.direction, None, None)
    if not earlier.published:
        found.missing = f"fala „{earlier.survey.wave.name}” ma za mało odpowiedzi"
        return found
    one, two = _figure(earlier, criterion), _figure(later, criterion)
    answered = [w.question(criterion.question) for w in (earlier, later)]
    if one is None or two is None or any(a is None or a.answered is False for a in answered):
        found.missing = "brak danych: nikt nie odpowiedział na to pytanie w jednej z fal"
        return found
    if one.hidden or two.hidden:
        found.missing = "w jednej z fal ta liczba jest ukryta (mała liczba)"
        return found
    e1 = stratified(earlier, criterion.question, criterion.answer, weights) if weights else None
    e2 = stratified(later, criterion.question, criterion.answer, weights) if weights else None
    if e1 is not None and e2 is not None:
        found.change = weighted(e1, e2)
        found.notes.append("odsetki ważone")
    else:
        found.change = unweighted(one, two, earlier, later)
        if weights:
            found.notes.append("bez ważenia: w jednej z grup wieku liczba jest ukryta")
    found.did = _did(earlier, later, criterion)
    return found


def _figure(wave: WaveResults, criterion):  # type: ignore[no-untyped-def]
    result = wave.question(criterion.question)
    if result is None or not result.units:
        return None
    for unit in result.units:
        if unit.unit.option == criterion.answer:
            return unit.figure("tak")
        if unit.unit.option is None and criterion.answer in unit.unit.categories:
            return unit.figure(criterion.answer)
    return None


def _did(earlier: WaveResults, later: WaveResults, criterion) -> Change | None:  # type: ignore[no-untyped-def]
    """(project groups' change) − (comparison groups' change), from published cells."""
    comparison = later.survey.comparison
    if comparison is None:
        return None
    breakdown = next(b for b in later.survey.breakdowns if b.variable == comparison.variable)
    control = set(comparison.groups)
    treated = {g.label for g in breakdown.groups} - control
    shares = []
    for wave in (earlier, later):
        for groups in (treated, control):
            pooled = _pooled(wave, criterion, comparison.variable, groups)
            if pooled is None:
                return None
            shares.append(pooled)
    t1, c1, t2, c2 = shares
    d_treated = Estimate(t2.share - t1.share, t1.variance + t2.variance)
    d_control = Estimate(c2.share - c1.share, c1.variance + c2.variance)
    difference, p = change(d_control, d_treated)
    shown = shown_changes(d_control.share, d_treated.share)
    return Change(shown[0], shown[1], shown[2], interval_words(difference),
                  Difference(difference.estimate, difference.interval), p, False)


def _pooled(wave: WaveResults, criterion, variable: str, groups: set[str]) -> Estimate | None:  # type: ignore[no-untyped-def]
    result = wave.question(criterion.question)
    if result is None:
        return None
    for unit in result.units:
        column = (unit.unit.categories.index("tak") if unit.unit.option == criterion.answer
                  else unit.unit.categories.index(criterion.answer)
                  if unit.unit.option is None and criterion.answer in unit.unit.categories
                  else None)
        if column is None:
            continue
        for breakdown in unit.breakdowns:
            if breakdown.breakdown.variable != variable:
                continue
            rows = [r for r in breakdown.rows if r.label in groups]
            if len(rows) != len(groups) or any(r.figures[column].hidden for r in rows):
                return None
            x = sum(r.figures[column].count or 0 for r in rows)
            n = sum(r.size for r in rows)
            p = x / n
            return Estimate(p, p * (1 - p) / n)
    return None


def _composition(earlier: WaveResults, later: WaveResults,
                 weights: dict[str, float]) -> list[dict]:
    """Each group of the first breakdown (or the weighting one): its share of both waves."""
    structure = later.survey.population.structure
    variable = structure.variable if structure else (
        later.survey.breakdowns[0].variable if later.survey.breakdowns else None)
    if variable is None or not earlier.published or not later.published:
        return []
    sizes = [_sizes(w, variable) for w in (earlier, later)]
    total = sum(weights.values())
    rows = []
    for label in sizes[1]:
        if label == NOT_GIVEN:
            continue
        one, two = sizes[0].get(label), sizes[1].get(label)
        if one is None or two is None:
            continue
        rows.append({"label": label, "before": f"{percent(one / earlier.n)}%",
                     "after": f"{percent(two / later.n)}%",
                     "population": f"{percent(weights[label] / total)}%" if weights and total
                     else "", "moved": abs(two / later.n - one / earlier.n) >= COMPOSITION_SHIFT})
    return rows


def _sizes(wave: WaveResults, variable: str) -> dict[str, int]:
    for result in wave.questions:
        for unit in result.units:
            for breakdown in unit.breakdowns:
                if breakdown.breakdown.variable == variable:
                    found = {row.label: row.size for row in breakdown.rows}
                    found.update({g.label: g.size for g in breakdown.left_out
                                  if g.size is not None})
                    return found
    return {}


def _differences(earlier: WaveResults, later: WaveResults,
                 composition: list[dict]) -> list[str]:
    found = []
    start, end = earlier.survey.fieldwork.start, later.survey.fieldwork.start
    if start.month != end.month:
        found.append(f"Fale zbierano w różnych porach roku ({MONTHS[start.month - 1]} "
                     f"{start.year}, {MONTHS[end.month - 1]} {end.year}); część różnic może "
                     "wynikać z pory roku, np. z letnich zajęć i festynów.")
    moved = [row for row in composition if row["moved"]]
    if moved:
        parts = ", ".join(f"{r['label']}: {r['before']} → {r['after']}" for r in moved)
        found.append(f"Inne były proporcje odpowiadających ({parts}); bez ważenia zmiana "
                     "składu próby wyglądałaby jak zmiana opinii.")
    if earlier.survey.method != later.survey.method:
        found.append(f"Zmienił się sposób zbierania odpowiedzi: „{earlier.survey.method}” → "
                     f"„{later.survey.method}”.")
    if earlier.survey.recruitment != later.survey.recruitment:
        found.append("Zmienił się sposób doboru respondentów.")
    return found


def _contractor(earlier: WaveResults, later: WaveResults, names: dict[str, str]) -> str:
    who = {w.survey.contractor for w in (earlier, later)}
    text = f"Badanie przeprowadził(a): {', '.join(sorted(who))}."
    slugs = {w.survey.contractor_ngo for w in (earlier, later) if w.survey.contractor_ngo}
    rated = {o.organisation for q in later.survey.questions if q.role for o in q.options
             if o.organisation}
    own = sorted(slugs & rated)
    if own:
        text += (" Wykonawca jest też jedną z ocenianych organizacji ("
                 f"{', '.join(names.get(s, s) for s in own)}): ocenia więc także własną "
                 "pracę, a to konflikt interesów — jej wyniki czytaj ostrożnie; najlepiej, by "
                 "kolejne badanie przeprowadził ktoś niezależny.")
    return text


def fieldwork(wave: WaveResults) -> str:
    work = wave.survey.fieldwork
    return f"{polish_date(work.start)} – {polish_date(work.end)}"
