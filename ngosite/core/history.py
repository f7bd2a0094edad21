"""When each data file last changed, from git: one ``git log`` for the whole folder.

A per-file ``git log`` would cost one process per NGO; one walk over the history costs one.
Outside a git checkout (a tarball, a CI cache) the dates are simply unknown.
"""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path


def last_changed(root: Path, folder: str) -> dict[str, date]:
    """``{"ngos/osp-milki.yml": date(2026, 11, 20), …}`` for files committed under ``folder``."""
    try:
        result = subprocess.run(
            ["git", "log", "--format=%x00%cs", "--name-only", "--no-renames", "--", folder],
            cwd=root, capture_output=True, text=True, timeout=60, check=True,
        )
    except (OSError, subprocess.SubprocessError):
        return {}
    changed: dict[str, date] = {}
    current: date | None = None
    for line in result.stdout.splitlines():
        if line.startswith("\0"):
            current = date.fromisoformat(line[1:])
        elif line and current is not None:
            changed.setdefault(line, current)
    return changed
