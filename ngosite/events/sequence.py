"""SEQUENCE of each calendar entry, kept in the repository: ``wydarzenia/sekwencje.yml``.

A calendar application updates an entry it already has only when the entry's SEQUENCE rose
(RFC 5545 §3.8.7.4). The site keeps no state between builds, so the repository keeps, per event
(and per fair edition), the checksum of its content and its sequence; ``ngosite events sequence
--write`` raises the sequence of every entry whose content changed and records new ones.

A build whose record is stale still gives a changed event the next sequence (one more than
recorded), so the feed is right after one change even before the record is written; it warns,
and the warning fails ``mkdocs build --strict``, so the record is written before the change is
merged (a second unrecorded change could not be told from the first).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, Field, RootModel

from ngosite.core.atomic import write_text_atomically
from ngosite.core.fields import Strict
from ngosite.core.problems import Problem, Severity
from ngosite.core.validate import validate_document
from ngosite.core.yaml_source import read_yaml

EVENTS = "wydarzenia"
RECORD_FILE = f"{EVENTS}/sekwencje.yml"
COMMAND = "ngosite events sequence --write"
HEADER = """\
# Numery wersji (SEQUENCE) wpisów kalendarza wydarzeń i sumy kontrolne ich treści.
# Nie edytuj ręcznie: po dodaniu lub zmianie wydarzenia uruchom
#   ngosite events sequence --write
# i dołącz ten plik do zmiany. Dzięki niemu kalendarze subskrybentów aktualizują zmienione
# wydarzenia, zamiast je pomijać. Wpis usuniętego wydarzenia zostaje (numer rośnie dalej),
# a z tytułem i czasem wydarzenie zostaje w kalendarzach jako ODWOŁANE.
"""


class Recorded(Strict):
    sequence: int = Field(alias="sekwencja", ge=0, strict=True)
    checksum: str = Field(alias="suma", pattern=r"^sha256:[0-9a-f]{64}$")
    # What a calendar needs to cancel the event if its file is deleted (an event's, not the
    # fair's): without them a deleted event could only vanish from the feeds.
    title: str | None = Field(None, alias="tytul", max_length=300)
    kind: str | None = Field(None, alias="rodzaj", max_length=60)
    start: str | None = Field(None, alias="poczatek", pattern=r"^\d{4}-\d\d-\d\d \d\d:\d\d$")
    end: str | None = Field(None, alias="koniec", pattern=r"^\d{4}-\d\d-\d\d \d\d:\d\d$")

    @property
    def facts(self) -> Facts | None:
        if self.title and self.kind and self.start and self.end:
            return Facts(self.title, self.kind, self.start, self.end)
        return None


@dataclass(frozen=True)
class Facts:
    """An event's title, kind and wall-clock times (Warsaw) as the record keeps them."""

    title: str
    kind: str
    start: str  # "2027-03-20 10:00"
    end: str


class Record(RootModel[dict[str, Recorded]]):
    pass


def content_checksum(model: BaseModel) -> str:
    """Of the meaning, not the text: comments, quoting and key order do not count."""
    data = model.model_dump(mode="json", by_alias=True)
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Entry:
    """One calendar entry to be numbered: its key, the file to point at, its checksum."""

    key: str  # 2027/<slug> for an event, targi/<year> for a fair edition
    file: str
    checksum: str
    facts: Facts | None = None  # an event's, kept to cancel it should its file be deleted


@dataclass(frozen=True)
class Removed:
    """A published event whose file was deleted: it stays in the feeds, cancelled."""

    key: str
    facts: Facts
    sequence: int


def read_record(root: Path, problems: list[Problem]) -> dict[str, Recorded]:
    path = root / RECORD_FILE
    if not path.is_file():
        return {}
    doc = read_yaml(path, RECORD_FILE, problems)
    if doc is None:
        return {}
    before = len(problems)
    record = validate_document(doc, Record, problems)
    for i in range(before, len(problems)):  # the file is written by a command, not by hand
        problems[i] = Problem(**{**problems[i].__dict__, "message": problems[i].message
                                 + f"; nie poprawiaj pliku ręcznie: usuń zepsuty wpis i "
                                   f"uruchom „{COMMAND}”"})
    return dict(record.root) if record is not None else {}


