"""The search worker's ranking, run by node over small indexes (no site build, no browser):
related words below the word itself, Polish spelling slips, the help of a weak result."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from support.search_node import node_search, worker_script

from ngosite.publishing.search_shards import build_index, shard_of


def _site(tmp_path: Path, pages: dict[str, str], topics: list | None = None) -> Path:
    """A site folder with only the search index of ``pages`` (address → title and text)."""
    entries = [{"location": url, "title": text.split(".")[0], "text": f"<p>{text}</p>"}
               for url, text in pages.items()]
    index = build_index(entries)
    search = tmp_path / "search"
    (search / "pl").mkdir(parents=True)
    for name, content in index.files.items():
        data = content if isinstance(content, bytes) else content.encode("utf-8")
        (search / name).write_bytes(data)
    (search / "search_index.json").write_text(
        json.dumps({"config": {"pl": index.manifest}, "docs": []}), encoding="utf-8")
    (search / "pl" / "tematy.json").write_text(json.dumps(topics or []), encoding="utf-8")
    return tmp_path


def test_a_page_with_the_word_ranks_above_a_page_with_a_related_word(tmp_path):
    site = _site(tmp_path, {
        "osp/": "Ochotnicza Straż Pożarna w Rudzie. Gasimy pożary i ratujemy.",
        "strazak/": "Dzień strażaka. Spotkanie z okazji święta.",
        "inne/": "Koło Gospodyń Wiejskich. Pierogi i dożynki.",
    })
    strazak, = node_search(site, ["strażak"])
    # "strażak" is on one page; our list relates it to "straż pożarna" of the other.
    assert strazak.pages == ("strazak/", "osp/")


def test_a_two_word_head_is_read_as_one(tmp_path):
    site = _site(tmp_path, {"uks/": "Uczniowski klub. Tenis stołowy dla uczniów.",
                            "gks/": "Klub piłkarski. Piłka nożna."})
    ping, = node_search(site, ["ping pong"])
    assert ping.pages[:1] == ("uks/",)


def test_a_slip_is_corrected_only_when_the_word_itself_is_not_there(tmp_path):
    site = _site(tmp_path, {"a/": "Klub seniora. Spotkania.", "b/": "Klub senijora. Inne."})
    exact, slip = node_search(site, ["seniora", "senjora"])
    assert exact.pages == ("a/",)
    assert set(slip.pages) == {"a/", "b/"}


def test_a_polish_slip_in_the_first_letters_looks_in_the_shard_of_the_right_spelling(tmp_path):
    # Enough words between "oc" and "oh" that the two prefixes land in different files.
    filler = {f"p{i}/": f"Strona {i}. od{i:05d}x odx{i:05d}" for i in range(1500)}
    site = _site(tmp_path, {**filler, "osp/": "Ochotnicza straż. Jednostka ochotnicza."})
    manifest = json.loads((site / "search" / "search_index.json").read_text())["config"]["pl"]
    assert shard_of("ochotnicz", manifest["shards"]) != shard_of("ohotnicz", manifest["shards"])
    found, = node_search(site, ["ohotnicza"])
    assert found.pages[:1] == ("osp/",)


def _typo_costs(pairs: list[tuple[str, str, int, bool]]) -> list[float | None]:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is needed to check the search worker")
    script = (worker_script()
              + f"\nprocess.stdout.write(JSON.stringify({json.dumps(pairs)}.map("
              "function (p) { var c = typoCost(p[0], p[1], p[2], p[3]);"
              " return c === Infinity ? null : c; })));")
    out = subprocess.run([node, "-e", script], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def test_polish_confusions_cost_half_an_edit():
    assert _typo_costs([
        ("wendkar", "wedkar", 1, False),  # ę typed as "en"
        ("ohotnicz", "ochotnicz", 1, False),  # h for ch
        ("zywnosc", "rzywnosc", 1, False),  # ż for rz
        ("sprzontan", "sprzatan", 1, False),  # ą typed as "on"
        ("ogrud", "ogrod", 1, False),  # u for ó
        ("senijor", "senior", 1, False),  # one letter too many
        ("rehablitacj", "rehabilitacj", 1, False),
        ("ratownitw", "ratownic", 2, False),  # two edits, allowed in long words
        ("ratownitw", "ratownic", 1, False),
        ("niepelnospawn", "niepelnosprawnosc", 1, True),  # a slip in a shortened word
        ("senior", "junior", 1, False),
    ]) == [0.5, 0.5, 0.5, 0.5, 0.5, 1, 1, 2, None, 1, None]


def test_a_weak_result_says_what_it_tried_and_offers_the_nearest_lists(tmp_path):
    topics = [{"u": "organizacje/obszary/sport/", "n": "sport i kultura fizyczna",
               "k": "obszar", "c": 2, "w": ["sport", "futbol", "kultur", "fizyczn"]},
              {"u": "organizacje/miejscowosci/ruda/", "n": "Ruda", "k": "miejscowosc",
               "c": 1, "w": ["rud"]}]
    site = _site(tmp_path, {"gks/": "Klub piłkarski. Piłka nożna w Rudzie.",
                            "osp/": "Straż w Rudzie. Pożary."}, topics)
    nothing, football, ruda = node_search(site, ["xyzzy", "futbol", "ruda"])
    assert nothing.pages == () and nothing.help["weak"]
    assert nothing.help["words"] == [{"word": "xyzzy", "ways": []}]
    assert football.pages[:1] == ("gks/",) and football.help["words"][0]["ways"] == ["r"]
    assert [t["url"] for t in football.help["topics"]] == ["organizacje/obszary/sport/"]
    assert [t["label"] for t in ruda.help["topics"]] == ["Ruda"]
