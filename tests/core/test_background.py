"""The data files are made in a forked child when that is safe, with the same result as in-line,
and any failure surfaces in the parent as it would without the child.

The forking cases run in a fresh interpreter: by the time this module runs, other tests may have
left threads behind (the browser tests' HTTP server), and with threads alive the build rightly
refuses to fork.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from ngosite.core.background import Background, Handover

ROOT = Path(__file__).resolve().parents[2]
can_fork = pytest.mark.skipif(
    not sys.platform.startswith("linux") or (os.cpu_count() or 1) < 2,
    reason="the build forks only on Linux with two or more cores")


def _run_alone(body: str) -> None:
    """Run ``body`` in a new single-threaded interpreter; its assertions fail this test."""
    code = ("from ngosite.core.background import Background, Handover\nimport os\n"
            + textwrap.dedent(body))
    env = {k: v for k, v in os.environ.items() if k != "NGOSITE_PARALLEL"}
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


@can_fork
def test_the_child_computes_what_the_parent_would():
    _run_alone("""
        parent = os.getpid()
        work = Background(lambda: (os.getpid(), ["ą" * 100_000, b"\\r\\n"]))
        assert work.forked
        child, value = work.result()
        assert child != parent  # really made elsewhere…
        assert value == ["ą" * 100_000, b"\\r\\n"]  # …and nothing lost on the way back
    """)


@can_fork
def test_an_exception_in_the_child_is_raised_in_the_parent_with_its_message():
    _run_alone("""
        def broken():
            raise ValueError("zepsute dane")

        work = Background(broken)
        assert work.forked
        try:
            work.result()
        except ValueError as exc:
            assert str(exc) == "zepsute dane"
        else:
            raise AssertionError("the exception was lost")
    """)


@can_fork
def test_a_child_that_dies_without_answering_is_replaced_by_in_line_work():
    _run_alone("""
        parent = os.getpid()

        def dies_in_the_child():
            if os.getpid() != parent:
                os._exit(3)
            return "zrobione w procesie głównym"

        work = Background(dies_in_the_child)
        assert work.forked
        assert work.result() == "zrobione w procesie głównym"
    """)


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


@can_fork
def test_parallel_work_can_be_switched_off():
    _run_alone("""
        assert Background(os.getpid).forked
        os.environ["NGOSITE_PARALLEL"] = "0"
        work = Background(os.getpid)
        assert not work.forked and work.result() == os.getpid()
    """)


# ------------------------------------------------------------------- Handover (the search index)


@can_fork
def test_a_handover_finishes_in_the_child_with_the_parents_argument(tmp_path):
    _run_alone(f"""
        import pathlib
        parent = os.getpid()

        def write(value, name):
            pathlib.Path({str(tmp_path)!r}, name).write_text(f"{{value}} {{os.getpid()}}")

        work = Handover(lambda: "ą" * 3, write)
        assert work.forked
        work.finish("wynik.txt")
        value, pid = pathlib.Path({str(tmp_path)!r}, "wynik.txt").read_text().split()
        assert value == "ąąą" and int(pid) != parent  # written there, from the child's value
    """)


@can_fork
def test_a_handover_whose_child_fails_is_done_in_line(tmp_path):
    _run_alone(f"""
        import pathlib
        parent = os.getpid()

        def write(value, name):
            if os.getpid() != parent:
                raise OSError("dysk pełny")
            pathlib.Path({str(tmp_path)!r}, name).write_text(value)

        work = Handover(lambda: "zrobione", write)
        work.finish("wynik.txt")
        assert pathlib.Path({str(tmp_path)!r}, "wynik.txt").read_text() == "zrobione"
    """)


@can_fork
def test_a_discarded_handover_ends_its_child():
    _run_alone("""
        work = Handover(lambda: 1, lambda value, arg: None)
        process = work._process
        work.discard()
        assert not process.is_alive() and process.exitcode == 0
    """)


def test_a_handover_runs_in_line_while_other_threads_run(tmp_path):
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        seen: list[tuple[int, str]] = []
        work = Handover(os.getpid, lambda value, arg: seen.append((value, arg)))
        assert not work.forked
        work.finish("x")
        assert seen == [(os.getpid(), "x")]
    finally:
        stop.set()
        thread.join()
