"""Published versions do not change: each one's text has a checksum recorded in the metadata.

The checksum is SHA-256 of the text as UTF-8 with ``\\n`` line ends (a BOM dropped), so a
checkout that turns line ends into ``\\r\\n`` (git on Windows) does not count as a change, while
any change of a letter, a number or a space does. ``record_missing`` writes the checksums of new
versions into ``dokument.yml`` as text, keeping the file's comments and layout.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from ngosite.core.atomic import write_text_atomically
from ngosite.core.problems import Problem, relative_name
from ngosite.core.yaml_source import read_yaml

from .model import METADATA_FILE

PREFIX = "sha256:"


def normalised_text(raw: bytes) -> str:
    text = raw.decode("utf-8-sig")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def text_checksum(text: str) -> str:
    return PREFIX + hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ChecksumRow:
    """One version as the ``checksum`` command reports it."""

    file: str
    recorded: str | None
    actual: str | None

    @property
    def state(self) -> str:
        if self.actual is None:
            return "brak pliku"
        if self.recorded is None:
            return "nowa"
        return "zgodna" if self.recorded == self.actual else "NIEZGODNA"


def scan(root: Path) -> tuple[list[ChecksumRow], list[Problem]]:
    """Every version listed in every ``documents/*/dokument.yml``, with both checksums."""
    rows: list[ChecksumRow] = []
    problems: list[Problem] = []
    for meta_path, doc in _metadata_files(root, problems):
        for _, number, recorded in _listed_versions(doc.data):
            path = meta_path.parent / f"wersja-{number}.md"
            actual = text_checksum(normalised_text(path.read_bytes())) if path.is_file() \
                else None
            rows.append(ChecksumRow(relative_name(path, root), recorded, actual))
    return rows, problems


def record_missing(root: Path) -> list[ChecksumRow]:
    """Write the checksum of every version that has none yet; return the rows written."""
    written: list[ChecksumRow] = []
    problems: list[Problem] = []
    for meta_path, doc in _metadata_files(root, problems):
        lines = meta_path.read_text(encoding="utf-8").splitlines(keepends=True)
        inserts: list[tuple[int, str]] = []
        for index, number, recorded in _listed_versions(doc.data):
            path = meta_path.parent / f"wersja-{number}.md"
            if recorded is not None or not path.is_file():
                continue
            actual = text_checksum(normalised_text(path.read_bytes()))
            line, column = doc.locate(("wersje", index, "wersja"), key=True)
            inserts.append((line, " " * (column - 1) + f'suma_kontrolna: "{actual}"\n'))
            written.append(ChecksumRow(relative_name(path, root), None, actual))
        for line, text in sorted(inserts, reverse=True):
            if not lines[line - 1].endswith("\n"):
                lines[line - 1] += "\n"
            lines.insert(line, text)
        if inserts:
            write_text_atomically(meta_path, "".join(lines))
    return written


def _metadata_files(root: Path, problems: list[Problem]):
    folder = root / "documents"
    if not folder.is_dir():
        return
    for meta_path in sorted(folder.glob(f"*/{METADATA_FILE}")):
        doc = read_yaml(meta_path, relative_name(meta_path, root), problems)
        if doc is not None and isinstance(doc.data, dict):
            yield meta_path, doc


def _listed_versions(data: dict):
    versions = data.get("wersje")
    if not isinstance(versions, list):
        return
    for index, version in enumerate(versions):
        if not isinstance(version, dict):
            continue
        number = version.get("wersja")
        if isinstance(number, int) and not isinstance(number, bool):
            recorded = version.get("suma_kontrolna")
            yield index, number, recorded if isinstance(recorded, str) else None
