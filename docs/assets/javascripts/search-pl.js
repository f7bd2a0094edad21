/*
 * The site search worker: the theme's search box and results, fed by the sharded Polish index.
 *
 * mkdocs-material talks to its search worker in four messages (SETUP, READY, QUERY, RESULT);
 * overrides/main.html points the theme at this file instead of its lunr worker. SETUP brings
 * search/search_index.json, whose config.pl is the manifest written by
 * ngosite.publishing.search_shards. A query fetches only the shards of its words
 * (search/pl/t-<prefix>.json) and the result texts of the pages found (search/pl/d-<n>.json);
 * both stay cached for the next query.
 *
 * Every word is brought to the same key as at build time (stem(), identical to
 * ngosite.publishing.polish_stem.search_key): folded to ASCII, usual endings stripped. A key
 * the Polish morphology table knows as a form of another word follows its pair in the shard
 * ("emeryci" → emeryc → emeryt). A word also matches as a prefix (lower weight) and, from five
 * letters, with one typo (lower still). Texts in the index are escaped HTML; only <mark> is
 * added, around whole words outside tags. Plain ES2017.
 */
"use strict";

var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
var MAX_PAGES = 20, MAX_EXPANSIONS = 30, FUZZY_FROM = 5;
var PREFIX_WEIGHT = 0.5, FUZZY_WEIGHT = 0.3, MIN_STEM = 3;
var ENDINGS = [
  "owego", "owemu", "owych", "owymi",
  "iami", "iach", "iego", "iemu", "owie", "owej", "owym",
  "ami", "ach", "ego", "emu", "ich", "imi", "ymi", "ych", "iej", "iom", "iow",
  "owa", "owe", "owi", "owy", "ow", "om", "em", "ej", "ie", "ia", "ii", "iu", "ym", "im",
  "a", "e", "i", "o", "u", "y"
];
var STOP = {};
"w we z ze i a o u na do od po za dla przy oraz lub nad pod sie".split(" ").forEach(
  function (w) { STOP[w] = true; });
var WORD = /[\p{L}\p{N}]+/gu;
var EXTRA = { "ł": "l", "đ": "d", "ø": "o", "ß": "ss" };

var manifest = null;
var base = new URL("../../search/pl/", self.location.href);
var cache = {};
var latest = 0;

function fold(word) {
  return word.replace(/[łđøß]/g, function (c) { return EXTRA[c]; })
    .normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
}

function stem(word) {
  var written = word.toLowerCase();
  var w = fold(written);
  if (w.length <= MIN_STEM || !/^[a-z]+$/.test(w)) return w;
  var ending = "";
  for (var i = 0; i < ENDINGS.length; i++) {
    var e = ENDINGS[i];
    if (w.length - e.length >= MIN_STEM && w.slice(-e.length) === e) {
      ending = e;
      w = w.slice(0, -e.length);
      break;
    }
  }
  var long = w.length > MIN_STEM + 1;
  if (long && w.slice(-2) === "rz") return w.slice(0, -1);
  if (long && (w.slice(-3) === "stw" || w.slice(-3) === "ctw"))
    return w.slice(-3) === "stw" ? w.slice(0, -3) : w.slice(0, -2);
  if (!ending && long && /(^|[^i])e[kc]$|iec$/.test(written))
    return written.slice(-3) === "iec" ? w.slice(0, -3) + "c" : w.slice(0, -2) + w.slice(-1);
  if (ending === "y" && long && w.slice(-2) === "ac") return w.slice(0, -1) + "k";
  return w;
}

function words(text) {
  return (text.toLowerCase().match(WORD) || []).filter(function (w) { return !STOP[w]; });
}

function fetchJson(name) {
  if (!cache[name]) {
    cache[name] = fetch(new URL(encodeURIComponent(name) + ".json", base).href)
      .then(function (r) { return r.ok ? r.json() : null; })
      .catch(function () { delete cache[name]; return null; });
  }
  return cache[name];
}

// The file holding a key: that of the longest shard prefix the key starts with.
function shardOf(key) {
  var best = null;
  Object.keys(manifest.shards).forEach(function (p) {
    if (key.slice(0, p.length) === p && (best === null || p.length > best.length)) best = p;
  });
  return best === null ? null : manifest.shards[best];
}

function shard(key) {
  var name = shardOf(key);
  return name === null ? Promise.resolve(null) : fetchJson("t-" + name);
}

function withinOneEdit(a, b) {
  if (Math.abs(a.length - b.length) > 1 || a === b) return false;
  var i = 0, j = 0, edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) { i++; j++; continue; }
    if (++edits > 1) return false;
    if (a.length > b.length) i++;
    else if (a.length < b.length) j++;
    else if (a[i + 1] === b[j] && a[i] === b[j + 1]) { i += 2; j += 2; }
    else { i++; j++; }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}

