"""Disclosure control for linked count tables: which cells must not be published.

A gmina of 3,700 people is small: "2 of the 11 respondents aged 18–29 in Ruda rate the office
badly" points at people. The rules (thresholds are settings):

1. primary (``primary_cells``): every count from 1 to ``hide_up_to`` (4), a group's size
   included, and every answer of a group smaller than the group threshold (10) that some but
   not all of the wave gave; each with its protection interval [0, hide_up_to + 1];
2. secondary (``protect``): no hidden count may be computable from the lines of its table.
   Tables are published with their totals (row: a group's size; column: the overall count of
   an answer; the grand total), so each line is a linear equation. A computable cell gets
   partners: the cheapest rectangle of cells (r, c), (r, c'), (r', c), (r', c') of one table
   (the hypercube method of τ-ARGUS and sdcTable), avoiding zeros, totals and, most of all,
   group sizes (a hidden size leaves the whole group out, with a partner group);
3. ``widen`` chooses a further cycle for a cell the attacker's programme (``attack``) still
   pins: one whose cells have room for the moves the cell lacks. ``protection`` runs the
   three until the audit passes.

Cells are opaque keys; tables only say which keys lie on which line. The same key in two
tables is the same number (a question's overall counts are the total row of every breakdown of
it; a group's size is the total column of every question), so a cell hidden once is hidden in
every table, page, chart and file that shows it.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property

import numpy as np

Key = Hashable
TOTAL = "__total__"
_ZERO_COST = 1_000_000  # a hidden zero tells an attacker "at least 0, at most the partner"
_TOTAL_COST = 10_000  # a hidden total disappears from every linked table
# A hidden group size leaves the whole group out of every table (and a second one with it).
_SIZE_COST = 1_000_000_000
# A number the evaluation needs (a criterion's answer in the weighting breakdown): hide it
# only when a cheaper choice would cost a zero or a group's size.
_KEEP_COST = 50_000


@dataclass(frozen=True)
class Table:
    """A two-way table with margins. ``rows``/``cols`` exclude the totals; ``cell`` maps
    ``(row, col)`` — ``TOTAL`` for a margin — to the shared key of that number. A table with
    no rows is a one-way table: only its total row (the overall counts) exists."""

    rows: tuple[Key, ...]
    cols: tuple[Key, ...]
    cell: Mapping[tuple[Key, Key], Key]

    def all_rows(self) -> tuple[Key, ...]:
        return (*self.rows, TOTAL)

    def all_cols(self) -> tuple[Key, ...]:
        return (*self.cols, TOTAL)

    def lines(self) -> list[list[tuple[Key, int]]]:
        """Each published line as cells with coefficients that sum to zero (made once: the
        protection asks for them again after every partner it adds)."""
        return self._lines

    @cached_property
    def _lines(self) -> list[list[tuple[Key, int]]]:
        lines = [[*((self.cell[r, c], 1) for c in self.cols), (self.cell[r, TOTAL], -1)]
                 for r in self.all_rows()]
        if self.rows:
            lines += [[*((self.cell[r, c], 1) for r in self.rows), (self.cell[TOTAL, c], -1)]
                      for c in self.all_cols()]
        return lines

    def keys(self) -> frozenset[Key]:
        return self._keys

    @cached_property
    def position(self) -> dict[Key, tuple[Key, Key]]:
        """Key → its (row, column) in this table."""
        return {key: rc for rc, key in self.cell.items()}

    @cached_property
    def _keys(self) -> frozenset[Key]:
        return frozenset(self.cell.values())


def primary_cells(values: Mapping[Key, int], tables: Iterable[Table], *, hide_up_to: int,
                  group_minimum: int) -> dict[Key, int]:
    """The cells that must not be published, each with its upper protection target.

    A count from 1 to ``hide_up_to`` (a group's size too), and every answer count of a group
    smaller than ``group_minimum`` (its size stays shown when it is not a small count itself:
    "7 people did not give their age" harms no one; how those 7 answered could). The lower
    target is always 0: an attacker must not be able to tell such a cell from nobody, nor,
    up to ``hide_up_to + 1``, from a number safe to publish.
    """
    target = hide_up_to + 1
    primary = {k: target for k, v in values.items() if 1 <= v <= hide_up_to}
    for table in tables:
        for row in table.rows:
            if 0 < values[table.cell[row, TOTAL]] < group_minimum:
                everybody = values[table.cell[TOTAL, TOTAL]]
                primary.update((table.cell[row, c], target) for c in table.cols
                               if not answer_is_public(values[table.cell[TOTAL, c]], everybody))
    return primary


def answer_is_public(overall: int, everybody: int) -> bool:
    """Whether a small group's count of an answer follows from the wave's totals alone: an
    answer nobody gave is 0 in every group, and an answer everybody gave is each group's size.
    The protection hides the others; the build's check requires them hidden."""
    return overall in (0, everybody)


def computable(values: Mapping[Key, int], tables: list[Table], hidden: set[Key]) -> list[Key]:
    """Hidden cells whose value the published cells fix, in a stable order.

    The hidden cells of one connected group of equations are unknowns of ``A·x = b``; a cell is
    fixed exactly when every solution of ``A·x = 0`` is zero there (its null-space row is 0).
    """
    lines = [[(key, c) for key, c in line if key in hidden]
             for table in tables for line in table.lines()]
    exposed: list[Key] = []
    for group, group_lines in _components([line for line in lines if line]):
        exposed.extend(_fixed(group, group_lines))
    return sorted(exposed, key=repr)


def _components(lines: list[list[tuple[Key, int]]]
                ) -> list[tuple[list[Key], list[list[tuple[Key, int]]]]]:
    """Hidden cells split into groups that share no equation (each solved on its own)."""
    parent: dict[Key, Key] = {}

    def find(key: Key) -> Key:
        while parent.setdefault(key, key) != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for line in lines:
        first = find(line[0][0])
        for key, _ in line[1:]:
            parent[find(key)] = first
    groups: dict[Key, list[Key]] = {}
    for key in parent:
        groups.setdefault(find(key), []).append(key)
    by_root: dict[Key, list[list[tuple[Key, int]]]] = {}
    for line in lines:
        by_root.setdefault(find(line[0][0]), []).append(line)
    return [(keys, by_root[root]) for root, keys in groups.items()]


def _fixed(keys: list[Key], lines: list[list[tuple[Key, int]]]) -> list[Key]:
    """Gauss–Jordan elimination: an unknown is fixed when its pivot row has no free column.

    Written with element-wise numpy operations on purpose: LAPACK's SVD starts a thread per
    core for every small matrix, which on a busy two-core machine was 50 times slower.
    """
    index = {key: i for i, key in enumerate(keys)}
    matrix = np.zeros((len(lines), len(keys)))
    for i, line in enumerate(lines):
        for key, coefficient in line:
            matrix[i, index[key]] += coefficient
    pivots: list[int] = []
    row = 0
    for col in range(len(keys)):
        if row == len(matrix):
            break
        best = row + int(np.argmax(np.abs(matrix[row:, col])))
        if abs(matrix[best, col]) < 1e-9:
            continue
        matrix[[row, best]] = matrix[[best, row]]
        matrix[row] /= matrix[row, col]
        factors = matrix[:, col].copy()
        factors[row] = 0.0
        matrix -= np.outer(factors, matrix[row])
        pivots.append(col)
        row += 1
    free = np.ones(len(keys), dtype=bool)
    free[pivots] = False
    return [keys[col] for i, col in enumerate(pivots)
            if not np.any(np.abs(matrix[i, free]) > 1e-9)]


def _cost(values: Mapping[Key, int], hidden: set[Key], key: Key,
          position: tuple[Key, Key], keep: frozenset[Key] = frozenset()) -> int:
    """What hiding ``key`` at ``position`` of a table loses: its count, and far more for a
    zero, an overall count (a column total) and, most of all, a group's size (a row total)."""
    if key in hidden:
        return 0
    value = values[key]
    row, col = position
    penalty = _SIZE_COST if col == TOTAL else (_TOTAL_COST if row == TOTAL else 0)
    return (value + (_ZERO_COST if value == 0 else 0) + penalty
            + (_KEEP_COST if key in keep else 0))


def _rectangle(values: Mapping[Key, int], table: Table, hidden: set[Key],
               at: tuple[Key, Key], keep: frozenset[Key] = frozenset()
               ) -> tuple[int, list[Key]] | None:
    """The cheapest cells to hide with the cell at ``at`` so that it lies on a cycle of this
    table (None when every such cycle is hidden already)."""
    row, col = at
    best: tuple[int, list[Key]] | None = None
    if not table.rows:  # a one-way table: one more hidden cell in the line is enough
        for other in table.all_cols():
            if other not in (col, TOTAL) and table.cell[TOTAL, other] not in hidden:
                key = table.cell[TOTAL, other]
                cost = _cost(values, hidden, key, (TOTAL, other), keep)
                if best is None or cost < best[0]:
                    best = (cost, [key])
        return best
    for r in table.all_rows():
        for c in table.all_cols():
            if r == row or c == col:
                continue
            corners = [(row, c), (r, col), (r, c)]
            if (TOTAL, TOTAL) in corners:
                continue  # the number of respondents is always published
            keys = [table.cell[x] for x in corners]
            if all(k in hidden for k in keys):
                continue  # already a cycle: the target is fixed by other tables too
            cost = sum(_cost(values, hidden, table.cell[x], x, keep) for x in corners)
            if best is None or cost < best[0]:
                best = (cost, keys)
    return best


def _sign(key: Key) -> int:
    return -1 if key == TOTAL else 1


def _moves(table: Table, at: tuple[Key, Key], other: tuple[Key, Key]
           ) -> list[tuple[Key, int]] | None:
    """The other cells of the cycle through ``at`` and ``other`` (a rectangle, or a pair in
    a one-way table), each with how far it moves when the cell at ``at`` moves up by one —
    every published line of the table keeps its sum."""
    (row, col), (r, c) = at, other
    if not table.rows:
        return [(table.cell[TOTAL, c], -_sign(col) * _sign(c))]
    if r == row or c == col:
        return None
    across = -_sign(col) * _sign(c)
    down = -_sign(row) * _sign(r)
    return [(table.cell[row, c], across), (table.cell[r, col], down),
            (table.cell[r, c], across * down)]


def widen(values: Mapping[Key, int], table: Table, hidden: set[Key], at: tuple[Key, Key],
          down: int, up: int, keep: frozenset[Key] = frozenset()
          ) -> tuple[tuple[int, int, int], list[Key]] | None:
    """Cells to hide with the cell at ``at`` so that, within this table, it can move ``down``
    respondents towards 0 and ``up`` towards the protection target (τ-ARGUS's lower and upper
    protection levels): the cheapest cycle whose cells have room for both moves, or, when no
    cycle has, the one with the most room; with its rank (lower is better) to compare the
    choices of several tables. None when every cycle is hidden already."""
    best: tuple[tuple[int, int, int], list[Key]] | None = None
    rows = table.all_rows() if table.rows else (TOTAL,)
    for r in rows:
        for c in table.all_cols():
            if (r, c) == at:
                continue
            moves = _moves(table, at, (r, c))
            if moves is None or all(k in hidden for k, _ in moves) or any(
                    table.position[k] == (TOTAL, TOTAL) for k, _ in moves):
                continue  # nothing new, or the number of respondents (always published)
            room = min(_room(values, moves, -down), _room(values, moves, up))
            short = 0 if room >= 1 else 1
            cost = sum(_cost(values, hidden, k, table.position[k], keep) for k, _ in moves)
            # A new hidden group size is the last resort (it leaves two groups out of every
            # table); then a cycle with room for both moves, the cheapest; then the roomiest.
            sizes = sum(1 for k, _ in moves
                        if k not in hidden and table.position[k][1] == TOTAL)
            rank = (sizes, short, cost if not short else -int(room * 1000))
            if best is None or rank < best[0]:
                best = (rank, [k for k, _ in moves])
    return best


def _room(values: Mapping[Key, int], moves: list[tuple[Key, int]], step: int) -> float:
    """Share of a move of ``step`` (for the target cell) the cycle's cells allow (1 = all)."""
    if step == 0:
        return 1.0
    room = 1.0
    for key, per_unit in moves:
        change = per_unit * step
        if change < 0:
            room = min(room, values[key] / -change)
    return room


def protect(values: Mapping[Key, int], tables: list[Table], primary: set[Key],
            keep: frozenset[Key] = frozenset()) -> frozenset[Key]:
    """Every cell to hide: ``primary`` plus partners until no hidden cell is computable.

    Tables are protected one at a time (small systems, quick), and again whenever a cell they
    share with another table (an overall count, a group's size) was hidden there, until none
    changes. Group sizes left out in pairs are protected by the pairing itself; the other cells
    are checked as if those sizes were published, which is stricter.
    """
    hidden = set(primary)
    _pair_rows(values, tables, hidden)
    sizes = {key for table in tables for row in table.rows
             if (key := table.cell[row, TOTAL]) in hidden}
    clean: dict[int, frozenset[Key]] = {}  # table → its hidden cells when last found safe
    changed = True
    while changed:
        changed = False
        for number, table in enumerate(tables):
            mine = frozenset(hidden & table.keys())
            if not mine or clean.get(number) == mine:
                continue  # nothing hidden, or nothing new since this table was found safe
            for _ in range(len(table.cell) + 1):
                exposed = computable(values, [table], hidden - sizes)
                before = len(hidden)
                if exposed:
                    _add_partners(values, table, hidden, exposed, keep)
                if len(hidden) == before:
                    # Nothing left to add: what remains exposed is exposed only if the
                    # paired group sizes were published, which they are not.
                    clean[number] = frozenset(hidden & table.keys())
                    break
                changed = True
    return frozenset(hidden)


def _add_partners(values: Mapping[Key, int], table: Table, hidden: set[Key],
                  exposed: list[Key], keep: frozenset[Key] = frozenset()) -> None:
    position = table.position
    covered: set[Key] = set()
    for target in exposed:
        if target in covered:
            continue
        found = _rectangle(values, table, hidden, position[target], keep)
        if found is None:
            # Every rectangle is hidden already (possible only with one column): hide the
            # target's lines whole.
            hidden.update(k for line in table.lines() if any(key == target for key, _ in line)
                          for k, _ in line if k != table.cell[TOTAL, TOTAL])
            continue
        hidden.update(found[1])
        covered.update(found[1])


def _pair_rows(values: Mapping[Key, int], tables: list[Table], hidden: set[Key]) -> None:
    """A group left out alone could be recomputed from the totals: leave out a second one
    (the smallest), and every cell of a left-out group in every table."""
    changed = True
    while changed:
        changed = False
        for table in tables:
            out = [r for r in table.rows if table.cell[r, TOTAL] in hidden]
            shown = [r for r in table.rows if r not in out]
            if len(out) == 1 and shown:
                # The smallest group, but not an empty one while another is left.
                partner = min(shown, key=lambda r: (values[table.cell[r, TOTAL]] == 0,
                                                    values[table.cell[r, TOTAL]], repr(r)))
                hidden.add(table.cell[partner, TOTAL])
                changed = True
            elif len(out) == 1 and not table.keys() <= hidden:
                # The only group is everyone: its numbers are the totals; hide them all.
                hidden.update(table.keys())
                changed = True
    for table in tables:
        for row in table.rows:
            if table.cell[row, TOTAL] in hidden:
                hidden.update(table.cell[row, c] for c in table.all_cols())
