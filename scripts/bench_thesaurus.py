#!/usr/bin/env python3
"""What each source of related words adds: recall per kind of query, and bytes.

    .venv/bin/python scripts/bench_thesaurus.py                 # sample data and +1,000
    .venv/bin/python scripts/bench_thesaurus.py --counts 1000 --json out.json

For each combination of sources (``NGOSITE_THESAURUS``: none; our list; the thesaurus; the
thesaurus with Morfeusz's forms; all) it builds the sample data and the sample plus N generated
NGOs, runs the residents' queries (``tests/search_queries.yml``) through the search worker under
node (``tests/support/search_node.py``; the same worker the browser runs, without the theme's
search box, so a run takes seconds, not minutes), and measures:
- recall@5 per kind of query and in all;
- the bytes of a first search ("seniorzy": manifest, shards, result texts; gzip -6) and of the
  whole index, and how many related-word heads the shards carry.
``scripts/bench_search.py`` measures the chosen default in Chromium, beside Pagefind.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "tests" / "browser"))
sys.path.insert(0, str(ROOT / "scripts"))

from bench_search import build, synthetic_project  # noqa: E402
from support.search_node import node_search  # noqa: E402
from test_browser_search_pl import TOP, load_queries  # noqa: E402

COMBINATIONS = ("none", "ngo", "mythes", "mythes,formy", "mythes-all,formy", "ngo,mythes,formy")
HOLDOUT = ROOT / "tests" / "search_queries_holdout.yml"
FIRST_QUERY = "seniorzy"


def _gzip(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 6))


def measure(site: Path) -> dict[str, object]:
    queries, holdout = load_queries(), load_queries(HOLDOUT)
    results = node_search(site, [FIRST_QUERY, *(q.text for q in [*queries, *holdout])])
    first, answers = results[0], results[1:len(queries) + 1]
    held = [bool({f"organizacje/{slug}/" for slug in q.expected} & set(a.pages[:TOP]))
            for q, a in zip(holdout, results[len(queries) + 1:], strict=True)]
    found: Counter[str] = Counter()
    total: Counter[str] = Counter()
    misses = []
    for query, answer in zip(queries, answers, strict=True):
        total[query.kind] += 1
        if {f"organizacje/{slug}/" for slug in query.expected} & set(answer.pages[:TOP]):
            found[query.kind] += 1
        else:
            misses.append(query.text)
    index = sorted((site / "search").rglob("*.json"))
    fetched = [site / "search" / "search_index.json", *(site / f for f in first.files)]
    heads = 0
    for shard in (site / "search" / "pl").glob("t-*.json"):
        data = json.loads(shard.read_text(encoding="utf-8"))
        heads += len(data.get("r", {})) + len(data.get("s", {}))
    return {"recall": sum(found.values()) / len(queries),
            "by_kind": {kind: [found[kind], total[kind]] for kind in total},
            "misses": misses, "related_heads": heads,
            "holdout": [sum(held), len(held)],
            "holdout_misses": [q.text for q, ok in zip(holdout, held, strict=True) if not ok],
            "first_search_gzip": sum(_gzip(p) for p in fetched if p.is_file()),
            "index_gzip": sum(_gzip(p) for p in index)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--counts", type=int, nargs="*", default=[1000])
    parser.add_argument("--json", type=Path)
    parser.add_argument("--sources", nargs="*", default=list(COMBINATIONS),
                        help="combinations of NGOSITE_THESAURUS to measure")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-thesaurus-") as tmp:
        work = Path(tmp)
        projects = {"sample": ROOT}
        for count in args.counts:
            projects[f"sample+{count}"] = synthetic_project(work, count)
        for name, project in projects.items():
            for sources in args.sources:
                os.environ["NGOSITE_THESAURUS"] = sources
                site = work / "site"
                build(project, site)
                row = {"project": name, "sources": sources, **measure(site)}
                rows.append(row)
                kinds = ", ".join(f"{k} {f}/{t}" for k, (f, t) in row["by_kind"].items())
                print(f"{name:14} {sources:18} recall {row['recall']:.1%}  first search "
                      f"{row['first_search_gzip']:,} B  index {row['index_gzip']:,} B  "
                      f"heads {row['related_heads']:,}\n    {kinds}\n    misses: {row['misses']}"
                      f"\n    held-out related words {row['holdout'][0]}/{row['holdout'][1]}, "
                      f"misses: {row['holdout_misses']}",
                      flush=True)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
