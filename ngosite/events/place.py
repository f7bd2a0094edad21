"""Where an event is and what it left behind: links to the map, and the materials with their
format and size (files from ``wydarzenia/<rok>/materialy/`` are published beside the pages)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from ngosite.organisations.registry import Registry

from .event import EVENTS_DIR, LoadedEvent, as_events
from .rules import MATERIALS_DIR
from .views import Link

FORMATS = {"pdf": "PDF", "doc": "Word", "docx": "Word", "odt": "OpenDocument", "ppt":
           "PowerPoint", "pptx": "PowerPoint", "odp": "OpenDocument", "xls": "Excel",
           "xlsx": "Excel", "ods": "OpenDocument", "jpg": "JPG", "jpeg": "JPG", "png": "PNG",
           "txt": "tekst", "csv": "CSV", "zip": "ZIP", "mp3": "MP3", "mp4": "MP4"}


def map_links(loaded: LoadedEvent, up: str, has_map: bool) -> list[Link]:
    """The site's map centred on the venue (``/mapa/#punkt=…``), and OpenStreetMap."""
    location, venue = loaded.venue_location, loaded.event.venue
    if location is None or venue is None:
        return []
    lat, lon = f"{location.lat:.5f}", f"{location.lon:.5f}"
    centre = "" if loaded.exact_point else f" (środek miejscowości {venue.locality})"
    links = [Link(f"Pokaż na mapie{centre}", f"{up}mapa/#punkt={lat},{lon}")] if has_map else []
    links.append(Link(f"Pokaż w OpenStreetMap{centre}",
                      f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}"))
    return links


def size_text(size: int) -> str:
    """``26 KB``, ``1,4 MB``: Polish decimal comma."""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / 1024 / 1024:.1f} MB".replace(".", ",")


def material_views(root: Path, loaded: LoadedEvent) -> list[dict[str, str]]:
    views = []
    for material in loaded.event.materials:
        if material.file is not None:
            name = material.file.split("/")[-1]
            path = root / EVENTS_DIR / str(loaded.year) / MATERIALS_DIR / name
            suffix = path.suffix.lower().lstrip(".")
            views.append({"title": material.title, "href": f"../{MATERIALS_DIR}/{name}",
                          "format": FORMATS.get(suffix, suffix.upper() or "plik"),
                          "size": size_text(path.stat().st_size), "external": ""})
        elif material.url is not None:
            views.append({"title": material.title, "href": material.url,
                          "format": "strona internetowa",
                          "size": urlsplit(material.url).netloc.removeprefix("www."),
                          "external": "1"})
    return views


def material_assets(registry: Registry) -> list[tuple[str, bytes]]:
    """Every material file, at ``wydarzenia/<rok>/materialy/<name>`` in the site."""
    found: dict[str, bytes] = {}
    for loaded in as_events(registry.events):
        for material in loaded.event.materials:
            if material.file is not None:
                name = material.file.split("/")[-1]
                site_path = f"{EVENTS_DIR}/{loaded.year}/{MATERIALS_DIR}/{name}"
                found[site_path] = (registry.root / site_path).read_bytes()
    return sorted(found.items())
