"""Harness for the browser tests: build the site once, serve it on 127.0.0.1, drive Chromium.

Debian's ``/usr/bin/chromium`` is driven by the pip package ``playwright`` (no
``playwright install``). A missing browser is a test failure, never a skip: CI must not go
green without having looked at a page.

Fixtures
--------
``built_site``   the project's site, built once per session into a temporary directory
                 (``NGOSITE_TEST_SITE=dir`` reuses an existing build while you iterate)
``serve``        ``serve(directory) -> base URL`` (ends with ``/``), a static server on 127.0.0.1
``site_url``     base URL of ``built_site``
``browser``      one Chromium per session
``watched``      a fresh context (locale pl-PL) and page that records console errors, page
                 errors, dialogs and every request to a host other than 127.0.0.1 (aborted);
                 at teardown it fails the test if the page tried to reach another host
``page``         ``watched.page``
``new_watched``  ``new_watched(**context_options) -> Watched`` for extra contexts (JavaScript
                 off, phone viewport); checked at teardown like ``watched``
``axe_check``    ``axe_check(page, what)`` fails with a readable list of WCAG 2.1 A/AA violations
``build_site``   ``build_site(project_root, dest)``, for tests that build a modified copy
``directory_cards``  the cards of ``/organizacje/`` as served (JavaScript off)
``first_ngo_path``   e.g. ``organizacje/osp-milki/``: the first card's page

Every page carries a Content Security Policy without ``'unsafe-eval'``: give
``wait_for_function`` a function (``"() => …"``), never an expression, which Playwright passes to
``eval()`` again at each poll and the page refuses.
"""

from __future__ import annotations

import functools
import os
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import (
    Browser,
    ConsoleMessage,
    Dialog,
    Page,
    Route,
    sync_playwright,
)
from support.browser import DIRECTORY, VISIT_TIME, Card, Watched, cards

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
LOCAL_HOSTS = {"127.0.0.1"}
# Schemes that never leave the machine; anything else to a non-local host is blocked.
LOCAL_SCHEMES = {"data", "blob", "about", "chrome", "chrome-extension", "devtools"}
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
DEFAULT_TIMEOUT_MS = 10_000


# --------------------------------------------------------------------------- build


