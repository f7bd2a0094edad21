"""Every command that writes a project file, killed (SIGKILL) at many random moments: the file
always loads, with every entry it had before the run, and is never half old and half new."""

from __future__ import annotations

import os
import re
import shutil
import sys
import textwrap
from datetime import date

import pytest
from support.kill import KILLS, kill_at_random_moments, timed_run
from support.nominatim import FakeNominatim, make_project, online_project
from support.projects import ROOT

from ngosite.geo.cache import CachedPoint, GeocodeCache
from ngosite.pipeline import load_registry

pytestmark = pytest.mark.kill
STAFF = {k: v for k, v in os.environ.items() if k != "CI"}  # staff run these by hand


@pytest.fixture
def nominatim():
    fake = FakeNominatim()
    yield fake
    fake.close()


def test_geocoding_cache_survives_kills_during_an_online_run(tmp_path, nominatim):
    streets = [f"Ulica {i}" for i in range(6)]
    project = make_project(tmp_path, {f"ngo-{i}": {"ulica": s, "numer": "1",
                                                   "miejscowosc": "Miłki"}
                                      for i, s in enumerate(streets)})
    online_project(project, nominatim.url)
    nominatim.scenarios["Miłki"] = ["ok"]
    cache_path = project / "data" / "geokodowanie.yml"
    cache = GeocodeCache(cache_path)
    for i in range(2_000):  # years of results: each save takes a while
        cache.put(f"stara {i}, 11-513 miłki", CachedPoint(53.94, 21.88, "nominatim",
                                                          date(2025, 1, 1), f"Stara {i}"))
    cache.save()
    original = cache_path.read_bytes()
    script = textwrap.dedent(f"""
        import sys
        from pathlib import Path
        from ngosite.cli import geocode
        sys.exit(geocode.run(Path({str(project)!r}), online=True, retry_missing=False,
                             sleep=lambda seconds: None))
    """)
    argv = [sys.executable, "-c", script]

    def restore():
        cache_path.write_bytes(original)

    def check():
        problems: list = []
        loaded = GeocodeCache.load(cache_path, project, problems)
        assert problems == [], problems
        assert all(f"stara {i}, 11-513 miłki" in loaded.entries for i in range(2_000))
        assert all(point.found for point in loaded.entries.values())

    duration = timed_run(argv, ROOT, STAFF)
    assert len(GeocodeCache.load(cache_path, project, []).entries) == 2_000 + 6
    restore()
    hits = kill_at_random_moments(argv, ROOT, STAFF, duration, check, restore)
    assert hits >= KILLS // 2, f"only {hits} of {KILLS} kills hit a running command"


def test_document_checksums_survive_kills_during_write(tmp_path):
    for part in ("data", "ngos", "documents"):
        shutil.copytree(ROOT / part, tmp_path / part)
    metadata = tmp_path / "documents" / "program-wspolpracy" / "dokument.yml"
    # Versions without checksums, and a long comment: the write has something to do.
    unrecorded = re.sub(r"(?m)^\s*suma_kontrolna:.*\n", "", metadata.read_text(encoding="utf-8"))
    unrecorded += "".join(f"# uwaga redakcyjna {i}: " + "x" * 70 + "\n" for i in range(3_000))
    metadata.write_text(unrecorded, encoding="utf-8")
    argv = [sys.executable, "-m", "ngosite", "--root", str(tmp_path), "documents", "checksum",
            "--write"]
    duration = timed_run(argv, ROOT, STAFF)
    recorded = metadata.read_text(encoding="utf-8")
    assert recorded.count("suma_kontrolna:") == 3
    assert "program-wspolpracy" in {d.slug for d in load_registry(tmp_path).documents}

    def restore():
        metadata.write_text(unrecorded, encoding="utf-8")

    def check():
        assert metadata.read_text(encoding="utf-8") in (unrecorded, recorded)

    restore()
    hits = kill_at_random_moments(argv, ROOT, STAFF, duration, check, restore)
    assert hits >= KILLS // 2, f"only {hits} of {KILLS} kills hit a running command"


