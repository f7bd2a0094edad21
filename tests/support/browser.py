"""Small helpers shared by the browser tests: reading the directory page and the site search."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from playwright.sync_api import BrowserContext, Page

REPO_ROOT = Path(__file__).resolve().parents[2]
DIRECTORY = "organizacje/"
# The visitor's clock, unless a test sets its own: the pages correct what depends on the date
# (open consultations, upcoming events, the form's "verified" date) in the browser, so a run
# past midnight in Warsaw or on a later day must not change what the tests see. Only Date is
# fixed; timers keep running.
VISIT_TIME = datetime(2026, 11, 29, 12, 0, tzinfo=ZoneInfo("Europe/Warsaw"))


@dataclass
class Watched:
    """A browser context and page, with everything the page did that a test may object to."""

    context: BrowserContext
    page: Page
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    external_requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def assert_no_external_requests(self) -> None:
        assert not self.external_requests, (
            "the page tried to reach hosts other than 127.0.0.1 (fonts, CDN, analytics?); "
            "serve every asset from the site itself:\n  " + "\n  ".join(self.external_requests)
        )

    def assert_no_errors(self) -> None:
        """No JavaScript exception, no console error (404 of an asset shows up here too)."""
        problems = [f"page error: {e}" for e in self.page_errors]
        problems += [f"console error: {e}" for e in self.console_errors]
        assert not problems, "the page reported errors:\n  " + "\n  ".join(problems)

    def assert_clean(self) -> None:
        self.assert_no_external_requests()
        self.assert_no_errors()


_CARDS_JS = """
els => els.map(li => {
  const link = li.querySelector('h2 a') || li.querySelector('a');
  const heading = li.querySelector('h2') || link;
  return {
    name: heading ? heading.textContent.trim() : '',
    href: link ? link.href : '',
    forma: li.dataset.forma || '',
    obszary: (li.dataset.obszary || '').split(/\\s+/).filter(Boolean),
    miejscowosc: li.dataset.miejscowosc || '',
    tekst: li.dataset.tekst || '',
    hidden: li.hidden,
    visible: li.checkVisibility(),
  };
})
"""


@dataclass(frozen=True)
class Card:
    name: str
    href: str
    forma: str
    obszary: tuple[str, ...]
    miejscowosc: str
    tekst: str
    hidden: bool
    visible: bool


def cards(page: Page) -> list[Card]:
    """Every ``li.ngo-card`` of the directory page, with its data attributes and visibility."""
    raw = page.eval_on_selector_all("#lista-organizacji li.ngo-card", _CARDS_JS)
    return [Card(**{**c, "obszary": tuple(c["obszary"])}) for c in raw]


def names(items: list[Card]) -> list[str]:
    return sorted(c.name for c in items)


def wait_until(condition: Callable[[], bool], page: Page, timeout_s: float = 3.0) -> bool:
    """Poll ``condition`` (the page may debounce its updates); True once it holds."""
    deadline = time.monotonic() + timeout_s
    while True:
        if condition():
            return True
        if time.monotonic() > deadline:
            return False
        page.wait_for_timeout(50)


def assert_visible_cards(page: Page, expected: list[Card], what: str) -> list[Card]:
    """Wait until exactly ``expected`` cards are visible, else fail with the difference."""
    want = {c.href for c in expected}

    def shown() -> set[str]:
        return {c.href for c in cards(page) if c.visible}

    wait_until(lambda: shown() == want, page)
    now = cards(page)
    got = {c.href for c in now if c.visible}
    if got != want:
        extra = sorted(c.name for c in now if c.href in got - want)
        missing = sorted(c.name for c in now if c.href in want - got)
        raise AssertionError(
            f"{what}: expected {len(want)} visible card(s), got {len(got)}\n"
            f"  shown but should be hidden: {extra}\n  hidden but should be shown: {missing}"
        )
    wrong_attr = [c.name for c in now if c.hidden == c.visible]
    assert not wrong_attr, (
        f"{what}: visibility and the `hidden` attribute disagree for {wrong_attr} "
        "(does CSS override [hidden] with a display rule?)"
    )
    return now


def page_url(url: str) -> str:
    """The page an address points to: no query (the theme adds ``?h=`` highlights), no anchor."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}{parts.path}"


def open_search(page: Page) -> None:
    """Open mkdocs-material's search box (header input on wide screens, the icon on phones)."""
    field = page.locator(".md-search__input")
    if not field.is_visible():
        page.locator("label.md-header__button[for='__search']").click()
    field.click()


@dataclass(frozen=True)
class SearchResults:
    query: str
    meta: str
    links: tuple[str, ...]  # absolute URLs without query (?h=…) and fragment
    texts: tuple[str, ...]  # innerText of each .md-search-result__item

    def describe(self) -> str:
        shown = "\n    ".join(t.replace("\n", " | ")[:160] for t in self.texts[:10]) or "(none)"
        return f"search {self.query!r}: {self.meta!r}\n    {shown}"


def search(page: Page, query: str, timeout_s: float = 6.0) -> SearchResults:
    """Type ``query`` into the site search and return what it shows once results settle."""
    open_search(page)
    field = page.locator(".md-search__input")
    field.fill("")
    field.press_sequentially(query, delay=10)
    items = page.locator(".md-search-result__item")
    # The worker loads the index on first use; results may take a moment and then change.
    wait_until(lambda: items.count() > 0, page, timeout_s)
    last = -1
    for _ in range(10):
        count = items.count()
        if count == last:
            break
        last = count
        page.wait_for_timeout(150)
    raw = page.evaluate(
        """() => ({
          meta: (document.querySelector('.md-search-result__meta') || {}).textContent || '',
          links: [...document.querySelectorAll('.md-search-result__item a')].map(a => a.href),
          texts: [...document.querySelectorAll('.md-search-result__item')]
                   .map(li => li.innerText),
        })"""
    )
    return SearchResults(
        query=query,
        meta=raw["meta"].strip(),
        links=tuple(dict.fromkeys(page_url(h) for h in raw["links"])),
        texts=tuple(raw["texts"]),
    )


def page_kinds(site: Path) -> dict[str, str]:
    """Kind → the first page address (relative, ends with /) of that kind."""
    kinds: dict[str, str] = {}
    for index in sorted(site.rglob("index.html")):
        parts = index.parent.relative_to(site).parts
        if parts and parts[0] in ("assets", "search"):
            continue
        shape = [parts[0]] if parts else []
        for part in parts[1:]:
            shape.append(re.sub(r"\d+", "N", part) if re.search(r"\d", part) else "*")
        kind = "/".join(shape)
        path = "/".join(parts) + "/" if parts else ""
        kinds.setdefault(kind, path)
    return kinds
