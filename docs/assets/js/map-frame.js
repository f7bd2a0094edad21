/*
 * The map on /mapa/: a frame (ngosite/templates/map.html) whose document is loaded at once on a
 * wide screen or when the address names a pin (/mapa/#<slug>), and on a narrow one only when
 * the person asks ("Pokaż mapę"): the map's scripts and data are hundreds of kilobytes, more
 * than the rest of the page, and a phone should fetch them only when they are wanted. Without
 * JavaScript the page shows the frame from <noscript> instead (assets/css/noscript.css hides
 * this one). The frame keeps its place from the first paint, so nothing moves when it loads.
 */
(function () {
  "use strict";

  var WIDE = "(min-width: 45em)";

  function start() {
    var frame = document.querySelector("iframe.ngo-map-frame[data-src]");
    var offer = document.getElementById("mapa-wczytaj");
    if (!frame || frame.getAttribute("src")) return;
    var load = function (focus) {
      if (!frame.getAttribute("src")) frame.setAttribute("src", frame.dataset.src);
      if (offer) offer.hidden = true;
      if (focus) frame.focus();
    };
    if (window.matchMedia(WIDE).matches || window.location.hash.length > 1) {
      load(false);
      return;
    }
    var button = offer && offer.querySelector("button");
    if (button) button.addEventListener("click", function () { load(true); });
    window.addEventListener("hashchange", function () { load(false); });
    window.matchMedia(WIDE).addEventListener("change", function (event) {
      if (event.matches) load(false);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
