"""A region's directory and search in Chromium: the sample data plus 3,000 generated NGOs.

The project is generated and built once per session (about half a minute). It checks what
only shows at scale: the directory's first page is light and pages on, every entry is
reachable without JavaScript (paged lists, one list per locality and per area), the filters
cover entries far beyond the first page, the new page kinds pass axe-core and work at 320 px,
and the sharded search finds the residents' NGOs among thousands while fetching little.
"""

from __future__ import annotations

import gzip
import json
import re
import shutil
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from urllib.request import urlopen

import pytest
from support.browser import REPO_ROOT, assert_visible_cards, cards, wait_until
from support.search_node import node_search
from test_browser_search_pl import TOP, load_queries

from ngosite.organisations.listings import PAGE_SIZE, url_slug
from ngosite.organisations.synthetic import write_synthetic_project

pytestmark = pytest.mark.browser

GENERATED = 3000
FIRST_VIEW_GZIP = 100_000
FIRST_SEARCH_GZIP = 200_000
# The shards of a one-word query's key (a lemma's may be in another) and, for its related words
# (docs/assets/javascripts/search-pl.js, RELATED_SHARDS), at most four more.
FIRST_SEARCH_SHARDS = 3 + 4
_LINK = re.compile(r'<a href="(?:\.\./)*(organizacja-\d+|[a-z][a-z0-9-]*)/"')


@pytest.fixture(scope="session")
def region(tmp_path_factory: pytest.TempPathFactory,
           build_site: Callable[[Path, Path], Path]) -> Path:
    work = tmp_path_factory.mktemp("region")
    project = write_synthetic_project(REPO_ROOT, work / "project", GENERATED)
    config = project / "mkdocs.yml"  # MkDocs writes a sitemap of addresses only with a site_url
    config.write_text(config.read_text(encoding="utf-8").replace(
        'site_url: ""', 'site_url: "https://organizacje.example.org/"'), encoding="utf-8")
    # The sample NGOs (the search queries' targets), and with them the documents and the fair
    # that name them: the build is --strict.
    for path in (REPO_ROOT / "ngos").glob("*.yml"):
        shutil.copy2(path, project / "ngos" / path.name)
    shutil.copytree(REPO_ROOT / "documents", project / "documents", dirs_exist_ok=True)
    shutil.copytree(REPO_ROOT / "data" / "targi", project / "data" / "targi")
    return build_site(project, work / "site")


@pytest.fixture(scope="session")
def region_url(region: Path, serve: Callable[[Path], str]) -> str:
    return serve(region)


@pytest.fixture(scope="session")
def catalogue(region: Path) -> dict:
    return json.loads((region / "organizacje" / "katalog.json").read_text(encoding="utf-8"))


def _get(url: str) -> str:
    with urlopen(url) as response:  # 127.0.0.1 only
        return response.read().decode("utf-8")


def _slugs(html: str) -> set[str]:
    return {m for m in _LINK.findall(html) if m.startswith("organizacja-")} | {
        m for m in re.findall(r'class="ngo-(?:card__title|item)"><a href="(?:\.\./)*([^"/]+)/"',
                              html)}


