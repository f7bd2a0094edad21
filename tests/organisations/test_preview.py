"""The preview's quick path: under ``ngosite serve`` an edited NGO file is read alone and its
page made again without a whole build (``ngosite.organisations.preview``, ``ngosite.site.Preview``,
``hooks/ngo_pages.py``). The quick page must be the page a whole build makes of the same files,
and every change the quick path cannot show must still rebuild the site."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from ngosite.pipeline import load_registry
from ngosite.site import Preview, generated_pages, ngo_file_dates
from tests.support.events_project import IGNORED

REPO = Path(__file__).resolve().parents[2]
SLUG = "gks-milki"
OLD_TEXT = "Gminny Klub Sportowy Miłki prowadzi drużyny"
NEW_TEXT = "Gminny Klub Sportowy Miłki od wiosny prowadzi drużyny"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "projekt"
    shutil.copytree(REPO, root, ignore=IGNORED, symlinks=True)
    return root


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, path
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_quick_page_is_the_page_a_whole_load_makes(project: Path) -> None:
    registry = load_registry(project)
    changed = ngo_file_dates(registry)
    preview = Preview(registry, changed)
    _replace(project / "ngos" / f"{SLUG}.yml", OLD_TEXT, NEW_TEXT)

    pages = preview.ngo_pages([project / "ngos" / f"{SLUG}.yml"])

    assert pages is not None and [p.src_uri for p in pages] == [f"organizacje/{SLUG}.md"]
    assert NEW_TEXT in pages[0].html
    whole = load_registry(project)
    expected = next(p for p in generated_pages(whole, changed) if p.src_uri == pages[0].src_uri)
    assert (pages[0].title, pages[0].body, pages[0].markdown) == (
        expected.title, expected.body, expected.markdown)
    # The registry the preview keeps is the whole load's: the same entries, in the same order.
    assert [e.slug for e in preview.registry] == [e.slug for e in whole]
    assert preview.registry.locations == whole.locations


@pytest.mark.parametrize("change", ["new file", "removed file", "broken file", "not an entry"])
def test_a_change_the_quick_path_cannot_show_asks_for_the_whole_build(project: Path,
                                                                       change: str) -> None:
    registry = load_registry(project)
    preview = Preview(registry, ngo_file_dates(registry))
    path = project / "ngos" / f"{SLUG}.yml"
    if change == "new file":
        path = project / "ngos" / "nowy-klub.yml"
        shutil.copyfile(project / "ngos" / f"{SLUG}.yml", path)
    elif change == "removed file":
        path.unlink()
    elif change == "broken file":
        _replace(path, "nazwa:", "nazwa_organizacji:")
    else:
        path = project / "data" / "gmina.yml"

    assert preview.ngo_pages([path]) is None
    assert preview.registry is registry  # nothing half-replaced


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(url: str, text: str, seconds: float, log=None) -> str:
    deadline = time.monotonic() + seconds
    body = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=30) as response:
                body = response.read().decode("utf-8")
            if text in body:
                return body
        except OSError:  # not up yet, or a whole rebuild holding the answer past the timeout
            pass
        time.sleep(0.2)
    said = ""
    if log is not None:
        log.seek(0)
        said = "\nngosite serve said:\n" + log.read()
    raise AssertionError(f"{url} did not show {text!r} within {seconds} s{said}")


def test_ngosite_serve_shows_an_edited_entry_alone_and_rebuilds_for_a_new_one(
        project: Path, tmp_path: Path) -> None:
    port = _free_port()
    log = (tmp_path / "serve.log").open("w+", encoding="utf-8")
    server = subprocess.Popen(
        [str(Path(sys.executable).with_name("ngosite")), "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project, stdout=log, stderr=subprocess.STDOUT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for(f"{base}/organizacje/{SLUG}/", OLD_TEXT, 300, log)
        time.sleep(3)  # the watcher is started after the first build is served

        _replace(project / "ngos" / f"{SLUG}.yml", OLD_TEXT, NEW_TEXT)
        page = _wait_for(f"{base}/organizacje/{SLUG}/", NEW_TEXT, 120, log)
        assert 'class="md-header' in page and "</html>" in page  # the theme's whole page
        _wait_for_log(log, f"Podgląd: odświeżono stronę /organizacje/{SLUG}/", 30)

        # A new file is the whole build's: its page appears, and the directory lists it.
        shutil.copyfile(project / "ngos" / f"{SLUG}.yml", project / "ngos" / "nowy-klub.yml")
        _wait_for(f"{base}/organizacje/nowy-klub/", NEW_TEXT, 300, log)
        _wait_for(f"{base}/organizacje/", "nowy-klub/", 60, log)
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def _wait_for_log(log, text: str, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        log.seek(0)
        if text in log.read():
            return
        time.sleep(0.2)
    log.seek(0)
    raise AssertionError(f"the log does not say {text!r}:\n{log.read()}")
