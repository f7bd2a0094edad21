"""Run one piece of the build in a forked child process while the parent goes on.

After loading, a build has two independent halves: the pages (which MkDocs then renders) and
the data files (the open-data exports, the map document made with folium, the form's data, the
calendars). On a machine with two or more cores the files are made in a forked copy of the
process while the pages are made in the parent. The child sees the loaded registry without
copying or pickling it (a fork shares memory); only its result, a list of strings, comes back
through a pipe. On a 1,000-NGO build this takes about half a second off the wall time.

The work runs in-line instead, with the same result, when:
- the system is not Linux (Windows cannot fork; on macOS forking is unsafe);
- other Python threads are running (``mkdocs serve`` after its first build): forking a threaded
  process can leave the child waiting forever for a lock that a thread held at the fork;
- the machine has one core, or ``NGOSITE_PARALLEL=0`` asks for it;
- the child fails or dies: the work is then repeated in-line, so an exception surfaces in the
  parent with its usual traceback and message.

The child's work must not log or warn: MkDocs counts warnings (``--strict``) in the parent only.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
import warnings
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Generic, TypeVar

T = TypeVar("T")
ENV_FLAG = "NGOSITE_PARALLEL"


def may_fork() -> bool:
    # Linux only: macOS offers fork, but system frameworks loaded by libraries (numpy's
    # Accelerate) are not fork-safe there, which is why Python itself stopped using it.
    return (sys.platform.startswith("linux")
            and threading.active_count() == 1
            and (os.cpu_count() or 1) > 1
            and os.environ.get(ENV_FLAG, "1") not in ("0", "false", "nie"))


class Background(Generic[T]):
    """``func()`` computed in a forked child (or in-line); ``result()`` waits for it."""

    def __init__(self, func: Callable[[], T]) -> None:
        self._func = func
        self._process: multiprocessing.process.BaseProcess | None = None
        if not may_fork():
            return
        context = multiprocessing.get_context("fork")
        receiver, sender = context.Pipe(duplex=False)
        self._receiver = receiver
        self._process = context.Process(target=_run_child, args=(func, sender), daemon=True)
        with warnings.catch_warnings():
            # Python 3.12+ warns of fork in a process with native threads (numpy's, which
            # sleep): the child only computes and sends, it takes no lock those threads hold.
            warnings.simplefilter("ignore", DeprecationWarning)
            self._process.start()
        sender.close()

    @property
    def forked(self) -> bool:
        return self._process is not None

    def result(self) -> T:
        if self._process is None:
            return self._func()
        try:
            status, value = self._receiver.recv()
        except (EOFError, OSError):  # the child died without an answer
            status, value = "failed", None
        finally:
            self._receiver.close()
            self._process.join()
            self._process = None
        if status != "ok":
            return self._func()
        return value


def _run_child(func: Callable[[], object], sender: Connection) -> None:
    try:
        answer: tuple[str, object] = ("ok", func())
    except BaseException:  # the parent repeats the work in-line and raises it there
        answer = ("failed", None)
    try:
        sender.send(answer)
    finally:
        sender.close()


A = TypeVar("A")
_FAILED = object()


class Handover(Generic[T, A]):
    """``first()`` computed in a forked child while the parent goes on; ``finish(arg)`` later
    hands ``arg`` to the child, which runs ``then(first's value, arg)`` there. The value never
    crosses to the parent: the search index of 10,000 NGO pages took the build's peak memory
    40 MB higher when it came back through the pipe to be written.

    As with ``Background``: in-line when the process may not fork, and repeated in-line when
    the child fails or dies (``then`` must not mind being run again after a partial run).
    ``discard`` ends a child whose ``finish`` will not come (a failed build)."""

    def __init__(self, first: Callable[[], T], then: Callable[[T, A], None]) -> None:
        self._first, self._then = first, then
        self._process: multiprocessing.process.BaseProcess | None = None
        if not may_fork():
            return
        context = multiprocessing.get_context("fork")
        here, there = context.Pipe(duplex=True)
        self._connection = here
        self._process = context.Process(target=_run_handover,
                                        args=(first, then, there, here), daemon=True)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)  # see Background
            self._process.start()
        there.close()

    @property
    def forked(self) -> bool:
        return self._process is not None

    def finish(self, arg: A) -> None:
        if self._process is not None:
            try:
                self._connection.send(arg)
                status = self._connection.recv()
            except (EOFError, OSError):  # the child died without an answer
                status = "failed"
            finally:
                self._connection.close()
                self._process.join()
                self._process = None
            if status == "ok":
                return
        self._then(self._first(), arg)

    def discard(self) -> None:
        if self._process is not None:
            self._connection.close()  # the child's wait for ``arg`` ends, and so does it
            self._process.join(timeout=10)
            if self._process.is_alive():
                self._process.terminate()
            self._process = None


def _run_handover(first: Callable[[], object], then: Callable[[object, object], None],
                  connection: Connection, parents_end: Connection) -> None:
    parents_end.close()  # else the wait for ``arg`` would not end when the parent closes it
    try:
        value = first()
    except BaseException:  # the parent repeats the work in-line and raises it there
        value = _FAILED
    try:
        arg = connection.recv()
    except (EOFError, OSError):  # discarded
        return
    status = "failed"
    if value is not _FAILED:
        try:
            then(value, arg)
            status = "ok"
        except BaseException:
            status = "failed"
    try:
        connection.send(status)
    finally:
        connection.close()
