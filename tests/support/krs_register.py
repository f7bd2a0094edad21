"""A local stand-in for the Ministry of Justice's KRS API, on 127.0.0.1 only.

It serves the hand-made fixtures of ``tests/krs/fixtures`` the way the real API does:
``OdpisAktualny/<n>?rejestr=S|P`` answers 200 with the extract, 404 with the API's "Not Found"
problem document for a number it does not have in that register, 204 (no content) for a removed
entity; ``OdpisPelny`` serves the full extract of the removed one. A scenario per number
replays faults in order (429 with or without Retry-After, 5xx, HTML, a cut-off or non-finite
JSON, a hang past the timeout, a reset connection).
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

from ngosite.krs.client import ClientSettings, RegisterClient

FIXTURES = Path(__file__).resolve().parents[1] / "krs" / "fixtures"
ROOT = Path(__file__).resolve().parents[2]
REMOVED = {"0000100005"}
# Every personal name in the fixtures (board, founders, auditors, liquidator, notary).
PERSONAL_NAMES = ("BRZĘCZYSZCZYKIEWICZ", "GRZEGORZ", "KIEPSKA", "WRÓBEL", "HALINA", "PIĘTAK",
                  "ZENON", "SZCZEPAŃCZYK", "BOŻENA", "ŁOPUSZAŃSKI", "KAZIMIERZ", "OKRUCH",
                  "JADWIGA")


class FakeRegister:
    def __init__(self) -> None:
        self.scenarios: dict[str, list[str]] = {}
        self.requests: list[dict[str, object]] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                parts = urlsplit(self.path)
                query = {k: v[0] for k, v in parse_qs(parts.query).items()}
                number = parts.path.rstrip("/").rsplit("/", 1)[-1]
                fake.requests.append({"time": time.monotonic(), "path": parts.path,
                                      "query": query, "agent": self.headers.get("User-Agent")})
                answers = fake.scenarios.get(number)
                answer = (answers.pop(0) if len(answers) > 1 else answers[0]) if answers else ""
                fake.respond(self, parts.path, number, query.get("rejestr", ""), answer)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_port}/api/krs"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def respond(self, handler: BaseHTTPRequestHandler, path: str, number: str, register: str,
                answer: str) -> None:
        status, body, headers = self.fixture(path, number, register)
        if answer == "reset":
            handler.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                          struct.pack("ii", 1, 0))
            handler.connection.close()
            return
        if answer == "hang":
            time.sleep(1.5)
        elif answer:
            status, body, headers = _FAULTS[answer]
        try:
            handler.send_response(status)
            for name, value in {"Content-Type": "application/json; charset=utf-8",
                                **headers}.items():
                handler.send_header(name, value)
            handler.end_headers()
            if status != 204:
                handler.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    @staticmethod
    def fixture(path: str, number: str, register: str) -> tuple[int, bytes, dict[str, str]]:
        kind = "full-" if "OdpisPelny" in path else ""
        found = sorted(FIXTURES.glob(f"{kind}{register}-{number}-*.json"))
        if found:
            return 200, found[0].read_bytes(), {}
        if not kind and number in REMOVED and register == "S":
            return 204, b"", {}
        return 404, (FIXTURES / "not-found-404.json").read_bytes(), {}

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


_FAULTS: dict[str, tuple[int, bytes, dict[str, str]]] = {
    "429": (429, b"", {"Retry-After": "1"}),
    "429-bez": (429, b"", {}),
    "429-dlugo": (429, b"", {"Retry-After": "3600"}),
    "500": (500, b"Internal Server Error", {}),
    "503": (503, b"<html><body>Przerwa techniczna</body></html>", {"Content-Type": "text/html"}),
    "html": (200, b"<!DOCTYPE html><html><body>Przerwa techniczna</body></html>",
             {"Content-Type": "text/html"}),
    "ucieta": (200, b'{"odpis": {"rodzaj": "Aktualny", "naglowekA": ', {}),
    "nan": (200, json.dumps({"odpis": {"naglowekA": {"numerKRS": "0000100001",
                                                     "stanPozycji": "X"}}}).replace(
        '"X"', "NaN").encode(), {}),
    "pusta": (200, b"", {}),
    "400": (400, b'{"title": "Bad Request", "status": 400}', {}),
}


def register_client(url: str, *, sleep=None, delay_s: float = 1.0, timeout_s: float = 0.5,
                attempts: int = 3) -> RegisterClient:
    """A client of the fake register; ``sleep`` replaces real waiting (it records the waits)."""
    settings = ClientSettings(api=url, contact="urzad@example.org", site_name="Test Miłki",
                              delay_s=delay_s, timeout_s=timeout_s, attempts=attempts)
    args = {"sleep": sleep} if sleep else {}
    return RegisterClient(settings, **args)


def new_project(folder: Path, with_ngos: bool = True) -> Path:
    """A copy of the bundled data (and, by default, the sample entries) to import into."""
    shutil.copytree(ROOT / "data", folder / "data")
    if with_ngos:
        shutil.copytree(ROOT / "ngos", folder / "ngos")
    else:
        (folder / "ngos").mkdir()
        shutil.rmtree(folder / "data" / "targi")  # the fair names the sample entries
    return folder
