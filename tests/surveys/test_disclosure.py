"""Disclosure control: small counts hidden, partners chosen so that no hidden count can be
recomputed from published totals, checked by exact rational elimination (an independent
method) on fixed cases and on random linked tables (hypothesis)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support.disclosure_check import fixed_unknowns

from ngosite.surveys.disclosure import TOTAL, Table, computable, primary_cells, protect


def _table(name: str, counts: list[list[int]], values: dict, *, total_row_key=None,
           n_cols: int | None = None) -> Table:
    """A table from interior counts; margins are summed. ``total_row_key`` shares the total
    row with another table (a second breakdown of the same question)."""
    rows = tuple(f"r{i}" for i in range(len(counts)))
    cols = tuple(f"c{j}" for j in range(n_cols if n_cols is not None else len(counts[0])))
    cell = {}
    for i, r in enumerate(rows):
        for j, c in enumerate(cols):
            cell[r, c] = (name, r, c)
            values[(name, r, c)] = counts[i][j]
        cell[r, TOTAL] = (name, r, TOTAL)
        values[(name, r, TOTAL)] = sum(counts[i])
    top = total_row_key or name
    for j, c in enumerate(cols):
        cell[TOTAL, c] = (top, TOTAL, c)
        values[(top, TOTAL, c)] = sum(row[j] for row in counts)
    cell[TOTAL, TOTAL] = (top, TOTAL, TOTAL)
    values[(top, TOTAL, TOTAL)] = sum(map(sum, counts))
    return Table(rows, cols, cell)


def _lines(tables):
    return [line for t in tables for line in t.lines()]


def _assert_safe(values, tables, hidden):
    assert not fixed_unknowns(_lines(tables), set(hidden)), "a hidden cell can be recomputed"


def test_one_small_cell_gets_three_partners_forming_a_rectangle():
    values: dict = {}
    table = _table("q", [[20, 3, 15], [30, 12, 25], [18, 22, 9]], values)
    primary = primary_cells(values, [table], hide_up_to=4, group_minimum=10)
    assert primary == {("q", "r0", "c1"): 5}  # the cell, and its upper protection target
    hidden = protect(values, [table], set(primary))
    assert len(hidden) == 4
    assert all(values[k] >= 1 for k in hidden)
    _assert_safe(values, [table], hidden)


def test_without_partners_the_small_cell_is_recomputable():
    values: dict = {}
    table = _table("q", [[20, 3, 15], [30, 12, 25]], values)
    assert computable(values, [table], {("q", "r0", "c1")}) == [("q", "r0", "c1")]


def test_a_one_way_table_hides_a_second_count():
    table = Table((), ("a", "b", "c"), {(TOTAL, "a"): "a", (TOTAL, "b"): "b", (TOTAL, "c"): "c",
                                        (TOTAL, TOTAL): "n"})
    values = {"a": 2, "b": 40, "c": 7, "n": 49}
    hidden = protect(values, [table], {"a"})
    assert hidden == {"a", "c"}  # the smallest partner, never the total
    _assert_safe(values, [table], hidden)


def test_a_small_groups_answers_are_hidden_and_cannot_be_recovered_from_totals():
    values: dict = {}
    table = _table("q", [[6, 2, 0], [30, 12, 25], [18, 22, 9]], values)  # r0 has 8 people
    primary = primary_cells(values, [table], hide_up_to=4, group_minimum=10)
    assert {("q", "r0", c) for c in ("c0", "c1", "c2")} <= set(primary)
    # 8 is not a small count: the group's size stays shown, only its answers are hidden.
    assert ("q", "r0", TOTAL) not in primary
    hidden = protect(values, [table], set(primary))
    _assert_safe(values, [table], hidden)
    assert ("q", "r0", TOTAL) not in hidden


def test_an_answer_nobody_gave_is_not_hidden_in_a_small_group():
    values: dict = {}
    table = _table("q", [[6, 2, 0], [30, 12, 0], [18, 22, 0]], values)
    primary = primary_cells(values, [table], hide_up_to=4, group_minimum=10)
    assert ("q", "r0", "c2") not in primary  # 0 overall: every group's count is public


def test_linked_breakdowns_share_their_total_row():
    values: dict = {}
    by_age = _table("wiek", [[12, 3, 20], [25, 14, 30]], values, total_row_key="q")
    by_place = _table("miejsce", [[30, 1, 22], [7, 16, 28]], values, total_row_key="q")
    tables = [by_age, by_place]
    primary = set(primary_cells(values, tables, hide_up_to=4, group_minimum=10))
    hidden = protect(values, tables, primary)
    _assert_safe(values, tables, hidden)
    assert primary <= hidden


@st.composite
def _linked_tables(draw):
    n_cols = draw(st.integers(2, 5))
    counts = st.integers(0, 40)
    shared: list[list[list[int]]] = []
    for _ in range(draw(st.integers(1, 3))):
        n_rows = draw(st.integers(0, 4))
        shared.append([[draw(counts) for _ in range(n_cols)] for _ in range(n_rows)])
    # Every breakdown of one question has the same column totals: rebuild the last row of
    # each breakdown so that its columns add up to those of the first one.
    target = [sum(col) for col in zip(*shared[0], strict=True)] if shared[0] else None
    tables, values = [], {}
    for i, rows in enumerate(shared):
        if target is not None and rows and i > 0:
            partial = [sum(col) for col in zip(*rows[:-1], strict=True)] if rows[:-1] else \
                [0] * n_cols
            last = [t - p for t, p in zip(target, partial, strict=True)]
            if any(v < 0 for v in last):
                continue
            rows = [*rows[:-1], last]
        elif target is not None and not rows:
            rows = []
        elif target is None and rows and i > 0:
            continue
        tables.append(_table(f"b{i}", rows, values, total_row_key="q", n_cols=n_cols))
    return values, tables


@settings(max_examples=120, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(_linked_tables())
def test_random_linked_tables_never_leak_a_hidden_count(case):
    values, tables = case
    primary = set(primary_cells(values, tables, hide_up_to=4, group_minimum=10))
    hidden = protect(values, tables, primary)
    assert primary <= hidden
    _assert_safe(values, tables, hidden)
