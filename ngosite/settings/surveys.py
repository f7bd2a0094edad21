"""Disclosure thresholds of published survey results, as ``badania`` in ``data/gmina.yml``.

The defaults suit a gmina of a few thousand people (see ``ngosite.surveys.disclosure``): a
group is shown from 10 respondents, counts 1–4 are hidden. Staff may make them stricter; the
model refuses settings that would publish single respondents' answers.
"""

from __future__ import annotations

from pydantic import Field

from ngosite.core.fields import Strict


class SurveySettings(Strict):
    group_minimum: int = Field(
        10, alias="min_grupa", ge=5, le=1000, strict=True,
        description="Najmniejsza liczba osób w grupie (miejscowości, grupie wieku), którą "
                    "wolno pokazać w przekroju; mniejsze grupy się pomija")
    hide_up_to: int = Field(
        4, alias="ukryj_liczby_do", ge=2, le=100, strict=True,
        description="Liczby odpowiedzi od 1 do tej wartości są ukrywane razem z procentem")
    respondent_data: bool = Field(
        False, alias="udostepnij_odpowiedzi", strict=True,
        description="true: do pobrania są też odpowiedzi pojedynczych osób (bez metryczki "
                    "i bez odpowiedzi otwartych); domyślnie false")
