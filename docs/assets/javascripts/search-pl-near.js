/*
 * Words near the typed one, for the search worker (docs/assets/javascripts/search-pl.js, which
 * loads this file and whose constants and helpers it uses): the cost of a spelling slip with the
 * Polish confusions at half price, the spellings a slip in the first letters stands for (they
 * live in other shards), and the areas, localities and legal forms nearest to a weak query.
 * Plain ES2017.
 */
"use strict";

// The cost of writing index key b as query key a: insertions, deletions, substitutions and
// swaps of neighbours cost 1; the Polish confusions cost half: u for ó (folded o), z for rz
// (ż folded), h for ch, a for on/om (ą), e for en/em (ę), either way round. Infinity above max.
// With `prefix`, b may go on after the part that a spells (a slip in a shortened word).
function typoCost(a, b, max, prefix) {
  return typoCosts(a, b, max, prefix)[prefix ? 1 : 0];
}

// [the cost of b as a whole, as a word that a begins (Infinity unless `prefix`)] from one
// table: the worker asks for the second when the first is too high.
function typoCosts(a, b, max, prefix) {
  var whole = Math.abs(a.length - b.length) <= 2 * max;
  if (!(whole || (prefix && a.length - b.length <= 2 * max))) return [Infinity, Infinity];
  var prev2 = null, prev = [], row, i, j;
  for (j = 0; j <= b.length; j++) prev.push(j ? prev[j - 1] + insertCost(b, j - 1) : 0);
  for (i = 1; i <= a.length; i++) {
    row = [prev[0] + insertCost(a, i - 1)];
    var best = row[0];
    for (j = 1; j <= b.length; j++) {
      var x = a[i - 1], y = b[j - 1];
      var c = prev[j - 1] + (x === y ? 0 : (x + y === "uo" || x + y === "ou") ? 0.5 : 1);
      c = Math.min(c, prev[j] + insertCost(a, i - 1), row[j - 1] + insertCost(b, j - 1));
      if (i > 1 && j > 1 && x === b[j - 2] && a[i - 2] === y) c = Math.min(c, prev2[j - 2] + 1);
      if (i > 1 && y === "a" && /^o[nm]$/.test(a.slice(i - 2, i))) c = Math.min(c, prev2[j - 1] + 0.5);
      if (j > 1 && x === "a" && /^o[nm]$/.test(b.slice(j - 2, j))) c = Math.min(c, prev[j - 2] + 0.5);
      row.push(c);
      if (c < best) best = c;
    }
    if (best > max) return [Infinity, Infinity];
    prev2 = prev;
    prev = row;
  }
  var cost = whole ? prev[b.length] : Infinity;
  var start = prefix ? Math.min.apply(null, prev.slice(a.length - max)) : Infinity;
  return [cost <= max ? cost : Infinity, start <= max ? start : Infinity];
}

// Inserting or deleting s[k]: half for the r of rz before z, the c of ch before h, the n or m
// of en/em after e.
function insertCost(s, k) {
  var c = s[k], next = s[k + 1], before = s[k - 1];
  if ((c === "r" && next === "z") || (c === "c" && next === "h")) return 0.5;
  if ((c === "n" || c === "m") && before === "e") return 0.5;
  return 1;
}

// Spellings of a key's first letters that the Polish confusions make: a slip there puts the
// word in another shard ("ohotnicza" is under oh, "ochotnicza" under oc).
function confusedStarts(key) {
  var swaps = [["rz", "z"], ["z", "rz"], ["ch", "h"], ["h", "ch"], ["u", "o"], ["o", "u"],
    ["on", "a"], ["om", "a"], ["en", "e"], ["em", "e"]];
  var found = [];
  for (var i = 0; i < 4 && i < key.length; i++) {
    swaps.forEach(function (s) {
      if (key.slice(i, i + s[0].length) === s[0]) {
        found.push(key.slice(0, i) + s[1] + key.slice(i + s[0].length));
      }
    });
  }
  return found;
}

// Topics scored by the query words they have (as typed, corrected or related), rarer words of
// the topics counting more; the best few of each kind.
function nearestTopics(topics, keys, typed, matched) {
  var df = {};
  topics.forEach(function (topic) { topic.w.forEach(function (w) { df[w] = (df[w] || 0) + 1; }); });
  var scored = topics.map(function (topic) {
    var score = 0;
    keys.forEach(function (key, k) {
      var best = 0, long = fold(typed[k]).length >= FUZZY_FROM;
      topic.w.forEach(function (w) {
        var t = matched[k].terms[w], weight = w === key ? 1 : t ? t.weight : 0;
        if (!weight && long && !matched[k].exact && typoCost(key, w, 1, false) < Infinity) {
          weight = FUZZY_WEIGHT - FUZZY_STEP;
        }
        best = Math.max(best, weight * Math.log(1 + topics.length / df[w]));
      });
      score += best;
    });
    return { topic: topic, score: score };
  }).filter(function (s) { return s.score > 0; });
  scored.sort(function (a, b) { return b.score - a.score || b.topic.c - a.topic.c; });
  var shown = {}, out = [];
  scored.forEach(function (s) {
    var kind = s.topic.k;
    shown[kind] = (shown[kind] || 0) + 1;
    if (shown[kind] <= TOPICS_SHOWN[kind]) {
      out.push({ url: s.topic.u, label: s.topic.n, kind: kind, count: s.topic.c });
    }
  });
  return out;
}