def sequences(entries: Iterable[Entry], record: Mapping[str, Recorded],
              problems: list[Problem], *,
              unrecorded: Severity = Severity.WARNING) -> dict[str, int]:
    """The sequence of every entry; a warning on each entry the record does not match, and a
    problem of ``unrecorded`` severity on each new one (SEQUENCE 0 is right for a new entry;
    only its later changes need the record)."""
    found: dict[str, int] = {}
    for entry in entries:
        recorded = record.get(entry.key)
        if recorded is None:
            found[entry.key] = 0
            problems.append(Problem(entry.file, 1, 1, "", (
                f"nowy wpis kalendarza wydarzeń nie ma jeszcze numeru w {RECORD_FILE}; "
                f"uruchom „{COMMAND}” i dołącz ten plik do zmiany"), unrecorded))
        elif recorded.checksum == entry.checksum:
            found[entry.key] = recorded.sequence
        else:
            found[entry.key] = recorded.sequence + 1
            problems.append(Problem(entry.file, 1, 1, "", (
                f"treść zmieniła się od ostatniego zapisu w {RECORD_FILE}; uruchom "
                f"„{COMMAND}” i dołącz ten plik do zmiany, aby kalendarze subskrybentów "
                "zaktualizowały wpis"), Severity.WARNING))
    return found


def vanished(entries: Iterable[Entry], record: Mapping[str, Recorded],
             problems: list[Problem]) -> list[Removed]:
    """Events in the record without their file. Subscribers' calendars still have them and
    people downloaded their ``.ics``: each stays in the feeds as cancelled (one sequence
    higher), with a note; one the record knows too little about to cancel stops the strict
    build until staff put its file back with ``status: odwolane``."""
    present = {entry.key for entry in entries}
    removed = []
    for key in sorted(record):
        if key in present or key.startswith("targi/"):
            continue
        facts = record[key].facts
        if facts is not None:
            removed.append(Removed(key, facts, record[key].sequence + 1))
            problems.append(Problem(RECORD_FILE, 1, 1, key, (
                f"pliku wydarzenia {key} nie ma już w {EVENTS}/; w kalendarzach zostaje ono "
                "jako ODWOŁANE, aby subskrybenci się o tym dowiedzieli. Jeśli je odwołano, "
                "lepiej przywrócić plik ze status: odwolane i notatką (strona zostanie)"),
                Severity.INFO))
        else:
            problems.append(Problem(RECORD_FILE, 1, 1, key, (
                f"pliku wydarzenia {key} nie ma już w {EVENTS}/, a kalendarze subskrybentów "
                "wciąż je mają; przywróć plik (z historii git) i ustaw status: odwolane "
                "z notatką, a potem uruchom „ngosite events sequence --write”"),
                Severity.WARNING))
    return removed


def updated_record(entries: Iterable[Entry], record: Mapping[str, Recorded]) -> dict[str,
                                                                                      Recorded]:
    """The record after ``--write``: changed entries one higher, new ones at 0, the entries
    of deleted files kept (a file restored later continues its numbering)."""
    updated = dict(record)
    for entry in entries:
        old = record.get(entry.key)
        sequence = 0 if old is None else old.sequence + (old.checksum != entry.checksum)
        facts = entry.facts
        updated[entry.key] = Recorded(
            sekwencja=sequence, suma=entry.checksum, tytul=facts.title if facts else None,
            rodzaj=facts.kind if facts else None, poczatek=facts.start if facts else None,
            koniec=facts.end if facts else None)
    return updated


def record_text(record: Mapping[str, Recorded]) -> str:
    """One entry per line, sorted: the diff of a pull request shows exactly what changed."""
    lines = []
    for key, value in sorted(record.items()):
        facts = value.facts
        more = (f', tytul: {json.dumps(facts.title, ensure_ascii=False)}, rodzaj: {facts.kind}, '
                f'poczatek: "{facts.start}", koniec: "{facts.end}"') if facts else ""
        lines.append(f'{key}: {{sekwencja: {value.sequence}, suma: "{value.checksum}"{more}}}\n')
    return HEADER + "".join(lines)


def write_record(root: Path, record: Mapping[str, Recorded]) -> None:
    write_text_atomically(root / RECORD_FILE, record_text(record))
