"""The search worker run by node over a built site (``search_worker_node.js``), no browser.

Quick to run (the whole query set in about a second), so used while tuning
(``scripts/bench_search.py --node``) and by tests that need the worker's ranking but not the
theme's search box.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
HARNESS = HERE / "search_worker_node.js"
WORKER = HERE.parent.parent / "docs" / "assets" / "javascripts" / "search-pl.js"


@dataclass(frozen=True)
class NodeResult:
    pages: tuple[str, ...]  # page addresses in rank order, relative to the site root
    help: dict | None  # what the worker broadcast for the help box, if anything
    files: tuple[str, ...]  # index files the query fetched (not cached before it)


def worker_script(worker: Path = WORKER) -> str:
    """The worker's functions (everything before its message handler) as a script for
    ``node -e``, with the file it loads; a test appends what it runs."""
    head = worker.read_text(encoding="utf-8").split('addEventListener("message"')[0]
    return ("var self = {location: {href: 'http://x/assets/javascripts/search-pl.js'}};\n"
            "var importScripts = function (name) { require('vm').runInThisContext("
            f"require('fs').readFileSync({json.dumps(str(worker.parent))} + '/' + name, 'utf8'));"
            " };\n" + head)


def node_search(site: Path, queries: list[str], worker: Path = WORKER) -> list[NodeResult]:
    """Each query's results, in order, from the worker run by node over ``site``."""
    node = shutil.which("node")
    if node is None:
        raise RuntimeError("node is needed to run the search worker outside a browser")
    out = subprocess.run([node, str(HARNESS), str(worker), str(site)],
                         input=json.dumps(queries), capture_output=True, text=True, check=True)
    return [NodeResult(tuple(p.lstrip("/") for p in r["pages"]), r["help"], tuple(r["files"]))
            for r in json.loads(out.stdout)]
