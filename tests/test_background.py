"""The data files are made in a forked child when that is safe, with the same result as in-line,
and any failure surfaces in the parent as it would without the child."""

from __future__ import annotations

import os
import threading

import pytest

from ngosite.background import Background, may_fork

pytestmark = pytest.mark.skipif(not may_fork(), reason="this platform or machine cannot fork")


def test_the_child_computes_what_the_parent_would():
    parent = os.getpid()
    work = Background(lambda: (os.getpid(), ["ą" * 100_000, b"\r\n"]))
    assert work.forked
    child, value = work.result()
    assert child != parent  # really made elsewhere…
    assert value == ["ą" * 100_000, b"\r\n"]  # …and nothing lost on the way back


def test_an_exception_in_the_child_is_raised_in_the_parent_with_its_message():
    def broken():
        raise ValueError("zepsute dane")

    work = Background(broken)
    assert work.forked
    with pytest.raises(ValueError, match="zepsute dane"):
        work.result()


def test_a_child_that_dies_without_answering_is_replaced_by_in_line_work():
    parent = os.getpid()

    def dies_in_the_child():
        if os.getpid() != parent:
            os._exit(3)
        return "zrobione w procesie głównym"

    work = Background(dies_in_the_child)
    assert work.forked
    assert work.result() == "zrobione w procesie głównym"


def test_no_fork_while_other_threads_run():
    # mkdocs serve runs a server thread: a forked child could inherit a held lock and hang.
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        work = Background(os.getpid)
        assert not work.forked
        assert work.result() == os.getpid()
    finally:
        stop.set()
        thread.join()


def test_parallel_work_can_be_switched_off(monkeypatch):
    monkeypatch.setenv("NGOSITE_PARALLEL", "0")
    work = Background(os.getpid)
    assert not work.forked and work.result() == os.getpid()