def build_site(project_root: Path, dest: Path) -> Path:
    """``mkdocs build --strict`` of ``project_root`` into ``dest``; fail the test on error."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(dest)],
        cwd=project_root,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if result.returncode != 0:
        pytest.fail(
            f"mkdocs build --strict of {project_root} failed (exit {result.returncode}):\n"
            f"--- stdout ---\n{result.stdout}\n--- stderr ---\n{result.stderr}",
            pytrace=False,
        )
    return dest


@pytest.fixture(scope="session", name="build_site")
def build_site_fixture() -> Callable[[Path, Path], Path]:
    return build_site


@pytest.fixture(scope="session")
def built_site(sample_site: Path) -> Path:
    # Developer shortcut: NGOSITE_TEST_SITE=/path/to/site reuses a build (never set it in CI).
    prebuilt = os.environ.get("NGOSITE_TEST_SITE")
    return Path(prebuilt) if prebuilt else sample_site


# --------------------------------------------------------------------------- serve


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def serve() -> Iterator[Callable[[Path], str]]:
    """A function that serves a directory on 127.0.0.1 (a free port) and returns its URL."""
    servers: list[ThreadingHTTPServer] = []

    def start(directory: Path) -> str:
        handler = functools.partial(_QuietHandler, directory=str(directory))
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site_url(built_site: Path, serve: Callable[[Path], str]) -> str:
    return serve(built_site)


# --------------------------------------------------------------------------- browser


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(
            f"{CHROMIUM} is missing: the browser tests need Debian's Chromium "
            "(as root: apt-get install -y chromium, or run scripts/setup.sh)",
            pytrace=False,
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _is_local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in LOCAL_SCHEMES or parts.hostname in LOCAL_HOSTS


def open_watched(browser: Browser, **context_options: object) -> Watched:
    options = {"locale": "pl-PL", **context_options}
    context = browser.new_context(**options)
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    context.clock.set_fixed_time(VISIT_TIME)
    page = context.new_page()
    watched = Watched(context=context, page=page)

    def route(route: Route) -> None:
        url = route.request.url
        if _is_local(url):
            route.continue_()
        else:
            watched.external_requests.append(url)
            route.abort()

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            where = (message.location or {}).get("url", "")
            watched.console_errors.append(f"{message.text} ({where})")

    def on_dialog(dialog: Dialog) -> None:
        watched.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    context.route("**/*", route)
    page.on("console", on_console)
    page.on("pageerror", lambda error: watched.page_errors.append(str(error)))
    page.on("dialog", on_dialog)
    return watched


@pytest.fixture
def new_watched(browser: Browser) -> Iterator[Callable[..., Watched]]:
    opened: list[Watched] = []

    def new(**context_options: object) -> Watched:
        watched = open_watched(browser, **context_options)
        opened.append(watched)
        return watched

    yield new
    for watched in opened:
        watched.context.close()
    for watched in opened:
        watched.assert_no_external_requests()


@pytest.fixture
def watched(new_watched: Callable[..., Watched]) -> Watched:
    return new_watched()


@pytest.fixture
def page(watched: Watched) -> Page:
    return watched.page


# --------------------------------------------------------------------------- accessibility


def _format_violations(violations: list[dict], what: str) -> str:
    lines = [f"{len(violations)} WCAG 2.1 A/AA violation(s) on {what}:"]
    for v in violations:
        lines.append(f"- {v['id']} [{v.get('impact')}] {v.get('help')} ({v.get('helpUrl')})")
        for node in v.get("nodes", [])[:10]:
            target = " ".join(str(t) for t in node.get("target", []))
            summary = " ".join((node.get("failureSummary") or "").split())
            lines.append(f"    at {target}: {summary}")
        if len(v.get("nodes", [])) > 10:
            lines.append(f"    … and {len(v['nodes']) - 10} more element(s)")
    return "\n".join(lines)


# The page as a visitor sees it once it has settled: the non-blocking stylesheets applied (a
# script switches them once loaded, see overrides/main.html) and the finite transitions and
# animations they start finished (2 s at most), so axe-core never measures a colour halfway
# through one (the theme's "back to top" button fading in measured #797979 on white).
SETTLED = """async () => {
  const pending = () => document.querySelector(
    'link[rel=stylesheet][media=print][data-nonblocking]');
  for (let i = 0; i < 100 && pending(); i++) await new Promise(done => setTimeout(done, 50));
  const finite = document.getAnimations().filter(
    a => a.effect && a.effect.getComputedTiming().endTime !== Infinity);
  await Promise.race([Promise.all(finite.map(a => a.finished.catch(() => null))),
                      new Promise(done => setTimeout(done, 2000))]);
}"""


@pytest.fixture(scope="session")
def axe_check() -> Callable[..., None]:
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def check(page: Page, what: str | None = None) -> None:
        page.evaluate(SETTLED)
        options = {
            "runOnly": {"type": "tag", "values": WCAG_TAGS},
            "resultTypes": ["violations"],
        }
        page.evaluate(SETTLED)
        results = axe.run(page, options=options)
        violations = results.response["violations"]
        if violations:
            pytest.fail(_format_violations(violations, what or page.url), pytrace=False)

    return check


# --------------------------------------------------------------------------- site data


@pytest.fixture(scope="session")
def directory_cards(browser: Browser, site_url: str) -> list[Card]:
    """The directory's cards as the server sends them (JavaScript off: nothing filtered)."""
    watched = open_watched(browser, java_script_enabled=False)
    try:
        response = watched.page.goto(site_url + DIRECTORY)
        assert response is not None and response.ok, f"GET /{DIRECTORY} failed: {response}"
        found = cards(watched.page)
    finally:
        watched.context.close()
    assert found, f"/{DIRECTORY} has no `#lista-organizacji li.ngo-card`"
    return found


@pytest.fixture(scope="session")
def first_ngo_path(directory_cards: list[Card], site_url: str) -> str:
    """Path (relative to the site root) of the first NGO in the directory."""
    href = directory_cards[0].href
    assert href.startswith(site_url), f"first card links outside the site: {href}"
    return href.removeprefix(site_url)
