"""Page bodies kept in a temporary file between the moment they are made and the moment
MkDocs writes them.

A build makes every generated page's body before MkDocs renders the first page, and MkDocs
keeps every page until the end: at 10,000 NGOs the bodies were 61 MB of the build's memory from
then on. In a file they cost a few bytes each (offset and length); the operating system keeps
the file's pages in its cache, so reading a body back is a copy, not a disk access.

Reads use ``os.pread`` on the file's descriptor: no shared file position, so a forked process
(the search index, ``background``) and the build read the same file safely.
"""

from __future__ import annotations

import os
import tempfile
from typing import NamedTuple


class Spooled(NamedTuple):
    """Where one body is in the spool."""

    offset: int
    length: int


class Spool:
    """An unnamed temporary file of bodies (gone when closed, or when the process ends)."""

    def __init__(self) -> None:
        # Open for the whole build, closed by ``close``.
        self._file = tempfile.TemporaryFile(prefix="ngosite-strony-")  # noqa: SIM115
        self._end = 0

    def put(self, data: bytes) -> Spooled:
        written = 0
        while written < len(data):  # a write may take part of the data
            written += os.write(self._file.fileno(), data[written:])
        place = Spooled(self._end, len(data))
        self._end += len(data)
        return place

    def read(self, place: Spooled) -> bytes:
        parts, got = [], 0
        while got < place.length:  # a read may give part of it
            part = os.pread(self._file.fileno(), place.length - got, place.offset + got)
            if not part:
                raise OSError(f"page spool: {got} of {place.length} bytes at {place.offset}")
            parts.append(part)
            got += len(part)
        return b"".join(parts)

    def close(self) -> None:
        self._file.close()
