"""The map as one HTML document, made with folium: Leaflet, clustering, layers, controls.

folium builds the document from elements; what it does by default is unfit here, so:
- every element that loads JavaScript or CSS gets our vendored copies (``default_js`` and
  ``default_css`` set on the instance: ``add_js_link`` would change lists shared by every map);
- the document says its language and title, and lets people zoom (folium's viewport forbids it);
- the NGO data never passes through folium's templates. folium re-reads the output of every
  element as a Jinja template, so ``{{ … }}`` in a popup is evaluated at build time; the data is
  written verbatim instead, as JSON safe for a ``<script>`` element, and the map script builds
  markers and popups from it with DOM calls.
"""

from __future__ import annotations

import html
from collections import OrderedDict
from dataclasses import dataclass
from typing import TypeVar

import folium
from branca.element import CssLink, Element, Figure, JavascriptLink, MacroElement
from folium.elements import JSCSSMixin
from folium.plugins import Fullscreen, LocateControl, MarkerCluster
from folium.template import Template

from ngosite.core.content_policy import document_policy, meta_element, tile_source
from ngosite.core.templating import environment
from ngosite.geo.area import read_outline
from ngosite.organisations.registry import Registry

from .assets import (
    FULLSCREEN,
    LEAFLET,
    LOCATE,
    MAP_SCRIPT,
    MAP_STYLES,
    MARKERCLUSTER,
    AssetLinks,
    VendoredPackage,
)
from .categories import PIN_PATH, SYMBOL_TRANSFORM
from .data import MapPoint, legend, map_payload, script_json

MIN_ZOOM = 8
START_ZOOM = 11
BOUNDARY_STYLE = {"color": "#1a237e", "weight": 3, "opacity": 0.8, "fill": False,
                  "dashArray": "6 4"}
E = TypeVar("E", bound=JSCSSMixin)


@dataclass(frozen=True)
class MapTarget:
    """Where the document will live: how it reaches its assets and the NGO pages."""

    assets: AssetLinks
    pages_url: str | None  # NGO page = pages_url + slug + "/"; None: popups without a link
    directory_url: str | None


class MapDocument(Figure):
    """folium's page, with a language, a title and a character set declared first, then its
    Content Security Policy: the hashes of its one inline script and style, the tile server."""

    def __init__(self, title: str, tile_server: str):
        super().__init__(title=title)
        del self.header._children["meta_http"]  # replaced by <meta charset> at the top
        self.tile_server = tile_server

    _template = Template(
        "<!DOCTYPE html>\n"
        '<html lang="pl">\n<head>\n<meta charset="utf-8">\n'
        "{{ policy }}\n"
        "<title>{{ this.title|e }}</title>\n"
        "{{ header }}\n</head>\n<body>\n"
        "{{ html }}\n"
        "<script>{{ script }}</script>\n</body>\n</html>\n")

    def render(self, **kwargs) -> str:
        for child in self._children.values():
            child.render(**kwargs)
        # Hashed as written: our script (NGO data stays in the JSON block, which never runs)
        # and the map's own style rule; nothing is read back from the finished document.
        script = f"\n{self.script.render(**kwargs)}\n"
        policy = document_policy(scripts=[script], styles=[AccessibleMap.STYLE],
                                 images=[tile_source(self.tile_server)])
        return self._template.render(
            this=self, policy=meta_element(policy), header=self.header.render(**kwargs),
            html=self.html.render(**kwargs), script=script)


class AccessibleMap(folium.Map):
    """folium.Map whose page lets people zoom and whose map area is a named region."""

    # The one inline style of the document, hashed in its policy (see ``MapDocument``).
    STYLE = ("html, body { width: 100%; height: 100%; margin: 0; padding: 0; }\n"
             ".folium-map { position: absolute; inset: 0; }")
    _template = Template("""
        {% macro header(this, kwargs) %}
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <style>{{ this.STYLE }}</style>
        {% endmacro %}
        {% macro html(this, kwargs) %}
            <div class="folium-map" id={{ this.get_name()|tojson }} role="region"
                 aria-label={{ this.label|tojson }}></div>
        {% endmacro %}
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = L.map({{ this.get_name()|tojson }}, {
                center: {{ this.location|tojson }},
                crs: L.CRS.{{ this.crs }},
                ...{{ this.options|tojavascript }}
            });
            {%- if this.control_scale %}
            L.control.scale({imperial: false}).addTo({{ this.get_name() }});
            {%- endif %}
        {% endmacro %}
    """)

    def __init__(self, label: str, **kwargs):
        super().__init__(**kwargs)
        self.label = label


