"""Which § / ust. / pkt of one version is which of the next, and what changed in each.

Numbers are not identities: inserting a new § 3 renumbers every paragraph after it, and a
redline that compared "§ 4 with § 4" would show the whole document as rewritten. So units are
matched by content, level by level: first those with identical content (wherever they moved),
then the most similar remaining pairs (a shared number or title helps), and whatever is left is
added or removed. Only then are the words of each matched pair compared.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .redline import Segment, changed_words, tokens, whole, word_diff
from .text import Unit, VersionText

MATCH_THRESHOLD = 0.5
SAME_NUMBER_BONUS = 0.25
SAME_TITLE_BONUS = 0.2


@dataclass(frozen=True)
class Change:
    """One unit that differs: ``added``, ``removed`` or ``changed``; ``renumbered`` when only
    its number changed; ``moved`` when it changed places with its neighbours."""

    kind: str
    old: Unit | None
    new: Unit | None
    title: tuple[Segment, ...] = ()
    text: tuple[Segment, ...] = ()
    moved: bool = False

    @property
    def anchor(self) -> str:
        if self.new is not None:
            return f"zmiana-{self.new.anchor}"
        assert self.old is not None
        return f"zmiana-usuniety-{self.old.anchor}"

    @property
    def renumbered(self) -> bool:
        return (self.old is not None and self.new is not None
                and self.old.label != self.new.label)

    @property
    def size(self) -> int:
        return changed_words(self.title) + changed_words(self.text)


@dataclass(frozen=True)
class ChangeGroup:
    """The changes inside one top-level unit (a paragraph or the preamble)."""

    old: Unit | None
    new: Unit | None
    changes: tuple[Change, ...]


@dataclass(frozen=True)
class Comparison:
    groups: tuple[ChangeGroup, ...]
    renumbered: tuple[Change, ...]
    parts: tuple[Segment, ...] = ()
    pairs: dict[str, str] = field(default_factory=dict)

    @property
    def changes(self) -> list[Change]:
        return [c for g in self.groups for c in g.changes]

    def find(self, old_label: str | None = None, new_label: str | None = None) -> Change | None:
        """Where a comment shows up in the redline: the change at a label of the new version
        (given explicitly), else at a label of the old one, else the most substantial change
        inside that section (sub-units added there included), else in the nearest enclosing
        section."""
        changes = self.changes
        if new_label:
            for change in changes:
                if change.new is not None and change.new.label == new_label:
                    return change
            inside = [c for c in changes
                      if c.new is not None and c.new.label.startswith(new_label + " ")]
            if inside:
                return _largest(inside)
        if not old_label:
            return None
        for change in changes:
            if change.old is not None and change.old.label == old_label:
                return change
        mapped = self.pairs.get(old_label)
        inside = [c for c in changes
                  if (c.old is not None and c.old.label.startswith(old_label + " "))
                  or (mapped and c.new is not None and c.new.label.startswith(mapped + " "))]
        if inside:
            return _largest(inside)
        around = [c for c in changes
                  if c.old is not None and old_label.startswith(c.old.label + " ")]
        return max(around, key=lambda c: len(c.old.label)) if around else None  # type: ignore[union-attr]


def _largest(changes: list[Change]) -> Change:
    """The most substantial change, the first one on a tie."""
    return max(changes, key=lambda c: (c.size, -changes.index(c)))


def compare(old: VersionText, new: VersionText) -> Comparison:
    """Every change between two versions, grouped by paragraph, in the new version's order."""
    groups: list[ChangeGroup] = []
    renumbered: list[Change] = []
    pairs: dict[str, str] = {}
    for a, b, moved in match_units(old.units, new.units):
        changes = list(_changes(a, b, moved, pairs))
        if not changes:
            continue
        only_number = [c for c in changes if c.kind == "renumbered"]
        renumbered += only_number
        rest = tuple(c for c in changes if c.kind != "renumbered")
        if rest:
            groups.append(ChangeGroup(a, b, rest))
    old_parts = "\n".join(title for _, title in old.parts)
    new_parts = "\n".join(title for _, title in new.parts)
    return Comparison(tuple(groups), tuple(renumbered), word_diff(old_parts, new_parts), pairs)


def _changes(a: Unit | None, b: Unit | None, moved: bool, pairs: dict[str, str]):
    if a is None:
        assert b is not None
        yield Change("added", None, b, whole("insert", b.title), whole("insert", _subtree(b)))
        return
    if b is None:
        yield Change("removed", a, None, whole("delete", a.title), whole("delete", _subtree(a)))
        return
    pairs[a.label] = b.label
    title = _diff_or_empty(a.title, b.title)
    text = _diff_or_empty(a.text, b.text)
    if title or text:
        yield Change("changed", a, b, title, text, moved)
    elif moved:
        yield Change("moved", a, b, moved=True)
    elif a.number != b.number:
        yield Change("renumbered", a, b)
    for child_a, child_b, child_moved in match_units(a.children, b.children):
        yield from _changes(child_a, child_b, child_moved, pairs)


