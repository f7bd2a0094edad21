"""Geocoding against a local server that answers like Nominatim, on 127.0.0.1 only.

Each scenario is one behaviour of the real service: a result, no result, a result in the wrong
Ruda, HTTP 429 with Retry-After, HTTP 500, a hang past the timeout, malformed JSON, a refused
connection. The tests count requests (a rebuild makes none) and time them (at most one a second).
"""

from __future__ import annotations

import itertools
import math
import socket
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from support.nominatim import WARSAW, FakeNominatim, make_project, online_project

from ngosite.cli import geocode as geocode_command
from ngosite.core.problems import Severity
from ngosite.geo.area import load_area_of
from ngosite.geo.cache import CachedPoint, GeocodeCache
from ngosite.geo.nominatim import OnlineGeocoder, OnlineSettings
from ngosite.geo.online import OnlineNotAllowed, online_settings
from ngosite.pipeline import load_registry

ROOT = Path(__file__).resolve().parents[2]
TODAY = date(2026, 11, 26)
@pytest.fixture
def nominatim():
    fake = FakeNominatim()
    yield fake
    fake.close()


def online(project: Path, url: str, **overrides) -> OnlineGeocoder:
    registry_settings = load_registry(project, today=TODAY).settings
    settings = OnlineSettings(server_url=url, contact="urzad@example.org",
                              site_name="Test Miłki", **{"timeout_s": 0.5, "min_delay_s": 1.0,
                                                         "error_wait_s": 1.0, **overrides})
    return OnlineGeocoder(settings, load_area_of(project, registry_settings))


def cache_file(project: Path) -> Path:
    return project / "data" / "geokodowanie.yml"


def test_success_is_cached_and_a_rebuild_makes_no_request(tmp_path, nominatim):
    nominatim.scenarios["Miłki"] = ["ok"]
    project = make_project(tmp_path, {"a": {"ulica": "Mazurska", "numer": "2",
                                            "miejscowosc": "Miłki"}})
    registry = load_registry(project, today=TODAY, online=online(project, nominatim.url))
    assert registry.locations["a"].source == "nominatim"
    assert registry.geocoding_requests == 1
    cached = GeocodeCache.load(cache_file(project), project, []).get("mazurska 2, 11-513 miłki")
    assert cached.found and cached.source == "nominatim" and cached.fetched == TODAY
    request = nominatim.requests[0]
    assert request["path"] == "/search"
    assert request["query"]["street"] == "Mazurska 2" or request["query"]["street"] == "Mazurska"
    assert request["query"]["city"] == "Miłki" and request["query"]["postalcode"] == "11-513"
    assert request["query"]["countrycodes"] == "pl" and request["query"]["bounded"] == "1"
    # HTTP headers are Latin-1, so the site's name goes folded to ASCII.
    assert request["agent"] == "Test Milki (ngosite; urzad@example.org)"

    rebuilt = load_registry(project, today=TODAY, online=online(project, nominatim.url))
    assert rebuilt.locations["a"].source == "pamiec"
    assert rebuilt.geocoding_requests == 0 and len(nominatim.requests) == 1


def test_no_result_is_remembered_and_the_ngo_stays_in_the_directory(tmp_path, nominatim):
    nominatim.scenarios["Wyszowate"] = ["empty"]
    project = make_project(tmp_path, {"b": {"miejscowosc": "Wyszowate"}})
    registry = load_registry(project, today=TODAY, online=online(project, nominatim.url))
    assert [e.slug for e in registry.entries] == ["b"] and "b" not in registry.locations
    assert any("nie można ustalić położenia" in p.message for p in registry.problems)
    again = load_registry(project, today=TODAY, online=online(project, nominatim.url))
    assert again.geocoding_requests == 0 and len(nominatim.requests) == 1