class FullscreenControl(Fullscreen):
    """leaflet.fullscreen 5 has only the class, not folium's ``L.control.fullscreen``."""

    _template = Template("""
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = new L.Control.FullScreen(
                {{ this.options|tojavascript }}
            ).addTo({{ this._parent.get_name() }});
        {% endmacro %}
    """)


class _Verbatim(Element):
    """Output written as given: never read again as a template."""

    def __init__(self, text: str):
        super().__init__()
        self.text = text

    def render(self, **kwargs) -> str:
        return self.text


class NgoMarkers(JSCSSMixin, MacroElement):
    """The NGO pins: data as JSON in the page, markers and popups made by ``map.js``."""

    _template = Template("""
        {% macro html(this, kwargs) %}
            <script type="application/json" id="ngo-map-data">{{ this.payload }}</script>
            <noscript><p class="ngo-map-noscript">Mapa potrzebuje JavaScriptu.
            {%- if this.directory_url %} Wszystkie organizacje są w
            <a href="{{ this.directory_url|e }}" target="_top">katalogu</a>.{% endif %}</p>
            </noscript>
        {% endmacro %}
        {% macro script(this, kwargs) %}
            NgoMap.start({
                map: {{ this._parent.get_name() }},
                cluster: {{ this.cluster.get_name() }},
                groups: [{% for g in this.groups %}{{ g.get_name() }},{% endfor %}],
                layers: {{ this.layer_control.get_name() }},
                locate: {{ this.locate.get_name() }},
                bounds: {{ this.bounds|tojson }},
                data: "ngo-map-data"
            });
        {% endmacro %}
    """)

    def __init__(self, payload: str, directory_url: str | None, bounds: list[list[float]],
                 cluster: MarkerCluster, groups: list[folium.FeatureGroup],
                 layer_control: folium.LayerControl, locate: LocateControl):
        super().__init__()
        self._name = "NgoMarkers"
        self.bounds = bounds  # fitted without animation, so that a deep link is not undone
        self.payload = payload
        self.directory_url = directory_url
        self.cluster = cluster
        self.groups = groups
        self.layer_control = layer_control
        self.locate = locate

    def render(self, **kwargs) -> None:
        figure = self.get_root()
        for name, url in self.default_js:
            figure.header.add_child(JavascriptLink(url), name=name)
        for name, url in self.default_css:
            figure.header.add_child(CssLink(url), name=name)
        module = self._template.module
        figure.html.add_child(_Verbatim(module.html(self, kwargs)), name=self.get_name())
        figure.script.add_child(_Verbatim(module.script(self, kwargs)), name=self.get_name())


def document_title(registry: Registry) -> str:
    return f"Mapa organizacji pozarządowych — {registry.settings.name}"


