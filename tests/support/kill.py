"""Kill a writing command at many random moments and check what it leaves behind.

A command that changes a project file may be killed at any moment (Ctrl+C, a closed laptop, a
CI timeout). The harness first times one undisturbed run, then starts the command again and
again, sends SIGKILL after a random delay within that time (seeded: every run of the test
tries the same moments), and calls ``check`` after each kill. It returns how many kills hit a
running process.

Budget: ``NGOSITE_KILLS`` kills per writer (default 12); e.g. ``NGOSITE_KILLS=200`` before a
release.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

KILLS = int(os.environ.get("NGOSITE_KILLS", "12"))


def timed_run(argv: list[str], cwd: Path, env: dict[str, str]) -> float:
    started = time.monotonic()
    result = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode in (0, 1), result.stdout + result.stderr
    return time.monotonic() - started


def kill_at_random_moments(argv: list[str], cwd: Path, env: dict[str, str], duration: float,
                           check: Callable[[], None], before: Callable[[], None] | None = None,
                           kills: int = KILLS, seed: int = 20261129) -> int:
    rng = random.Random(seed)
    hit = 0
    for _ in range(kills):
        if before is not None:
            before()
        process = subprocess.Popen(argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0, duration))
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            hit += 1
        process.wait(timeout=60)
        check()
    return hit