def test_result_outside_the_gmina_is_refused_and_named(tmp_path, nominatim):
    nominatim.scenarios["Rydzewo"] = ["outside"]
    project = make_project(tmp_path, {"c": {"miejscowosc": "Rydzewo"}})
    registry = load_registry(project, today=TODAY, online=online(project, nominatim.url))
    assert "c" not in registry.locations
    outside = [p for p in registry.problems if "poza obszarem" in p.message]
    assert len(outside) == 1
    message = outside[0].message
    assert "Organizacja c" in message and "11-513 Rydzewo" in message and "52.22970" in message
    assert outside[0].file == "ngos/c.yml" and outside[0].severity is Severity.WARNING
    assert not cache_file(project).exists(), "a wrong point is never cached"


def test_429_is_retried_after_retry_after(tmp_path, nominatim):
    nominatim.scenarios["Miłki"] = ["429", "ok"]
    project = make_project(tmp_path, {"a": {"ulica": "Mazurska", "miejscowosc": "Miłki"}})
    registry = load_registry(project, today=TODAY, online=online(project, nominatim.url))
    assert registry.locations["a"].source == "nominatim"
    times = [r["time"] for r in nominatim.requests]
    assert len(times) == 2 and times[1] - times[0] >= 0.95


@pytest.mark.parametrize("fault", ["500", "hang", "malformed", "429"])
def test_faults_leave_the_cache_untouched_and_the_build_going(tmp_path, nominatim, fault):
    nominatim.scenarios["Miłki"] = [fault]
    project = make_project(tmp_path, {"a": {"ulica": "Mazurska", "miejscowosc": "Miłki"},
                                      "b": {"ulica": "Szkolna", "miejscowosc": "Miłki"}})
    cache = GeocodeCache(cache_file(project))
    cache.put("szkolna, 11-513 miłki", CachedPoint(53.94, 21.88, "nominatim", date(2026, 1, 2)))
    cache.save()
    before = cache_file(project).read_bytes()
    registry = load_registry(project, today=TODAY,
                             online=online(project, nominatim.url, max_retries=1))
    assert {e.slug for e in registry.entries} == {"a", "b"}
    assert registry.locations["b"].source == "pamiec"
    assert registry.locations["a"].source == "gazetteer", "falls back to the locality's point"
    assert cache_file(project).read_bytes() == before
    assert any("geokodowania" in p.message and p.severity is Severity.WARNING
               for p in registry.problems)
    assert len(nominatim.requests) == 2  # one try and one retry, then no more asking