def render_map_document(registry: Registry, points: list[MapPoint], target: MapTarget) -> str:
    """The whole map page as HTML (one document, no inline data outside the JSON block)."""
    settings = registry.settings.map
    links = target.assets
    outline = _outline(registry)
    bounds = _bounds(outline)
    document = MapDocument(title=document_title(registry), tile_server=settings.tiles)
    fmap = _vendored(AccessibleMap(
        label="Mapa organizacji", location=[sum(b) / 2 for b in zip(*bounds, strict=True)],
        zoom_start=START_ZOOM, tiles=None, min_zoom=MIN_ZOOM, max_zoom=settings.max_zoom,
        control_scale=True), links, LEAFLET, ["leaflet.js"], ["leaflet.css"])
    document.add_child(fmap)
    folium.TileLayer(tiles=settings.tiles, attr=_attribution(registry), name="Podkład",
                     max_zoom=settings.max_zoom, control=False).add_to(fmap)
    folium.GeoJson(outline, name="Granica gminy", control=False, interactive=False).add_to(fmap)
    # No cluster animations: they cost time on slow phones with thousands of pins, move things
    # for people who asked for less motion, and deep links need the clusters settled at once.
    # Pins are clustered in steps of at most 10 ms (the plugin's default, 200 ms, made each step
    # a long task that kept a phone, four times slower, from answering a tap).
    cluster = _vendored(MarkerCluster(
        name="Organizacje", control=False, chunked_loading=True, animate=False,
        chunk_interval=10, chunk_delay=10,
        show_coverage_on_hover=False, spiderfy_distance_multiplier=1.5),
        links, MARKERCLUSTER, ["leaflet.markercluster.js"],
        ["MarkerCluster.css", "MarkerCluster.Default.css"]).add_to(fmap)
    # Leaflet shows layer names as HTML: the pin and the group's name, both from our code.
    layer_name = environment().get_template("map_layer_name.html")
    groups = [folium.FeatureGroup(name=layer_name.render(item=item, pin_path=PIN_PATH,
                                                         symbol_transform=SYMBOL_TRANSFORM),
                                  overlay=True, show=True).add_to(fmap)
              for item in legend(points)]
    _vendored(FullscreenControl(title="Pełny ekran", title_cancel="Zamknij pełny ekran"),
              links, FULLSCREEN, ["Control.FullScreen.umd.js"],
              ["Control.FullScreen.css"]).add_to(fmap)
    locate = _vendored(LocateControl(
        strings=LOCATE_STRINGS, flyTo=True, showPopup=False,
        locateOptions={"maxZoom": 15, "enableHighAccuracy": True}),
        links, LOCATE, ["L.Control.Locate.min.js"], ["L.Control.Locate.min.css"]).add_to(fmap)
    layer_control = folium.LayerControl(position="topright", collapsed=False).add_to(fmap)
    markers = NgoMarkers(script_json(map_payload(points, target.pages_url)),
                         target.directory_url, bounds, cluster, groups, layer_control, locate)
    markers.default_js = [("ngo_map", links.url(MAP_SCRIPT))]
    markers.default_css = [("ngo_map_css", links.url(MAP_STYLES))]
    markers.add_to(fmap)
    _stable_ids(document)
    return document.render()


def _stable_ids(root: Element) -> None:
    """Name every element by its place in the tree instead of folium's random UUID, so two
    builds of the same data write the same map document, byte for byte."""
    queue = [root]
    for number, element in enumerate(queue):  # grows while it is walked: breadth first
        element._id = str(number)
        queue.extend(element._children.values())
    for element in queue:  # children are kept by name: re-key them under the new names
        element._children = OrderedDict((child.get_name(), child)
                                        for child in element._children.values())


def _vendored(element: E, links: AssetLinks, package: VendoredPackage, js: list[str],
              css: list[str]) -> E:
    """Point the element's JavaScript and CSS at our copies (on the instance: the class
    lists are shared by every map in the process)."""
    element.default_js = [(name, links.vendored(package, name)) for name in js]
    element.default_css = [(name, links.vendored(package, name)) for name in css]
    return element


LOCATE_STRINGS = {
    "title": "Pokaż, gdzie jestem",
    "metersUnit": "m",
    "feetUnit": "stóp",
    "popup": "Jesteś w promieniu {distance} {unit} od tego punktu",
    "outsideMapBoundsMsg": "Wygląda na to, że jesteś poza obszarem mapy",
}


def _attribution(registry: Registry) -> str:
    """Leaflet shows attribution as HTML: escape the staff's text, and keep braces out of
    folium's templates."""
    settings = registry.settings.map
    text = (f'© <a href="{html.escape(settings.attribution_url)}">'
            f"{html.escape(settings.attribution)}</a>")
    return text.replace("{", "&#123;").replace("}", "&#125;")


def _outline(registry: Registry) -> dict[str, object]:
    """The gmina's outline as a bare GeoJSON geometry (its properties stay out of the page)."""
    geometry = read_outline(registry.root / registry.settings.area.boundary)
    coordinates = _rounded(geometry["coordinates"])
    return {"type": "Feature", "properties": {"style": BOUNDARY_STYLE},
            "geometry": {"type": geometry["type"], "coordinates": coordinates}}


def _rounded(coordinates):
    if isinstance(coordinates[0], int | float):
        return [round(c, 5) for c in coordinates]
    return [_rounded(c) for c in coordinates]


def _bounds(outline: dict) -> list[list[float]]:
    points = list(_flatten(outline["geometry"]["coordinates"]))  # type: ignore[index]
    lons = [p[0] for p in points]
    lats = [p[1] for p in points]
    return [[min(lats), min(lons)], [max(lats), max(lons)]]


def _flatten(coordinates):
    if isinstance(coordinates[0], int | float):
        yield coordinates
    else:
        for part in coordinates:
            yield from _flatten(part)
