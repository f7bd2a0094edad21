"""A document as the build holds it: its metadata, every version's text, their comparisons.

Loading (``documents_load``) makes these and the rules (``documents_rules``) read them; keeping
the types apart from both lets the rules check a document without importing the loader.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType

from .consultation import ConsultationState
from .model import DocumentMeta, Version
from .section_match import Comparison
from .text import VersionText


@dataclass(frozen=True)
class LoadedVersion:
    meta: Version
    file: str
    text: VersionText
    checksum: str
    state: ConsultationState | None

    @property
    def number(self) -> int:
        return self.meta.number


@dataclass(frozen=True)
class Document:
    """One document with every version, as of the build date ``today``."""

    slug: str
    file: str
    meta: DocumentMeta
    versions: tuple[LoadedVersion, ...]
    today: date
    comparisons: Mapping[tuple[int, int], Comparison] = field(
        default_factory=lambda: MappingProxyType({}))

    @property
    def latest(self) -> LoadedVersion:
        return self.versions[-1]

    def version(self, number: int) -> LoadedVersion | None:
        return next((v for v in self.versions if v.number == number), None)

    def following(self, number: int) -> LoadedVersion | None:
        return self.version(number + 1)


def comparison_pairs(numbers: list[int]) -> list[tuple[int, int]]:
    """Each version against the one before, and the first against the latest."""
    pairs = list(itertools.pairwise(numbers))
    if len(numbers) > 2:
        pairs.append((numbers[0], numbers[-1]))
    return pairs
