/*
 * The entry form of /dodaj-organizacje/: progressive enhancement.
 *
 * Without JavaScript the form stays hidden and the page shows the guide and a downloadable
 * example. With it, the form checks what the NGO typed with the same rules and messages as the
 * build (both read from the JSON in #formularz-dane, written by the build from the Python model),
 * writes the YAML file (ngosite/contributing/entry_yaml.py writes the same text) and offers ways to send it.
 * It can start from a published entry (?wpis=<slug>). Nothing leaves the browser unless the
 * person follows one of the links. Plain ES2017, no dependencies.
 *
 * The page lists no published entry: what the checks need is fetched when needed and kept
 * (the entries of the locality chosen, whether an address is taken, the identifiers ending in
 * the same two digits as one typed), so a phone fetches what the person picks, not 10,000 names.
 */
(function () {
  "use strict";

  var SHORT_ESCAPES = { "\n": "\\n", "\t": "\\t", "\r": "\\r", "\"": "\\\"", "\\": "\\\\" };
  // Characters that stand as they are inside YAML quotes (printable, not a line break).
  var UNSAFE = /[^\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\u{10000}-\u{10ffff}]/u;

  // ------------------------------------------------------------------ text helpers

  function fold(text) {
    return String(text || "")
      .replace(/ł/g, "l")
      .replace(/Ł/g, "L")
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase();
  }

  function suggestSlug(name) {
    return fold(name).replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  }

  function fill(template, values) {
    return String(template).replace(/\{(\w+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? values[name] : whole;
    });
  }

  function plural(n, one, few, many) {
    if (n === 1) {
      return one;
    }
    if ([2, 3, 4].indexOf(n % 10) !== -1 && [12, 13, 14].indexOf(n % 100) === -1) {
      return few;
    }
    return many;
  }

  function todayIso() {
    var now = new Date();
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  }

  // Lone surrogates (from broken paste) cannot be encoded: replace them, as Python does.
  function wellFormed(text) {
    var out = "";
    for (var i = 0; i < text.length; i += 1) {
      var code = text.charCodeAt(i);
      if (code >= 0xd800 && code <= 0xdbff) {
        var next = text.charCodeAt(i + 1);
        if (next >= 0xdc00 && next <= 0xdfff) {
          out += text[i] + text[i + 1];
          i += 1;
          continue;
        }
        out += "\ufffd";
      } else if (code >= 0xdc00 && code <= 0xdfff) {
        out += "\ufffd";
      } else {
        out += text[i];
      }
    }
    return out;
  }

  // ------------------------------------------------------------------ YAML (as entry_yaml.py)

  function quote(text) {
    var out = "";
    Array.from(wellFormed(String(text))).forEach(function (ch) {
      if (Object.prototype.hasOwnProperty.call(SHORT_ESCAPES, ch)) {
        out += SHORT_ESCAPES[ch];
      } else if (UNSAFE.test(ch)) {
        var code = ch.codePointAt(0);
        var hex = code.toString(16);
        out += code < 0x100 ? "\\x" + ("0" + hex).slice(-2) : "\\u" + ("000" + hex).slice(-4);
      } else {
        out += ch;
      }
    });
    return "\"" + out + "\"";
  }

  function fitsBlock(text) {
    if (text.indexOf("\n") === -1 || text !== text.trim()) {
      return false;
    }
    return text.split("\n").every(function (line) {
      return !UNSAFE.test(line) && line === line.replace(/\s+$/, "");
    });
  }

  function isEmpty(value) {
    if (value === null || value === undefined) {
      return true;
    }
    if (typeof value === "string" || Array.isArray(value)) {
      return value.length === 0;
    }
    if (typeof value === "object") {
      return Object.keys(value).every(function (k) { return isEmpty(value[k]); });
    }
    return false;
  }

  function scalar(value, isDate) {
    if (typeof value === "boolean") {
      return value ? "true" : "false";
    }
    if (typeof value === "number") {
      return Number.isInteger(value) ? value + ".0" : String(value);
    }
    if (isDate && /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(value)) {
      return value;
    }
    return quote(value);
  }

  function toYaml(entry, config) {
    var lines = [config.schemaComment];
    var dates = {};
    config.fields.forEach(function (f) {
      if (f.kind === "date") {
        dates[f.key] = true;
      }
    });
    var rank = {};
    config.order.forEach(function (key, i) { rank[key] = i; });

    function mapping(obj, path, depth) {
      var pad = new Array(depth + 1).join("  ");
      var keys = Object.keys(obj).sort(function (a, b) {
        var ka = path.concat([a]).join("."), kb = path.concat([b]).join(".");
        var ra = ka in rank ? rank[ka] : config.order.length;
        var rb = kb in rank ? rank[kb] : config.order.length;
        return ra - rb || (a < b ? -1 : a > b ? 1 : 0);
      });
      keys.forEach(function (key) {
        var value = obj[key];
        var full = path.concat([key]).join(".");
        if (isEmpty(value)) {
          return;
        }
        if (Array.isArray(value)) {
          lines.push(pad + key + ":");
          value.forEach(function (item) { lines.push(pad + "  - " + scalar(item, false)); });
        } else if (typeof value === "object") {
          lines.push(pad + key + ":");
          mapping(value, path.concat([key]), depth + 1);
        } else if (typeof value === "string" && fitsBlock(value)) {
          lines.push(pad + key + ": |");
          value.split("\n").forEach(function (line) {
            lines.push(line ? pad + "  " + line : "");
          });
        } else {
          lines.push(pad + key + ": " + scalar(value, dates[full]));
        }
      });
    }

    mapping(entry, [], 0);
    return lines.join("\n") + "\n";
  }

  // ------------------------------------------------------------------ checks (as model.py)

  function nipOk(digits) {
    var weights = [6, 5, 7, 2, 3, 4, 5, 6, 7];
    var sum = 0;
    for (var i = 0; i < 9; i += 1) {
      sum += weights[i] * Number(digits[i]);
    }
    return sum % 11 === Number(digits[9]);
  }

  function regonDigit(digits) {
    var weights = digits.length === 8 ? [8, 9, 2, 3, 4, 5, 6, 7]
      : [2, 4, 8, 5, 0, 9, 7, 3, 6, 1, 2, 4, 8];
    var sum = 0;
    for (var i = 0; i < weights.length; i += 1) {
      sum += weights[i] * Number(digits[i]);
    }
    return String(sum % 11 % 10);
  }

  function regonOk(digits) {
    if (digits.slice(-1) !== regonDigit(digits.slice(0, -1))) {
      return false;
    }
    return digits.length !== 14 || digits[8] === regonDigit(digits.slice(0, 8));
  }

  function realDate(iso) {
    var parts = iso.split("-").map(Number);
    var d = new Date(Date.UTC(parts[0], parts[1] - 1, parts[2]));
    return d.getUTCFullYear() === parts[0] && d.getUTCMonth() === parts[1] - 1 &&
      d.getUTCDate() === parts[2];
  }

  // The message for one value of one check, or "" when the value passes.
  function checkValue(config, check, value, today) {
    var messages = config.messages.checks[check] || {};
    var patterns = config.patterns;
    var say = function (name) { return fill(messages[name], { wartosc: value }); };
    var digits;
    switch (check) {
      case "nip":
        digits = (value.indexOf("PL") === 0 ? value.slice(2) : value).replace(/[\s-]/g, "");
        if (!new RegExp(patterns.nip).test(digits)) {
          return say("format");
        }
        return nipOk(digits) ? "" : say("checksum");
      case "regon":
        digits = value.replace(/[\s-]/g, "");
        if (!new RegExp(patterns.regon).test(digits)) {
          return say("format");
        }
        return regonOk(digits) ? "" : say("checksum");
      case "telefon":
        return new RegExp(patterns.telefon).test(value.replace(/[\s()-]/g, "")) ? ""
          : say("format");
      case "data":
        if (!new RegExp(patterns.data).test(value) || !realDate(value)) {
          return say("format");
        }
        return value > (today || todayIso()) ? say("future") : "";
      default:
        if (patterns[check] && !new RegExp(patterns[check]).test(value)) {
          return say("format");
        }
        return "";
    }
  }

  function length(text) {
    return Array.from(text).length;
  }

  window.ngoForm = { checkValue: checkValue, toYaml: toYaml, suggestSlug: suggestSlug,
                     addressShard: addressShard };

  // ------------------------------------------------------------------ the form

  function EntryForm(form, config) {
    this.form = form;
    this.config = config;
    this.fields = config.fields;
    this.byKey = {};
    this.errors = {};
    this.order = {};
    this.slugEdited = false;
    this.loadedSlug = "";
    this.taken = {};        // address → name of its entry, or "" when free
    this.identifiers = {};  // two last digits → {"krs:…": [slug, name]}
    this.addressFiles = {}; // file number → promise of {address: name}
    var self = this;
    this.fields.forEach(function (f) { self.byKey[f.key] = f; });
    this.slugField = {
      key: "adres_strony", id: "pole-adres_strony", widget: "text",
      label: "Adres strony organizacji w serwisie", required: true
    };
    this.modeField = {
      key: "wybor_wpisu", id: "wybor-wpisu", widget: "select", label: "Organizacja",
      required: true
    };
  }

  EntryForm.prototype.el = function (id) {
    return document.getElementById(id);
  };

  EntryForm.prototype.inputs = function (f) {
    if (f.widget === "radio" || f.widget === "choices") {
      return Array.prototype.slice.call(
        this.form.querySelectorAll("input[name=\"" + f.key + "\"]"));
    }
    var el = this.el(f.id);
    return el ? [el] : [];
  };

  EntryForm.prototype.wrapper = function (f) {
    var el = this.el(f.id);
    return el ? el.closest(".ngo-field") : null;
  };

  EntryForm.prototype.isShown = function (f) {
    var rule = this.config.visibleWhen[f.key];
    if (!rule) {
      return true;
    }
    return rule.values.indexOf(this.read(this.byKey[rule.field])) !== -1;
  };

  // What the person entered, normalised as the YAML will hold it ("" / [] when empty).
  EntryForm.prototype.read = function (f) {
    var inputs = this.inputs(f);
    if (f.widget === "radio") {
      var checked = inputs.filter(function (i) { return i.checked; })[0];
      return checked ? checked.value : "";
    }
    if (f.widget === "choices") {
      // In the order the person ticked them (or the entry had them), not the list's order.
      var order = this.order[f.key] || [];
      var rank = function (value) {
        var i = order.indexOf(value);
        return i === -1 ? order.length + f.choices.indexOf(value) : i;
      };
      return inputs.filter(function (i) { return i.checked; }).map(function (i) {
        return i.value;
      }).sort(function (a, b) { return rank(a) - rank(b); });
    }
    if (!inputs.length) {
      return "";
    }
    if (f.widget === "bool") {
      return inputs[0].checked;
    }
    var value = inputs[0].value.replace(/\r\n?/g, "\n").trim();
    if (f.widget === "list") {
      return value.split("\n").map(function (line) {
        return line.trim().replace(/^[-*•]\s+/, "").trim();
      }).filter(Boolean);
    }
    if (f.widget === "number" && value) {
      var number = Number(value.replace(",", "."));
      return /^[-+]?[0-9]+([.,][0-9]+)?$/.test(value) && isFinite(number) ? number : value;
    }
    return value;
  };

  EntryForm.prototype.write = function (f, value) {
    var inputs = this.inputs(f);
    if (f.widget === "radio" || f.widget === "choices") {
      var wanted = Array.isArray(value) ? value : [value === undefined ? f.default : value];
      if (f.widget === "choices") {
        this.order[f.key] = wanted.slice();
      }
      inputs.forEach(function (i) { i.checked = wanted.indexOf(i.value) !== -1; });
      return;
    }
    if (!inputs.length) {
      return;
    }
    if (f.widget === "bool") {
      inputs[0].checked = Boolean(value);
    } else if (f.widget === "list") {
      inputs[0].value = (value || []).join("\n");
    } else {
      inputs[0].value = value === undefined || value === null ? "" : String(value);
    }
  };

  EntryForm.prototype.entry = function () {
    var self = this;
    var entry = {};
    this.fields.forEach(function (f) {
      if (!self.isShown(f)) {
        return;
      }
      var value = self.read(f);
      if (isEmpty(value)) {
        return;
      }
      var parts = f.key.split(".");
      var target = entry;
      parts.slice(0, -1).forEach(function (part) {
        target[part] = target[part] || {};
        target = target[part];
      });
      target[parts[parts.length - 1]] = value;
    });
    return entry;
  };

  EntryForm.prototype.valueAt = function (entry, key) {
    return key.split(".").reduce(function (obj, part) {
      return obj && typeof obj === "object" ? obj[part] : undefined;
    }, entry);
  };

  // ---------------------------------------------------------------- validation

  EntryForm.prototype.checkField = function (f, value, withRequired) {
    var config = this.config;
    var messages = config.messages;
    if (isEmpty(value)) {
      if (!withRequired || !f.required) {
        return "";
      }
      return f.widget === "choices" ? messages.required_choices : messages.required;
    }
    if (f.kind === "choices" || f.kind === "list") {
      if (f.maxItems && value.length > f.maxItems) {
        return fill(messages.too_many, { najwiecej: f.maxItems });
      }
      if (f.check) {
        for (var i = 0; i < value.length; i += 1) {
          var problem = checkValue(config, f.check, value[i]);
          if (problem) {
            return problem;
          }
        }
      }
      return "";
    }
    if (f.kind === "number") {
      if (typeof value !== "number") {
        return messages.number_format;
      }
      return value < f.min || value > f.max ? messages.number_range : "";
    }
    if (typeof value === "string") {
      if (f.maxLength && length(value) > f.maxLength) {
        return messages.length[f.key];
      }
      if (f.check) {
        return checkValue(config, f.check, value);
      }
    }
    return "";
  };

  EntryForm.prototype.checkSlug = function (withRequired) {
    var slug = this.el("pole-adres_strony").value.trim();
    var messages = this.config.messages;
    if (!slug) {
      return withRequired ? messages.required : "";
    }
    if (!new RegExp(this.config.patterns.adres_strony).test(slug)) {
      return fill(messages.slug, { wartosc: slug, propozycja: suggestSlug(slug) || "nazwa" });
    }
    if (this.mode() === "nowy" && this.taken[slug]) {
      return fill(messages.slug_taken, { wartosc: slug, nazwa: this.taken[slug] });
    }
    return "";
  };

  EntryForm.prototype.checkDuplicates = function (entry, found) {
    var ids = entry.identyfikatory || {};
    var own = this.mode() === "zmiana" ? this.loadedSlug : "";
    var config = this.config;
    var self = this;
    ["krs", "nip", "regon"].forEach(function (key) {
      var path = "identyfikatory." + key;
      if (!ids[key] || found[path]) {
        return;
      }
      var id = identifierKey(key, ids[key]);
      var known = (self.identifiers[id.slice(-2)] || {})[id];
      if (known && known[0] !== own) {
        found[path] = fill(config.messages.duplicate,
          { nazwa: known[1] || known[0], adres: known[0] });
      }
    });
  };

  function identifierKey(key, typed) {
    var value = key === "nip" ? typed.replace(/^PL/, "") : typed;
    return key + ":" + (key === "krs" ? value : value.replace(/[\s-]/g, ""));
  }

  // 32-bit FNV-1a of an address modulo the number of files (form.py: address_shard).
  function addressShard(slug, files) {
    var value = 0x811c9dc5;
    for (var i = 0; i < slug.length; i++) {
      value = Math.imul(value ^ slug.charCodeAt(i), 0x01000193) >>> 0;
    }
    return value % files;
  }

  function fetchJson(url) {
    return fetch(url).then(function (response) {
      if (response.status === 404) {
        return null;
      }
      if (!response.ok) {
        throw new Error("HTTP " + response.status);
      }
      return response.json();
    });
  }

  // The published addresses of the file that holds ``slug``, fetched once: the address from
  // the page's URL and the check of a new address often ask for the same file.
  EntryForm.prototype.addresses = function (slug) {
    var files = this.addressFiles;
    var number = addressShard(slug, this.config.addressFiles);
    if (!files[number]) {
      files[number] = fetchJson(this.config.addressesUrl + number + ".json").then(
        function (index) { return index || {}; },
        function (error) { delete files[number]; throw error; });
    }
    return files[number];
  };

  // What the checks of the whole form need from the published entries: whether the address
  // is taken (its entry's file exists) and the identifiers' files. A failed fetch leaves the
  // check to the build, which repeats it.
  EntryForm.prototype.lookups = function () {
    var self = this;
    var config = this.config;
    var waits = [];
    var slug = this.el("pole-adres_strony").value.trim();
    if (this.mode() === "nowy" && slug && new RegExp(config.patterns.adres_strony).test(slug) &&
        !Object.prototype.hasOwnProperty.call(this.taken, slug)) {
      waits.push(this.addresses(slug).then(function (index) {
        self.taken[slug] = index[slug] || "";
      }, function () {}));
    }
    var ids = this.entry().identyfikatory || {};
    ["krs", "nip", "regon"].forEach(function (key) {
      if (!ids[key]) {
        return;
      }
      var shard = identifierKey(key, ids[key]).slice(-2);
      if (!/^[0-9]{2}$/.test(shard) || self.identifiers[shard]) {
        return;
      }
      self.identifiers[shard] = {};
      waits.push(fetchJson(config.identifiersUrl + shard + ".json").then(function (index) {
        self.identifiers[shard] = index || {};
      }, function () { delete self.identifiers[shard]; }));
    });
    return Promise.all(waits);
  };

  // Every problem of the whole form, as {key: message}, in the order of the fields.
  EntryForm.prototype.validate = function () {
    var self = this;
    var config = this.config;
    var found = {};
    var entry = this.entry();
    if (this.mode() === "zmiana" && !this.loadedSlug) {
      found.wybor_wpisu = "Wybierz organizację z listy.";
    }
    var slugProblem = this.checkSlug(true);
    if (slugProblem) {
      found.adres_strony = slugProblem;
    }
    this.fields.forEach(function (f) {
      if (!self.isShown(f)) {
        return;
      }
      var problem = self.checkField(f, self.read(f), true);
      if (problem) {
        found[f.key] = problem;
      }
    });
    this.fields.forEach(function (f) {
      if (!f.requiredInGroup || found[f.key] || !self.isShown(f)) {
        return;
      }
      var groupFilled = self.fields.some(function (g) {
        return g.group === f.group && !isEmpty(self.read(g));
      });
      if (groupFilled && isEmpty(self.read(f))) {
        found[f.key] = fill(config.messages.required_in_group,
          { grupa: config.groups[f.group] || f.group });
      }
    });
    this.checkSwapped(entry, found);
    config.rules.forEach(function (rule) {
      var when = self.valueAt(entry, rule.when);
      var matches = rule.values.indexOf(when === undefined ? false : when) !== -1;
      if (rule.negate ? matches : !matches) {
        return;
      }
      var empty = isEmpty(self.valueAt(entry, rule.field));
      var broken = rule.need === "filled" ? empty : !empty;
      if (broken && !found[rule.at]) {
        found[rule.at] = config.messages.cross[rule.id];
      }
    });
    this.checkDuplicates(entry, found);
    return { entry: entry, problems: found };
  };

  EntryForm.prototype.checkSwapped = function (entry, found) {
    var point = (entry.adres || {}).wspolrzedne || {};
    var lat = point.szerokosc, lon = point.dlugosc;
    if (typeof lat === "number" && typeof lon === "number" && lat >= 14 && lat <= 24.2 &&
        lon >= 49 && lon <= 55) {
      found["adres.wspolrzedne.szerokosc"] = fill(this.config.messages.number_swapped,
        { szerokosc: lat, dlugosc: lon });
      delete found["adres.wspolrzedne.dlugosc"];
    }
  };

  // ---------------------------------------------------------------- showing problems

  EntryForm.prototype.fieldFor = function (key) {
    if (key === "adres_strony") {
      return this.slugField;
    }
    if (key === "wybor_wpisu") {
      return this.modeField;
    }
    return this.byKey[key];
  };

  EntryForm.prototype.show = function (f, message) {
    var error = this.el(f.id + "-blad");
    if (error) {
      error.textContent = message ? message : "";
      error.hidden = !message;
    }
    var grouped = f.widget === "radio" || f.widget === "choices";
    var described = grouped ? this.el(f.id) : this.inputs(f)[0];
    if (described) {
      var ids = (described.getAttribute("aria-describedby") || "").split(/\s+/)
        .filter(function (id) { return id && id !== f.id + "-blad"; });
      if (message) {
        ids.unshift(f.id + "-blad");
      }
      if (ids.length) {
        described.setAttribute("aria-describedby", ids.join(" "));
      } else {
        described.removeAttribute("aria-describedby");
      }
    }
    this.inputs(f).forEach(function (input) {
      if (message) {
        input.setAttribute("aria-invalid", "true");
      } else {
        input.removeAttribute("aria-invalid");
      }
    });
    var wrapper = this.el(f.id) && this.el(f.id).closest(".ngo-field");
    if (wrapper) {
      wrapper.classList.toggle("ngo-field--blad", Boolean(message));
    }
    if (message) {
      this.errors[f.key] = message;
    } else {
      delete this.errors[f.key];
    }
  };

  EntryForm.prototype.showAll = function (problems) {
    var self = this;
    [this.modeField, this.slugField].concat(this.fields).forEach(function (f) {
      self.show(f, problems[f.key] || "");
    });
  };

  EntryForm.prototype.summary = function (problems) {
    var self = this;
    var box = this.el("formularz-bledy");
    var list = this.el("formularz-bledy-lista");
    var keys = [this.modeField, this.slugField].concat(this.fields)
      .map(function (f) { return f.key; })
      .filter(function (key) { return problems[key]; });
    list.textContent = "";
    keys.forEach(function (key) {
      var f = self.fieldFor(key);
      var target = self.inputs(f)[0];
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = "#" + (target ? target.id : f.id);
      link.textContent = f.label + ": " + problems[key];
      link.addEventListener("click", function (event) {
        event.preventDefault();
        if (target) {
          target.focus();
          (target.closest(".ngo-field") || target).scrollIntoView({ block: "center" });
        }
      });
      item.appendChild(link);
      list.appendChild(item);
    });
    var n = keys.length;
    this.el("formularz-bledy-tytul").textContent = "Popraw " + n + " " +
      plural(n, "pole", "pola", "pól") + " w formularzu";
    box.hidden = n === 0;
    return n;
  };

  // One field after the person leaves it: format checks only, no "required" yet.
  EntryForm.prototype.recheck = function (f) {
    if (f === this.slugField) {
      this.show(f, this.checkSlug(Boolean(this.errors[f.key])));
      return;
    }
    if (!this.isShown(f)) {
      this.show(f, "");
      return;
    }
    var problem = this.checkField(f, this.read(f), Boolean(this.errors[f.key]));
    if (!problem && this.errors[f.key]) {
      // A rule between fields may still hold: ask the whole form, show only this field.
      problem = this.validate().problems[f.key] || "";
    }
    this.show(f, problem);
  };

  // ---------------------------------------------------------------- modes and loading

  EntryForm.prototype.mode = function () {
    var checked = this.form.querySelector("input[name=tryb]:checked");
    return checked ? checked.value : "nowy";
  };

  EntryForm.prototype.applyMode = function () {
    var edit = this.mode() === "zmiana";
    this.el("wybor-wpisu-pole").hidden = !edit;
    var slug = this.el("pole-adres_strony");
    slug.readOnly = edit;
    if (edit && this.loadedSlug) {
      slug.value = this.loadedSlug;
    }
    if (!edit) {
      this.loadedSlug = "";
      this.el("wybor-wpisu").value = "";
      this.slugEdited = false;
      slug.value = suggestSlug(this.read(this.byKey.nazwa));
    }
  };

  EntryForm.prototype.applyVisibility = function () {
    var self = this;
    Object.keys(this.config.visibleWhen).forEach(function (key) {
      var f = self.byKey[key];
      var wrapper = f && self.wrapper(f);
      if (wrapper) {
        wrapper.hidden = !self.isShown(f);
      }
    });
  };

  // The entries of one locality in the list to choose from (fetched once per locality).
  EntryForm.prototype.showLocality = function (file) {
    var self = this;
    var select = this.el("wybor-wpisu");
    var status = this.el("wybor-wpisu-stan");
    this.localities = this.localities || {};
    var reset = function (text) {
      while (select.options.length) {
        select.remove(0);
      }
      select.add(new Option(text, ""));
    };
    if (!file) {
      reset("— najpierw wybierz miejscowość —");
      select.disabled = true;
      return Promise.resolve();
    }
    var known = this.localities[file];
    var rows = known ? Promise.resolve(known)
      : fetchJson(this.config.localityEntriesUrl + encodeURIComponent(file) + ".json");
    var loading = "Wczytuję listę organizacji…";
    if (!known) {
      status.textContent = loading;
    }
    return rows.then(function (list) {
      self.localities[file] = list || [];
      reset("— wybierz organizację —");
      self.localities[file].forEach(function (row) { select.add(new Option(row[1], row[0])); });
      select.disabled = false;
      if (status.textContent === loading) {
        status.textContent = "";
      }
    }, function (error) {
      status.textContent = "Nie udało się wczytać listy organizacji (" + error.message +
        "). Odśwież stronę i spróbujcie jeszcze raz.";
    });
  };

  // ``fromAddress``: the page was opened with ?wpis=<slug>; an address that names no entry
  // leaves the form as it was.
  EntryForm.prototype.load = function (slug, fromAddress) {
    var self = this;
    var status = this.el("wybor-wpisu-stan");
    if (!slug) {
      return Promise.resolve();
    }
    var picked = this.el("wybor-wpisu").selectedOptions[0];
    var name = picked && picked.value === slug ? picked.text : slug;
    var config = this.config;
    // An address from the page's URL is looked up among the published ones first: an address
    // that names no entry leaves the form as it is (no request that ends in a 404).
    var published = fromAddress
      ? this.addresses(slug).then(function (index) { return Boolean(index[slug]); })
      : Promise.resolve(true);
    return published.then(function (exists) {
      if (!exists) {
        return null;
      }
      status.textContent = "Wczytuję dane wpisu „" + name + "”…";
      return fetchJson(config.entriesUrl + encodeURIComponent(slug) + ".json");
    })
      .then(function (loaded) {
        if (!loaded) {
          if (fromAddress) {
            status.textContent = "";
            return;
          }
          throw new Error("HTTP 404");
        }
        name = loaded.wpis.nazwa || slug;
        if (fromAddress) {
          self.el("tryb-zmiana").checked = true;
          self.applyMode();
          var place = (loaded.wpis.adres || {}).miejscowosc;
          var locality = Array.prototype.filter.call(self.el("wybor-miejscowosci").options,
            function (option) { return option.dataset.nazwa === place; })[0];
          if (locality) {
            self.el("wybor-miejscowosci").value = locality.value;
            self.showLocality(locality.value).then(function () {
              self.el("wybor-wpisu").value = slug;
            });
          }
        }
        self.fields.forEach(function (f) {
          self.write(f, self.valueAt(loaded.wpis, f.key));
        });
        self.write(self.byKey.zweryfikowano, todayIso());
        self.loadedSlug = slug;
        self.el("pole-adres_strony").value = slug;
        self.applyVisibility();
        self.showAll({});
        self.summary({});
        self.remember(slug);
        status.textContent = "Wczytano dane wpisu „" + name + "”. Zmieńcie, co trzeba, " +
          "i naciśnijcie „Przygotuj plik wpisu”. Datę sprawdzenia ustawiliśmy na dzisiaj.";
      })
      .catch(function (error) {
        self.loadedSlug = "";
        status.textContent = "Nie udało się wczytać danych wpisu „" + name + "” (" +
          error.message + "). Odśwież stronę i spróbujcie jeszcze raz.";
      });
  };

  EntryForm.prototype.remember = function (slug) {
    var params = new URLSearchParams(window.location.search);
    if (slug) {
      params.set("wpis", slug);
    } else {
      params.delete("wpis");
    }
    var query = params.toString();
    try {
      window.history.replaceState(window.history.state, "",
        window.location.pathname + (query ? "?" + query : "") + window.location.hash);
    } catch (error) {
      // file:// pages may refuse; the form works without it.
    }
  };

  // ---------------------------------------------------------------- the result

  EntryForm.prototype.links = function (slug, yaml, name) {
    var repo = this.config.repository;
    var max = this.config.maxUrlLength;
    var file = "ngos/" + slug + ".yml";
    var edit = this.mode() === "zmiana";
    var newFile = repo.newFile + "?filename=" + "ngos/" + encodeURIComponent(slug + ".yml") +
      "&value=" + encodeURIComponent(yaml);
    var title = (edit ? "Zmiana wpisu: " : "Nowa organizacja: ") + name;
    var issue = repo.newIssue + "?template=" + encodeURIComponent(repo.template) +
      "&title=" + encodeURIComponent(title) + "&adres_strony=" + encodeURIComponent(slug);
    var issueWithFile = issue + "&plik_yaml=" + encodeURIComponent(yaml);
    return {
      file: file,
      pullRequest: edit ? repo.editFile + encodeURIComponent(slug + ".yml")
        : (newFile.length <= max ? newFile : ""),
      issue: issueWithFile.length <= max ? issueWithFile : issue,
      issueHasFile: issueWithFile.length <= max
    };
  };

  EntryForm.prototype.variant = function (name, shown) {
    var el = this.form.parentNode.querySelector("[data-wariant=\"" + name + "\"]");
    if (el) {
      el.hidden = !shown;
    }
  };

  EntryForm.prototype.present = function (entry) {
    var slug = this.el("pole-adres_strony").value.trim();
    var yaml = toYaml(entry, this.config);
    var links = this.links(slug, yaml, entry.nazwa || slug);
    var edit = this.mode() === "zmiana";
    this.yaml = yaml;
    this.el("wynik-plik").textContent = links.file;
    this.el("wynik-yaml").value = yaml;
    var download = this.el("wynik-pobierz");
    if (this.blobUrl) {
      URL.revokeObjectURL(this.blobUrl);
    }
    this.blobUrl = URL.createObjectURL(new Blob([yaml], { type: "text/yaml;charset=utf-8" }));
    download.href = this.blobUrl;
    download.setAttribute("download", slug + ".yml");
    download.textContent = "Pobierz plik " + slug + ".yml";
    this.el("wyslij-github").hidden = !this.config.repository.github;
    this.variant("pr-nowy", !edit && Boolean(links.pullRequest));
    this.variant("pr-zmiana", edit);
    this.variant("pr-za-dlugi", !edit && !links.pullRequest);
    this.el("wyslij-pr-nowy").href = !edit && links.pullRequest ? links.pullRequest : "#";
    this.el("wyslij-pr-zmiana").href = edit ? links.pullRequest : "#";
    this.variant("zgloszenie", links.issueHasFile);
    this.variant("zgloszenie-wklej", !links.issueHasFile);
    this.el("wyslij-zgloszenie").href = links.issueHasFile ? links.issue : "#";
    this.el("wyslij-zgloszenie-wklej").href = links.issueHasFile ? "#" : links.issue;
    this.el("wynik-stan").textContent = "";
    var result = this.el("wynik");
    result.hidden = false;
    result.focus();
    result.scrollIntoView({ block: "start" });
  };

  EntryForm.prototype.copy = function () {
    var status = this.el("wynik-stan");
    var text = this.yaml || "";
    var area = this.el("wynik-yaml");
    var done = function () {
      status.textContent = "Skopiowano tekst pliku do schowka.";
    };
    var fallback = function () {
      area.focus();
      area.select();
      var ok = false;
      try {
        ok = document.execCommand("copy");
      } catch (error) {
        ok = false;
      }
      status.textContent = ok ? "Skopiowano tekst pliku do schowka."
        : "Nie udało się skopiować automatycznie: tekst pliku jest zaznaczony, " +
          "naciśnijcie Ctrl+C (na telefonie: „Kopiuj”).";
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, fallback);
    } else {
      fallback();
    }
  };

  // ---------------------------------------------------------------- wiring

  EntryForm.prototype.start = function () {
    var self = this;
    var form = this.form;
    var date = this.el(this.byKey.zweryfikowano.id);
    date.max = todayIso();
    if (!date.value) {
      date.value = todayIso();
    }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      self.lookups().then(function () {
        var result = self.validate();
        self.showAll(result.problems);
        if (self.summary(result.problems)) {
          self.el("wynik").hidden = true;
          self.el("formularz-bledy").focus();
          return;
        }
        self.present(result.entry);
      });
    });
    form.addEventListener("change", function (event) {
      var target = event.target;
      if (target.name === "tryb") {
        self.applyMode();
        return;
      }
      if (target.id === "wybor-miejscowosci") {
        self.showLocality(target.value);
        return;
      }
      if (target.id === "wybor-wpisu") {
        self.load(target.value);
        return;
      }
      var f = target.name === "adres_strony" ? self.slugField : self.byKey[target.name];
      if (!f) {
        return;
      }
      if (f.widget === "choices") {
        var order = (self.order[f.key] || []).filter(function (v) { return v !== target.value; });
        self.order[f.key] = target.checked ? order.concat([target.value]) : order;
      }
      if (f.key === "adres.miejscowosc") {
        var postal = self.el(self.byKey["adres.kod_pocztowy"].id);
        var known = self.config.localities[target.value];
        if (known && !postal.value.trim()) {
          postal.value = known;
        }
      }
      self.applyVisibility();
      self.recheck(f);
      if (f === self.slugField) {
        self.lookups().then(function () { self.recheck(self.slugField); });
      }
    });
    form.addEventListener("input", function (event) {
      var target = event.target;
      if (target.id === "pole-adres_strony") {
        self.slugEdited = true;
      }
      if (target.name === "nazwa" && self.mode() === "nowy" && !self.slugEdited) {
        self.el("pole-adres_strony").value = suggestSlug(target.value);
      }
      var f = target.name === "adres_strony" ? self.slugField : self.byKey[target.name];
      if (f && self.errors[f.key]) {
        self.recheck(f);
      }
    });
    this.el("wynik-kopiuj").addEventListener("click", function () { self.copy(); });
    ["wyslij-pr-zmiana", "wyslij-zgloszenie-wklej"].forEach(function (id) {
      self.el(id).addEventListener("click", function () { self.copy(); });
    });
    this.el("wynik-popraw").addEventListener("click", function () {
      self.el("wynik").hidden = true;
      self.el("formularz-przygotuj").focus();
    });
    this.applyVisibility();
    this.el("formularz-bez-skryptu").hidden = true;
    form.hidden = false;
    var wanted = new URLSearchParams(window.location.search).get("wpis");
    if (wanted && new RegExp(this.config.patterns.adres_strony).test(wanted)) {
      this.load(wanted, true);
    }
  };

  function init() {
    var form = document.getElementById("formularz-wpisu");
    var data = document.getElementById("formularz-dane");
    if (!form || !data || form.dataset.ngoReady) {
      return;
    }
    form.dataset.ngoReady = "1";
    var entryForm = new EntryForm(form, JSON.parse(data.textContent));
    window.ngoForm.instance = entryForm;
    entryForm.start();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