def test_connection_refused(tmp_path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    project = make_project(tmp_path, {"a": {"ulica": "Mazurska", "miejscowosc": "Miłki"}})
    registry = load_registry(project, today=TODAY,
                             online=online(project, f"http://127.0.0.1:{port}", max_retries=0))
    assert registry.locations["a"].source == "gazetteer"
    assert any("niedostępny" in p.message for p in registry.problems)


def test_at_most_one_request_per_second(tmp_path, nominatim):
    for city in ("Rydzewo", "Wyszowate", "Bielskie"):
        nominatim.scenarios[city] = ["ok"]
    project = make_project(tmp_path, {c.lower(): {"miejscowosc": c}
                                      for c in ("Rydzewo", "Wyszowate", "Bielskie")})
    load_registry(project, today=TODAY, online=online(project, nominatim.url))
    times = sorted(r["time"] for r in nominatim.requests)
    assert len(times) == 3
    assert all(b - a >= 0.95 for a, b in itertools.pairwise(times))


def test_offline_build_uses_gazetteer_and_explicit_points(tmp_path):
    project = make_project(tmp_path, {
        "wies": {"miejscowosc": "Ruda"},
        "punkt": {"miejscowosc": "Miłki", "wspolrzedne": {"szerokosc": 53.9431,
                                                          "dlugosc": 21.8825}},
        "prywatny": {"ulica": "Leśna", "numer": "7", "miejscowosc": "Paprotki",
                     "na_mapie": "miejscowosc",
                     "wspolrzedne": {"szerokosc": 53.9330, "dlugosc": 21.8050}},
        "daleko": {"miejscowosc": "Miłki", "wspolrzedne": {"szerokosc": 54.0411,
                                                           "dlugosc": 21.7650}},
    })
    registry = load_registry(project, today=TODAY)
    assert registry.geocoding_requests == 0
    assert registry.locations["wies"].source == "gazetteer"
    assert registry.locations["punkt"].source == "wspolrzedne"
    private = registry.locations["prywatny"]
    paprotki = registry.gazetteer.by_name()["Paprotki"].point
    assert (private.lat, private.lon, private.precision) == (paprotki.lat, paprotki.lon,
                                                             "miejscowosc")
    assert "daleko" not in registry.locations
    assert any("Organizacja daleko" in p.message and "km poza obszarem" in p.message
               for p in registry.problems)


def test_area_tolerance(tmp_path):
    project = make_project(tmp_path, {})
    area = load_area_of(project, load_registry(project, today=TODAY).settings)
    # The westernmost point of the outline, then 200 m and 1 km further west.
    west = min(area.outline.exterior.coords, key=lambda c: c[0])
    lat = west[1] / 110_574.0
    metres_per_deg_lon = 110_574.0 * math.cos(math.radians(area.lat0))
    lon = west[0] / metres_per_deg_lon
    assert area.contains(lat, lon)
    assert 150 < area.distance_m(lat, lon - 200 / metres_per_deg_lon) < 250
    assert area.contains(lat, lon - 200 / metres_per_deg_lon)
    assert not area.contains(lat, lon - 1000 / metres_per_deg_lon)
    assert area.contains(53.943056, 21.8825)  # Miłki
    assert not area.contains(54.0411, 21.7650)  # Giżycko, the neighbour to the north
    assert not area.contains(*WARSAW)


def test_cache_is_sorted_readable_and_survives_a_killed_write(tmp_path):
    path = tmp_path / "data" / "geokodowanie.yml"
    cache = GeocodeCache(path)
    for key in ("wyszowate", "bielskie", "miłki"):
        cache.put(key, CachedPoint(53.9, 21.8, "nominatim", TODAY, key))
    cache.save()
    text = path.read_text(encoding="utf-8")
    assert text.index("bielskie:") < text.index("miłki:") < text.index("wyszowate:")
    script = (
        "import os, signal, sys\n"
        "from datetime import date\n"
        "from pathlib import Path\n"
        "from ngosite.geo.cache import GeocodeCache, CachedPoint\n"
        f"cache = GeocodeCache.load(Path({str(path)!r}), Path({str(tmp_path)!r}), [])\n"
        "for i in range(5000):\n"
        "    cache.put(f'nowy {i}', CachedPoint(53.9, 21.8, 'nominatim', date(2026, 11, 26)))\n"
        "real_write = os.fdopen\n"
        "def dying_fdopen(*a, **k):\n"
        "    handle = real_write(*a, **k)\n"
        "    def write(text):\n"
        "        handle.buffer.write(text[: len(text) // 2].encode())\n"
        "        handle.buffer.flush()\n"
        "        os.kill(os.getpid(), signal.SIGKILL)\n"
        "    handle.write = write\n"
        "    return handle\n"
        "os.fdopen = dying_fdopen\n"
        "cache.save()\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, cwd=ROOT)
    assert result.returncode == -9, result.stderr
    problems: list = []
    reloaded = GeocodeCache.load(path, tmp_path, problems)
    assert problems == []
    assert sorted(reloaded.entries) == ["bielskie", "miłki", "wyszowate"]


def test_geocode_command_lists_then_fetches_then_resumes(tmp_path, nominatim, capsys,
                                                         monkeypatch):
    # Staff run this by hand; CI refuses online geocoding, so the test plays staff.
    monkeypatch.delenv("CI", raising=False)
    nominatim.scenarios["Rydzewo"] = ["ok"]
    nominatim.scenarios["Wyszowate"] = ["500"]
    project = make_project(tmp_path, {"r": {"miejscowosc": "Rydzewo"},
                                      "w": {"miejscowosc": "Wyszowate"}})
    online_project(project, nominatim.url)

    assert geocode_command.run(project, online=False, retry_missing=False, today=TODAY) == 0
    listed = capsys.readouterr().out
    assert "Adresy bez położenia w pamięci: 2" in listed and not nominatim.requests

    status = geocode_command.run(project, online=True, retry_missing=False, today=TODAY,
                                 sleep=lambda s: None)
    out = capsys.readouterr()
    assert status == 1 and "Zapytania do serwera:" in out.out
    assert "Geokodowanie" in out.err  # the progress bar
    cache = GeocodeCache.load(cache_file(project), project, [])
    assert cache.get("11-513 rydzewo").found and cache.get("11-513 wyszowate") is None

    nominatim.scenarios["Wyszowate"] = ["ok"]
    nominatim.requests.clear()
    assert geocode_command.run(project, online=True, retry_missing=False, today=TODAY,
                               sleep=lambda s: None) == 0
    assert [r["query"]["city"] for r in nominatim.requests] == ["Wyszowate"]


def test_online_is_refused_in_ci_and_without_contact(monkeypatch, tmp_path):
    project = make_project(tmp_path, {})
    settings = load_registry(project, today=TODAY).settings
    monkeypatch.setenv("CI", "true")
    with pytest.raises(OnlineNotAllowed, match="CI"):
        online_settings(settings)
    monkeypatch.delenv("CI")
    with pytest.raises(OnlineNotAllowed, match="kontakt"):
        online_settings(settings)


FAULTS = {
    "500": "awarię (błąd 5xx)", "502": "awarię (błąd 5xx)", "503": "",
    "429": "zbyt wiele zapytań (429)", "429-bare": "zbyt wiele zapytań (429)",
    "malformed": "nieczytelną odpowiedź", "html": "nieczytelną odpowiedź",
    "nan": "nieczytelną odpowiedź", "reset": "zerwał połączenie",
}


@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_every_server_fault_is_one_polish_line_and_says_how_to_resume(
        tmp_path, nominatim, capsys, monkeypatch, fault):
    monkeypatch.delenv("CI", raising=False)
    nominatim.scenarios["Rydzewo"] = [fault]
    project = make_project(tmp_path, {"r": {"miejscowosc": "Rydzewo"},
                                      "w": {"miejscowosc": "Wyszowate"}})
    online_project(project, nominatim.url)
    status = geocode_command.run(project, online=True, retry_missing=False, today=TODAY,
                                 sleep=lambda s: None)
    out = capsys.readouterr()
    text = out.out + out.err
    assert status == 1
    assert "Traceback" not in text and "geopy" not in text and "Error" not in text, text
    fault_lines = [line for line in out.out.splitlines() if "serwer geokodowania" in line]
    assert len(fault_lines) == 1 and FAULTS[fault] in fault_lines[0], out.out
    assert "2 z 2 adresów zostało bez odpowiedzi" in out.out
    assert "uruchom to samo polecenie ponownie" in out.out
    assert [r["query"]["city"] for r in nominatim.requests].count("Wyszowate") == 0


def test_verbose_shows_what_the_library_said(tmp_path, nominatim, capsys, monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    nominatim.scenarios["Rydzewo"] = ["html"]
    project = make_project(tmp_path, {"r": {"miejscowosc": "Rydzewo"}})
    online_project(project, nominatim.url)
    geocode_command.run(project, online=True, retry_missing=False, today=TODAY,
                        sleep=lambda s: None, verbose=True)
    assert "Szczegóły: GeocoderParseError" in capsys.readouterr().err
