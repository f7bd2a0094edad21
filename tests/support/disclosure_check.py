"""An independent check that hidden counts cannot be recovered from published numbers.

Given equations (each a list of ``(unknown_or_known, coefficient)``; the line sums to zero)
and the set of unknowns, exact Gauss–Jordan elimination over the rationals says which unknowns
are fixed: an unknown is fixed when some combination of the equations involves it alone. This
is deliberately a different method from ``ngosite.surveys.disclosure`` (floating-point
elimination per connected group of cells), so the two cannot share a mistake.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from fractions import Fraction


def fixed_unknowns(lines: Iterable[list[tuple[Hashable, int]]],
                   unknowns: set[Hashable]) -> set[Hashable]:
    order = sorted(unknowns, key=repr)
    index = {k: i for i, k in enumerate(order)}
    rows: list[list[Fraction]] = []
    for line in lines:
        row = [Fraction(0)] * len(order)
        for key, coefficient in line:
            if key in index:
                row[index[key]] += coefficient
        if any(row):
            rows.append(row)
    pivots: list[int] = []
    r = 0
    for c in range(len(order)):
        pivot = next((i for i in range(r, len(rows)) if rows[i][c] != 0), None)
        if pivot is None:
            continue
        rows[r], rows[pivot] = rows[pivot], rows[r]
        lead = rows[r][c]
        rows[r] = [v / lead for v in rows[r]]
        for i in range(len(rows)):
            if i != r and rows[i][c] != 0:
                factor = rows[i][c]
                rows[i] = [a - factor * b for a, b in zip(rows[i], rows[r], strict=True)]
        pivots.append(c)
        r += 1
    fixed = set()
    for i, c in enumerate(pivots):
        if all(v == 0 for j, v in enumerate(rows[i]) if j != c):
            fixed.add(order[c])
    return fixed
