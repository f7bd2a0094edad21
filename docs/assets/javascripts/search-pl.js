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
 * ("emeryci" → emeryc → emeryt). A word also matches as a prefix (lower weight), through the
 * related words its shard lists (r: ngosite.publishing.search_thesaurus; one word or two
 * neighbouring words, "ping pong"), and, only when the word itself is not in the index, with a
 * spelling slip: an edit distance of 1 from five letters and 2 from nine, where the Polish
 * confusions (ó/u, rz/ż, ch/h, ą/om, ę/en) cost half (typoCost). Related words and corrected
 * slips rank below the word itself. When few pages match every word, the worker says what it
 * tried and which areas, localities and legal forms are nearest (search/pl/tematy.json) on the
 * channel "search-pl-help", which docs/assets/js/search-help.js shows under the results.
 * Texts in the index are escaped HTML; only <mark> is added, around whole words outside tags.
 * Plain ES2017.
 */
"use strict";

// Spelling slips and the help's nearest topics: typoCosts, confusedStarts, nearestTopics.
importScripts("search-pl-near.js");

var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
var MAX_PAGES = 20, MAX_EXPANSIONS = 30, FUZZY_FROM = 5, FUZZY_TWO_FROM = 9;
var PREFIX_WEIGHT = 0.5, MIN_STEM = 3;
// Related words: of our reviewed list (r), of the thesaurus (s); both below the word itself.
var RELATED = { r: 0.6, s: 0.3 };
// A slip's weight falls with its cost: half an edit (a Polish confusion) 0.375, one edit 0.3.
var FUZZY_WEIGHT = 0.45, FUZZY_STEP = 0.15;
// How much of a query word a page covers by each way of matching it (see rank).
var COVER = { word: 1, prefix: 1, fuzzy: 1, r: 1, s: 0.6 };
// Related words live in other shards: a word fetches at most this many more for them, the
// shards of its rarest related words first (ours before the thesaurus's).
var RELATED_SHARDS = 4;
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

// Fewer pages than this with every query word: a weak result, explained (see help).
var WEAK_BELOW = 3, TOPICS_SHOWN = { obszar: 3, miejscowosc: 2, forma: 2 };
var channel = null;  // opened at the first query (an open channel keeps node's tests alive)
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

// Every index term a query key stands for: {term: {weight, way}}; terms of other shards are
// fetched with their postings (for related words, from at most RELATED_SHARDS more shards).
// `also` adds the related words found for a two-word head.
async function matches(key, typed, also) {
  var found = {}, data = await shard(key);
  function add(term, weight, way) {
    if (!found[term] || found[term].weight < weight) found[term] = { weight: weight, way: way };
  }
  var exact = !!(data && (data.t[key] || data.a[key]));
  if (data) {
    if (data.t[key]) add(key, 1, "word");
    (data.a[key] || []).forEach(function (lemma) { add(lemma, 1, "word"); });
    var extra = {};
    ["r", "s"].forEach(function (kind) {
      ((data[kind] || {})[key] || []).forEach(function (term) {
        var home = shardOf(term);
        if (home !== shardOf(key) && !cache["t-" + home]) {
          if (!extra[home] && Object.keys(extra).length >= RELATED_SHARDS) return;
          extra[home] = true;
        }
        add(term, RELATED[kind], kind);
      });
    });
    var expanded = 0;
    Object.keys(data.t).forEach(function (term) {
      if (term !== key && key.length >= MIN_STEM && term.slice(0, key.length) === key &&
          expanded < MAX_EXPANSIONS) {
        add(term, PREFIX_WEIGHT, "prefix");
        expanded++;
      }
    });
  }
  also.forEach(function (pair) { add(pair[0], RELATED[pair[1]], pair[1]); });
  if (!exact && fold(typed).length >= FUZZY_FROM) {
    var max = fold(typed).length >= FUZZY_TWO_FROM ? 2 : 1;
    var homes = [data].concat(await Promise.all(
      confusedStarts(key).filter(function (k) { return shardOf(k) !== shardOf(key); })
        .map(shard)));
    homes.forEach(function (home) {
      if (!home) return;
      Object.keys(home.t).forEach(function (term) {
        if (term === key) return;
        var costs = typoCosts(key, term, max, key.length >= FUZZY_FROM);
        var cost = costs[0], weight = FUZZY_WEIGHT;
        if (cost === Infinity) {
          cost = costs[1];
          weight *= PREFIX_WEIGHT;
        }
        if (cost < Infinity) add(term, weight - FUZZY_STEP * cost, "fuzzy");
      });
    });
  }
  var terms = {};
  await Promise.all(Object.keys(found).map(async function (term) {
    var home = term === key || !data || !data.t[term] ? await shard(term) : data;
    if (home && home.t[term]) {
      terms[term] = { weight: found[term].weight, way: found[term].way, postings: home.t[term] };
    }
  }));
  return { terms: terms, exact: exact };
}

