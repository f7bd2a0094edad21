"""Search entries of direct pages (NGO pages, the directory) are cut without the theme's parser,
and say what the theme's parser would say of the same HTML."""

from __future__ import annotations

import re
from html import escape, unescape
from pathlib import Path

import pytest
from material.plugins.search.plugin import SearchIndex
from mkdocs.structure.toc import get_toc
from support.projects import registry_with_entry

from ngosite.organisations.registry import Registry
from ngosite.publishing.search_sections import KEPT_TAGS, search_entries
from ngosite.site import generate

ROOT = Path(__file__).resolve().parents[2]
PAYLOAD = "<script>window.__xss=1</script><img src=x onerror=alert(1)> &amp; &lt;b&gt;"
HOSTILE = {
    "nazwa": f"Stowarzyszenie {PAYLOAD} „Przyjaciele”",
    "nazwa_skrocona": PAYLOAD,
    "forma_prawna": "stowarzyszenie",
    "opis": f"Opis {PAYLOAD}\n\n- lista **{PAYLOAD}**\n\n<h2 id=\"x\">nagłówek</h2>",
    "oferta": f"[link](javascript:alert(1)) {PAYLOAD}",
    "obszary": ["kultura"],
    "adres": {"kod_pocztowy": "11-513", "miejscowosc": "Miłki"},
    "kontakt": {"www": "https://example.org/?a=1&c=2"},
    "zweryfikowano": "2026-11-01",
}


@pytest.fixture(scope="module")
def registry(tmp_path_factory) -> Registry:
    return registry_with_entry(tmp_path_factory.mktemp("search"), "zlosliwa", HOSTILE,
                               ("data", "ngos", "documents", "docs"))


@pytest.fixture(scope="module")
def direct_pages(registry):
    pages = [p for p in generate(registry, {}).pages if p.direct]
    # Every NGO page, and the directory's pages (its lists end in index.md, as it does).
    assert len([p for p in pages if not p.src_uri.endswith("index.md")]) == len(
        registry.entries)
    return pages


class _Page:
    """What the theme's indexer reads of a page."""

    def __init__(self, url: str, title: str, html: str) -> None:
        self.url, self.content, self.toc = url, html, get_toc([])
        self.meta = {"title": escape(title)}  # as page_from_html writes the front matter
        self.title = self.meta["title"]


def _url(src_uri: str) -> str:
    return src_uri.removesuffix("index.md").removesuffix(".md") + (
        "" if src_uri.endswith("index.md") else "/")


def _theme_entries(url: str, title: str, html: str) -> list[dict[str, str]]:
    index = SearchIndex(lang=["pl"], separator="", pipeline=[], fields={})
    index.add_entry_from_context(_Page(url, title, html))
    return index.entries


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_ngo_pages_are_indexed_as_the_theme_would_index_them(registry, direct_pages):
    for page in direct_pages:
        if page.src_uri.endswith("index.md"):
            continue  # the directory: the theme's parser cannot skip its nested lists
        url = _url(page.src_uri)
        ours = search_entries(url, page.title, page.html)
        theirs = _theme_entries(url, page.title, page.html)
        # Two differences on purpose. The theme repeats the page's <h1> at the start of the
        # first entry's text (it is the title already); and a heading inside an excluded block
        # still gets an empty entry titled like the page. Beyond that: the same words.
        theirs = [e for e in theirs if e["text"] or "#" not in e["location"]]
        theirs[0]["text"] = theirs[0]["text"].removeprefix(
            _theme_entries(url, page.title, page.html.split("</h1>")[0] + "</h1>")[0]["text"])
        assert [(e["location"], unescape(e["title"])) for e in ours] == [
            (e["location"], unescape(e["title"])) for e in theirs], page.src_uri
        for mine, other in zip(ours, theirs, strict=True):
            assert _squeezed(mine["text"]) == _squeezed(other["text"]), mine["location"]


def test_every_ngo_has_its_sections_and_no_boilerplate(registry, direct_pages):
    by_url = {}
    for page in direct_pages:
        for entry in search_entries(_url(page.src_uri), page.title, page.html):
            by_url[entry["location"]] = entry
    for org in registry.entries:
        page_url = f"organizacje/{org.slug}/"
        assert page_url in by_url and f"{page_url}#o-organizacji" in by_url, org.slug
        assert f"{page_url}#na-mapie" not in by_url  # "Pokaż na mapie" is not content
        assert "Edytuj ten wpis" not in by_url[page_url]["text"]
    # The directory is indexed by its introduction, not by a copy of every card.
    directory = by_url["organizacje/"]
    assert "W katalogu są organizacje" in directory["text"]
    assert not any(org.org.name in directory["text"] for org in registry.entries)


def test_untrusted_text_stays_text(registry, direct_pages):
    page = next(p for p in direct_pages if p.src_uri == "organizacje/zlosliwa.md")
    entries = search_entries(_url(page.src_uri), page.title, page.html)
    for entry in entries:
        tags = {name for name in re.findall(r"</?([a-zA-Z0-9]+)", entry["text"] + entry["title"])}
        assert tags <= KEPT_TAGS, tags
        assert "<script" not in entry["text"] and "<img" not in entry["text"]
    text = " ".join(e["title"] + " " + e["text"] for e in entries)
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in text  # shown, escaped


def test_excluded_elements_nested_in_their_own_kind_are_cut_whole():
    html = ('<h1>T</h1><p>przed</p><ul data-search-exclude><li>a<ul><li>b</li></ul></li>'
            '<li>c</li></ul><p>po &#34;cudzysłowie&#34; &amp; więcej</p>'
            '<h2 id="dalej">Dalej <em>tu</em></h2><p>d</p><script>var p = "<p>"</script>')
    assert search_entries("x/", "T", html) == [
        {"location": "x/", "title": "T",
         "text": '<p>przed</p> <p>po "cudzysłowie" &amp; więcej</p>'},
        {"location": "x/#dalej", "title": "Dalej tu", "text": "<p>d</p>"},
    ]


def test_a_page_without_headings_is_one_entry_and_empty_sections_are_dropped():
    assert search_entries("y/", "Strona", "<p>tekst</p>") == [
        {"location": "y/", "title": "Strona", "text": "<p>tekst</p>"}]
    assert [e["location"] for e in search_entries(
        "y/", "S", '<p>a</p><h2 id="pusty"></h2>')] == ["y/"]
