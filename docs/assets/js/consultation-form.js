/*
 * The comment form on a version's page under consultation: progressive enhancement.
 *
 * Without JavaScript the form stays hidden and the page says how to comment by e-mail and by
 * post. With it, the form opens inside the consultation period (the visitor's date, never before
 * the build date: consultation-status.js), checks the comment with the rules of the import
 * (ngosite/consultations/rules.py; limits, messages and the person check come from the JSON in
 * #kons-dane), makes the comment's identifier and writes the fixed text that
 * ngosite/consultations/submission_text.py writes (browser tests hold the two to the same
 * characters, and the import reads it back). Then the person chooses how to send it: e-mail,
 * print, file, copy, a GitHub issue. Nothing leaves the browser unless they follow one of those.
 * Plain ES2017, no dependencies.
 */
(function () {
  "use strict";

  var status = window.ngositeConsultations;
  var root = document.getElementById("formularz-uwagi");
  var data = document.getElementById("kons-dane");
  if (!root || !data || !status) {
    return;
  }
  var config = JSON.parse(data.textContent);
  var messages = config.komunikaty;
  var START = "=== UWAGA KONSULTACYJNA ===";
  var END = "=== KONIEC UWAGI ===";

  function el(id) {
    return document.getElementById(id);
  }

  function fill(template, values) {
    return String(template).replace(/\{(\w+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? values[name] : whole;
    });
  }

  // ------------------------------------------------------------ the text (submission_text.py)

  var SPACE = "[ \\u00a0\\u1680\\u2000-\\u200a\\u202f\\u205f\\u3000]";
  var TRAILING = new RegExp(SPACE + "+$", "gm");
  var LEADING = new RegExp("^(?:" + SPACE + "|\\n)+");
  var INDENT = /^[ \u00a0]+/gm;
  var UNSAFE = /[^\n\x20-\x7e\xa0-\ud7ff\ue000-\ufefe\uff00-\ufffd\u{10000}-\u{10ffff}]/gu;
  var PLAIN_KEYS = ["identyfikator", "dokument", "wersja", "dotyczy"];
  var BLOCK_KEYS = ["brzmienie", "propozycja", "uzasadnienie"];
  var TAIL_KEYS = ["nadawca", "organizacja", "podmiot", "imie_i_nazwisko", "kontakt", "data"];
  var QUOTED_KEYS = ["podmiot", "imie_i_nazwisko", "kontakt"];
  var PERSONAL_KEYS = ["imie_i_nazwisko", "kontakt"];

  // Lone surrogates (from a broken paste) cannot be encoded: each becomes U+FFFD, as in Python.
  function wellFormed(text) {
    var out = "";
    for (var i = 0; i < text.length; i += 1) {
      var code = text.charCodeAt(i);
      var next = text.charCodeAt(i + 1);
      if (code >= 0xd800 && code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        out += text[i] + text[i + 1];
        i += 1;
      } else {
        out += code >= 0xd800 && code <= 0xdfff ? "\ufffd" : text[i];
      }
    }
    return out;
  }

  function normalise(value, multiline) {
    var text = wellFormed(String(value)).normalize("NFC");
    text = text.replace(/\r\n?|[\x85\u2028\u2029]/g, "\n").replace(/\t/g, " ");
    text = text.replace(UNSAFE, "");
    if (!multiline) {
      text = text.replace(/\n/g, " ");
    }
    text = text.replace(TRAILING, "");
    text = text.replace(INDENT, function (m) { return " ".repeat(m.length); });
    text = text.replace(/\n{3,}/g, "\n\n");
    return text.replace(LEADING, "").replace(/\n+$/, "");
  }

  function quote(text) {
    return "\"" + text.replace(/\\/g, "\\\\").replace(/"/g, "\\\"") + "\"";
  }

  function blockLines(values, isPublic) {
    var lines = [START];
    PLAIN_KEYS.concat(BLOCK_KEYS, TAIL_KEYS).forEach(function (key) {
      var value = values[key];
      if (value === undefined || value === null || (isPublic && PERSONAL_KEYS.indexOf(key) !== -1)) {
        return;
      }
      var text = String(value);
      if (BLOCK_KEYS.indexOf(key) !== -1) {
        text = normalise(text, true);
        if (text) {
          lines.push(key + ": |-");
          text.split("\n").forEach(function (line) { lines.push(line ? "  " + line : ""); });
        }
      } else if (QUOTED_KEYS.indexOf(key) !== -1) {
        text = normalise(text, false);
        if (text) {
          lines.push(key + ": " + quote(text));
        }
      } else if (text) {
        lines.push(key + ": " + text);
      }
    });
    lines.push(END);
    return lines;
  }

  // The compact e-mail (submission_text.py, mail_text): no title, a one-line preface and no
  // quoted wording, so a mailto: link of 2,000 characters carries a longer comment.
  var COMPACT_PREFACE = "Prosimy nie zmieniać tekstu między liniami ===.";

  function compactText(values) {
    var shorter = {};
    Object.keys(values).forEach(function (key) {
      if (key !== "brzmienie") {
        shorter[key] = values[key];
      }
    });
    return [COMPACT_PREFACE, ""].concat(blockLines(shorter, false)).join("\n") + "\n";
  }

  function compactSubject(values) {
    return "Uwaga konsultacyjna " + values.identyfikator + ": " + values.dotyczy;
  }

  function messageText(values, isPublic) {
    var preface = [
      "Uwaga do konsultacji: " + config.tytul + ", wersja " + values.wersja + ", " +
        values.dotyczy + ".",
      "",
      "Urząd przenosi uwagę do raportu z konsultacji z bloku poniżej; prosimy nie zmieniać " +
        "tekstu między liniami ===.",
      ""
    ];
    return preface.concat(blockLines(values, isPublic)).join("\n") + "\n";
  }

  function subject(values) {
    return "Uwaga do konsultacji: " + config.tytul + ", wersja " + values.wersja + ", " +
      values.dotyczy + " [" + values.identyfikator + "]";
  }

  // ------------------------------------------------------------ the identifier (identifier.py)

  function unitCode(label) {
    if (!label || label === "cały dokument") {
      return "C";
    }
    if (label === "wstęp") {
      return "W";
    }
    // One place per level (§, ust., pkt, lit.); a skipped level stays empty: § 3 pkt 3 is
    // "3..3", not "3.3" (§ 3 ust. 3). Same as unit_code in identifier.py.
    var levels = ["§", "ust.", "pkt", "lit."];
    var words = label.split(" ");
    var places = ["", "", "", ""];
    var last = 0;
    for (var i = 0; i + 1 < words.length; i += 2) {
      var level = levels.indexOf(words[i]);
      places[level] = words[i + 1];
      last = Math.max(last, level);
    }
    return places.slice(0, last + 1).join(".");
  }

  function warsawParts(now) {
    var parts = {};
    new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Warsaw", year: "numeric",
      month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
      .formatToParts(now).forEach(function (p) { parts[p.type] = p.value; });
    return parts;
  }

  function identifier(label, parts) {
    var random = new Uint8Array(2);
    window.crypto.getRandomValues(random);
    var suffix = Array.prototype.map.call(random, function (b) {
      return config.znaki[b % config.znaki.length];
    }).join("");
    return config.kod + config.wersja + "-" + unitCode(label) + "-" + parts.month + parts.day +
      "-" + parts.hour + parts.minute + "-" + suffix;
  }

  // ------------------------------------------------------------ the picker, in steps

  // The page lists the first step (the whole document, the preamble, every §); after a unit
  // with sub-units comes a list of them (config.kroki, from units.py), first "cały …" (the unit
  // itself), and so on down to litery. The comment is about the last unit chosen. The steps
  // are the form's own (consultation_form.html writes one per level of a unit), in page order.
  var STEPS = Array.prototype.slice.call(document.querySelectorAll(".kons-step select"));
  var KIND_NAMES = { "ust.": "ustęp", "pkt": "punkt", "lit.": "litera" };

  function stepBox(select) {
    return select.closest(".kons-step");
  }

  // "§ 5 ust. 2 pkt 1" → ["§ 5", "§ 5 ust. 2", "§ 5 ust. 2 pkt 1"]: the choice at each step.
  function unitPath(label) {
    var words = String(label).split(" ");
    if (words[0] !== "§" || words.length % 2) {
      return [label];
    }
    var path = [];
    for (var i = 2; i <= words.length; i += 2) {
      path.push(words.slice(0, i).join(" "));
    }
    return path;
  }

  // "Ustęp w § 5", "Punkt w § 5 ust. 2", "Ustęp albo punkt w § 3" (a § with both).
  function stepLabel(parent, children) {
    var names = [];
    children.forEach(function (child) {
      var words = child[0].split(" ");
      var name = KIND_NAMES[words[words.length - 2]];
      if (names.indexOf(name) === -1) {
        names.push(name);
      }
    });
    var text = names.join(" albo ") + " w " + parent;
    return text.charAt(0).toUpperCase() + text.slice(1);
  }

  // Rebuild the steps after STEPS[from] from what is chosen above them; `path` (unitPath) says
  // what to choose in them, else each starts at the whole unit.
  function showSteps(from, path) {
    for (var n = from + 1; n < STEPS.length; n += 1) {
      var above = STEPS[n - 1];
      var parent = stepBox(above).hidden ? "" : above.value;
      var children = parent && config.kroki[parent];
      var select = STEPS[n];
      select.textContent = "";
      stepBox(select).hidden = !children;
      if (!children) {
        continue;
      }
      stepBox(select).querySelector("label").textContent = stepLabel(parent, children);
      select.appendChild(new Option("cały " + parent, ""));
      children.forEach(function (child) {
        select.appendChild(new Option(child[1], child[0]));
      });
      var wanted = path && path[n];
      select.value = wanted && children.some(function (c) { return c[0] === wanted; })
        ? wanted : "";
    }
  }

  function chosenUnit() {
    var label = "";
    STEPS.forEach(function (select) {
      if (!stepBox(select).hidden && select.value) {
        label = select.value;
      }
    });
    return label;
  }

  // Choose a unit in every step (a unit's own button); false when the version has no such unit.
  function chooseUnit(label) {
    var path = unitPath(label);
    if (!Array.prototype.some.call(STEPS[0].options, function (o) { return o.value === path[0]; })) {
      return false;
    }
    STEPS[0].value = path[0];
    showSteps(0, path);
    return chosenUnit() === label;
  }

  // ------------------------------------------------------------ the rules (rules.py)

  var PERSON = new RegExp("^(?:" + config.osoba.wzor + ")$", "u");

  // documents.rules.looks_like_person: two to four capitalised words and no NGO word.
  function looksLikePerson(value) {
    var words = value.trim().split(/\s+/);
    if (words.length < 2 || words.length > 4) {
      return false;
    }
    if (words.some(function (w) {
      return config.osoba.slowa.indexOf(w.toLowerCase().replace(/^[.,„”"]+|[.,„”"]+$/g, "")) !== -1;
    })) {
      return false;
    }
    return words.every(function (w) { return PERSON.test(w.replace(/,+$/, "")); });
  }

  function length(text) {
    return Array.from(text).length;
  }

  function sender() {
    var checked = root.querySelector("input[name=nadawca]:checked");
    return checked ? checked.value : "";
  }

  function read() {
    var kind = sender();
    return {
      dotyczy: chosenUnit(),
      propozycja: normalise(el("kons-propozycja").value, true),
      uzasadnienie: normalise(el("kons-uzasadnienie").value, true),
      nadawca: kind,
      organizacja: kind === "organizacja" ? el("kons-organizacja").value : "",
      podmiot: kind === "inny_podmiot" ? normalise(el("kons-podmiot").value, false) : "",
      imie_i_nazwisko: kind === "mieszkaniec" ? normalise(el("kons-imie").value, false) : "",
      kontakt: kind ? normalise(el("kons-kontakt").value, false) : ""
    };
  }

  function tooLong(text, key) {
    var limit = config.limity[key];
    return length(text) > limit ? fill(messages.za_dlugie, { dlugosc: length(text), limit: limit })
      : "";
  }

  // [control id, message] of every problem, in the order of the fields on the page.
  function problems(v) {
    var found = [];
    function add(id, message) {
      if (message) {
        found.push([id, message]);
      }
    }
    add("kons-dotyczy", v.dotyczy ? "" : messages.dotyczy);
    add("kons-propozycja", tooLong(v.propozycja, "propozycja"));
    add("kons-uzasadnienie", v.uzasadnienie ? tooLong(v.uzasadnienie, "uzasadnienie")
      : messages.uzasadnienie);
    add("kons-nadawca", v.nadawca ? "" : messages.nadawca);
    if (v.nadawca === "organizacja") {
      add("kons-organizacja", v.organizacja ? "" : messages.organizacja);
    }
    if (v.nadawca === "inny_podmiot") {
      add("kons-podmiot", !v.podmiot ? messages.podmiot : looksLikePerson(v.podmiot)
        ? messages.osoba : tooLong(v.podmiot, "podmiot"));
    }
    add("kons-imie", tooLong(v.imie_i_nazwisko, "imie_i_nazwisko"));
    add("kons-kontakt", tooLong(v.kontakt, "kontakt"));
    return found;
  }

  // ------------------------------------------------------------ showing problems

  var form = el("kons-formularz");
  var result = el("kons-gotowa");
  var summary = el("kons-bledy");

  function focusTarget(id) {
    return id === "kons-nadawca" ? root.querySelector("input[name=nadawca]") : el(id);
  }

  function setError(id, message) {
    var control = el(id);
    var box = el(id + "-blad");
    var described = (control.getAttribute("aria-describedby") || "").split(" ")
      .filter(function (x) { return x && x !== id + "-blad"; });
    box.textContent = message || "";
    box.hidden = !message;
    if (message) {
      described.push(id + "-blad");
      control.setAttribute("aria-invalid", "true");
    } else {
      control.removeAttribute("aria-invalid");
    }
    if (described.length) {
      control.setAttribute("aria-describedby", described.join(" "));
    } else {
      control.removeAttribute("aria-describedby");
    }
  }

  function showProblems(found) {
    ["kons-dotyczy", "kons-propozycja", "kons-uzasadnienie", "kons-nadawca", "kons-organizacja",
      "kons-podmiot", "kons-imie", "kons-kontakt"].forEach(function (id) { setError(id, ""); });
    var list = el("kons-bledy-lista");
    list.textContent = "";
    found.forEach(function (item) {
      setError(item[0], item[1]);
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = "#" + item[0];
      a.textContent = item[1];
      a.addEventListener("click", function (event) {
        event.preventDefault();
        focusTarget(item[0]).focus();
      });
      li.appendChild(a);
      list.appendChild(li);
    });
    var n = found.length;
    var fields = n === 1 ? "pole" : [2, 3, 4].indexOf(n % 10) !== -1 &&
      [12, 13, 14].indexOf(n % 100) === -1 ? "pola" : "pól";
    el("kons-bledy-tytul").textContent = fill(messages.podsumowanie, { liczba: n, pola: fields });
    summary.hidden = n === 0;
    if (n) {
      summary.focus();
    }
  }

  // ------------------------------------------------------------ the channels

  var message = el("kons-komunikat");
  var prepared = null;

  function say(text) {
    message.textContent = "";
    window.setTimeout(function () { message.textContent = text; }, 50);
  }

  function copy(text, done) {
    function fallback() {
      var area = el("kons-tresc");
      area.focus();
      area.select();
      var ok = false;
      try {
        ok = document.execCommand("copy");
      } catch (e) {
        ok = false;
      }
      say(ok ? messages.skopiowano : messages.nie_skopiowano);
      if (done) {
        done();
      }
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () {
        say(messages.skopiowano);
        if (done) {
          done();
        }
      }, fallback);
    } else {
      fallback();
    }
  }

  function mailtoHref(subjectText, body) {
    return "mailto:" + config.email + "?subject=" + encodeURIComponent(subjectText) +
      "&body=" + encodeURIComponent(body.replace(/\n/g, "\r\n"));
  }

  // The whole text when the link stays within maksMailto, else the compact text (mailto_href
  // in submission_text.py), else a note and the text in the clipboard.
  function mailto(values, text) {
    var full = mailtoHref(subject(values), text);
    if (full.length <= config.maksMailto) {
      return { href: full, long: false };
    }
    var compact = mailtoHref(compactSubject(values), compactText(values));
    if (compact.length <= config.maksMailto) {
      return { href: compact, long: false };
    }
    var short = "Treść uwagi " + values.identyfikator + " jest w schowku: wklej ją tutaj " +
      "(albo dołącz pobrany plik uwaga-" + values.identyfikator + ".txt).\n";
    return { href: mailtoHref(subject(values), short), long: true };
  }

  function issueLink(values) {
    var base = config.github.adres + "?template=" + encodeURIComponent(config.github.szablon) +
      "&title=" + encodeURIComponent(subject(values));
    var full = base + "&" + config.github.pole + "=" +
      encodeURIComponent(messageText(values, true));
    return full.length <= config.maksAdres ? { href: full, long: false }
      : { href: base, long: true };
  }

  function printSheet(values) {
    var sheet = el("kons-wydruk") || document.createElement("div");
    sheet.id = "kons-wydruk";
    sheet.className = "kons-print";
    sheet.textContent = "";
    function add(tag, text, className) {
      var node = document.createElement(tag);
      node.textContent = text;
      if (className) {
        node.className = className;
      }
      sheet.appendChild(node);
      return node;
    }
    function row(label, text) {
      if (!text) {
        return;
      }
      add("h2", label);
      add("p", text, "kons-print__text");
    }
    add("h1", "Uwaga w konsultacjach");
    add("p", config.tytul + ", wersja " + values.wersja);
    row("Identyfikator uwagi", values.identyfikator);
    row("Której części dotyczy", values.dotyczy);
    row("Obecne brzmienie", values.brzmienie || "");
    row("Proponowane brzmienie", values.propozycja || "");
    row("Uwaga i jej uzasadnienie", values.uzasadnienie);
    var kind = { organizacja: "organizacja pozarządowa", mieszkaniec: "mieszkanka lub mieszkaniec",
      inny_podmiot: "inny podmiot" }[values.nadawca];
    var who = values.organizacja ? el("kons-organizacja").selectedOptions[0].textContent
      : values.podmiot || values.imie_i_nazwisko || "";
    row("Kto zgłasza", kind + (who ? ": " + who : ""));
    row("Kontakt do odpowiedzi", values.kontakt || "");
    row("Data", status.polishDate(values.data));
    add("p", "Podpis: ....................................................", "kons-print__sign");
    if (config.adresPocztowy) {
      row("Wyślij albo złóż w urzędzie", config.adresPocztowy);
    }
    row("Informacja o danych osobowych", config.klauzula);
    add("p", messageText(values, false), "kons-print__block");
    document.body.appendChild(sheet);
  }

  function showResult(values) {
    var text = messageText(values, false);
    prepared = { values: values, text: text };
    el("kons-identyfikator").textContent = values.identyfikator;
    el("kons-tresc").value = text;
    var mail = el("kons-email");
    if (mail) {
      var link = mailto(values, text);
      mail.href = link.href;
      mail.setAttribute("data-dlugi", link.long ? "tak" : "nie");
      if (link.long) {
        el("kons-email-opis").textContent = messages.mailto_dlugi;
      }
    }
    var download = el("kons-pobierz");
    if (download.href.indexOf("blob:") === 0) {
      URL.revokeObjectURL(download.href);
    }
    download.href = URL.createObjectURL(new Blob([text], { type: "text/plain;charset=utf-8" }));
    download.setAttribute("download", "uwaga-" + values.identyfikator + ".txt");
    if (config.github) {
      var issue = issueLink(values);
      el("kons-github").href = issue.href;
      el("kons-github").setAttribute("data-dlugi", issue.long ? "tak" : "nie");
      el("kons-github-punkt").hidden = false;
    }
    printSheet(values);
    document.documentElement.classList.add("kons-drukowanie");
    form.hidden = true;
    result.hidden = false;
    el("kons-gotowa-tytul").focus();
  }

  // ------------------------------------------------------------ wiring

  function showQuote() {
    var text = config.cytaty[chosenUnit()] || "";
    el("kons-brzmienie-tekst").textContent = text;
    el("kons-brzmienie").hidden = !text;
  }

  function showSenderFields() {
    var kind = sender();
    root.querySelectorAll("[data-dla]").forEach(function (box) {
      box.hidden = !kind || box.getAttribute("data-dla").split(" ").indexOf(kind) === -1;
    });
  }

  function choose(label) {
    var select = el("kons-dotyczy");
    chooseUnit(label);
    showQuote();
    form.hidden = false;
    result.hidden = true;
    document.documentElement.classList.remove("kons-drukowanie");
    select.focus();
    select.scrollIntoView({ block: "center" });
  }

  function openOrClose() {
    var day = status.today(config.dzienBudowy);
    var closed = root.querySelector("[data-zamkniete]");
    var why = day < config.od ? fill(messages.zamkniete_przed, { od: status.polishDate(config.od) })
      : day > config.do ? fill(messages.zamkniete_po, { "do": status.polishDate(config.do) }) : "";
    closed.querySelector("[data-zamkniete-tekst]").textContent = why;
    closed.hidden = !why;
    form.hidden = Boolean(why);
    document.querySelectorAll(".doc-comment").forEach(function (p) { p.hidden = Boolean(why); });
    return !why;
  }

  root.querySelector("[data-bez-skryptu]").hidden = true;
  if (!openOrClose()) {
    return;
  }
  STEPS.forEach(function (select, n) {
    select.addEventListener("change", function () {
      showSteps(n);
      showQuote();
    });
  });
  root.querySelectorAll("input[name=nadawca]").forEach(function (radio) {
    radio.addEventListener("change", showSenderFields);
  });
  document.querySelectorAll(".doc-comment__button").forEach(function (button) {
    button.addEventListener("click", function (event) {
      event.preventDefault();
      choose(button.getAttribute("data-dotyczy"));
    });
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var v = read();
    var found = problems(v);
    showProblems(found);
    if (found.length) {
      return;
    }
    var parts = warsawParts(new Date());
    var values = {
      identyfikator: identifier(v.dotyczy, parts), dokument: config.dokument,
      wersja: config.wersja, dotyczy: v.dotyczy, brzmienie: config.cytaty[v.dotyczy],
      propozycja: v.propozycja || undefined, uzasadnienie: v.uzasadnienie, nadawca: v.nadawca,
      organizacja: v.organizacja || undefined, podmiot: v.podmiot || undefined,
      imie_i_nazwisko: v.imie_i_nazwisko || undefined, kontakt: v.kontakt || undefined,
      data: parts.year + "-" + parts.month + "-" + parts.day
    };
    showResult(values);
  });
  el("kons-popraw").addEventListener("click", function () {
    result.hidden = true;
    form.hidden = false;
    document.documentElement.classList.remove("kons-drukowanie");
    el("kons-dotyczy").focus();
  });
  el("kons-drukuj").addEventListener("click", function () { window.print(); });
  el("kons-kopiuj").addEventListener("click", function () { copy(prepared.text); });
  var mail = el("kons-email");
  if (mail) {
    mail.addEventListener("click", function () {
      if (mail.getAttribute("data-dlugi") === "tak") {
        copy(prepared.text);
      }
    });
  }
  el("kons-github").addEventListener("click", function () {
    if (el("kons-github").getAttribute("data-dlugi") === "tak") {
      copy(messageText(prepared.values, true));
    }
  });
  window.ngositeCommentForm = { messageText: messageText, normalise: normalise,
    looksLikePerson: looksLikePerson, unitCode: unitCode, chooseUnit: chooseUnit,
    chosenUnit: chosenUnit };
  showSteps(0);
  showQuote();
  showSenderFields();
})();
