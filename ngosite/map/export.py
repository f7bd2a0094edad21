"""The map as a folder that staff can upload to another website (the gmina's site, its BIP).

Same document as ``/mapa/mapa.html`` on the site, with its assets copied beside it, so the
folder works wherever it is put and still loads nothing from a CDN. Its popups link to the NGO
pages of the published site, when its address is known.
"""

from __future__ import annotations

from pathlib import Path

from ngosite.organisations.pages import DIRECTORY
from ngosite.organisations.registry import Registry

from .assets import copy_assets
from .data import detail_files, map_points
from .document import MapTarget, render_map_document
from .page import assets_of

INDEX = "index.html"
ASSETS = "assets"


def write_map_folder(registry: Registry, output: Path, site_url: str | None) -> list[Path]:
    """Write ``output/index.html``, its popup texts ``output/opisy/…`` and
    ``output/assets/…``; return every file written."""
    pages = f"{site_url.rstrip('/')}/{DIRECTORY}/" if site_url else None
    target = MapTarget(assets=assets_of(registry, f"{ASSETS}/"), pages_url=pages,
                       directory_url=pages)
    points = map_points(registry)
    document = render_map_document(registry, points, target)
    output.mkdir(parents=True, exist_ok=True)
    index = output / INDEX
    index.write_text(document, encoding="utf-8")
    written = [index]
    for name, text in detail_files(points):
        (output / name).parent.mkdir(parents=True, exist_ok=True)
        (output / name).write_text(text, encoding="utf-8")
        written.append(output / name)
    return [*written, *copy_assets(target.assets.assets_dir, output / ASSETS)]