def test_the_first_view_is_light_and_pages_on(new_watched, region, region_url, catalogue):
    html = (region / "organizacje" / "index.html").read_bytes()
    assert len(gzip.compress(html, 6)) <= FIRST_VIEW_GZIP
    watched = new_watched(java_script_enabled=False)
    page = watched.page
    page.goto(region_url + "organizacje/")
    assert len(cards(page)) == PAGE_SIZE
    total = len(catalogue["organizacje"])
    last = -(-total // PAGE_SIZE)
    page.locator(f".ngo-pager a[href='strona-{last}/']").click()
    assert page.url.endswith(f"organizacje/strona-{last}/")
    assert page.locator("h1").inner_text().endswith(f"(strona {last})")
    assert 0 < page.locator(".ngo-card").count() <= PAGE_SIZE


def test_without_javascript_every_entry_is_on_a_static_list(region_url, catalogue):
    """Every entry is on the directory's pages, on its locality's list and on its areas'."""
    total = len(catalogue["organizacje"])
    pages = -(-total // PAGE_SIZE)
    seen: Counter[str] = Counter()
    for number in range(1, pages + 1):
        path = "organizacje/" if number == 1 else f"organizacje/strona-{number}/"
        seen.update(_slugs(_get(region_url + path)))
    assert set(seen) == {row[0] for row in catalogue["organizacje"]}
    assert max(seen.values()) == 1
    localities = catalogue["miejscowosci"]
    name, slug = localities[0]
    expected = {row[0] for row in catalogue["organizacje"] if localities[row[3]][0] == name}
    listed: set[str] = set()
    number = 1
    while True:
        suffix = "" if number == 1 else f"strona-{number}/"
        try:
            html = _get(region_url + f"organizacje/miejscowosci/{slug}/{suffix}")
        except OSError:
            break
        listed |= _slugs(html)
        number += 1
    assert listed == expected


def test_filters_cover_entries_beyond_the_first_page(watched, region_url, catalogue):
    page = watched.page
    page.goto(region_url + "organizacje/")
    page.locator("#filtry[data-ngo-ready]").wait_for(state="visible")  # the script's controls
    rows = catalogue["organizacje"]
    late = rows[-1]  # on the last page of the static list
    page.fill("#filtr-tekst", late[1])
    assert wait_until(lambda: any(c.href.endswith(f"/{late[0]}/") for c in cards(page)), page,
                      10), f"{late[1]!r} not found by the text filter"
    name = catalogue["miejscowosci"][late[3]][0]
    page.fill("#filtr-tekst", "")
    page.select_option("#filtr-miejscowosc", name)
    count = sum(1 for row in rows if row[3] == late[3])
    counter = page.locator("#licznik")
    assert wait_until(lambda: f"Pasujące organizacje: {count} z {len(rows)}" in
                      counter.inner_text(), page, 10), counter.inner_text()
    assert len(cards(page)) == min(count, PAGE_SIZE)
    if count > PAGE_SIZE:
        page.locator("#pokaz-wiecej").click()
        assert len(cards(page)) == min(count, 2 * PAGE_SIZE)
        focused = page.evaluate("document.activeElement.closest('li.ngo-card') !== null")
        assert focused, "after 'Pokaż kolejne' the keyboard should be on the first new card"
    page.select_option("#filtr-miejscowosc", "")
    assert_visible_cards(page, cards(page)[:PAGE_SIZE], "back to the first page")
    watched.assert_no_errors()


def test_lists_per_locality_and_area_are_reachable_and_in_the_sitemap(watched, region,
                                                                     region_url, catalogue):
    page = watched.page
    page.goto(region_url + "organizacje/organizacja-00001/")
    page.locator("main a", has_text="organizacje w tej miejscowości").click()
    page.wait_for_url("**/organizacje/miejscowosci/*/")
    heading = page.locator("h1").inner_text()
    assert heading.startswith("Organizacje: ") and page.locator(".ngo-count").count() == 1
    page.goto(region_url + "organizacje/organizacja-00001/")
    page.locator(".ngo-page__areas a").first.click()
    page.wait_for_url("**/organizacje/obszary/*/")
    page.goto(region_url + "organizacje/")
    page.locator(".ngo-browse a", has_text="według miejscowości").click()
    page.wait_for_url("**/organizacje/miejscowosci/")
    page.locator(".ngo-index li").first.wait_for()
    assert page.locator(".ngo-index li").count() == len(catalogue["miejscowosci"])
    sitemap = (region / "sitemap.xml").read_text(encoding="utf-8")
    slug = catalogue["miejscowosci"][0][1]
    assert f"organizacje/miejscowosci/{slug}/" in sitemap
    area = catalogue["obszary"][catalogue["organizacje"][0][5][0]]
    assert f"organizacje/obszary/{url_slug(area[0])}/" in sitemap
    assert "organizacje/strona-2/" in sitemap
    watched.assert_no_errors()


@pytest.mark.parametrize("path", [
    "organizacje/", "organizacje/strona-2/", "organizacje/miejscowosci/",
    "organizacje/miejscowosci/milki/", "organizacje/obszary/", "organizacje/obszary/kultura/",
])
def test_new_page_kinds_pass_axe_and_fit_320_px(new_watched, region_url, axe_check, path):
    watched = new_watched(viewport={"width": 320, "height": 640})
    page = watched.page
    response = page.goto(region_url + path)
    assert response is not None and response.ok, path
    page.wait_for_load_state("load")
    axe_check(page, f"/{path} (3,000 NGOs)")
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= 320, f"/{path} scrolls sideways at 320 px: {scroll}"
    watched.assert_no_errors()


def test_residents_queries_among_thousands_of_ngos(region):
    # The worker run by node over the region's index: the same ranking as in the search box
    # (test_browser_search_pl.py types the queries there, on the sample data), in 2 s instead
    # of 40 for the 95 queries.
    queries = load_queries()
    results = node_search(region, [q.text for q in queries])
    misses = [f"[{q.kind}] {q.text!r}: {', '.join(r.pages[:TOP])}"
              for q, r in zip(queries, results, strict=True)
              if not {f"organizacje/{slug}/" for slug in q.expected} & set(r.pages[:TOP])]
    assert len(misses) <= 0.03 * len(queries), "\n".join(misses)


def test_a_search_fetches_only_what_it_needs(watched, region, region_url):
    page = watched.page
    fetched: list[str] = []
    page.on("requestfinished", lambda request: fetched.append(request.url))
    page.goto(region_url)
    page.locator(".md-search__input").click()
    page.locator(".md-search__input").fill("seniorzy")
    page.locator(".md-search__input").press("End")
    items = page.locator(".md-search-result__item")
    assert wait_until(lambda: items.count() > 0, page, 10)
    searched = [u.removeprefix(region_url) for u in fetched if "/search" in u]
    sizes = [len(gzip.compress((region / path.split("?")[0]).read_bytes(), 6))
             for path in searched]
    shards = [p for p in searched if "/pl/t-" in p]
    total_shards = len(list((region / "search" / "pl").glob("t-*.json")))
    assert 0 < len(shards) <= FIRST_SEARCH_SHARDS < total_shards, shards
    assert sum(sizes) <= FIRST_SEARCH_GZIP, dict(zip(searched, sizes, strict=True))
    watched.assert_no_errors()
