"""The map on the site: the page /mapa/, the map document it frames, and a link on NGO pages.

The map itself is a separate document (``/mapa/mapa.html``) shown in a lazy ``<iframe>``: Leaflet's
styles stay out of the theme, the page around it carries the text alternative (what the map shows,
the legend, the way to the directory), and the same document can be framed by other sites.
"""

from __future__ import annotations

from urllib.parse import quote

from markupsafe import Markup

from ngosite.core.templating import GeneratedPage, environment, page_from_html
from ngosite.geo.geocode import Unplaced
from ngosite.organisations.pages import DIRECTORY
from ngosite.organisations.registry import Entry, Registry

from .assets import FRAME_SCRIPT, MAP_STYLES, AssetLinks
from .categories import PIN_PATH, SYMBOL_TRANSFORM
from .data import detail_files, legend, map_point, map_points
from .unplaced import advice, missing_from_map, reason

MAP_DIR = "mapa"
MAP_DOCUMENT = "mapa.html"


def organisations(n: int) -> str:
    """„1 organizacja”, „3 organizacje”, „5 organizacji”, „22 organizacje”."""
    if n == 1:
        return "1 organizacja"
    if n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14):
        return f"{n} organizacje"
    return f"{n} organizacji"


def assets_of(registry: Registry, prefix: str) -> AssetLinks:
    return AssetLinks(registry.root / "docs" / "assets", prefix)


def map_pages(registry: Registry) -> list[GeneratedPage]:
    points = map_points(registry)
    total = len(registry.entries)
    missing = missing_from_map(registry)
    body = environment().get_template("map.html").render(
        settings=registry.settings,
        styles_url=assets_of(registry, "../assets/").url(MAP_STYLES),
        frame_script_url=assets_of(registry, "../assets/").url(FRAME_SCRIPT),
        placed=len(points),
        total=total,
        missing=missing,
        document_name=MAP_DOCUMENT,
        legend=legend(points),
        organisations=organisations,
        pin_path=PIN_PATH,
        symbol_transform=SYMBOL_TRANSFORM,
    )
    # Without the table of contents the map gets the width of the whole content column.
    return [page_from_html(f"{MAP_DIR}/index.md", "Mapa organizacji", body, hide=["toc"])]


def map_files(registry: Registry) -> list[tuple[str, str]]:
    """(path in the site, content) of the map document and of its popup texts."""
    # folium is imported here, not with the module: importing it and its plugins takes a
    # quarter of a second, which the build spends in the background (see site.py).
    from .document import MapTarget, render_map_document

    target = MapTarget(assets=assets_of(registry, "../assets/"),
                       pages_url=f"../{DIRECTORY}/", directory_url=f"../{DIRECTORY}/")
    points = map_points(registry)
    document = render_map_document(registry, points, target)
    return [(f"{MAP_DIR}/{MAP_DOCUMENT}", document),
            *((f"{MAP_DIR}/{name}", text) for name, text in detail_files(points))]


def map_link_section(registry: Registry, entry: Entry) -> Markup:
    """"Pokaż na mapie" on an NGO's page, or, when it has no pin, why and what to do."""
    point = map_point(registry, entry)
    missing = None
    if point is None:
        unplaced = registry.unplaced.get(entry.slug) or Unplaced(
            "brak_punktu", entry.org.address.locality)
        missing = (reason(unplaced), advice(unplaced))
    return Markup(environment().get_template("map_link.html").render(
        point=point, missing=missing, href=f"../../{MAP_DIR}/#{quote(entry.slug)}"))
