"""A survey read without errors: its address, description and published results."""

from __future__ import annotations

from dataclasses import dataclass

from .aggregates import PublishedWave
from .model import Survey


@dataclass(frozen=True)
class LoadedSurvey:
    slug: str
    file: str
    survey: Survey
    published: PublishedWave

    @property
    def study(self) -> str | None:
        return self.survey.wave.study if self.survey.wave else None
