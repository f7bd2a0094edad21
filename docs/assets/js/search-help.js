/*
 * Under the search results, when they are few or none: what the search tried for each word and
 * links to the nearest areas of activity, localities and legal forms.
 *
 * The search worker (docs/assets/javascripts/search-pl.js) decides and sends it on the
 * BroadcastChannel "search-pl-help", one message per query ({weak: false} clears the box): the
 * theme's own results code, which talks to the worker, knows nothing of it. The channel reaches
 * every tab of the site, so a tab shows only the answer for the text in its own box (the theme
 * sends the box's value unchanged, and the worker sends it back as `query`). Built with
 * textContent only (a query is the resident's text).
 */
(function () {
  "use strict";
  if (typeof BroadcastChannel !== "function") return;
  var WAYS = {
    word: "jak wpisano", prefix: "w innej formie", r: "słowa pokrewne", s: "słowa pokrewne",
    fuzzy: "po poprawieniu pisowni"
  };
  var KINDS = { obszar: "Obszar działania", miejscowosc: "Miejscowość", forma: "Forma prawna" };
  var channel = new BroadcastChannel("search-pl-help");
  var box = null;

  function siteUrl(path) {
    var config = document.getElementById("__config");
    var base = config ? JSON.parse(config.textContent).base : ".";
    return new URL(base.replace(/\/?$/, "/") + path, location.href).href;
  }

  function organisations(n) {
    var last = n % 10, teen = n % 100 >= 12 && n % 100 <= 14;
    if (n === 1) return "1 organizacja";
    return n + (last >= 2 && last <= 4 && !teen ? " organizacje" : " organizacji");
  }

  function element(tag, text, parent) {
    var el = document.createElement(tag);
    if (text) el.textContent = text;
    if (parent) parent.appendChild(el);
    return el;
  }

  function link(text, path, parent) {
    var a = element("a", text, parent);
    a.href = siteUrl(path);
    return a;
  }

  function wordLine(word) {
    var ways = [];
    Object.keys(WAYS).forEach(function (way) {  // as typed first, corrected spelling last
      if (word.ways.indexOf(way) >= 0 && ways.indexOf(WAYS[way]) < 0) ways.push(WAYS[way]);
    });
    return "„" + word.word + "”: " + (ways.length ? "znalezione " + ways.join(", ") :
      "nie występuje w serwisie ani w słowach pokrewnych, także po poprawieniu pisowni");
  }

  function render(help) {
    var place = document.querySelector(".md-search-result__meta");
    if (!place) return;
    if (!box) {
      box = element("div");
      box.className = "md-typeset ngo-search-help";
      box.setAttribute("role", "status");
      box.style.padding = "0.4rem 0.8rem 0.6rem";
      box.style.fontSize = "0.7rem";
    }
    if (box.parentNode !== place.parentNode) place.parentNode.insertBefore(box, place.nextSibling);
    box.textContent = "";
    element("p", help.pages ? "Żadna strona nie zawiera wszystkich słów zapytania." +
      " Poniżej strony z częścią z nich." : "Nie znaleźliśmy stron dla tego zapytania.", box);
    element("p", "Każde słowo szukaliśmy też w innych formach, wśród słów pokrewnych" +
      " i z poprawioną pisownią (jedna literówka, w długich słowach dwie):", box);
    var words = element("ul", "", box);
    help.words.forEach(function (word) { element("li", wordLine(word), words); });
    if (help.topics.length) {
      element("p", "Może szukasz organizacji z tych list:", box);
      var topics = element("ul", "", box);
      help.topics.forEach(function (topic) {
        var item = element("li", "", topics);
        link(KINDS[topic.kind] + ": " + topic.label, topic.url, item);
        item.appendChild(document.createTextNode(" (" + organisations(topic.count) + ")"));
      });
    }
    var browse = element("p", "Przeglądaj też ", box);
    link("wszystkie obszary działania", "organizacje/obszary/", browse);
    browse.appendChild(document.createTextNode(", "));
    link("wszystkie miejscowości", "organizacje/miejscowosci/", browse);
    browse.appendChild(document.createTextNode(" i "));
    link("katalog organizacji", "organizacje/", browse);
    browse.appendChild(document.createTextNode("."));
  }

  function clear() {
    if (box && box.parentNode) box.parentNode.removeChild(box);
  }

  channel.onmessage = function (event) {
    var help = event.data || {};
    var input = document.querySelector(".md-search__input");
    if (!input || input.value.trim() === "") { clear(); return; }
    // Every open tab of the site hears the channel: an answer for another text than this
    // tab's box holds came from another tab's search (or is a late one), and is not ours.
    if (help.query !== input.value) return;
    if (help.weak) render(help);
    else clear();
  };
  document.addEventListener("input", function (event) {
    if (event.target.matches && event.target.matches(".md-search__input") &&
        event.target.value.trim() === "") clear();
  });
})();
