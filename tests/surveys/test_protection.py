"""The linked-table audit on cases built to break table-by-table protection.

Each case is a wave of made-up respondents whose tables are linked in a way one table at a
time cannot see: a breakdown of regions made of the sołectwa another breakdown shows; two
breakdowns of one variable that overlap; sołectwo × age beside age; and a study of two waves,
where the comparison must never put a hidden count next to a shown one. For each:

- table-by-table protection (the hypercube step alone, what the site did before) is audited
  with the attacker's linear programme: where the case breaks it, a small count is pinned;
- the full protection (``protect_wave``) leaves every small count with an interval reaching 0
  and the threshold;
- those intervals are recomputed by a programme written here independently (respondents by
  their raw values, highspy's modelling interface), and must agree.

The figures (tightest interval, hidden share before and after) are printed for the record.
"""

from __future__ import annotations

import random
from datetime import date

import highspy
import pytest

from ngosite.settings.surveys import SurveySettings
from ngosite.surveys.aggregates import PublishedWave, today_note
from ngosite.surveys.answers import Respondent
from ngosite.surveys.attack import AttackModel
from ngosite.surveys.design import WaveDesign, cross, grouping_of
from ngosite.surveys.disclosure import primary_cells, protect
from ngosite.surveys.loaded import LoadedSurvey
from ngosite.surveys.model import Survey
from ngosite.surveys.pages import comparison_rows
from ngosite.surveys.protection import covers, pinned_by_zero, protect_wave
from ngosite.surveys.results import build_results
from ngosite.surveys.tables import count_wave

K, M = 4, 10
VILLAGES = {"a": 40, "b": 22, "c": 14, "d": 30, "e": 18, "f": 12}  # respondents per village
AGES = ("18-29", "30-59", "60-plus")


def _survey(breakdowns: list[dict]) -> Survey:
    return Survey.model_validate({
        "tytul": "Przypadek testowy", "cel": "Test", "populacja": {"opis": "dorośli"},
        "sposob": "ankieta", "dobor": "losowy", "dobor_opis": "losowanie",
        "realizacja": {"od": "2026-04-01", "do": "2026-04-30"}, "wykonawca": "zespół",
        "metryczka": [
            {"id": "wies", "tresc": "Sołectwo",
             "wartosci": [{"kod": v, "etykieta": v.upper()} for v in VILLAGES]},
            {"id": "wiek", "tresc": "Wiek",
             "wartosci": [{"kod": a, "etykieta": a} for a in AGES]}],
        "przekroje": breakdowns,
        "pytania": [
            {"id": "p1", "tresc": "Czy zna Pan/Pani organizacje?", "rodzaj": "jednokrotny",
             "odpowiedzi": [{"kod": "tak", "etykieta": "Tak"}, {"kod": "nie", "etykieta": "Nie"},
                            {"kod": "nie-wiem", "etykieta": "Nie wiem"}]},
            {"id": "p2", "tresc": "Co Pan/Pani robi?", "rodzaj": "wielokrotny",
             "odpowiedzi": [{"kod": c, "etykieta": c} for c in ("sport", "kultura", "pomoc")]},
        ]})


def _respondents(seed: int) -> list[Respondent]:
    rng = random.Random(seed)
    people = []
    for village, n in VILLAGES.items():
        for _ in range(n):
            line = len(people) + 2
            age = rng.choices(AGES, weights=(2, 5, 3))[0] if rng.random() > 0.03 else None
            p1 = rng.choices(("tak", "nie", "nie-wiem"), weights=(70, 25, 5))[0]
            p2 = tuple(c for c, share in (("sport", 0.4), ("kultura", 0.15), ("pomoc", 0.05))
                       if rng.random() < share)
            people.append(Respondent(line, {"wies": village, "wiek": age},
                                     {"p1": (p1,), "p2": p2 or None}))
    return people


BY_VILLAGE = {"zmienna": "wies", "tytul": "Według sołectwa",
              "grupy": [{"etykieta": v.upper(), "wartosci": [v]} for v in VILLAGES]}
BY_REGION = {"zmienna": "wies", "tytul": "Według regionu",
             "grupy": [{"etykieta": "Północ", "wartosci": ["a", "b", "c"]},
                       {"etykieta": "Południe", "wartosci": ["d", "e", "f"]}]}
BY_AGE = {"zmienna": "wiek", "tytul": "Według wieku",
          "grupy": [{"etykieta": a, "wartosci": [a]} for a in AGES]}
