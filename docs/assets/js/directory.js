/*
 * Filters for the NGO directory (/organizacje/): progressive enhancement.
 *
 * Without JavaScript the page is a plain list and the filter form stays hidden. With it, the
 * form appears and narrows the list by sphere of activity, locality, legal form and free text.
 * The state lives in the query string (?obszar=…&miejscowosc=…&forma=…&szukaj=…), so a filtered
 * view can be bookmarked and shared. Runs only on a page that has #filtry. Plain ES2017.
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

  function init() {
    var form = document.getElementById("filtry");
    var list = document.getElementById("lista-organizacji");
    if (!form || !list || form.dataset.ngoReady) {
      return;
    }
    form.dataset.ngoReady = "1";

    var controls = {};
    var name;
    for (name in FIELDS) {
      controls[name] = document.getElementById(FIELDS[name]);
    }
    var counter = document.getElementById("licznik");
    var empty = document.getElementById("brak-wynikow");
    var initialCount = counter ? counter.textContent : "";

    // Read each card once; data-tekst is folded again in case the page was written by hand.
    var cards = Array.prototype.map.call(list.querySelectorAll("li.ngo-card"), function (li) {
      return {
        el: li,
        areas: (li.getAttribute("data-obszary") || "").split(/\s+/).filter(Boolean),
        locality: li.getAttribute("data-miejscowosc") || "",
        form: li.getAttribute("data-forma") || "",
        text: fold(li.getAttribute("data-tekst") || li.textContent)
      };
    });

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

    function matches(card, state, words) {
      if (state.obszar && card.areas.indexOf(state.obszar) === -1) {
        return false;
      }
      if (state.miejscowosc && card.locality !== state.miejscowosc) {
        return false;
      }
      if (state.forma && card.form !== state.forma) {
        return false;
      }
      return words.every(function (word) {
        return card.text.indexOf(word) !== -1;
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

    function apply() {
      var state = {};
      Object.keys(FIELDS).forEach(function (key) {
        state[key] = value(key);
      });
      var query = fold(state.szukaj);
      var words = query ? query.split(" ") : [];
      var shown = 0;
      cards.forEach(function (card) {
        var visible = matches(card, state, words);
        card.el.hidden = !visible;
        if (visible) {
          shown += 1;
        }
      });
      var filtered = Boolean(state.obszar || state.miejscowosc || state.forma || words.length);
      if (counter) {
        var text = filtered
          ? "Pasujące organizacje: " + shown + " z " + cards.length + "."
          : initialCount;
        if (counter.textContent !== text) {
          counter.textContent = text;
        }
      }
      if (empty) {
        empty.hidden = shown !== 0;
      }
      list.hidden = shown === 0;
      updateUrl(state);
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
