"""Generated events for benchmarks: ``count`` events organised by the synthetic NGOs of
``ngosite.organisations.synthetic``, with the sequence record, so a synthetic project builds
with ``--strict`` and the benchmark measures the site with its calendar."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import yaml

from .event import EVENTS_DIR
from .model import KINDS, Event
from .sequence import Recorded, content_checksum, record_text

FIRST = datetime(2026, 1, 10, 10, 0)


def synthetic_event(i: int, ngos: int) -> dict[str, object]:
    start = FIRST + timedelta(days=7 * i)
    kinds = [k for k in KINDS if k not in ("targi", "spotkanie_konsultacyjne")]
    event: dict[str, object] = {
        "tytul": f"Wydarzenie numer {i}: spotkanie organizacji",
        "rodzaj": kinds[i % len(kinds)],
        "poczatek": f"{start:%Y-%m-%d %H:%M}",
        "koniec": f"{start + timedelta(hours=3):%Y-%m-%d %H:%M}",
        "organizator": f"organizacja-{i % ngos + 1:05d}",
        "partnerzy": [f"organizacja-{(i * 7) % ngos + 1:05d}", "urzad"],
        "opis": "Spotkanie dla członków organizacji i mieszkańców.\n\nWstęp wolny.",
        "zapisy": {"sposob": "brak", "limit_miejsc": 30},
        "przykladowy": True,
    }
    if i % 3 == 0:
        event["online"] = {"platforma": "Zoom", "uwagi": "Link wyślemy zapisanym."}
    else:
        event["miejsce"] = {"nazwa": f"Sala numer {i}", "kod_pocztowy": "11-513",
                            "miejscowosc": "Miłki",
                            "wspolrzedne": {"szerokosc": 53.9425, "dlugosc": 21.8836}}
    if event["partnerzy"][0] == event["organizator"]:  # type: ignore[index]
        event["partnerzy"] = ["urzad"]
    return event


def write_synthetic_events(target: Path, count: int, ngos: int) -> None:
    record: dict[str, Recorded] = {}
    for i in range(1, count + 1):
        data = synthetic_event(i, ngos)
        year = str(data["poczatek"])[:4]
        folder = target / EVENTS_DIR / year
        folder.mkdir(parents=True, exist_ok=True)
        slug = f"wydarzenie-{i:04d}"
        (folder / f"{slug}.yml").write_text(
            yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        record[f"{year}/{slug}"] = Recorded(sekwencja=0, suma=content_checksum(
            Event.model_validate(data)))
    (target / EVENTS_DIR / "sekwencje.yml").write_text(record_text(record), encoding="utf-8")
