"""Every way asking the register can fail gives one Polish line and no traceback; the client is
polite (1 request/s, named, Retry-After honoured) and refuses under CI."""

from __future__ import annotations

import argparse
import itertools
import re
import socket
import time

import pytest
from support.krs_register import FakeRegister, new_project, register_client

from ngosite.cli import krs as krs_command
from ngosite.cli import main
from ngosite.krs.client import ClientSettings, NotAllowed, RegisterClient, client_settings
from ngosite.krs.faults import BadAnswer, RegisterUnavailable
from ngosite.krs.record import parse_current
from ngosite.settings.gmina import load_settings


@pytest.fixture
def register():
    fake = FakeRegister()
    yield fake
    fake.close()


@pytest.mark.parametrize(("scenario", "message"), [
    (["hang"], "serwer rejestru KRS nie odpowiedział w wyznaczonym czasie (próby: 2)"),
    (["reset"], "serwer rejestru KRS przerwał połączenie w trakcie odpowiedzi (próby: 3)"),
    (["429"], "zbyt wiele zapytań (HTTP 429); serwer prosi o przerwę 1 s (próby: 3)"),
    (["429-bez"], "zbyt wiele zapytań (HTTP 429) (próby: 3)"),
    (["429-dlugo"], "zbyt wiele zapytań (HTTP 429); serwer prosi o przerwę 3600 s"),
    (["500"], "ma awarię albo przerwę techniczną (HTTP 500) (próby: 3)"),
    (["400"], "serwer rejestru KRS odrzucił zapytanie (HTTP 400)"),
])
def test_transport_faults_stop_with_one_polish_line(register, scenario, message):
    register.scenarios["0000100001"] = scenario
    waits: list[float] = []
    client = register_client(register.url, sleep=waits.append)
    with pytest.raises(RegisterUnavailable) as caught:
        client.fetch("0000100001")
    assert str(caught.value).endswith(message)


def test_refused_connection(register):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    client = register_client(f"http://127.0.0.1:{port}/api/krs", sleep=lambda s: None)
    with pytest.raises(RegisterUnavailable, match="odmówił połączenia albo jest niedostępny"):
        client.fetch("0000100001")


def test_retry_after_is_honoured_and_a_retry_then_succeeds(register):
    register.scenarios["0000100001"] = ["429", "503", ""]
    waits: list[float] = []
    offset = [0.0]

    def sleep(seconds: float) -> None:  # time passes without the test waiting
        waits.append(seconds)
        offset[0] += seconds

    client = register_client(register.url, sleep=sleep, attempts=4)
    client._clock = lambda: time.monotonic() + offset[0]
    fetched = client.fetch("0000100001")
    assert fetched.state == "found" and client.requests == 3
    waited = [round(w, 1) for w in waits if w > 0.05]
    assert waited == [1.0, 2.0]  # Retry-After 1 s, then the back-off of the second try


@pytest.mark.parametrize(("scenario", "message"), [
    ("html", "rejestr zwrócił stronę HTML zamiast danych JSON"),
    ("ucieta", "odpowiedź rejestru nie jest poprawnym JSON-em (uszkodzona w linii 1"),
    ("nan", "liczbę nieskończoną albo NaN"),
    ("pusta", "rejestr zwrócił pustą odpowiedź"),
])
def test_malformed_answers_are_one_line_each(register, scenario, message):
    register.scenarios["0000100001"] = [scenario]
    client = register_client(register.url, sleep=lambda s: None)
    fetched = client.fetch("0000100001")
    with pytest.raises(BadAnswer, match=re.escape(message)):
        parse_current("0000100001", "S", fetched.body)


def test_one_request_a_second_with_an_identifying_user_agent(register):
    client = register_client(register.url)  # real sleeping
    for number in ("0000100001", "0000100002", "0000100008"):
        client.fetch(number)
    times = [r["time"] for r in register.requests]
    assert len(times) == 4  # 0000100008: S, then P
    assert all(b - a >= 0.95 for a, b in itertools.pairwise(times))
    assert register.requests[0]["agent"] == \
        "Test Milki (ngosite krs; urzad@example.org)"


def test_refused_in_ci_unless_the_scheduled_workflow_asks(monkeypatch):
    settings = load_settings(new_project_root())
    monkeypatch.setenv("CI", "true")
    with pytest.raises(NotAllowed, match="wyłączone w CI"):
        client_settings(settings)
    monkeypatch.setenv("NGOSITE_KRS_ONLINE", "1")
    with pytest.raises(NotAllowed, match=r"krs\.kontakt"):  # no contact in the bundled settings
        client_settings(settings)


def new_project_root():
    from support.krs_register import ROOT
    return ROOT


def test_a_stopped_import_says_how_many_numbers_were_not_asked(tmp_path, register, capsys,
                                                               monkeypatch):
    monkeypatch.setenv("NGOSITE_TODAY", "2026-11-26")
    project = new_project(tmp_path, with_ngos=False)
    register.scenarios["0000100002"] = ["500"]
    args = argparse.Namespace(krs_command="import",
                              numbers=["0000100001", "0000100002", "0000100003"])
    code = krs_command.run(project, args, client=register_client(register.url,
                                                                 sleep=lambda s: None))
    out = capsys.readouterr().out
    assert code == 1
    assert "Przerwano: nie zapytano o 2 numery. Uruchom polecenie ponownie później" in out
    assert (project / "ngos" / "stowarzyszenie-przyjaciol-ziemi-milkowskiej.yml").exists()


def test_the_command_prints_no_traceback_when_refused(monkeypatch, capsys):
    monkeypatch.setenv("CI", "true")
    monkeypatch.delenv("NGOSITE_KRS_ONLINE", raising=False)
    assert main(["krs", "check"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Nie można pytać rejestru KRS:") and "Traceback" not in err


def test_timeout_is_bounded(register):
    register.scenarios["0000100001"] = ["hang"]
    client = RegisterClient(ClientSettings(api=register.url, contact="a@b.pl", site_name="T",
                                           timeout_s=0.3, attempts=1))
    started = time.monotonic()
    with pytest.raises(RegisterUnavailable):
        client.fetch("0000100001")
    assert time.monotonic() - started < 1.2


def test_a_hanging_register_is_given_up_after_two_timeouts_and_says_so(register):
    """4 tries of 20 s each kept a clerk 89 s before a silent screen: a server that let two
    requests time out is down, and each wait is announced."""
    register.scenarios["0000100001"] = ["hang"]
    said: list[str] = []
    client = RegisterClient(ClientSettings(api=register.url, contact="a@b.pl", site_name="T",
                                           timeout_s=0.3, attempts=4, delay_s=1.0),
                            sleep=lambda s: None, progress=said.append)
    with pytest.raises(RegisterUnavailable, match=r"w wyznaczonym czasie \(próby: 2\)"):
        client.fetch("0000100001")
    assert client.requests == 2
    assert said == ["  serwer rejestru KRS nie odpowiedział w wyznaczonym czasie; ponawiam za "
                    "1 s (próba 2 z 4)…"]


def test_the_import_says_what_it_waits_for(tmp_path, register, capsys, monkeypatch):
    monkeypatch.setenv("NGOSITE_TODAY", "2026-11-26")
    project = new_project(tmp_path, with_ngos=False)
    args = argparse.Namespace(krs_command="import", numbers=["0000100002"])
    krs_command.run(project, args, client=register_client(register.url, sleep=lambda s: None))
    assert "KRS 0000100002: pytam rejestr (na odpowiedź czekam do 1 s)" in \
        capsys.readouterr().err
