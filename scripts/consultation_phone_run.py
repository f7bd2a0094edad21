#!/usr/bin/env python3
"""Time a resident sending a comment on § 5 of the cooperation programme from a phone.

Builds a copy of the project with a round of consultation on the programme's version 3 (the
test copy of ``tests/support/consultation_project.py``), serves it on 127.0.0.1 and drives
Debian's Chromium with Playwright's "Pixel 7" profile (412×839, touch, mobile) at a person's
pace: pauses to read, taps, typing at ``--ms-per-key`` milliseconds a character (300 ms is about
a careful 40 words a minute on a phone keyboard). The route is that of someone who has never
seen the site: the home page, the consultation in the block at the top, § 5 in the text, its
"Zgłoś uwagę do tego fragmentu" button, the comment, "Mieszkanka lub mieszkaniec", "Przygotuj
uwagę", "Wyślij e-mailem". The mail program is not opened: the script reads the ``mailto:``
link instead and checks that the import reads it back. It prints the time of each step and the
total, and saves a screenshot of each step to ``--shots`` when given.

    .venv/bin/python scripts/consultation_phone_run.py
    .venv/bin/python scripts/consultation_phone_run.py --ms-per-key 150 --shots /tmp/phone

A measurement, not a test.
"""

from __future__ import annotations

import argparse
import functools
import os
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date, datetime
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from playwright.sync_api import Page, sync_playwright  # noqa: E402
from support.consultation_project import consultation_project  # noqa: E402

from ngosite.consultations.importing import prepare_import  # noqa: E402
from ngosite.consultations.rules import ImportOptions  # noqa: E402
from ngosite.pipeline import load_registry  # noqa: E402

COMMENT = ("Proszę dopisać w § 5 dotacje na wkład własny dla małych kół i klubów, bo bez nich "
           "nie złożą wniosków do programów z funduszy zewnętrznych.")
DAY = "2026-12-03"


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def build(workdir: Path) -> tuple[Path, Path]:
    project = consultation_project(workdir / "project", site=True)
    site = workdir / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NGOSITE_TODAY": DAY}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
                   cwd=project, env=env, check=True)
    return project, site


def run(page: Page, base: str, ms_per_key: int, shots: Path | None) -> list[tuple[str, float]]:
    steps: list[tuple[str, float]] = []
    last = time.monotonic()

    def step(name: str) -> None:
        nonlocal last
        now = time.monotonic()
        steps.append((name, now - last))
        last = now
        if shots:
            try:
                page.screenshot(path=str(shots / f"{len(steps):02d}.png"))
            except Exception as exc:  # a screenshot is a help for the reader, not the measure
                print(f"(no screenshot of step {len(steps)}: {exc})", file=sys.stderr)
            last = time.monotonic()  # the time a screenshot takes is not the person's

    def read(seconds: float) -> None:
        page.wait_for_timeout(seconds * 1000)

    page.goto(base)
    read(4)  # the home page: what is this site, is there anything to comment on?
    page.locator(".kons-home__list a").first.tap()
    page.wait_for_load_state("load")
    step("home page read, the consultation opened")
    read(3)
    button = page.locator(".doc-comment__button[data-dotyczy='§ 5']")
    page.locator("#par-5").scroll_into_view_if_needed()
    read(6)  # § 5 read
    button.tap()
    step("§ 5 found and read, its button tapped")
    read(2)  # the quoted wording under the picker
    page.locator("#kons-uzasadnienie").tap()
    page.keyboard.type(COMMENT, delay=ms_per_key)
    step(f"comment typed ({len(COMMENT)} characters)")
    page.locator("label[for=kons-nadawca-mieszkaniec]").tap()
    read(2)  # the name is optional: left empty
    page.locator("#kons-przygotuj").tap()
    page.locator("#kons-gotowa").wait_for(state="visible")
    step("sender chosen, comment prepared")
    read(4)  # the identifier and the ways to send it
    page.evaluate("""() => document.getElementById('kons-email').addEventListener('click',
        e => e.preventDefault())""")
    page.locator("#kons-email").tap()
    step("“Wyślij e-mailem” tapped")
    steps.append(("total", sum(seconds for _, seconds in steps)))
    return steps


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ms-per-key", type=int, default=300)
    parser.add_argument("--shots", type=Path, help="save a screenshot after each step here")
    args = parser.parse_args()
    if args.shots:
        args.shots.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        project, site = build(Path(tmp))
        server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet,
                                                                         directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
                "--headless", "--no-sandbox", "--disable-gpu"])
            context = browser.new_context(**p.devices["Pixel 7"], locale="pl-PL")
            page = context.new_page()
            page.clock.set_fixed_time(datetime(2026, 12, 3, 18, 40,
                                               tzinfo=ZoneInfo("Europe/Warsaw")))
            steps = run(page, base, args.ms_per_key, args.shots)
            href = page.get_attribute("#kons-email", "href") or ""
            browser.close()
        server.shutdown()
        body = parse_qs(urlsplit(href).query)["body"][0]
        day = date.fromisoformat(DAY)
        outcome = prepare_import(load_registry(project, today=day), body.encode(), "mailto",
                                 day, ImportOptions())
    for name, seconds in steps:
        print(f"{seconds:6.1f} s  {name}")
    print(f"mailto: {len(href)} characters; the import reads it back: "
          f"{'yes' if outcome.ok and outcome.new_text else 'NO'}")
    return 0 if outcome.ok else 1


if __name__ == "__main__":
    sys.exit(main())
