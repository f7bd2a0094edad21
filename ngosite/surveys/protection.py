"""Disclosure control of one wave, proved against the attacker's linear programme.

1. Primary cells (``disclosure.primary_cells``): counts 1–k and the answers of groups under
   the group threshold, each with its protection interval [0, k+1].
2. Table by table, partners until no hidden number is fixed by the lines of its tables
   (``disclosure.protect``: the hypercube method, as τ-ARGUS's GHMITER).
3. The audit (``attack``): the attacker's interval of every primary cell over all published
   numbers of the wave at once. A cell whose interval does not reach both 0 and k+1 gets one
   more cycle of partners, chosen with room for the missing moves, and step 2 runs again.
   Hiding a number only removes an equation, so intervals only widen: a cell that passed
   stays passed, and only the failing ones are solved again.

Exemption: a cell inside a published zero (nobody in Ruda chose the answer, so nobody of
Ruda's 18–29-year-olds did) is pinned at 0 by that zero, which discloses nothing more.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .attack import AttackModel, Interval
from .design import Key, WaveDesign
from .disclosure import TOTAL, Table, computable, primary_cells, protect, widen
from .tables import WaveCounts

MAX_ROUNDS = 40


@dataclass(frozen=True)
class Protection:
    """The wave's hidden numbers and what the audit proved of them. ``primary`` and the
    intervals of primary cells are for staff and tests only: publishing which cells are small
    would undo the protection."""

    hidden: frozenset[Key]
    primary: Mapping[Key, int]
    intervals: Mapping[Key, Interval]  # the attacker's interval of every hidden number
    numbers: int  # every number the wave's design has (shown or hidden)
    rounds: int

    def failures(self, values: Mapping[Key, int]) -> list[Key]:
        """Primary cells whose interval does not cover their protection interval (a primary
        cell shown is one a published zero pinned at 0: fine only if it is 0)."""
        return [k for k, target in self.primary.items()
                if (k in self.hidden and not covers(self.intervals[k], target, pinned=False))
                or (k not in self.hidden and values[k] != 0)]

    @property
    def protected(self) -> int:
        """Small counts still hidden (those a published zero fixed at 0 are shown)."""
        return sum(1 for k in self.primary if k in self.hidden)


def covers(interval: Interval, target: int, *, pinned: bool) -> bool:
    if pinned:  # inside a published zero: 0 is all there is to know, and it is public
        return True
    return interval.low <= 0 and interval.high >= target


def protect_wave(counts: WaveCounts, *, hide_up_to: int, group_minimum: int,
                 keep: frozenset[Key] = frozenset(),
                 already: frozenset[Key] = frozenset()) -> Protection:
    """Hide the primary cells and enough partners that the audit passes. ``keep``: numbers to
    spare when another choice is about as cheap (those the evaluation page needs);
    ``already``: numbers an earlier publication of the same answers hid, hidden again, so
    that the two versions in the repository's history reveal no more than the first."""
    design, values = counts.design, counts.values
    tables = design.tables()
    primary = primary_cells(values, tables, hide_up_to=hide_up_to, group_minimum=group_minimum)
    hidden = set(protect(values, tables, set(primary) | already, keep))
    model = AttackModel(design)
    where = _positions(tables)
    pending = dict(primary)
    rounds = 0
    for rounds in range(1, MAX_ROUNDS + 1):  # noqa: B007 - the count is reported
        published = {k: values[k] for k in model.numbers() if k not in hidden}
        intervals = model.intervals(published, pending)
        failing = {k: iv for k, iv in intervals.items()
                   if not covers(iv, pending[k],
                                  pinned=pinned_by_zero(design, published, k))}
        # The build's own check: no hidden number fixed by the table lines of all tables
        # together (protect() looks at one table at a time).
        exposed = [] if failing else computable({}, tables, hidden)
        if not failing and not exposed:
            break
        for key, interval in sorted(failing.items(), key=lambda kv: repr(kv[0])):
            _widen(values, where, hidden, key, interval, pending[key], keep)
        for key in exposed:
            _widen(values, where, hidden, key, Interval(0, 0), 0, keep)
        hidden = set(protect(values, tables, hidden, keep))
        pending = {k: pending[k] for k in failing}
    else:
        raise RuntimeError("disclosure control did not converge")  # pragma: no cover
    published = {k: values[k] for k in model.numbers() if k not in hidden}
    intervals = model.intervals(published, sorted(hidden, key=repr))
    # A hidden number the published ones fix exactly protects nothing: show it. Its equation
    # adds nothing the others did not imply, so no other interval narrows.
    pinned = {k for k, interval in intervals.items() if interval.width == 0}
    hidden -= pinned
    intervals = {k: v for k, v in intervals.items() if k not in pinned}
    return Protection(frozenset(hidden), primary, intervals, len(model.numbers()), rounds)


def _positions(tables: list[Table]) -> dict[Key, list[tuple[Table, tuple[Key, Key]]]]:
    found: dict[Key, list[tuple[Table, tuple[Key, Key]]]] = {}
    for table in tables:
        for position, key in table.cell.items():
            found.setdefault(key, []).append((table, position))
    return found


def _widen(values: Mapping[Key, int], where: Mapping[Key, list[tuple[Table, tuple[Key, Key]]]],
           hidden: set[Key], key: Key, interval: Interval, target: int,
           keep: frozenset[Key]) -> None:
    """Hide the best cycle, over every table holding ``key``, that gives it room to reach 0
    and ``target``; when none adds anything, hide every line through it."""
    places = where[key]
    down, up = max(interval.low, 0), max(target - interval.high, 0)
    choices = [found for table, at in places
               if (found := widen(values, table, hidden, at, down, up, keep)) is not None]
    if key[0] == "cell" and key[2] is not None and all(c[0][0] for c in choices):
        # Every cycle of its own tables is hidden, or would cost a group's size: what pins
        # the cell runs through the unit's other breakdowns, which share its answer's
        # overall count. Give that count room there.
        overall = ("cell", key[1], None, TOTAL, key[4])
        choices += [found for table, at in where[overall]
                    if (found := widen(values, table, hidden, at, down, up, keep)) is not None]
    if choices:
        hidden.update(min(choices, key=lambda c: c[0])[1])
        return
    for table, _ in places:
        for line in table.lines():
            if any(k == key for k, _ in line):
                hidden.update(k for k, _ in line if k != table.cell[TOTAL, TOTAL])


def pinned_by_zero(design: WaveDesign, published: Mapping[Key, int], key: Key) -> bool:
    """True when a published zero contains ``key`` (the same answer in a group holding it,
    or overall; or an empty group holding it)."""
    if key[0] != "cell":
        return False
    _, unit, b, group, category = key
    if published.get(("cell", unit, None, TOTAL, category)) == 0:
        return True
    if b is None:
        return False
    members = set(design.members(b, group))
    for other, grouping in enumerate(design.groupings):
        for label in grouping.labels:
            if members <= set(design.members(other, label)) and (
                    published.get(("cell", unit, other, label, category)) == 0
                    or published.get(("size", other, label)) == 0):
                return True
    return False
