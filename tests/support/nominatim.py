"""A local server that answers like Nominatim (127.0.0.1 only), and projects to geocode.

Each scenario is one behaviour of the real service: a result, no result, a result in the wrong
Ruda, HTTP 429 with or without Retry-After, 5xx, an HTML page, malformed JSON, non-finite
numbers, a connection reset, a hang past the timeout.
"""

from __future__ import annotations

import json
import shutil
import socket
import struct
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import yaml

ROOT = Path(__file__).resolve().parents[2]
MILKI_OFFICE = (53.9425, 21.8840)  # inside the gmina
WARSAW = (52.2297, 21.0122)


class FakeNominatim:
    """Scenario per city (the structured query's ``city``), a list of answers consumed in order."""

    def __init__(self) -> None:
        self.scenarios: dict[str, list[str]] = {}
        self.requests: list[dict[str, object]] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep pytest output clean
                pass

            def do_GET(self):
                query = {k: v[0] for k, v in parse_qs(urlsplit(self.path).query).items()}
                fake.requests.append({"time": time.monotonic(), "path": urlsplit(self.path).path,
                                      "query": query, "agent": self.headers.get("User-Agent")})
                answers = fake.scenarios.get(query.get("city", ""), ["empty"])
                answer = answers.pop(0) if len(answers) > 1 else answers[0]
                fake.respond(self, answer)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.handle_error = lambda request, address: None  # "reset" closes mid-answer
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @staticmethod
    def respond(handler: BaseHTTPRequestHandler, answer: str) -> None:
        status, body, headers = 200, "[]", {}
        if answer == "ok":
            body = json.dumps([{"lat": str(MILKI_OFFICE[0]), "lon": str(MILKI_OFFICE[1]),
                                "display_name": "Mazurska 2, Miłki, Polska"}])
        elif answer == "outside":
            body = json.dumps([{"lat": str(WARSAW[0]), "lon": str(WARSAW[1]),
                                "display_name": "Ruda, Warszawa, Polska"}])
        elif answer == "429":
            status, body, headers = 429, "Too Many Requests", {"Retry-After": "1"}
        elif answer == "500":
            status, body = 500, "Internal Server Error"
        elif answer == "malformed":
            body = '[{"lat": "53.9", "lon": '
        elif answer == "hang":
            time.sleep(2.0)
        elif answer == "429-bare":
            status, body = 429, "Too Many Requests"
        elif answer in ("502", "503"):
            status, body = int(answer), "<html><body>Service Unavailable</body></html>"
        elif answer == "html":
            body = "<!DOCTYPE html><html><body><h1>Konserwacja</h1></body></html>"
        elif answer == "nan":
            body = json.dumps([{"lat": "nan", "lon": "inf", "display_name": "?"}])
        elif answer == "shape":
            body = json.dumps({"error": "Unable to geocode"})
        elif answer == "reset":  # close with RST: the client reads "connection reset by peer"
            handler.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                          struct.pack("ii", 1, 0))
            handler.connection.close()
            handler.close_connection = True
            return
        try:
            handler.send_response(status)
            handler.send_header("Content-Type", "application/json; charset=utf-8")
            for name, value in headers.items():
                handler.send_header(name, value)
            handler.end_headers()
            handler.wfile.write(body.encode("utf-8"))
        except (BrokenPipeError, ConnectionResetError):
            pass

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def make_project(tmp_path: Path, entries: dict[str, dict]) -> Path:
    project = tmp_path / "project"
    (project / "ngos").mkdir(parents=True)
    shutil.copytree(ROOT / "data", project / "data")
    (project / "data" / "geokodowanie.yml").unlink(missing_ok=True)
    for slug, address in entries.items():
        entry = {"nazwa": f"Organizacja {slug}", "forma_prawna": "stowarzyszenie",
                 "opis": "Opis.", "obszary": ["kultura"],
                 "adres": {"kod_pocztowy": "11-513", **address}, "zweryfikowano": "2026-11-01"}
        (project / "ngos" / f"{slug}.yml").write_text(
            yaml.safe_dump(entry, allow_unicode=True), encoding="utf-8")
    return project


def online_project(project: Path, url: str) -> None:
    """Settings that let staff geocode online against ``url``."""
    gmina = project / "data" / "gmina.yml"
    settings = yaml.safe_load(gmina.read_text(encoding="utf-8"))
    settings["geokodowanie"].update({"kontakt": "urzad@example.org", "serwer": url})
    gmina.write_text(yaml.safe_dump(settings, allow_unicode=True), encoding="utf-8")
