"""Open answers pass through staff review before anything of them is published.

A resident's own words can name a street, a relative or an illness, and in a village that is
enough to know who wrote them; no pattern finds that reliably. So ``publish`` never copies the
open-answer column: it writes every answer into a review file beside the respondents' file
(outside the repository), each marked ``publikuj: false``. Staff read it, set ``publikuj:
true`` on what may be published (shortening or rewording where a detail would point at a
person), and run the command again with ``--otwarte``; only approved texts reach
``wyniki.yml``, sorted, with no link to a respondent's row.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import Field

from ngosite.core.atomic import write_text_atomically
from ngosite.core.fields import Strict, Text
from ngosite.core.problems import Problem
from ngosite.core.sorting import polish_key
from ngosite.core.validate import problem_at

from .model import Code, Survey
from .personal_data import personal_data_in
from .source import read_model_file


class ReviewedAnswer(Strict):
    question: Code = Field(alias="pytanie", description="Kod pytania otwartego")
    text: Text = Field(alias="tekst", max_length=2000, description="Treść odpowiedzi")
    publish: bool = Field(alias="publikuj", strict=True,
                          description="true: odpowiedź można opublikować")


class Review(Strict):
    answers: list[ReviewedAnswer] = Field(default_factory=list, alias="odpowiedzi")


def write_review(path: Path, survey_id: str, raw: Path,
                 answers: dict[str, list[str]]) -> None:
    """The review file: every open answer, sorted (not in the order of the rows)."""
    items = [{"pytanie": qid, "tekst": text, "publikuj": False}
             for qid, texts in answers.items() for text in sorted(texts, key=polish_key)]
    header = (
        f"# Odpowiedzi otwarte badania {survey_id} do przeglądu przed publikacją.\n"
        "# Ten plik zawiera słowa mieszkańców: przechowuj go razem z plikiem odpowiedzi, w\n"
        "# urzędzie, nigdy w repozytorium serwisu.\n"
        "# Przy odpowiedzi, którą można opublikować, zmień „publikuj: false” na „publikuj: "
        "true”.\n"
        "# Nie publikuj odpowiedzi, z której da się rozpoznać osobę (imię, ulica, choroba,\n"
        "# funkcja w małej organizacji); możesz też skrócić tekst i usunąć taki szczegół.\n"
        f"# Potem uruchom: ngosite surveys publish {raw} --badanie {survey_id} "
        f"--otwarte {path}\n")
    body = yaml.safe_dump({"odpowiedzi": items}, allow_unicode=True, sort_keys=False,
                          width=100)
    write_text_atomically(path, header + body)


def read_review(path: Path, survey: Survey, answers: dict[str, list[str]],
                problems: list[Problem]) -> dict[str, list[str]]:
    """Approved texts per open question; problems (located in the review file) otherwise."""
    found = read_model_file(path, str(path), Review, problems)
    if found is None:
        return {}
    doc, review = found
    approved: dict[str, list[str]] = {}
    for i, item in enumerate(review.answers):
        question = survey.question(item.question)
        if question is None or question.kind != "otwarte":
            problems.append(problem_at(doc, ("odpowiedzi", i, "pytanie"), f"„{item.question}” "
                                       "nie jest pytaniem otwartym tego badania"))
            continue
        if not item.publish:
            continue
        personal = personal_data_in(item.text)
        if personal:
            problems.append(problem_at(doc, ("odpowiedzi", i, "tekst"), f"odpowiedź zawiera "
                                       f"{' i '.join(personal)}; usuń ten fragment albo "
                                       "zostaw publikuj: false"))
            continue
        approved.setdefault(item.question, []).append(item.text)
    for qid, texts in approved.items():
        if len(texts) > len(answers.get(qid, [])):
            problems.append(problem_at(doc, ("odpowiedzi",), f"do publikacji zatwierdzono "
                                       f"{len(texts)} odpowiedzi na {qid}, a w pliku "
                                       f"odpowiedzi jest ich {len(answers.get(qid, []))}; czy "
                                       "to plik przeglądu innego badania?"))
    return approved
