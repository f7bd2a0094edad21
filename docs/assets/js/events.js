/*
 * Events: show what is right on the visitor's date (the page was built on an earlier day).
 *
 * The build renders every date-dependent part as of its build date and marks it with the
 * instants it depends on: `data-pokaz-od` (shown from) and `data-pokaz-do` (shown until), ISO
 * times with their offset. This script shows or hides each part by the visitor's clock, then
 * hides a section left empty, shows a list's "nothing here" line, keeps at most
 * `data-events-limit` items, and says the list is as of today. Without JavaScript the build's
 * text stays, with the date it was computed on. Loaded by every page with events; runs once.
 */
(function () {
  "use strict";
  if (window.ngositeEvents) return;
  window.ngositeEvents = true;

  function visible(node, now) {
    var from = Date.parse(node.getAttribute("data-pokaz-od") || "");
    var until = Date.parse(node.getAttribute("data-pokaz-do") || "");
    return (isNaN(from) || from <= now) && (isNaN(until) || now < until);
  }

  function update(root, now) {
    root.querySelectorAll("[data-pokaz-od], [data-pokaz-do]").forEach(function (node) {
      node.hidden = !visible(node, now);
    });
    root.querySelectorAll("[data-events-list]").forEach(function (list) {
      var limit = parseInt(list.getAttribute("data-events-limit") || "0", 10);
      var shown = 0;
      Array.prototype.forEach.call(list.children, function (item) {
        if (item.hidden) return;
        shown += 1;
        if (limit && shown > limit) item.hidden = true;
      });
    });
    root.querySelectorAll("[data-events-section]").forEach(function (section) {
      section.hidden = !section.querySelector("[data-events-list] > li:not([hidden])");
    });
    root.querySelectorAll("[data-events-empty]").forEach(function (empty) {
      var scope = empty.parentElement;
      var any = scope.querySelector("[data-events-list] > li:not([hidden])");
      empty.hidden = Boolean(any);
    });
    var today = new Date(now).toLocaleDateString("pl-PL", {
      day: "numeric", month: "long", year: "numeric", timeZone: "Europe/Warsaw"
    });
    root.querySelectorAll("[data-events-asof]").forEach(function (note) {
      note.textContent = "Stan na dziś, " + today + ".";
    });
  }

  // Feeds: without the site's address in the build, the subscription links are made from the
  // address this page was served from. The data attributes hold the feed's address relative
  // to this page: a site served below a sub-path (a GitHub Pages project site,
  // https://gmina.github.io/organizacje/) keeps it, which "/wydarzenia/…" from the host lost.
  function absolute(relative) {
    return new URL(relative, window.location.href).href;
  }

  function fillFeedLinks() {
    if (!/^https?:$/.test(window.location.protocol)) return;
    document.querySelectorAll("[data-webcal]").forEach(function (span) {
      var https = absolute(span.getAttribute("data-webcal"));
      var webcal = "webcal://" + https.split("://")[1];
      span.querySelector('[data-link="webcal"]').href = webcal;
      span.querySelector('[data-link="google"]').href =
        "https://calendar.google.com/calendar/render?cid=" + encodeURIComponent(webcal);
      span.hidden = false;
    });
    document.querySelectorAll("[data-absolute]").forEach(function (code) {
      code.textContent = absolute(code.getAttribute("data-absolute"));
    });
  }

  function start() {
    update(document, Date.now());
    fillFeedLinks();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