// Every index term a query key stands for, with the weight of that way of matching.
async function matches(key) {
  var found = {}, data = await shard(key);
  function add(term, weight) {
    if (!found[term] || found[term] < weight) found[term] = weight;
  }
  if (data) {
    if (data.t[key]) add(key, 1);
    (data.a[key] || []).forEach(function (lemma) { add(lemma, 1); });
    var expanded = 0;
    Object.keys(data.t).forEach(function (term) {
      if (term === key) return;
      if (key.length >= MIN_STEM && term.slice(0, key.length) === key &&
          expanded < MAX_EXPANSIONS) {
        add(term, PREFIX_WEIGHT);
        expanded++;
      } else if (key.length >= FUZZY_FROM && withinOneEdit(key, term)) {
        add(term, FUZZY_WEIGHT);
      }
    });
  }
  var terms = {};
  await Promise.all(Object.keys(found).map(async function (term) {
    var home = term === key || !data || !data.t[term] ? await shard(term) : data;
    if (home && home.t[term]) terms[term] = { weight: found[term], postings: home.t[term] };
  }));
  return terms;
}

function idf(frequency) {
  return Math.log(1 + (manifest.pages - frequency + 0.5) / (frequency + 0.5));
}

async function rank(keys) {
  var perKey = await Promise.all(keys.map(matches));
  var scores = {}, covered = {};
  perKey.forEach(function (terms, k) {
    var best = {};
    Object.keys(terms).forEach(function (term) {
      var t = terms[term], list = t.postings, rarity = idf(list.length / 2), page = 0;
      for (var i = 0; i < list.length; i += 2) {
        page += list[i];
        var s = list[i + 1] * rarity * t.weight;
        if (!best[page] || best[page] < s) best[page] = s;
      }
    });
    Object.keys(best).forEach(function (page) {
      scores[page] = (scores[page] || 0) + best[page];
      covered[page] = (covered[page] || 0) + 1;
    });
  });
  var pages = Object.keys(scores).map(function (page) {
    var share = covered[page] / keys.length;
    return { page: +page, score: scores[page] * share * share };
  });
  pages.sort(function (a, b) { return b.score - a.score || a.page - b.page; });
  return { pages: pages.slice(0, MAX_PAGES), matched: perKey };
}

function highlighter(termSets) {
  return function (html) {
    var hits = 0;
    var out = html.split(/(<[^>]*>|&[#\w]+;)/).map(function (part, i) {
      if (i % 2 === 1) return part;
      return part.replace(WORD, function (word) {
        var key = stem(word);
        for (var k = 0; k < termSets.length; k++) {
          if (termSets[k][key]) { hits++; return "<mark data-md-highlight>" + word + "</mark>"; }
        }
        return word;
      });
    }).join("");
    return { html: out, hits: hits };
  };
}

async function search(query) {
  var typed = words(query);
  if (!typed.length || !manifest) return { items: [] };
  var keys = typed.map(stem);
  var ranked = await rank(keys);
  var termSets = ranked.matched.map(function (terms, k) {
    var set = {};
    set[keys[k]] = true;
    Object.keys(terms).forEach(function (t) { set[t] = true; });
    return set;
  });
  var mark = highlighter(termSets);
  var chunks = await Promise.all(ranked.pages.map(function (p) {
    return fetchJson("d-" + Math.floor(p.page / manifest.chunk));
  }));
  var items = [];
  ranked.pages.forEach(function (p, n) {
    var chunk = chunks[n];
    var sections = chunk && chunk[p.page % manifest.chunk];
    if (!sections) return;
    var item = [], terms = {};
    typed.forEach(function (word, k) {
      terms[word] = Object.keys(ranked.matched[k]).length > 0;
    });
    sections.forEach(function (section, s) {
      var title = mark(section[1]), text = mark(section[2]);
      if (s > 0 && !title.hits && !text.hits) return;
      item.push({
        location: section[0], title: title.html, text: text.html,
        score: s === 0 ? p.score : p.score * 0.999, terms: terms
      });
    });
    items.push(item);
  });
  return { items: items };
}

addEventListener("message", async function (event) {
  var message = event.data;
  if (message.type === SETUP) {
    manifest = (message.data.config || {}).pl || null;
    postMessage({ type: READY });
  } else if (message.type === QUERY) {
    var ticket = ++latest, result;
    try {
      result = await search(String(message.data || ""));
    } catch (error) {
      console.warn("search failed", error);
      result = { items: [] };
    }
    // An older query that finished late must not replace the results of a newer one.
    if (ticket === latest) postMessage({ type: RESULT, data: result });
  }
});