def test_krs_import_leaves_whole_entries_or_none(tmp_path):
    from support.krs_register import FakeRegister, new_project

    register = FakeRegister()
    try:
        project = new_project(tmp_path / "p", with_ngos=False)
        numbers = ["0000100001", "0000100002", "0000100003", "0000100004"]
        script = textwrap.dedent(f"""
            import sys
            from datetime import date
            from pathlib import Path
            sys.path.insert(0, {str(ROOT / "tests")!r})
            from support.krs_register import register_client
            from ngosite.krs.importing import import_numbers
            from ngosite.pipeline import load_registry
            root = Path({str(project)!r})
            import_numbers(root, {numbers!r},
                           register_client({register.url!r}, sleep=lambda s: None, delay_s=0),
                           load_registry(root).gazetteer, date(2026, 11, 29), lambda text: None)
        """)
        argv = [sys.executable, "-c", script]
        duration = timed_run(argv, ROOT, STAFF)
        written = {p.name: p.read_bytes() for p in (project / "ngos").glob("*.yml")}
        assert len(written) == 4

        def restore():
            for path in (project / "ngos").iterdir():
                path.unlink()

        def check():
            names = {p.name for p in (project / "ngos").iterdir() if not p.name.startswith(".")}
            assert names <= set(written)
            for name in names:
                assert (project / "ngos" / name).read_bytes() == written[name]
            registry = load_registry(project)
            assert {e.file for e in registry.entries} == {f"ngos/{n}" for n in names}

        hits = kill_at_random_moments(argv, ROOT, STAFF, duration, check, restore)
        assert hits >= KILLS // 2, f"only {hits} of {KILLS} kills hit a running command"
    finally:
        register.close()


def test_consultation_import_leaves_the_report_old_or_new(tmp_path):
    from support.consultation_project import PROGRAMME, comment_values, consultation_project

    from ngosite.consultations.submission_text import message_text

    project = consultation_project(tmp_path / "p")
    document = project / PROGRAMME
    # A long file: the write has something to do while the command may be killed.
    original = document.read_text(encoding="utf-8") + "".join(
        f"# notatka urzędu {i}: " + "x" * 70 + "\n" for i in range(3_000))
    document.write_text(original, encoding="utf-8")
    source = tmp_path / "uwaga.txt"
    source.write_text(message_text(comment_values(nadawca="mieszkaniec", organizacja=None,
                                                  imie_nazwisko="Bożydar Przecinek-Wężyk"),
                                   "Wieloletni Program Współpracy"), encoding="utf-8")
    env = {**STAFF, "NGOSITE_TODAY": "2026-12-05"}
    argv = [sys.executable, "-m", "ngosite", "--root", str(project), "consultation", "import",
            str(source)]
    duration = timed_run(argv, ROOT, env)
    imported = document.read_text(encoding="utf-8")
    assert imported != original and "osoba fizyczna" in imported

    def restore():
        document.write_text(original, encoding="utf-8")

    def check():
        assert document.read_text(encoding="utf-8") in (original, imported)

    restore()
    hits = kill_at_random_moments(argv, ROOT, env, duration, check, restore)
    assert hits >= KILLS // 2, f"only {hits} of {KILLS} kills hit a running command"


def test_event_sequence_record_survives_kills(tmp_path):
    for part in ("data", "ngos", "documents", "wydarzenia"):
        shutil.copytree(ROOT / part, tmp_path / part)
    record = tmp_path / "wydarzenia" / "sekwencje.yml"
    # Every event changed since the record was written: the command rewrites every line.
    for path in sorted((tmp_path / "wydarzenia").glob("*/*.yml")):
        path.write_text(path.read_text(encoding="utf-8").replace(
            "tytul: ", "tytul: (zmiana) ", 1), encoding="utf-8")
    original = record.read_text(encoding="utf-8")
    argv = [sys.executable, "-m", "ngosite", "--root", str(tmp_path), "events", "sequence",
            "--write"]
    duration = timed_run(argv, ROOT, STAFF)
    written = record.read_text(encoding="utf-8")
    assert written != original

    def restore():
        record.write_text(original, encoding="utf-8")

    def check():
        assert record.read_text(encoding="utf-8") in (original, written)

    restore()
    hits = kill_at_random_moments(argv, ROOT, STAFF, duration, check, restore)
    assert hits >= KILLS // 2, f"only {hits} of {KILLS} kills hit a running command"
