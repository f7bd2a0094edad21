"""A survey read without errors: its address, description and anonymous respondents."""

from __future__ import annotations

from dataclasses import dataclass

from .answers import Respondent
from .model import Survey


@dataclass(frozen=True)
class LoadedSurvey:
    slug: str
    file: str
    survey: Survey
    respondents: tuple[Respondent, ...]

    @property
    def study(self) -> str | None:
        return self.survey.wave.study if self.survey.wave else None
