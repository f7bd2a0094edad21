"""A new gmina's site on a GitHub Pages project address (``https://user.github.io/repo/``):
a missing page under the sub-path gets the site's 404 page, styled, with working links and
no Content Security Policy violation."""

from __future__ import annotations

import functools
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from support.new_gmina import FROM_REGISTERS, SUB_PATH, init_and_build

pytestmark = pytest.mark.browser


class _Pages(SimpleHTTPRequestHandler):
    """Like GitHub Pages: a missing file is answered with the site's own 404.html."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_error(self, code: int, message: str | None = None,
                   explain: str | None = None) -> None:
        page = Path(self.directory) / SUB_PATH / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def sub_path_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder, _ = init_and_build(tmp_path_factory.mktemp("gmina") / "testowo", FROM_REGISTERS)
    root = tmp_path_factory.mktemp("host")
    shutil.copytree(folder / "site", root / SUB_PATH)
    server = ThreadingHTTPServer(("127.0.0.1", 0),
                                 functools.partial(_Pages, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/{SUB_PATH}/"
    server.shutdown()
    server.server_close()


def test_the_404_page_works_under_a_sub_path(sub_path_url, new_watched) -> None:
    watched = new_watched()
    page = watched.page
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text)
            if "Content Security Policy" in m.text else None)
    response = page.goto(sub_path_url + "nie-ma-takiej-strony/")
    assert response is not None and response.status == 404
    page.wait_for_function("() => document.readyState === 'complete'")
    # The theme's stylesheet applied: its header is laid out, not a bare list of links.
    assert page.locator(".md-header").evaluate("e => getComputedStyle(e).position") in (
        "sticky", "fixed")
    home = page.locator("a.md-header__button.md-logo").get_attribute("href")
    assert home is not None and page.evaluate("h => new URL(h, location.href).pathname", home) \
        == f"/{SUB_PATH}/"
    page.locator("a.md-header__button.md-logo").click()
    page.wait_for_url(sub_path_url)
    assert page.locator("h1").first.inner_text().startswith("Organizacje pozarządowe")
    assert violations == []
    # Every asset loaded: the only "not found" is the missing page itself.
    assert [e for e in watched.console_errors if "nie-ma-takiej-strony" not in e] == []
    assert watched.page_errors == []
    watched.assert_no_external_requests()
