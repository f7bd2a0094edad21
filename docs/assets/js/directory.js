/*
 * Filters for the NGO directory (/organizacje/): progressive enhancement.
 *
 * Without JavaScript the page is the first page of a static list, with links to the next pages
 * and to one list per locality and per area; the filter form is hidden (assets/css/noscript.css).
 * With it, the form is there from the first paint (it used to be shown by this script, which
 * moved the cards down when it ran) and filters every entry by area, locality, legal form and
 * free text; the script marks the form data-ngo-ready once its controls are wired.
 * The entries come from a compact data file (form#filtry[data-katalog], written by
 * ngosite.organisations.directory_data), fetched on the first use of a filter: a resident who
 * only reads the list never downloads it. Matching cards are made with DOM calls and
 * textContent (NGO text is never parsed as HTML), data-na-stronie at a time, with a button for
 * more. The state lives in the query string (?obszar=…&miejscowosc=…&forma=…&szukaj=…), so a
 * filtered view can be bookmarked and shared. Plain ES2017.
 */
(function () {
  "use strict";

  // Query-string parameter → id of the form control.
  var FIELDS = {
    obszar: "filtr-obszar",
    miejscowosc: "filtr-miejscowosc",
    forma: "filtr-forma",
    szukaj: "filtr-tekst"
  };
  var DEBOUNCE_MS = 200;

  // Lowercase, "ł" → "l" (NFD does not decompose it), then strip combining marks.
  function fold(text) {
    return String(text || "")
      .toLowerCase()
      .replace(/ł/g, "l")
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/\s+/g, " ")
      .trim();
  }

  function element(tag, className, text) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (text !== undefined) el.textContent = text;
    return el;
  }

  // The catalogue file as entries shaped like the cards' data attributes.
  function readCatalogue(data) {
    return data.organizacje.map(function (row) {
      var locality = data.miejscowosci[row[3]];
      var form = data.formy[row[4]];
      var areas = row[5].map(function (i) { return data.obszary[i]; });
      var groups = row[6].map(function (i) { return data.grupy[i]; });
      var words = [row[1], row[2], locality[0], form[1]]
        .concat(areas.map(function (a) { return a[1]; }), groups);
      return {
        slug: row[0], name: row[1], locality: locality, form: form, areas: areas,
        opp: row[7] === 1, text: fold(words.join(" "))
      };
    });
  }

  function makeCard(entry) {
    var li = element("li", "ngo-card");
    li.setAttribute("data-obszary", entry.areas.map(function (a) { return a[0]; }).join(" "));
    li.setAttribute("data-miejscowosc", entry.locality[0]);
    li.setAttribute("data-forma", entry.form[0]);
    li.setAttribute("data-tekst", entry.text);
    var title = element("h2", "ngo-card__title");
    var link = element("a", "", entry.name);
    link.href = entry.slug + "/";
    title.appendChild(link);
    li.appendChild(title);
    var meta = element("p", "ngo-card__meta", entry.form[1] + " · ");
    var place = element("a", "", entry.locality[0]);
    place.href = "miejscowosci/" + entry.locality[1] + "/";
    meta.appendChild(place);
    if (entry.opp) meta.appendChild(document.createTextNode(" · OPP"));
    li.appendChild(meta);
    var areas = element("ul", "ngo-card__areas");
    areas.setAttribute("aria-label", "Obszary działalności");
    entry.areas.forEach(function (area) {
      var item = element("li");
      var areaLink = element("a", "", area[1]);
      areaLink.href = "obszary/" + area[2] + "/";
      item.appendChild(areaLink);
      areas.appendChild(item);
    });
    li.appendChild(areas);
    return li;
  }

  function init() {
    var form = document.getElementById("filtry");
    var list = document.getElementById("lista-organizacji");
    if (!form || !list || form.dataset.ngoReady) {
      return;
    }
    form.dataset.ngoReady = "1";

    var controls = {};
    Object.keys(FIELDS).forEach(function (key) {
      controls[key] = document.getElementById(FIELDS[key]);
    });
    var counter = document.getElementById("licznik");
    var empty = document.getElementById("brak-wynikow");
    var more = document.getElementById("wiecej");
    var moreButton = document.getElementById("pokaz-wiecej");
    var pages = document.getElementById("strony-katalogu");
    var initialCount = counter ? counter.textContent : "";
    var firstPage = Array.prototype.slice.call(list.children);
    var pageSize = parseInt(form.getAttribute("data-na-stronie"), 10) || 50;
    var catalogue = null;
    var loading = null;
    var matched = [];
    var shown = 0;

    function load() {
      if (!loading) {
        loading = fetch(form.getAttribute("data-katalog"))
          .then(function (response) {
            if (!response.ok) throw new Error("HTTP " + response.status);
            return response.json();
          })
          .then(function (data) { catalogue = readCatalogue(data); });
      }
      return loading;
    }

    function value(key) {
      var control = controls[key];
      return control ? control.value : "";
    }

    // Set a control from the URL; a select keeps "" when the value is not among its options.
    function setValue(key, wanted) {
      var control = controls[key];
      if (!control) {
        return;
      }
      if (control.tagName === "SELECT") {
        var found = Array.prototype.some.call(control.options, function (option) {
          return option.value === wanted;
        });
        control.value = found ? wanted : "";
      } else {
        control.value = wanted;
      }
    }

    function matches(entry, state, words) {
      if (state.obszar && !entry.areas.some(function (a) { return a[0] === state.obszar; })) {
        return false;
      }
      if (state.miejscowosc && entry.locality[0] !== state.miejscowosc) {
        return false;
      }
      if (state.forma && entry.form[0] !== state.forma) {
        return false;
      }
      return words.every(function (word) {
        return entry.text.indexOf(word) !== -1;
      });
    }

    function updateUrl(state) {
      // Other parameters stay; ours are written in a fixed order so shared links look alike.
      var params = new URLSearchParams(window.location.search);
      Object.keys(FIELDS).forEach(function (key) {
        params.delete(key);
      });
      Object.keys(FIELDS).forEach(function (key) {
        var v = key === "szukaj" ? state[key].trim() : state[key];
        if (v) {
          params.append(key, v);
        }
      });
      var query = params.toString();
      var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
      if (url !== window.location.pathname + window.location.search + window.location.hash) {
        try {
          window.history.replaceState(window.history.state, "", url);
        } catch (error) {
          // Some browsers refuse replaceState on file:// pages; filtering still works.
        }
      }
    }

    function showMore() {
      var fragment = document.createDocumentFragment();
      matched.slice(shown, shown + pageSize).forEach(function (entry) {
        fragment.appendChild(makeCard(entry));
      });
      list.appendChild(fragment);
      shown = Math.min(matched.length, shown + pageSize);
      if (more) more.hidden = shown >= matched.length;
    }

    function setCounter(text) {
      if (counter && counter.textContent !== text) {
        counter.textContent = text;
      }
    }

    function showFirstPage() {
      list.replaceChildren.apply(list, firstPage);
      list.hidden = false;
      if (pages) pages.hidden = false;
      if (more) more.hidden = true;
      if (empty) empty.hidden = true;
      setCounter(initialCount);
    }

    function apply() {
      var state = {};
      Object.keys(FIELDS).forEach(function (key) {
        state[key] = value(key);
      });
      updateUrl(state);
      var query = fold(state.szukaj);
      var words = query ? query.split(" ") : [];
      if (!(state.obszar || state.miejscowosc || state.forma || words.length)) {
        showFirstPage();
        return;
      }
      load().then(function () {
        matched = catalogue.filter(function (entry) { return matches(entry, state, words); });
        list.replaceChildren();
        shown = 0;
        showMore();
        if (pages) pages.hidden = true;
        setCounter("Pasujące organizacje: " + matched.length + " z " + catalogue.length + ".");
        if (empty) empty.hidden = matched.length !== 0;
        list.hidden = matched.length === 0;
      }, function () {
        setCounter("Nie udało się wczytać katalogu; skorzystaj z list według miejscowości " +
          "i obszaru działalności.");
      });
    }

    var timer = null;
    function applySoon() {
      window.clearTimeout(timer);
      timer = window.setTimeout(apply, DEBOUNCE_MS);
    }

    function clearAll() {
      window.clearTimeout(timer);
      Object.keys(FIELDS).forEach(function (key) {
        setValue(key, "");
      });
      apply();
    }

    // Restore a shared view from the URL.
    var params = new URLSearchParams(window.location.search);
    Object.keys(FIELDS).forEach(function (key) {
      setValue(key, params.get(key) || "");
    });

    form.addEventListener("change", function (event) {
      if (event.target && event.target.tagName === "SELECT") {
        window.clearTimeout(timer);
        apply();
      }
    });
    if (controls.szukaj) {
      controls.szukaj.addEventListener("input", applySoon);
      // Start fetching the entries as soon as the resident shows interest.
      controls.szukaj.addEventListener("focus", function () { load().catch(function () {}); });
    }
    form.addEventListener("submit", function (event) {
      // Enter in the text box filters at once instead of reloading the page.
      event.preventDefault();
      window.clearTimeout(timer);
      apply();
    });
    form.addEventListener("reset", function (event) {
      // Clear by hand: a native reset would restore the values the page was loaded with.
      event.preventDefault();
      clearAll();
    });
    if (moreButton) {
      moreButton.addEventListener("click", function () {
        var next = shown;
        showMore();
        // Keep the keyboard where the new cards start.
        var link = list.children[next] && list.children[next].querySelector("a");
        if (link) link.focus();
      });
    }
    if (empty) {
      Array.prototype.forEach.call(empty.querySelectorAll("button"), function (button) {
        button.addEventListener("click", function () {
          clearAll();
          // The paragraph holding this button is now hidden: keep keyboard focus in the form.
          if (controls.szukaj) {
            controls.szukaj.focus();
          }
        });
      });
    }

    form.hidden = false;
    apply();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