def _diff_or_empty(old: str, new: str) -> tuple[Segment, ...]:
    return word_diff(old, new) if old != new else ()


def _subtree(unit: Unit) -> str:
    """Own text and every sub-unit with its marker, each on a line of its own."""
    lines = [unit.text] if unit.text else []
    lines += [f"{sub.marker} {sub.text}" for child in unit.children for sub in child.walk()]
    return "\n\n".join(lines)


def match_units(old: list[Unit], new: list[Unit]) -> list[tuple[Unit | None, Unit | None, bool]]:
    """Pairs (old, new, moved) in reading order; ``None`` on one side for added/removed."""
    partner: dict[int, int] = {}
    _pair_identical(old, new, partner)
    _pair_similar(old, new, partner)
    moved = _moved(partner)
    by_new = {j: i for i, j in partner.items()}
    out: list[tuple[float, int, tuple[Unit | None, Unit | None, bool]]] = []
    for j, unit in enumerate(new):
        i = by_new.get(j)
        out.append((j, 0, (old[i] if i is not None else None, unit, i in moved)))
    for i, unit in enumerate(old):
        if i in partner:
            continue
        before = [partner[k] for k in range(i) if k in partner]
        out.append(((max(before) if before else -1) + 0.5, i, (unit, None, False)))
    out.sort(key=lambda item: (item[0], item[1]))
    return [item[2] for item in out]


def _key(unit: Unit) -> str:
    return " ".join(unit.full_text().split())


def _pair_identical(old: list[Unit], new: list[Unit], partner: dict[int, int]) -> None:
    waiting: dict[tuple[str, str], list[int]] = {}
    for j, unit in enumerate(new):
        waiting.setdefault((unit.kind, _key(unit)), []).append(j)
    for i, unit in enumerate(old):
        candidates = waiting.get((unit.kind, _key(unit)))
        if candidates:
            # Prefer the one with the same number (an unchanged unit), else the first.
            same = [j for j in candidates if new[j].number == unit.number]
            j = same[0] if same else candidates[0]
            candidates.remove(j)
            partner[i] = j


def _pair_similar(old: list[Unit], new: list[Unit], partner: dict[int, int]) -> None:
    free_old = [i for i in range(len(old)) if i not in partner]
    taken = set(partner.values())
    free_new = [j for j in range(len(new)) if j not in taken]
    if not free_old or not free_new:
        return
    bags_old = {i: _bag(old[i]) for i in free_old}
    bags_new = {j: _bag(new[j]) for j in free_new}
    scored: list[tuple[float, int, int]] = []
    for i in free_old:
        for j in free_new:
            a, b = old[i], new[j]
            if a.kind != b.kind:
                continue
            score = _dice(bags_old[i], bags_new[j])
            if a.number == b.number:
                score += SAME_NUMBER_BONUS
            if a.title and a.title == b.title:
                score += SAME_TITLE_BONUS
            if a.kind == "wstep":
                score += 1.0
            if score >= MATCH_THRESHOLD:
                scored.append((score, i, j))
    scored.sort(key=lambda s: (-s[0], s[1], s[2]))
    used_new: set[int] = set()
    for _, i, j in scored:
        if i in partner or j in used_new:
            continue
        partner[i] = j
        used_new.add(j)


def _bag(unit: Unit) -> Counter[str]:
    """The unit's words (punctuation left out: every text shares its commas and full stops)."""
    return Counter(t.text.lower() for t in tokens(unit.full_text()) if t.text[0].isalnum())


def _dice(a: Counter[str], b: Counter[str]) -> float:
    total = sum(a.values()) + sum(b.values())
    if not total:
        return 1.0
    return 2 * sum((a & b).values()) / total


def _moved(partner: dict[int, int]) -> set[int]:
    """Old indexes whose partners break the order: not on a longest increasing subsequence."""
    items = sorted(partner.items())
    if not items:
        return set()
    values = [j for _, j in items]
    # O(n²) longest increasing subsequence: lists of siblings are short.
    best = [1] * len(values)
    back = [-1] * len(values)
    for k in range(len(values)):
        for m in range(k):
            if values[m] < values[k] and best[m] + 1 > best[k]:
                best[k], back[k] = best[m] + 1, m
    k = max(range(len(values)), key=lambda x: best[x])
    keep: set[int] = set()
    while k != -1:
        keep.add(items[k][0])
        k = back[k]
    return {i for i, _ in items if i not in keep}
