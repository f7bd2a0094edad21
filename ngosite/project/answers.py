"""What only the office knows: the gmina's name, codes, office and repository.

Given on the command line, or asked in Polish when the command runs in a terminal. Nothing is
guessed: a value is derived only where Polish grammar or the TERYT code fixes it (the locative
of "Gmina X" is "gminie X"; the voivodeship is the code's first two digits), and a suggestion
(the office's usual name) is only offered, for the clerk to confirm with Enter.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ngosite.core.fields import check_email, check_url

# TERYT's first two digits: the voivodeship (GUS, TERC).
VOIVODESHIPS = {
    "02": "dolnośląskie", "04": "kujawsko-pomorskie", "06": "lubelskie", "08": "lubuskie",
    "10": "łódzkie", "12": "małopolskie", "14": "mazowieckie", "16": "opolskie",
    "18": "podkarpackie", "20": "podlaskie", "22": "pomorskie", "24": "śląskie",
    "26": "świętokrzyskie", "28": "warmińsko-mazurskie", "30": "wielkopolskie",
    "32": "zachodniopomorskie",
}


class MissingAnswers(Exception):
    """Values not given and no terminal to ask in; the message lists the options (Polish)."""


@dataclass
class Answers:
    name: str = ""  # "Gmina Testowo"
    locative: str = ""  # "gminie Testowo"
    teryt: str = ""
    county: str = ""  # "testowski" (the powiat's adjective)
    voivodeship: str = ""
    office: str = ""
    office_address: str = ""
    office_email: str = ""
    repository: str = ""
    project: str = ""
    site_url: str = ""


@dataclass(frozen=True)
class Question:
    field: str
    option: str
    prompt: str
    check: Callable[[str], str | None]  # None when valid, else what is wrong
    required: bool = True


def _filled(value: str) -> str | None:
    return None if value.strip() else "to pole jest wymagane"


def _teryt(value: str) -> str | None:
    if not re.fullmatch(r"\d{7}", value):
        return "kod TERYT gminy to 7 cyfr, np. 1099992 (wyszukiwarka TERYT na stronie GUS)"
    return None if value[:2] in VOIVODESHIPS else "dwie pierwsze cyfry nie są kodem województwa"


def _https(value: str) -> str | None:
    if not re.fullmatch(r"https://\S+", value):
        return "adres zaczyna się od https://"
    return _settings_check(check_url, value)


def _email(value: str) -> str | None:
    return _settings_check(check_email, value)


def _settings_check(check: Callable[[str], str], value: str) -> str | None:
    """The check data/gmina.yml will get (ngosite.core.fields): a value it refuses must be
    refused here, before init writes any file."""
    try:
        check(value)
    except ValueError as exc:
        return str(exc)
    return None


QUESTIONS = (
    Question("name", "--name", "Nazwa gminy, jak w TERYT, np. „Gmina Nowa Wieś”", _filled),
    Question("teryt", "--teryt", "Kod TERYT gminy (7 cyfr)", _teryt),
    Question("locative", "--name-locative", "Po „w …”, np. „gminie Nowa Wieś”", _filled),
    Question("county", "--powiat", "Powiat (przymiotnik, małą literą, np. „nowowiejski”)",
             _filled),
    Question("voivodeship", "--wojewodztwo", "Województwo", _filled),
    Question("office", "--urzad", "Nazwa urzędu, np. „Urząd Gminy Nowa Wieś”", _filled),
    Question("office_address", "--adres-urzedu",
             "Adres urzędu w jednej linii, np. „ul. Szkolna 1, 12-345 Nowa Wieś”", _filled),
    Question("office_email", "--email-urzedu", "E-mail urzędu (Enter: pomiń)", _email,
             required=False),
    Question("repository", "--repozytorium",
             "Adres repozytorium z danymi, np. https://github.com/gmina/organizacje", _https),
    Question("project", "--projekt",
             "Nazwa projektu lub programu, w którym urząd prowadzi serwis", _filled),
    Question("site_url", "--adres-serwisu", "Adres serwisu, gdy go ma (Enter: pomiń)", _https,
             required=False),
)


def derive(answers: Answers) -> None:
    """Fill what the given values fix: the locative of "Gmina X", the voivodeship of the
    code."""
    if not answers.locative and answers.name.lower().startswith("gmina "):
        answers.locative = "gminie " + answers.name[len("gmina "):]
    if not answers.voivodeship and answers.teryt[:2] in VOIVODESHIPS:
        answers.voivodeship = VOIVODESHIPS[answers.teryt[:2]]


def suggestion(answers: Answers, field: str) -> str:
    """A value offered in the question (confirmed with Enter), never written unasked."""
    if field == "office" and answers.name.lower().startswith("gmina "):
        return "Urząd Gminy " + answers.name[len("gmina "):]
    return ""


def complete(answers: Answers, ask: Callable[[str], str] | None) -> Answers:
    """Every question answered and valid: from ``ask`` (a terminal) or already given. Without
    a terminal a missing or invalid value is ``MissingAnswers``."""
    problems: list[str] = []
    for question in QUESTIONS:
        derive(answers)
        value = getattr(answers, question.field).strip()
        if not value and not question.required and ask is not None:
            value = ask(f"{question.prompt}: ").strip()  # asked once; Enter leaves it out
        wrong = question.check(value) if value else (
            _filled(value) if question.required else None)
        while wrong and ask is not None:
            offered = suggestion(answers, question.field)
            hint = f" [{offered}]" if offered else ""
            if value:
                print(f"  {wrong}")
            value = ask(f"{question.prompt}{hint}: ").strip() or offered
            wrong = question.check(value) if value else (
                _filled(value) if question.required else None)
        if wrong:
            problems.append(f"{question.option}: {wrong}")
        setattr(answers, question.field, value)
    if problems:
        raise MissingAnswers("brakuje danych albo są niepoprawne:\n  " + "\n  ".join(problems)
                             + "\nPodaj je w opcjach polecenia albo uruchom je w terminalu, "
                               "który o nie zapyta.")
    return answers