BY_AGE_COARSE = {"zmienna": "wiek", "tytul": "Młodsi i starsi",
                 "grupy": [{"etykieta": "do 59", "wartosci": ["18-29", "30-59"]},
                           {"etykieta": "60+", "wartosci": ["60-plus"]}]}


def _design(case: str) -> WaveDesign:
    if case == "region_with_its_solectwa":
        return WaveDesign.of(_survey([BY_VILLAGE, BY_REGION]))
    if case == "two_breakdowns_of_one_variable":
        return WaveDesign.of(_survey([BY_AGE, BY_AGE_COARSE]))
    survey = _survey([BY_VILLAGE, BY_AGE])
    plain = WaveDesign.of(survey)
    # sołectwo × age beside age: the engine's cross of the two one-variable breakdowns.
    return WaveDesign(plain.units, (cross(grouping_of(survey, 0), grouping_of(survey, 1)),
                                    grouping_of(survey, 1)))


CASES = ("region_with_its_solectwa", "two_breakdowns_of_one_variable",
         "solectwo_x_age_beside_age")


def _audit(design: WaveDesign, values: dict, hidden: frozenset, keys) -> dict:
    published = {k: values[k] for k in AttackModel(design).numbers() if k not in hidden}
    return AttackModel(design).intervals(published, keys)


def _failures(design, values, hidden, primary) -> list:
    published = {k: values[k] for k in AttackModel(design).numbers() if k not in hidden}
    found = _audit(design, values, hidden, primary)
    return [k for k, i in found.items()
            if not covers(i, primary[k], pinned=pinned_by_zero(design, published, k))]


@pytest.mark.parametrize("case", CASES)
def test_linked_protection_covers_every_small_count_where_table_by_table_fails(case):
    design = _design(case)
    counts = count_wave(design, _respondents(7))
    tables = design.tables()
    primary = primary_cells(counts.values, tables, hide_up_to=K, group_minimum=M)
    before = protect(counts.values, tables, set(primary))
    failed_before = _failures(design, counts.values, before, primary)
    protection = protect_wave(counts, hide_up_to=K, group_minimum=M)
    assert protection.failures(counts.values) == []
    assert set(primary) <= protection.hidden
    tightest = min(protection.intervals[k].width for k in primary)
    numbers = len(AttackModel(design).numbers())
    print(f"\n{case}: {len(primary)} small counts; table by table: {len(before)} of "
          f"{numbers} hidden, {len(failed_before)} small counts not covered; linked: "
          f"{len(protection.hidden)} hidden, every small count covered, tightest interval "
          f"of a small count {tightest} wide, of any hidden number "
          f"{min(i.width for i in protection.intervals.values())}")
    if case in ("region_with_its_solectwa", "solectwo_x_age_beside_age"):
        assert failed_before, "the case no longer breaks table-by-table protection"


def _independent_intervals(design: WaveDesign, respondents: list[Respondent], values: dict,
                           hidden: frozenset, keys: list) -> dict:
    """The attacker's programme built again from the respondents' raw values: one unknown per
    combination of the breakdown variables' values (not of their groups) and answer."""
    variables = sorted({v for g in design.groupings for v in g.variables})
    codes = {v: sorted({r.demographics.get(v) or "" for r in respondents} |
                       {c for g in design.groupings for p, gv in enumerate(g.variables)
                        if gv == v for c in g.groups[p]} | {""}) for v in variables}
    combos = [()]
    for v in variables:
        combos = [(*c, x) for c in combos for x in codes[v]]
    h = highspy.Highs()
    h.silent()
    people = {c: h.addVariable(lb=0) for c in combos}
    answer = {(u.id, c, cat): h.addVariable(lb=0) for u in design.units for c in combos
              for cat in u.categories}
    for u in design.units:
        for c in combos:
            h.addConstr(sum(answer[u.id, c, cat] for cat in u.categories) == people[c])

    def group(b: int, combo: tuple) -> str:
        g = design.groupings[b]
        parts = tuple(g.part(p, combo[variables.index(v)] or None)
                      for p, v in enumerate(g.variables))
        return g.label(parts)

    def expression(key):  # type: ignore[no-untyped-def]
        if key[0] == "size":
            members = [c for c in combos if key[1] is None or group(key[1], c) == key[2]]
            return sum(people[c] for c in members)
        _, unit, b, label, category = key
        members = [c for c in combos if b is None or group(b, c) == label]
        return sum(answer[unit, c, category] for c in members)

    for key, value in values.items():
        if key not in hidden:
            h.addConstr(expression(key) == value)
    found = {}
    for key in keys:
        h.minimize(expression(key))
        low = h.getInfo().objective_function_value
        h.maximize(expression(key))
        found[key] = (round(low), round(h.getInfo().objective_function_value))
    return found


