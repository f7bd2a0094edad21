"""Disclosure thresholds of published survey results, as ``badania`` in ``data/gmina.yml``.

The defaults suit a gmina of a few thousand people (see ``ngosite.surveys.disclosure``): a
group's answers are shown from 10 respondents, counts 1–4 are hidden. Staff may make them
stricter; the model refuses milder ones. Respondents' rows are never published.
"""

from __future__ import annotations

from pydantic import Field, model_validator

from ngosite.core.fields import Strict


class SurveySettings(Strict):
    group_minimum: int = Field(
        10, alias="min_grupa", ge=5, le=1000, strict=True,
        description="Najmniejsza liczba osób w grupie (miejscowości, grupie wieku), którą "
                    "wolno pokazać w przekroju; mniejsze grupy się pomija")
    hide_up_to: int = Field(
        4, alias="ukryj_liczby_do", ge=2, le=100, strict=True,
        description="Liczby odpowiedzi od 1 do tej wartości są ukrywane razem z procentem")

    @model_validator(mode="before")
    @classmethod
    def _no_respondent_rows(cls, data: object) -> object:
        if isinstance(data, dict) and "udostepnij_odpowiedzi" in data:
            raise ValueError(
                "pola udostepnij_odpowiedzi już nie ma: odpowiedzi pojedynczych osób nie są "
                "publikowane (zostają w urzędzie, RODO: minimalizacja danych); usuń to pole")
        return data
