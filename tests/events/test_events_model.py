"""The bundled events, the committed schema and record, the guide, and the command."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from support.events_project import BASE_EVENT, REPO, new_project, write_event

from ngosite.cli import main
from ngosite.core.problems import Severity
from ngosite.events.event import meetings_for
from ngosite.events.model import (
    Accessibility,
    AgendaItem,
    ConsultationLink,
    Event,
    Material,
    Online,
    Registration,
    Summary,
    Trainer,
    Venue,
)
from ngosite.events.schema import SCHEMA_FILE, SCHEMA_LINE, schema_json
from ngosite.events.sequence import RECORD_FILE
from ngosite.pipeline import load_registry

TODAY = date(2026, 11, 26)


@pytest.fixture(scope="module")
def registry():  # type: ignore[no-untyped-def]
    return load_registry(REPO, today=TODAY)


def test_committed_schema_matches_the_model():
    committed = (REPO / SCHEMA_FILE).read_text(encoding="utf-8")
    assert committed == schema_json(), f"run: ngosite events schema --output {SCHEMA_FILE}"


def test_every_event_file_links_the_schema():
    files = sorted((REPO / "wydarzenia").glob("20*/*.yml"))
    assert len(files) == 5
    for path in files:
        assert path.read_text(encoding="utf-8").splitlines()[0] == SCHEMA_LINE, path


def test_bundled_events_are_valid_sample_data_with_an_up_to_date_record(registry):
    mine = [p for p in registry.problems if p.file.startswith(("wydarzenia/", "data/targi/"))
            and p.severity is not Severity.INFO]
    assert mine == [], f"run: ngosite events sequence --write ({RECORD_FILE})"
    assert len(registry.events) == 5
    assert all(e.event.sample for e in registry.events)
    trainings = [e.event.title for e in registry.events if e.event.kind == "szkolenie"]
    assert trainings == [
        "NGO jako lider społeczności lokalnej",
        "Współpraca JST i NGO w realizacji celów strategicznych gminy dla poprawy jakości "
        "życia mieszkańców",
        "Podstawy prawne konsultacji społecznych",
        "Aktywne konsultacje społeczne – rola JST i NGO w konsultacjach prowadzonych metodami "
        "aktywnymi",
    ]
    fair_day = registry.fairs[-1].fair.date
    assert all(abs((e.event.start.date() - fair_day).days) < 120 for e in registry.events
               if e.event.kind == "szkolenie"), "trainings around the sample fair"
    assert {e.attendance for e in registry.events} == {"offline", "online", "mixed"}


def test_meetings_for_a_consultation(registry):
    (meeting,) = meetings_for(registry.events, "program-wspolpracy", 1)
    assert meeting.event.kind == "spotkanie_konsultacyjne"
    assert meetings_for(registry.events, "program-wspolpracy", 2) == ()
    assert meetings_for((), "program-wspolpracy", 1) == ()


def test_staff_guide_names_every_field_and_kind():
    guide = (REPO / "docs" / "jak-dodac-wydarzenie.md").read_text(encoding="utf-8")
    for model in (Event, Venue, Accessibility, Online, AgendaItem, Trainer, Registration,
                  Material, Summary, ConsultationLink):
        for name, field in model.model_fields.items():
            assert f"{field.alias or name}:" in guide, f"{model.__name__}.{name}"
    for kind in ("szkolenie", "warsztat", "spotkanie_konsultacyjne", "zebranie_wiejskie",
                 "targi", "inne", "planowane", "odwolane", "przelozone"):
        assert kind in guide, kind


def test_sequence_command_writes_the_record_once(tmp_path: Path, capsys):
    root = new_project(tmp_path)
    write_event(root, 2027, "szkolenie", BASE_EVENT)
    assert main(["--root", str(root), "events", "sequence"]) == 0
    assert "nowe" in capsys.readouterr().out and not (root / RECORD_FILE).exists()
    assert main(["--root", str(root), "events", "sequence", "--write"]) == 0
    text = (root / RECORD_FILE).read_text(encoding="utf-8")
    assert "2027/szkolenie: {sekwencja: 0, suma: \"sha256:" in text
    assert main(["--root", str(root), "events", "sequence", "--write"]) == 0
    assert (root / RECORD_FILE).read_text(encoding="utf-8") == text, "nothing changed"
    write_event(root, 2027, "szkolenie", BASE_EVENT.replace("14:00", "15:00"))
    assert main(["--root", str(root), "events", "sequence", "--write"]) == 0
    assert "2027/szkolenie: {sekwencja: 1," in (root / RECORD_FILE).read_text(encoding="utf-8")
    assert "zmienione" in capsys.readouterr().out


def test_sequence_command_refuses_broken_files_in_polish(tmp_path: Path, capsys):
    root = new_project(tmp_path)
    write_event(root, 2027, "szkolenie", BASE_EVENT.replace("osp-milki", "nieznana"))
    assert main(["--root", str(root), "events", "sequence", "--write"]) == 1
    out = capsys.readouterr()
    assert "nie ma organizacji „nieznana”" in out.out and "Traceback" not in out.err
    assert not (root / RECORD_FILE).exists()


def test_schema_command_prints_the_schema(capsys):
    assert main(["events", "schema"]) == 0
    assert capsys.readouterr().out == schema_json()


def test_geocode_lists_event_venues(tmp_path: Path, capsys):
    from ngosite.cli import geocode

    root = new_project(tmp_path)
    write_event(root, 2027, "szkolenie", BASE_EVENT.replace(
        "  wspolrzedne: {szerokosc: 53.9425, dlugosc: 21.8836}\n", "").replace(
        "Mazurska", "Ogrodowa"))
    assert geocode.run(root, online=False, retry_missing=False, today=TODAY) == 0
    out = capsys.readouterr().out
    assert "wydarzenia/2027/szkolenie.yml: ogrodowa 2, 11-513 miłki" in out.lower()


def test_a_deleted_event_is_kept_cancelled_and_mentioned(tmp_path: Path, capsys):
    root = new_project(tmp_path)
    path = write_event(root, 2027, "szkolenie", BASE_EVENT)
    assert main(["--root", str(root), "events", "sequence", "--write"]) == 0
    path.unlink()
    registry = load_registry(root, today=TODAY)
    (problem,) = [p for p in registry.problems if p.file == RECORD_FILE]
    assert problem.severity is Severity.INFO and problem.key == "2027/szkolenie"
    assert "zostaje ono jako ODWOŁANE" in problem.message and "status: odwolane" in \
        problem.message


def test_every_online_event_has_a_virtual_location_url(registry, tmp_path: Path):
    """Without adres_serwisu the JSON-LD had a VirtualLocation without url, which schema.org
    consumers reject; now: the meeting's link, the registration page, or this very page."""
    from ngosite.events.jsonld import THIS_PAGE, event_jsonld

    assert registry.settings.site_url is None
    online = [e for e in registry.events if e.event.online is not None]
    assert online, "the bundled events have an online and a hybrid training"
    for loaded in online:
        data = event_jsonld(registry, loaded, None)
        (virtual,) = [p for p in data["location"] if p["@type"] == "VirtualLocation"]
        assert virtual["url"] == THIS_PAGE and data["url"] == THIS_PAGE
        page = "https://organizacje.example.pl/wydarzenia/x/"
        with_site = event_jsonld(registry, loaded, page)
        assert [p["url"] for p in with_site["location"] if p["@type"] == "VirtualLocation"] == [
            page]
    root = new_project(tmp_path)
    write_event(root, 2027, "online", BASE_EVENT.split("miejsce:")[0] + (
        "online:\n  platforma: Zoom\n"
        "zapisy:\n  sposob: link\n  adres: https://zapisy.example.org/x\n"
        "organizator: osp-milki\n"))
    (loaded,) = load_registry(root, today=TODAY).events
    (virtual,) = event_jsonld(registry, loaded, None)["location"]
    assert virtual == {"@type": "VirtualLocation", "url": "https://zapisy.example.org/x"}
