"""Helpers for browser tests that open the map: its tile server, its frame, its pins."""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from playwright.sync_api import BrowserContext, Frame, Page, Route

from ngosite.settings.gmina import load_settings
from support.browser import REPO_ROOT

# A 1×1 transparent PNG: tiles "load" without the test reaching the real tile server.
BLANK_TILE = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=")


def tile_host() -> str:
    """The tile server configured in the project's data/gmina.yml."""
    return load_settings(REPO_ROOT).map.tile_host


@dataclass
class TileRequests:
    """Requests that went to the tile server (answered with a blank tile, never sent)."""

    host: str
    urls: list[str] = field(default_factory=list)


def serve_blank_tiles(context: BrowserContext, host: str | None = None) -> TileRequests:
    """Answer the tile server's requests locally. Registered after the harness's catch-all
    route, so it takes precedence for that host only: every other host stays blocked."""
    seen = TileRequests(host or tile_host())

    def fulfil(route: Route) -> None:
        seen.urls.append(route.request.url)
        route.fulfill(status=200, content_type="image/png", body=BLANK_TILE)

    context.route(lambda url: urlsplit(url).hostname == seen.host, fulfil)
    return seen


def map_frame(page: Page) -> Frame:
    """The map document inside /mapa/, loaded (the iframe is lazy) and with its pins placed."""
    iframe = page.locator("iframe.ngo-map-frame")
    iframe.scroll_into_view_if_needed()
    frame = iframe.element_handle().content_frame()
    assert frame is not None, "the map iframe has no document"
    wait_for_map(frame)
    return frame


def wait_for_map(frame: Frame | Page) -> None:
    frame.wait_for_selector("html[data-ngo-map=ready]", state="attached")


_SHOWN_JS = """() => {
  const pins = [...document.querySelectorAll('.leaflet-marker-icon.ngo-pin')];
  const clusters = [...document.querySelectorAll('.leaflet-marker-icon.ngo-cluster')];
  const inClusters = clusters.reduce(
    (sum, c) => sum + Number(c.querySelector('.ngo-cluster__count').textContent), 0);
  return {pins: pins.length, clusters: clusters.length, total: pins.length + inClusters,
          names: pins.map(p => p.title)};
}"""


@dataclass(frozen=True)
class Shown:
    pins: int
    clusters: int
    total: int  # NGOs shown: single pins plus the counts on the clusters
    names: list[str]


def shown(frame: Frame | Page) -> Shown:
    """What the map shows in its current view."""
    return Shown(**frame.evaluate(_SHOWN_JS))


def popup_text(frame: Frame | Page) -> str:
    """The open popup's text (once a previous popup has faded out)."""
    frame.wait_for_function("() => document.querySelectorAll('.leaflet-popup').length === 1")
    return frame.locator(".leaflet-popup-content").inner_text()
