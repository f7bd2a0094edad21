"""``ngosite init``'s answers are checked as ``data/gmina.yml`` will be: a value the settings
refuse is refused before any file is written (it used to pass the question and stop init
halfway, with an unexpected error and a folder it would not write again)."""

from __future__ import annotations

import pytest

from ngosite.core.fields import check_email, check_url
from ngosite.project.answers import Answers, MissingAnswers, complete

VALID = dict(name="Gmina Testowo", teryt="2801011", locative="gminie Testowo", county="testowski",
             voivodeship="warmińsko-mazurskie", office="Urząd Gminy Testowo",
             office_address="ul. Szkolna 1, 11-500 Testowo", office_email="ug@testowo.pl",
             repository="https://github.com/gmina-testowo/organizacje",
             project="Akademia Współpracy")


def test_valid_answers_pass() -> None:
    assert complete(Answers(**VALID), ask=None).office_email == "ug@testowo.pl"


@pytest.mark.parametrize(("field", "option", "value", "check"), [
    ("office_email", "--email-urzedu", "ug@testowo.p", check_email),
    ("office_email", "--email-urzedu", "ug testowo.pl", check_email),
    ("repository", "--repozytorium", "https://localhost", check_url),
    ("repository", "--repozytorium", "http://github.com/gmina/organizacje", None),
])
def test_a_value_the_settings_refuse_is_refused_with_the_option_and_why(field, option, value,
                                                                        check) -> None:
    with pytest.raises(MissingAnswers) as raised:
        complete(Answers(**{**VALID, field: value}), ask=None)
    message = str(raised.value)
    assert option in message
    if check is not None:
        with pytest.raises(ValueError) as refused:
            check(value)
        assert str(refused.value) in message  # the same Polish reason as the settings give
