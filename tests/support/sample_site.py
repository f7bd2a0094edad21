"""The bundled sample project built once per test run, shared by every test file and worker.

Test files used to build the same sample site in their own module fixtures (the browser
harness once per worker, the link and HTML checks, the directory and map checks): five builds
of identical input in every run. With pytest-xdist the workers share the parent of their
temporary folders, so the first worker that asks builds the site there under a file lock and
the others wait for it and read it. Tests only read the result; a test that needs a changed
site builds its own copy.
"""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]


def build_strict(project: Path, dest: Path, env: dict[str, str] | None = None) -> Path:
    """``mkdocs build --strict`` of ``project`` into ``dest``; fails the test with the log."""
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(dest)], cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}, capture_output=True,
        text=True, timeout=600, check=False)
    if result.returncode != 0:
        pytest.fail(f"mkdocs build failed:\n{result.stdout}\n{result.stderr}", pytrace=False)
    return dest


def shared_sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample site, built by whichever worker asks first (see the module's docstring)."""
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    site = shared / "sample-site"
    with open(shared / "sample-site.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        done = shared / "sample-site.built"  # beside the site: no stray file in it
        if not done.is_file():
            build_strict(REPO_ROOT, site)
            done.touch()
    return site
