/*
 * The NGO map (/mapa/mapa.html and the stand-alone copy written by build_map.py).
 *
 * folium writes the map, its controls and the empty area layers; this script adds the NGOs from
 * the JSON block `#ngo-map-data`: each pin's point and group only. What a pin's popup says comes
 * from the files `opisy/<n>.json` (100 NGOs each, in the pins' order), fetched for the pins that
 * come into view and for a pin opened or named in the address. NGO text reaches the page only
 * through textContent and attributes set with DOM calls: it is never parsed as HTML. Loaded
 * after Leaflet and its plugins, before folium's script, which calls NgoMap.start().
 *
 * Deep links: `mapa.html#<slug>` (or the hash of the page embedding the map, when it is on the
 * same site) centres the map on that NGO and opens its popup; `#punkt=<lat>,<lon>` centres it
 * on an event's venue and marks the point.
 */
(function () {
  "use strict";

  // Polish labels for Leaflet's zoom buttons, set before folium creates the map.
  L.Control.Zoom.prototype.options.zoomInTitle = "Przybliż";
  L.Control.Zoom.prototype.options.zoomOutTitle = "Oddal";

  var SVG_NS = "http://www.w3.org/2000/svg";
  var DEEP_LINK_ZOOM = 14;
  var NARROW = 600; // px: below this width the area list starts folded

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function svgPath(d, attributes) {
    var path = document.createElementNS(SVG_NS, "path");
    path.setAttribute("d", d);
    Object.keys(attributes).forEach(function (name) {
      path.setAttribute(name, attributes[name]);
    });
    return path;
  }

  function pinSvg(pin, category) {
    var svg = document.createElementNS(SVG_NS, "svg");
    svg.setAttribute("viewBox", "0 0 32 44");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    svg.append(
      svgPath(pin.path, { fill: category.colour, stroke: "#fff", "stroke-width": "2" }),
      svgPath(category.icon, { fill: "#fff", transform: pin.symbol })
    );
    return svg;
  }

  // Like L.DivIcon, but its content is built with DOM calls (DivIcon uses innerHTML).
  var PinIcon = L.Icon.extend({
    options: {
      iconSize: [32, 44],
      iconAnchor: [16, 43],
      popupAnchor: [0, -38],
      className: "ngo-pin"
    },
    createIcon: function (old) {
      var div = old && old.tagName === "DIV" ? old : document.createElement("div");
      div.replaceChildren(pinSvg(this.options.pin, this.options.category));
      this._setIconStyles(div, "icon");
      return div;
    },
    createShadow: function () {
      return null;
    }
  });

  function organisations(n) {
    var last = n % 10;
    var lastTwo = n % 100;
    if (n === 1) return "1 organizacja";
    if (last >= 2 && last <= 4 && (lastTwo < 12 || lastTwo > 14)) return n + " organizacje";
    return n + " organizacji";
  }

  function clusterIcon(cluster) {
    var count = cluster.getChildCount();
    var size = count < 10 ? "small" : count < 100 ? "medium" : "large";
    var content = element("span");
    content.append(
      element("span", "ngo-cluster__count", String(count)),
      element("span", "ngo-visually-hidden", "Grupa: " + organisations(count) + ". Pokaż je.")
    );
    content.firstChild.setAttribute("aria-hidden", "true");
    var pixels = { small: 36, medium: 44, large: 52 }[size];
    return L.divIcon({
      html: content,
      className: "ngo-cluster ngo-cluster--" + size,
      iconSize: [pixels, pixels]
    });
  }

  // row: [slug, name, form, locality] from the NGO's file of popup texts.
  function popupContent(row, atLocality, data) {
    var box = element("div", "ngo-popup");
    box.append(
      element("p", "ngo-popup__name", row[1]),
      element("p", "ngo-popup__meta", data.forms[row[2]] + " · " + data.localities[row[3]])
    );
    if (atLocality) {
      box.append(element("p", "ngo-popup__note",
        "Pinezka wskazuje miejscowość, nie dokładny adres."));
    }
    if (data.pages !== null) {
      var link = element("a", "ngo-popup__link", "Strona organizacji");
      link.href = data.pages + encodeURIComponent(row[0]) + "/";
      link.target = "_top";
      var line = element("p");
      line.append(link);
      box.append(line);
    }
    return box;
  }

  function statusLine() {
    var status = element("p", "ngo-map-status");
    status.setAttribute("role", "status");
    document.body.append(status);
    return function (text) {
      status.textContent = text;
    };
  }

  function sameSpot(cluster) {
    var bounds = cluster.getBounds();
    return bounds.getNorthEast().equals(bounds.getSouthWest());
  }

  // The embedding page, when it is on the same site (a foreign page throws on access).
  function sameSiteParent() {
    if (window.parent === window) return null;
    try {
      return window.parent.location.href ? window.parent : null;
    } catch (e) {
      return null;
    }
  }

  function slugOf(hash) {
    try {
      return decodeURIComponent(hash.slice(1));
    } catch (e) {
      return "";
    }
  }

  // The popup texts, one file per `data.chunk` pins, each fetched once.
  function Details(data) {
    var files = {};
    this.chunk = data.chunk;
    this.file = function (n) {
      if (!files[n]) {
        files[n] = fetch(data.details + n + ".json").then(function (response) {
          if (!response.ok) throw new Error("HTTP " + response.status);
          return response.json();
        });
        files[n].catch(function () { delete files[n]; });
      }
      return files[n];
    };
    this.row = function (i) {
      var chunk = this.chunk;
      return this.file(Math.floor(i / chunk)).then(function (rows) { return rows[i % chunk]; });
    };
    // The pin of an NGO by its address: pins are in address order, `first` starts each file.
    this.find = function (slug) {
      var low = 0;
      var high = data.first.length - 1;
      if (high < 0 || slug < data.first[0]) return Promise.resolve(-1);
      while (low < high) {
        var middle = Math.ceil((low + high) / 2);
        if (data.first[middle] <= slug) low = middle; else high = middle - 1;
      }
      var chunk = this.chunk;
      return this.file(low).then(function (rows) {
        for (var r = 0; r < rows.length; r++) {
          if (rows[r][0] === slug) return low * chunk + r;
        }
        return -1;
      }, function () { return -1; });
    };
  }

  // Pins made MARKERS_PER_STEP at a time, each step its own task: 10,000 pins in one go held
  // a slow phone's main thread for a quarter of a second (Lighthouse: total blocking time).
  var MARKERS_PER_STEP = 200;

  function makeMarkers(data, details, done) {
    var icons = data.categories.map(function (category) {
      return new PinIcon({ pin: data.pin, category: category });
    });
    var made = { all: [], byCategory: data.categories.map(function () {
      return [];
    }) };
    var points = data.points;
    var count = points.length / 3;
    (function step(from) {
      var to = Math.min(count, from + MARKERS_PER_STEP);
      for (var i = from; i < to; i++) {
        made.all.push(makeMarker(i, points, data, details, icons, made));
      }
      if (to < count) setTimeout(step, 0, to);
      else done(made);
    })(0);
  }

  function makeMarker(i, points, data, details, icons, made) {
    var at = 3 * i;
    var category = points[at + 2] >> 1;
    var atLocality = points[at + 2] & 1;
    var marker = L.marker([(data.origin[0] + points[at]) / data.scale,
                           (data.origin[1] + points[at + 1]) / data.scale], {
      icon: icons[category],
      // Until its file comes: the pin's group, so that it never has no name.
      title: "Organizacja: " + data.categories[category].label,
      keyboard: true,
      riseOnHover: true
    });
    marker.ngoCategory = category;
    marker.ngoIndex = i;
    var named = null;
    marker.ngoDetails = function () {
      named = named || details.row(i).then(function (row) {
        marker.ngoSlug = row[0];
        marker.options.title = row[1];
        var icon = marker.getElement();
        if (icon) icon.title = row[1];
        return row;
      }, function (error) { named = null; throw error; });
      return named;
    };
    marker.on("add", function () { marker.ngoDetails().catch(function () {}); });
    marker.bindPopup(function () {
      var box = element("div", "ngo-popup");
      box.append(element("p", "ngo-popup__name", "Wczytuję opis…"));
      marker.ngoDetails().then(function (row) {
        marker.setPopupContent(popupContent(row, atLocality, data));
        marker.fire("ngopopupready");
      }, function () {
        box.firstChild.textContent = "Nie udało się wczytać opisu. Spróbuj jeszcze raz.";
      });
      return box;
    }, { maxWidth: 280 });
    made.byCategory[category].push(marker);
    return marker;
  }

  // Each area's (empty) layer in the layer control shows or hides that area's pins.
  function followAreaLayers(map, cluster, groups, byCategory) {
    var categoryOfGroup = new Map();
    groups.forEach(function (group, i) { categoryOfGroup.set(group, i); });
    map.on("overlayadd", function (e) {
      var i = categoryOfGroup.get(e.layer);
      if (i !== undefined) cluster.addLayers(byCategory[i]);
    });
    map.on("overlayremove", function (e) {
      var i = categoryOfGroup.get(e.layer);
      if (i !== undefined) cluster.removeLayers(byCategory[i]);
    });
  }

  // Bring a pin into view: spiderfy a cluster of pins on one spot (a village's centre) where it
  // is, or zoom until the pin stands alone.
  function reveal(cluster, marker, done) {
    var visible = cluster.getVisibleParent(marker);
    if (!visible || visible === marker) {
      done();
    } else if (sameSpot(visible)) {
      cluster.once("spiderfied", done);
      visible.spiderfy();
    } else {
      cluster.zoomToShowLayer(marker, done);
    }
  }

  // Enter on a pin opens its popup and focus moves into it; Escape or the close button closes
  // it and focus goes back to the pin. An open popup's NGO goes into the address bar, so the
  // address can be shared.
  function followPopups(map, parent) {
    var keyboardPopup = null;
    map.on("popupopen", function (e) {
      var element = e.popup.getElement();
      var close = element.querySelector(".leaflet-popup-close-button");
      if (close) close.setAttribute("aria-label", "Zamknij opis");
      var source = e.popup._source;
      var byKeyboard = source && source.getElement() === document.activeElement;
      // The popup's text may still be on its way: focus and address follow when it is there.
      var settle = function () {
        if (!e.popup.isOpen()) return;
        if (byKeyboard) {
          var target = e.popup.getElement().querySelector("a.ngo-popup__link") || close;
          if (target) {
            keyboardPopup = e.popup;
            target.focus();
          }
        }
        var hash = "#" + encodeURIComponent(source.ngoSlug);
        history.replaceState(null, "", hash);
        if (parent) parent.history.replaceState(null, "", hash);
      };
      if (!source || !source.ngoDetails) return;
      if (element.querySelector(".ngo-popup__meta")) {
        settle();
      } else {
        source.once("ngopopupready", settle);
      }
    });
    map.on("popupclose", function (e) {
      if (keyboardPopup !== e.popup) return;
      keyboardPopup = null;
      var pin = e.popup._source && e.popup._source.getElement();
      if (pin) pin.focus();
    });
    map.getContainer().addEventListener("keydown", function (e) {
      if (e.key === "Escape") map.closePopup();
    });
  }

  function start(parts) {
    var map = parts.map;
    var cluster = parts.cluster;
    map.fitBounds(parts.bounds, { animate: false });
    var data = JSON.parse(document.getElementById(parts.data).textContent);
    var parent = sameSiteParent();
    var details = new Details(data);
    var markers = null;
    var loaded = false;
    var pending = "";

    var placeMark = null;

    // `#punkt=53.94250,21.88360`: an event's venue (its page links here), shown as a ring.
    function showPoint(hash) {
      var match = /^punkt=(-?[0-9]+(?:\.[0-9]+)?),(-?[0-9]+(?:\.[0-9]+)?)$/.exec(hash);
      if (!match) return false;
      var point = L.latLng(parseFloat(match[1]), parseFloat(match[2]));
      if (placeMark) map.removeLayer(placeMark);
      placeMark = L.circleMarker(point, { radius: 12, weight: 4, color: "#b71c1c",
                                          fillOpacity: 0.15 }).addTo(map);
      placeMark.bindTooltip(element("span", null, "Miejsce wydarzenia"), { permanent: true });
      map.setView(point, Math.max(map.getZoom(), 16), { animate: false });
      return true;
    }

    function show(slug) {
      if (showPoint(slug)) return;
      if (!slug) return;
      if (!loaded) {
        pending = slug;
        return;
      }
      details.find(slug).then(function (i) {
        var marker = markers.all[i];
        if (!marker) return;
        var group = parts.groups[marker.ngoCategory];
        if (!map.hasLayer(group)) map.addLayer(group);
        map.setView(marker.getLatLng(), Math.max(map.getZoom(), DEEP_LINK_ZOOM),
                    { animate: false });
        reveal(cluster, marker, function () { marker.openPopup(); });
      });
    }

    function ready() {
      if (loaded) return;
      loaded = true;
      document.documentElement.dataset.ngoMap = "ready";
      show(pending);
    }

    cluster.options.iconCreateFunction = clusterIcon;
    cluster.options.chunkProgress = function (done, total) {
      if (done >= total) ready();
    };
    makeMarkers(data, details, function (made) {
      markers = made;
      cluster.addLayers(markers.all);
      if (markers.all.length === 0) ready();
      followAreaLayers(map, cluster, parts.groups, markers.byCategory);
    });
    followPopups(map, parent);
    tuneLayerControl(parts.layers, map);
    tuneLocateControl(parts.locate, map, statusLine());

    show(slugOf(window.location.hash || (parent ? parent.location.hash : "")));
    window.addEventListener("hashchange", function () { show(slugOf(window.location.hash)); });
    if (parent) {
      parent.addEventListener("hashchange", function () { show(slugOf(parent.location.hash)); });
    }
  }

  function tuneLayerControl(control, map) {
    var container = control.getContainer();
    var toggle = container.querySelector(".leaflet-control-layers-toggle");
    toggle.title = "Obszary działalności";
    toggle.setAttribute("aria-label", "Pokaż obszary działalności");
    var title = element("p", "ngo-layers__title", "Obszary działalności");
    container.querySelector(".leaflet-control-layers-list").prepend(title);
    if (map.getSize().x < NARROW) {
      control.collapse();
      map.on("click", function () { control.collapse(); });
    }
  }

  // The plugin reports errors with alert(), in English: a Polish status line instead.
  function tuneLocateControl(control, map, announce) {
    control.options.onLocationError = function (error) {
      announce(error && error.code === 1
        ? "Przeglądarka nie pozwoliła ustalić Twojego położenia."
        : "Nie udało się ustalić Twojego położenia.");
    };
    control.options.onLocationOutsideMapBounds = function (c) {
      c.stop();
      announce(c.options.strings.outsideMapBoundsMsg);
    };
    map.on("locationfound", function () { announce(""); });
  }

  window.NgoMap = { start: start };
})();