@pytest.mark.parametrize("case", CASES)
def test_the_audit_agrees_with_a_programme_written_independently(case):
    design = _design(case)
    respondents = _respondents(7)
    counts = count_wave(design, respondents)
    protection = protect_wave(counts, hide_up_to=K, group_minimum=M)
    keys = sorted(protection.primary, key=repr)[:25]
    mine = {k: (protection.intervals[k].low, protection.intervals[k].high) for k in keys}
    assert mine == _independent_intervals(design, respondents, counts.values,
                                          protection.hidden, keys)


def test_the_counts_are_a_solution_of_the_attackers_programme():
    # The true counts satisfy every equation: the programme describes the data, not a guess.
    design = _design("region_with_its_solectwa")
    counts = count_wave(design, _respondents(3))
    model = AttackModel(design)
    for key in model.numbers():
        columns = model.columns(key)
        atoms = len(design.atoms)
        total = 0
        for column in columns:
            if column < atoms:
                total += counts.people[column]
            else:
                unit = next(u for u in design.units
                            if 0 <= column - model._offsets[u.id] < atoms * len(u.categories))
                offset = column - model._offsets[unit.id]
                atom, category = divmod(offset, len(unit.categories))
                total += counts.answers.get((unit.id, atom, unit.categories[category]), 0)
        assert total == counts.values[key], key


def test_two_waves_compare_only_numbers_shown_in_both():
    # The other wave as a second view: waves are independent samples, protected on their own,
    # so their hidden cells differ; a change is shown only where both waves show the count.
    survey = _survey([BY_VILLAGE, BY_AGE])
    design = WaveDesign.of(survey)
    waves = []
    for seed in (11, 12):
        counts = count_wave(design, _respondents(seed))
        protection = protect_wave(counts, hide_up_to=K, group_minimum=M)
        shown = {k: v for k, v in counts.values.items() if k not in protection.hidden}
        note = today_note(K, M, protection.numbers, len(protection.hidden), 0,
                          date(2026, 5, 1))
        published = PublishedWave(counts.n, shown, protection.hidden, {}, note)
        loaded = LoadedSurvey(f"w{seed}", "x", survey, published)
        waves.append(build_results((loaded,), (), SurveySettings(), date(2026, 5, 1)).waves[0])
    differing = 0
    for qid in ("p1", "p2"):
        for row in comparison_rows(waves[0], waves[1], qid, {}):
            if row["one"].hidden or row["two"].hidden:
                assert "difference" not in row and "interval" not in row
                differing += row["one"].hidden != row["two"].hidden
            else:
                assert "difference" in row
    print(f"\nother wave: {differing} answers hidden in one wave only, compared in neither")
    assert differing  # the case has answers hidden in one wave and shown in the other


def test_two_breakdowns_of_one_variable_each_keep_their_own_groups():
    # Before, the second breakdown of a variable replaced the first one's groups on the page.
    survey = _survey([BY_AGE, BY_AGE_COARSE])
    design = WaveDesign.of(survey)
    counts = count_wave(design, _respondents(5))
    protection = protect_wave(counts, hide_up_to=K, group_minimum=M)
    shown = {k: v for k, v in counts.values.items() if k not in protection.hidden}
    note = today_note(K, M, protection.numbers, len(protection.hidden), 0, date(2026, 5, 1))
    published = PublishedWave(counts.n, shown, protection.hidden, {}, note)
    wave = build_results((LoadedSurvey("w", "x", survey, published),), (), SurveySettings(),
                         date(2026, 5, 1)).waves[0]
    fine, coarse = wave.question("p1").units[0].breakdowns
    assert fine.breakdown.title == "Według wieku" and coarse.breakdown.title == "Młodsi i starsi"
    def groups(breakdown) -> set[str]:  # type: ignore[no-untyped-def]
        return {r.label for r in breakdown.rows} | {g.label for g in breakdown.left_out}

    assert groups(fine) - {"nie podano"} == set(AGES)
    assert groups(coarse) - {"nie podano"} == {"do 59", "60+"}
