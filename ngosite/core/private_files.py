"""Files with residents' personal data must not end up in the public repository.

Staff save a resident's e-mail (name, address, contact) to import it. Saved in the project's
folder and not ignored, one ``git add -A`` publishes it for good (git history keeps it after a
deletion). The commands that read such files ask git whether the file would be committed.
"""

from __future__ import annotations

import subprocess
from pathlib import Path


def exposed_in_repository(root: Path, path: Path) -> str | None:
    """The path as git shows it, when ``path`` lies in ``root``'s work tree and git would
    commit it (tracked, or not ignored); None when it is outside, ignored, or git is not
    there (then there is no repository to leak into from here)."""
    try:
        relative = path.resolve().relative_to(root.resolve())
    except (OSError, ValueError):
        return None
    try:
        tracked = subprocess.run(["git", "ls-files", "--error-unmatch", "--", str(relative)],
                                 cwd=root, capture_output=True, timeout=30, check=False)
        if tracked.returncode == 0:
            return relative.as_posix()
        ignored = subprocess.run(["git", "check-ignore", "-q", "--", str(relative)],
                                 cwd=root, capture_output=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    # check-ignore: 0 ignored, 1 not ignored, 128 not a repository (or another fatal error).
    return relative.as_posix() if ignored.returncode == 1 else None
