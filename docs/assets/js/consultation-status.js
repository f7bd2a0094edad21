/*
 * Consultation states corrected from the visitor's date (hub, home page, version pages).
 *
 * The site is built once a day "as of" its build date and says so. A visitor may read it days
 * later: this script recomputes every consultation's state, countdown and group from today's
 * date in Warsaw, so a page built on Monday does not say "trwają" on Saturday after the end. It
 * never goes back before the build date (a device with a wrong clock cannot reopen a closed
 * consultation). The texts are those of ngosite/documents/consultation.py (consultation_state,
 * days_left_text): the browser tests hold the two to the same words. Without JavaScript the
 * build-date text stays, with the date it was computed. Plain ES2017, no dependencies.
 */
(function () {
  "use strict";

  var MONTHS = ["stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca",
    "sierpnia", "września", "października", "listopada", "grudnia"];
  var GROUP = { planowane: "planowane", trwaja: "trwaja", zakonczone: "zakonczone",
    raport: "zakonczone" };

  function pad(n) {
    return (n < 10 ? "0" : "") + n;
  }

  // Today's date in Warsaw as RRRR-MM-DD, whatever time zone the device is set to.
  function warsawDate(now) {
    try {
      var parts = {};
      new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Warsaw", year: "numeric",
        month: "2-digit", day: "2-digit" }).formatToParts(now).forEach(function (p) {
        parts[p.type] = p.value;
      });
      return parts.year + "-" + parts.month + "-" + parts.day;
    } catch (e) {
      return now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
    }
  }

  function today(buildDate) {
    var day = warsawDate(new Date());
    return buildDate && buildDate > day ? buildDate : day;
  }

  function polishDate(iso) {
    var p = iso.split("-");
    return Number(p[2]) + " " + MONTHS[Number(p[1]) - 1] + " " + p[0];
  }

  function daysBetween(from, to) {
    return Math.round((Date.parse(to + "T00:00:00Z") - Date.parse(from + "T00:00:00Z")) /
      86400000);
  }

  function daysLeftText(days) {
    if (days <= 1) {
      return "ostatni dzień";
    }
    var few = [2, 3, 4].indexOf(days % 10) !== -1 && [12, 13, 14].indexOf(days % 100) === -1;
    return (few ? "zostały " : "zostało ") + days + " dni";
  }

  // The state of a consultation (od, do, raport: RRRR-MM-DD; raport may be "") on a day.
  function state(od, doDay, raport, day) {
    var start = polishDate(od), end = polishDate(doDay);
    if (day < od) {
      return { code: "planowane", text: "Konsultacje zaplanowane od " + start + " do " + end +
        "." };
    }
    if (day <= doDay) {
      return { code: "trwaja", text: "Konsultacje trwają do " + end + " (" +
        daysLeftText(daysBetween(day, doDay) + 1) + ")." };
    }
    if (raport && raport <= day) {
      return { code: "raport", text: "Konsultacje zakończone " + end +
        "; raport opublikowano " + polishDate(raport) + "." };
    }
    return { code: "zakonczone", text: "Konsultacje zakończone " + end +
      "; raport w przygotowaniu." };
  }

  function stateOf(el, day) {
    return state(el.getAttribute("data-od"), el.getAttribute("data-do"),
      el.getAttribute("data-raport") || "", day);
  }

  function showState(el, found) {
    var text = el.querySelector("[data-stan-tekst]");
    if (text) {
      text.textContent = found.text;
    }
    var status = el.querySelector("[data-stan]");
    if (status) {
      status.className = status.className.replace(/kons-status--\S+/, "kons-status--" +
        found.code);
    }
    var group = GROUP[found.code];
    el.querySelectorAll("[data-tylko-otwarte]").forEach(function (x) {
      x.hidden = group === "zakonczone";
    });
    el.querySelectorAll("[data-tylko-trwajace]").forEach(function (x) {
      x.hidden = group !== "trwaja";
    });
  }

  function sortKey(li, group) {
    if (group === "trwaja") {
      return li.getAttribute("data-do");
    }
    if (group === "planowane") {
      return li.getAttribute("data-od");
    }
    // Closed ones newest first: invert the date's digits.
    return li.getAttribute("data-do").replace(/\d/g, function (d) { return 9 - d; });
  }

  function regroup(root, day) {
    var lists = {};
    root.querySelectorAll("ul[data-grupa]").forEach(function (ul) {
      lists[ul.getAttribute("data-grupa")] = ul;
    });
    var items = Array.prototype.slice.call(root.querySelectorAll("li.kons-item[data-od]"));
    items.map(function (li) {
      return { li: li, group: GROUP[stateOf(li, day).code] };
    }).sort(function (a, b) {
      var ka = sortKey(a.li, a.group), kb = sortKey(b.li, b.group);
      return ka < kb ? -1 : ka > kb ? 1 : 0;
    }).forEach(function (x) {
      lists[x.group].appendChild(x.li);
    });
    Object.keys(lists).forEach(function (group) {
      var empty = lists[group].parentNode.querySelector("[data-pusto]");
      if (empty) {
        empty.hidden = lists[group].children.length > 0;
      }
    });
  }

  // The home page shows every open consultation, else the next planned one.
  function pickCurrent(root, day) {
    var items = Array.prototype.slice.call(root.querySelectorAll("li.kons-item[data-od]"));
    var open = items.filter(function (li) { return stateOf(li, day).code === "trwaja"; });
    var planned = items.filter(function (li) { return stateOf(li, day).code === "planowane"; })
      .sort(function (a, b) { return sortKey(a, "planowane") < sortKey(b, "planowane") ? -1 : 1; });
    var shown = open.length ? open : planned.slice(0, 1);
    items.forEach(function (li) { li.hidden = shown.indexOf(li) === -1; });
    var empty = root.querySelector("[data-pusto]");
    if (empty) {
      empty.hidden = shown.length > 0;
    }
  }

  function apply(root) {
    var day = today(root.getAttribute("data-dzien-budowy"));
    root.querySelectorAll("time[data-stan-na]").forEach(function (t) {
      t.setAttribute("datetime", day);
      t.textContent = polishDate(day);
    });
    root.querySelectorAll("[data-stan-zrodlo]").forEach(function (s) {
      s.textContent = "(według daty w Twoim urządzeniu)";
    });
    root.querySelectorAll("[data-od]").forEach(function (el) {
      showState(el, stateOf(el, day));
    });
    if (root.hasAttribute("data-strona-glowna")) {
      pickCurrent(root, day);
    } else if (root.querySelector("ul[data-grupa]")) {
      regroup(root, day);
    }
  }

  window.ngositeConsultations = { today: today, state: state, polishDate: polishDate,
    daysLeftText: daysLeftText };

  document.querySelectorAll("[data-konsultacje]").forEach(apply);
  // The version page's banner (the documents' own markup) says the state too.
  var banner = document.querySelector(".doc-banner__consultation[data-od]");
  var page = document.querySelector("[data-konsultacje][data-dzien-budowy]");
  if (banner && page) {
    var found = stateOf(banner, today(page.getAttribute("data-dzien-budowy")));
    showState(banner, found);
    banner.className = banner.className.replace(/doc-state--\S+/, "doc-state--" + found.code);
  }
})();
