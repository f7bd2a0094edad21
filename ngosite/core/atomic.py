"""Write a file so that a reader only ever sees the old text or the new one, never half.

Every command that changes a file of the project (the geocoding cache, checksums in a
document's metadata, an entry written from an issue or the register, a comment imported into
a report) may be killed at any moment: Ctrl+C, a closed laptop, a CI timeout. The new text is
written to a temporary file beside the target, flushed to the disk, and renamed over it (a
rename within one folder is atomic on POSIX and Windows); a killed write leaves at most a
hidden ``.*.tmp`` file, which readers of the folder skip.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def write_text_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # mkstemp makes the file readable by its owner only; keep the old file's permissions (or
    # the usual ones for a new file), or a web server reading the project would lose access.
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~_umask()
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    # The rename itself is durable only once the folder is on the disk too.
    with contextlib.suppress(OSError):
        folder = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
