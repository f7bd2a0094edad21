"""The sharded Polish search index: keys agree with the browser, shards hold what a query needs."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from support.search_node import worker_script

from ngosite.publishing.polish_stem import search_key
from ngosite.publishing.search_morphology import SWITCH, Morphology
from ngosite.publishing.search_shards import (
    PAGES_PER_CHUNK,
    build_index,
    shard_of,
)

WORDS = (
    "seniorów", "seniorzy", "Miłkach", "wędkarze", "wędkarstwo", "Borek", "Borki", "strażacy",
    "taniec", "tańca", "zajęć", "zajęcia", "ratownictwo", "Koło", "Gospodyń", "Wiejskich",
    "Rydzewie", "Staświnach", "pożarnej", "ŁĄKA", "żeglarstwo", "dzieci", "dziecko", "emeryci",
    "emerytów", "2026", "Kraków", "Łódź", "Ø", "café", "niepełnosprawnym", "przyjaciół",
    "jeziora", "piłka", "nożna", "ochotnicza", "Wyszowate",
)


def _js_keys(words: list[str]) -> list[str]:
    """``stem`` of the worker, run by node over ``words``."""
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is needed to check the search worker against the build")
    script = (worker_script()
              + f"\nprocess.stdout.write(JSON.stringify({json.dumps(words)}.map(stem)));")
    out = subprocess.run([node, "-e", script], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def test_the_browser_and_the_build_make_the_same_keys():
    words = list(WORDS) + [w.upper() for w in WORDS]
    assert _js_keys(words) == [search_key(w) for w in words]


def test_light_stemmer_brings_inflected_forms_together():
    assert search_key("seniorów") == search_key("seniorzy") == search_key("senior")
    assert search_key("Borek") == search_key("Borki")
    assert search_key("strażacy") == search_key("strażak")


def test_morphology_table_is_off_unless_asked_for(monkeypatch):
    monkeypatch.delenv(SWITCH, raising=False)
    assert Morphology({search_key("emeryci")}).canonical(search_key("emeryci")) == (
        search_key("emeryci"),)


def test_morphology_table_joins_what_the_stemmer_leaves_apart(monkeypatch):
    monkeypatch.setenv(SWITCH, "1")
    morphology = Morphology({search_key("emeryci"), search_key("dzieci")})
    assert morphology.canonical(search_key("emeryci")) == (search_key("emeryt"),)
    assert search_key("dziecko") in morphology.canonical(search_key("dzieci"))
    aliases = morphology.aliases({search_key("emeryt")})
    assert aliases[search_key("emeryci")] == [search_key("emeryt")]


def _entries(count: int) -> list[dict[str, str]]:
    return [{"location": f"organizacje/o-{i:04d}/", "title": f"Klub nr {i} Seniorów",
             "text": f"<p>Zajęcia dla emerytów w Miłkach, spotkanie {i} &amp; taniec.</p>"}
            for i in range(count)] + [
        {"location": "organizacje/o-0000/#oferta", "title": "Oferta",
         "text": "<p>Wędkarstwo &lt;script&gt;</p>"}]


def test_every_page_is_in_one_chunk_with_its_sections_escaped():
    index = build_index(_entries(20))
    assert index.manifest["pages"] == 20
    first = json.loads(index.files["pl/d-0.json"])
    assert len(first) == PAGES_PER_CHUNK
    assert first[0][1] == ["organizacje/o-0000/#oferta", "Oferta", "Wędkarstwo &lt;script&gt;"]
    assert "pl/d-2.json" in index.files and "pl/d-3.json" not in index.files


@pytest.mark.parametrize("table", ["0", "1"])
def test_a_query_word_finds_its_term_and_alias_in_the_shard_of_its_key(monkeypatch, table):
    monkeypatch.setenv(SWITCH, table)
    index = build_index(_entries(300))
    shards = index.manifest["shards"]
    # "emeryci" (emerytów on the pages) is joined by the morphology table only.
    for word in ("seniorzy", "miłki", "tańca") + (("emeryci",) if table == "1" else ()):
        key = search_key(word)
        shard = json.loads(index.files[f"pl/t-{shard_of(key, shards)}.json"])
        assert key in shard["t"] or key in shard["a"], word
    senior = json.loads(index.files[f"pl/t-{shard_of('senior', shards)}.json"])["t"]["senior"]
    assert sum(senior[0::2]) == 299, "page gaps add up to the last page"
    assert len(senior) == 600


def test_small_prefixes_share_a_file_and_every_prefix_names_one():
    index = build_index(_entries(20))
    files = {name for name in index.files if name.startswith("pl/t-")}
    shards = index.manifest["shards"]
    assert len(files) < len(shards) and len(files) <= 3
    assert {f"pl/t-{name}.json" for name in shards.values()} == files


def test_large_shards_are_split_by_longer_prefixes():
    entries = [{"location": f"p{i}/", "title": "", "text": f"stowarzyszenie{i} stolarz{i}"}
               for i in range(3000)]
    shards = build_index(entries).manifest["shards"]
    assert "st" not in shards and any(s.startswith("sto") for s in shards)
    assert all(len(s) <= 4 for s in shards)


def _pages_per_term(files: dict) -> dict[str, list[int]]:
    found = {}
    for name, text in files.items():
        if name.startswith("pl/t-"):
            for term, flat in json.loads(text)["t"].items():
                pages, page = [], 0
                for gap in flat[0::2]:
                    page += gap
                    pages.append(page)
                found[term] = pages
    return found


def test_generated_pages_indexed_apart_then_merged_give_the_same_pages_per_term():
    from ngosite.publishing.search_shards import IndexBuilder, index_files, merge

    generated = [e for e in _entries(40) if e["location"] != "organizacje/o-0003/"]
    # Words the generated pages have too: the hand-written pages use their lemmas.
    handwritten = [{"location": "o-klubie/", "title": "Seniorów klub",
                    "text": "<p>Seniorzy, zajęcia dla emerytów, taniec w Miłkach.</p>"}]
    first, then = IndexBuilder(), IndexBuilder()
    first.add_entries(generated)
    then.add_entries(handwritten)
    known = first.prepare()
    merged = dict(index_files(merge(known, then.prepare(known=known))))
    whole = build_index([*generated, *handwritten])
    assert merged.pop("manifest") and _pages_per_term(merged) == _pages_per_term(whole.files)
