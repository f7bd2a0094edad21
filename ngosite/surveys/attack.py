"""What an attacker can derive about each hidden number of a wave from everything published.

The attacker's model (τ-ARGUS calls its bounds the feasibility interval): unknown, non-negative
counts of respondents per atom and, for each question's table, per atom and answer category
(``design``); every published number is an equation over them; each question's answers in an
atom add up to the atom's respondents. The smallest and largest value a hidden number can take
over all solutions is the tightest interval anyone can derive from the published numbers by
linear reasoning — across every table, breakdown and question of the wave at once, which is
what a table-by-table check misses (a region minus its shown sołectwa, for instance).

Solved with HiGHS (``highspy``): the programme is built once per set of published numbers,
and each hidden number is an objective of its own, re-solved from the previous basis with the
primal simplex method (a few milliseconds each where a cold solve took 60–130 ms). Bounds are
rounded inwards to whole respondents.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property

import highspy
import numpy as np

from .design import Key, WaveDesign
from .disclosure import TOTAL

_EPSILON = 1e-6


@dataclass(frozen=True)
class Interval:
    low: int
    high: int

    @property
    def width(self) -> int:
        return self.high - self.low


class Inconsistent(ValueError):
    """The published numbers contradict each other: no counts could produce them."""


@dataclass(frozen=True)
class AttackModel:
    """Columns of the attacker's programme for one wave's design."""

    design: WaveDesign

    @cached_property
    def _offsets(self) -> dict[str, int]:
        atoms = len(self.design.atoms)
        offsets, start = {}, atoms  # the first columns are the atoms' respondents
        for unit in self.design.units:
            offsets[unit.id] = start
            start += atoms * len(unit.categories)
        offsets[""] = start
        return offsets

    @property
    def size(self) -> int:
        return self._offsets[""]

    def columns(self, key: Key) -> np.ndarray:
        """The columns whose sum is the number ``key``."""
        return self._columns[key]

    @cached_property
    def _columns(self) -> dict[Key, np.ndarray]:
        design = self.design
        atoms = np.arange(len(design.atoms))
        found: dict[Key, np.ndarray] = {("size", None, TOTAL): atoms}
        groups = [(b, label) for b, g in enumerate(design.groupings) for label in g.labels]
        for b, label in groups:
            found["size", b, label] = np.array(design.members(b, label), dtype=np.int64)
        for unit in design.units:
            width = len(unit.categories)
            for j, category in enumerate(unit.categories):
                base = self._offsets[unit.id] + j
                found[unit.key(None, TOTAL, category)] = base + atoms * width
                for b, label in groups:
                    members = np.array(design.members(b, label), dtype=np.int64)
                    found[unit.key(b, label, category)] = base + members * width
        return found

    def numbers(self) -> tuple[Key, ...]:
        """Every number the design publishes or hides."""
        return tuple(self._columns)

    def _link_rows(self) -> tuple[list[np.ndarray], list[np.ndarray]]:
        """Per unit and atom: its answer categories add up to the atom's respondents."""
        indices, values = [], []
        for unit in self.design.units:
            width = len(unit.categories)
            for atom in range(len(self.design.atoms)):
                start = self._offsets[unit.id] + atom * width
                indices.append(np.array([*range(start, start + width), atom], dtype=np.int64))
                values.append(np.array([1.0] * width + [-1.0]))
        return indices, values

    def solver(self, published: Mapping[Key, int]) -> _Solver:
        """A programme whose equations are the link rows and every published number."""
        indices, values = self._link_rows()
        rhs = [0.0] * len(indices)
        for key, value in published.items():
            indices.append(self._columns[key])
            values.append(np.ones(len(self._columns[key])))
            rhs.append(float(value))
        return _Solver(self, indices, values, rhs)

    def intervals(self, published: Mapping[Key, int], keys: Iterable[Key]) -> dict[Key, Interval]:
        return self.solver(published).intervals(keys)


class _Solver:
    def __init__(self, model: AttackModel, indices: list[np.ndarray],
                 values: list[np.ndarray], rhs: list[float]) -> None:
        self.model = model
        lp = highspy.HighsLp()
        n = model.size
        lp.num_col_, lp.num_row_ = n, len(rhs)
        lp.col_cost_ = np.zeros(n)
        lp.col_lower_ = np.zeros(n)
        lp.col_upper_ = np.full(n, highspy.kHighsInf)
        lp.row_lower_ = np.array(rhs)
        lp.row_upper_ = np.array(rhs)
        lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
        lp.a_matrix_.start_ = np.cumsum([0, *(len(i) for i in indices)]).astype(np.int32)
        lp.a_matrix_.index_ = np.concatenate(indices).astype(np.int32)
        lp.a_matrix_.value_ = np.concatenate(values)
        self.highs = highspy.Highs()
        self.highs.silent()
        # Warm-started primal simplex, one thread and no presolve: each objective starts from
        # the last optimal basis, and the same input always gives the same bounds.
        for option, value in (("presolve", "off"), ("solver", "simplex"),
                              ("simplex_strategy", 4), ("threads", 1)):
            self.highs.setOptionValue(option, value)
        self.highs.passModel(lp)

    def intervals(self, keys: Iterable[Key]) -> dict[Key, Interval]:
        keys = list(keys)
        low = self._optimise(keys, highspy.ObjSense.kMinimize)
        high = self._optimise(keys, highspy.ObjSense.kMaximize)
        return {k: Interval(math.ceil(low[k] - _EPSILON), math.floor(high[k] + _EPSILON))
                for k in keys}

    def _optimise(self, keys: list[Key], sense: highspy.ObjSense) -> dict[Key, float]:
        highs = self.highs
        highs.changeObjectiveSense(sense)
        everything = np.arange(self.model.size, dtype=np.int32)
        highs.changeColsCost(len(everything), everything, np.zeros(len(everything)))
        found: dict[Key, float] = {}
        previous: np.ndarray | None = None
        for key in keys:
            columns = self.model.columns(key).astype(np.int32)
            if previous is not None:
                highs.changeColsCost(len(previous), previous, np.zeros(len(previous)))
            highs.changeColsCost(len(columns), columns, np.ones(len(columns)))
            previous = columns
            highs.run()
            status = highs.getModelStatus()
            if status == highspy.HighsModelStatus.kInfeasible:
                raise Inconsistent("the published numbers contradict each other")
            if status != highspy.HighsModelStatus.kOptimal:
                raise RuntimeError(f"HiGHS stopped with {highs.modelStatusToString(status)}")
            found[key] = highs.getInfo().objective_function_value
        return found
