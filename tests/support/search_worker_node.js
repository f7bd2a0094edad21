/*
 * Runs the site's search worker (docs/assets/javascripts/search-pl.js) under node against a
 * built site folder, without a browser: fetch() reads the site's files, the worker's messages
 * are awaited one query at a time. For quick measurements while tuning and for fast tests; the
 * browser tests type the same queries into the real search box.
 *
 *   node search_worker_node.js <worker.js> <site folder> < queries.json > results.json
 *
 * Input: a JSON list of query strings. Output: per query {pages: [page addresses in order],
 * help: the explanation the worker broadcast for it, or null}.
 */
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const [worker, site] = process.argv.slice(2);
const ORIGIN = "http://127.0.0.1/";
const fetched = [];

global.self = { location: { href: ORIGIN + "assets/javascripts/search-pl.js" } };
global.fetch = async function (url) {
  const file = path.join(site, decodeURIComponent(new URL(url).pathname));
  fetched.push(file);
  let text = null;
  try { text = fs.readFileSync(file, "utf8"); } catch (error) { /* missing: not ok */ }
  return { ok: text !== null, json: async () => JSON.parse(text) };
};
let onMessage = null, waiting = null, help = null;
global.addEventListener = function (type, handler) { if (type === "message") onMessage = handler; };
global.postMessage = function (message) { if (waiting) waiting(message); };
global.BroadcastChannel = class {
  constructor() {}
  postMessage(message) { help = message; }
  close() {}
};

global.importScripts = function (name) {
  const file = path.join(path.dirname(worker), name);
  vm.runInThisContext(fs.readFileSync(file, "utf8"), { filename: file });
};
vm.runInThisContext(fs.readFileSync(worker, "utf8"), { filename: worker });

function send(message) {
  return new Promise(function (resolve) {
    waiting = resolve;
    onMessage({ data: message });
  });
}

(async function () {
  const queries = JSON.parse(fs.readFileSync(0, "utf8"));
  const index = JSON.parse(fs.readFileSync(path.join(site, "search", "search_index.json"), "utf8"));
  await send({ type: 0, data: index });
  const out = [];
  for (const query of queries) {
    help = null;
    fetched.length = 0;
    const result = await send({ type: 2, data: query });
    const pages = [];
    for (const item of result.data.items) {
      const page = item[0].location.split("#")[0];
      if (!pages.includes(page)) pages.push(page);
    }
    out.push({ pages: pages, help: help, files: fetched.map((f) => path.relative(site, f)) });
  }
  process.stdout.write(JSON.stringify(out));
})();