// Related words of two neighbouring query words read as one ("ping pong", "łowienie ryb").
async function pairs(keys) {
  var found = keys.map(function () { return []; });
  await Promise.all(keys.slice(0, -1).map(async function (key, k) {
    var data = await shard(key), head = key + "+" + keys[k + 1];
    ["r", "s"].forEach(function (kind) {
      ((data && data[kind] || {})[head] || []).forEach(function (term) {
        found[k].push([term, kind]);
        found[k + 1].push([term, kind]);
      });
    });
  }));
  return found;
}

function idf(frequency) {
  return Math.log(1 + (manifest.pages - frequency + 0.5) / (frequency + 0.5));
}

// Pages ranked by BM25 of each query word's best way of matching, times the share of the
// query's words a page covers, squared (a page with every word comes first); a word matched
// only through a related word covers less of it (COVER).
async function rank(keys, typed) {
  var also = await pairs(keys);
  var perKey = await Promise.all(keys.map(function (key, k) {
    return matches(key, typed[k], also[k]);
  }));
  var scores = {}, covered = {};
  perKey.forEach(function (found) {
    var best = {}, cover = {};
    Object.keys(found.terms).forEach(function (term) {
      var t = found.terms[term], list = t.postings, rarity = idf(list.length / 2), page = 0;
      for (var i = 0; i < list.length; i += 2) {
        page += list[i];
        var s = list[i + 1] * rarity * t.weight;
        if (!best[page] || best[page] < s) best[page] = s;
        cover[page] = Math.max(cover[page] || 0, COVER[t.way]);
      }
    });
    Object.keys(best).forEach(function (page) {
      scores[page] = (scores[page] || 0) + best[page];
      covered[page] = (covered[page] || 0) + cover[page];
    });
  });
  var pages = Object.keys(scores).map(function (page) {
    var share = covered[page] / keys.length;
    return { page: +page, score: scores[page] * share * share, whole: share >= 1 };
  });
  pages.sort(function (a, b) { return b.score - a.score || a.page - b.page; });
  return { pages: pages.slice(0, MAX_PAGES), matched: perKey, whole: pages.filter(function (p) {
    return p.whole;
  }).length };
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
  if (!typed.length || !manifest) return { items: [], help: { query: query, weak: false } };
  var keys = typed.map(stem);
  var ranked = await rank(keys, typed);
  var termSets = ranked.matched.map(function (found, k) {
    var set = {};
    set[keys[k]] = true;
    Object.keys(found.terms).forEach(function (t) { set[t] = true; });
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
      terms[word] = Object.keys(ranked.matched[k].terms).length > 0;
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
  return { items: items, help: await help(query, typed, keys, ranked) };
}

// What a weak result tried, per typed word ([] when the word matched nothing), and the areas,
// localities and legal forms nearest to the query.
async function help(query, typed, keys, ranked) {
  if (ranked.whole >= WEAK_BELOW) return { query: query, weak: false };
  var words = typed.map(function (word, k) {
    var ways = {}, terms = ranked.matched[k].terms;
    Object.keys(terms).forEach(function (t) { ways[terms[t].way] = true; });
    return { word: word, ways: Object.keys(ways) };
  });
  var topics = (await fetchJson("tematy")) || [];
  return { query: query, weak: true, pages: ranked.pages.length, whole: ranked.whole,
           words: words, topics: nearestTopics(topics, keys, typed, ranked.matched) };
}

addEventListener("message", async function (event) {
  var message = event.data;
  if (message.type === SETUP) {
    manifest = (message.data.config || {}).pl || null;
    postMessage({ type: READY });
  } else if (message.type === QUERY) {
    var ticket = ++latest, result, query = String(message.data || "");
    try {
      result = await search(query);
    } catch (error) {
      console.warn("search failed", error);
      result = { items: [], help: { query: query, weak: false } };
    }
    // An older query that finished late must not replace the results of a newer one.
    if (ticket !== latest) return;
    if (!channel && typeof BroadcastChannel === "function") {
      channel = new BroadcastChannel("search-pl-help");
    }
    if (channel) channel.postMessage(result.help);
    postMessage({ type: RESULT, data: { items: result.items } });
  }
});
