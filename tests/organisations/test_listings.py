"""The directory's static lists: paged, per locality, per area; every entry reachable."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from support.projects import ROOT

from ngosite.organisations import pages as pages_module
from ngosite.organisations.directory_data import directory_data
from ngosite.organisations.listings import LIST_PAGE_SIZE, PAGE_SIZE, url_slug
from ngosite.organisations.pages import directory_pages
from ngosite.organisations.rules import check_slug
from ngosite.organisations.synthetic import write_synthetic_project
from ngosite.pipeline import load_registry

COUNT = 2 * PAGE_SIZE + 30
_CARD = re.compile(r'(?:"ngo-card__title"><a|"ngo-item"><a) href="(?:\.\./)*([a-z0-9-]+)/">')


@pytest.fixture(scope="module")
def registry(tmp_path_factory: pytest.TempPathFactory):
    project = write_synthetic_project(ROOT, tmp_path_factory.mktemp("lists") / "p", COUNT)
    loaded = load_registry(project)
    assert not loaded.errors and len(loaded.entries) == COUNT
    return loaded


@pytest.fixture(scope="module")
def pages(registry):
    return {page.src_uri: page for page in directory_pages(registry)}


def _cards(pages, prefix: str) -> list[str]:
    """Slugs on the pages of one list (its first page and its ``strona-N`` pages)."""
    found = []
    for src, page in pages.items():
        rest = src.removeprefix(prefix)
        if src.startswith(prefix) and re.fullmatch(r"(strona-\d+/)?index\.md", rest):
            found += _CARD.findall(page.html)
    return found


def test_the_directory_is_paged_and_every_entry_is_on_exactly_one_page(registry, pages):
    first = pages["organizacje/index.md"]
    assert len(_CARD.findall(first.html)) == PAGE_SIZE
    assert "organizacje/strona-3/index.md" in pages
    assert "organizacje/strona-4/index.md" not in pages
    assert 'href="strona-3/"' in first.html, "the first page links every page"
    slugs = _cards(pages, "organizacje/")
    assert Counter(slugs) == Counter(e.slug for e in registry), "each entry once"
    assert 'aria-current="page"' in pages["organizacje/strona-2/index.md"].html


def test_one_list_per_locality_and_per_area_with_exactly_their_entries(registry, pages):
    by_locality = Counter(e.org.address.locality for e in registry)
    for locality, count in by_locality.items():
        prefix = f"organizacje/miejscowosci/{url_slug(locality)}/"
        slugs = _cards(pages, prefix)
        assert sorted(slugs) == sorted(e.slug for e in registry
                                       if e.org.address.locality == locality), locality
        assert f"Organizacji na liście: {count}" in pages[prefix + "index.md"].html
    areas = Counter(a for e in registry for a in e.org.areas)
    for area, count in areas.items():
        prefix = f"organizacje/obszary/{url_slug(area)}/"
        assert len(_cards(pages, prefix)) == count, area
    index = pages["organizacje/miejscowosci/index.md"].html
    assert all(f'href="../miejscowosci/{url_slug(name)}/"' in index for name in by_locality)


def test_lists_per_locality_and_area_are_paged_by_their_own_size(registry, monkeypatch):
    """Their one-line entries come ``LIST_PAGE_SIZE`` a page (200: a page of lines weighs about
    what a page of 50 cards does); the directory's own pages keep ``PAGE_SIZE`` cards."""
    assert LIST_PAGE_SIZE > PAGE_SIZE
    monkeypatch.setattr(pages_module, "LIST_PAGE_SIZE", 7)
    pages = {page.src_uri: page for page in directory_pages(registry)}
    area, count = Counter(a for e in registry for a in e.org.areas).most_common(1)[0]
    assert count > 7
    prefix = f"organizacje/obszary/{url_slug(area)}/"
    on_pages = [len(_CARD.findall(pages[prefix + (f"strona-{n}/" if n > 1 else "")
                                        + "index.md"].html)) for n in range(1, -(-count // 7) + 1)]
    assert on_pages[:-1] == [7] * (len(on_pages) - 1) and sum(on_pages) == count
    assert f"{prefix}strona-{len(on_pages) + 1}/index.md" not in pages
    assert len(_CARD.findall(pages["organizacje/index.md"].html)) == PAGE_SIZE


def test_cards_link_to_the_lists_of_their_locality_and_areas(registry, pages):
    entry = registry.entries[0]
    page = pages["organizacje/index.md"].html
    card = page[page.index(f'href="{entry.slug}/"'):]
    card = card[:card.index("ngo-card__summary")]
    assert f'href="miejscowosci/{url_slug(entry.org.address.locality)}/"' in card
    deeper = pages[f"organizacje/miejscowosci/{url_slug(entry.org.address.locality)}/index.md"]
    assert f'href="../../{entry.slug}/"' in deeper.html


def test_filter_data_holds_every_entry(registry):
    data = json.loads(directory_data(registry))
    rows = data["organizacje"]
    assert [r[0] for r in rows] == [e.slug for e in registry]
    first = registry.entries[0].org
    assert data["miejscowosci"][rows[0][3]][0] == first.address.locality
    assert [data["obszary"][i][0] for i in rows[0][5]] == list(first.areas)


def test_untrusted_names_are_escaped_on_the_lists(tmp_path: Path):
    from support.projects import registry_with_entry

    registry = registry_with_entry(tmp_path, "zzz-xss", {
        "nazwa": "<script>alert(1)</script> Koło", "forma_prawna": "stowarzyszenie",
        "opis": "Opis.", "obszary": ["kultura"], "zweryfikowano": "2026-10-01",
        "adres": {"kod_pocztowy": "11-513", "miejscowosc": "Miłki"}})
    html = "".join(p.html or "" for p in directory_pages(registry))
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html
    # The filter data carries the name as text; directory.js puts it in with textContent.
    rows = json.loads(directory_data(registry))["organizacje"]
    assert next(r for r in rows if r[0] == "zzz-xss")[1].startswith("<script>")


@pytest.mark.parametrize("slug", ["miejscowosci", "obszary", "strona-2", "katalog"])
def test_addresses_of_the_lists_are_not_free_for_ngo_files(slug):
    problem = check_slug(f"ngos/{slug}.yml", slug)
    assert problem is not None and "zajęta przez listy katalogu" in problem.message


def test_an_ordinary_slug_is_still_free():
    assert check_slug("ngos/strona-milki.yml", "strona-milki") is None
