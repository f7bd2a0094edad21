"""The theme's page around our generated pages: rendered once per kind, filled for each page.

mkdocs-material renders its whole ``main.html`` for every page: head, header, search box, the
menu with every entry, footer, scripts. For 10,000 NGO pages that is 10,000 renders of the same
markup (profiled at 1,000 NGOs: ``base.html`` took 4.0 of 9.3 s, its menu alone 1.6 s), in which
only the title, the body and the canonical address change. Here the theme renders a page of a
kind once, with markers in those three places, and every other page of the kind is that text
with the markers replaced.

A *kind* is every page for which the theme's output can differ only in those places: the same
folder (the theme's links are relative to it), the same front matter apart from the title,
a body with or without its own ``<h1>`` (the theme adds one otherwise), and nothing that only
a page of the menu has (an active entry, previous and next links, a table of contents, an edit
link). A page that does not fit is rendered by the theme as usual (``shell_key`` is None).

The theme's part is also compacted (``compact``): its templates indent every line, a quarter of
an NGO page's bytes; each run of blank space with a line break becomes one line break, which
HTML renders the same, except inside ``<pre>``, ``<textarea>``, ``<script>`` and ``<style>``,
which stay as they are (an inline script's hash in the page's policy names its exact text).
``tests/publishing/test_page_shell.py`` builds pages both ways and finds them equal: the theme's
own markup, compacted, around the body.

The page objects are MkDocs pages, used only through the attributes the theme's templates read
(this module does not import MkDocs).
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Callable
from typing import Any

# Markers for the filled places: text no title, body or address contains, and no filter of
# the theme changes (no markup, no entity, no space).
TITLE = "\ue000ngosite-title\ue001"
CONTENT = "\ue000ngosite-content\ue001"
CANONICAL = "\ue000ngosite-canonical\ue001"

_KEPT = ("pre", "textarea", "script", "style")
_COMPACT = re.compile(
    r"(<(?:" + "|".join(_KEPT) + r")\b.*?</(?:" + "|".join(_KEPT) + r")\s*>)"
    r"|[ \t\r\f]*\n[ \t\r\n\f]*", re.S | re.I)


def compact(html: str) -> str:
    """``html`` with each run of ASCII blank space that holds a line break made one line break,
    outside ``<pre>``, ``<textarea>``, ``<script>`` and ``<style>`` (and never a no-break
    space). A browser collapses such runs to one space wherever it shows text, so the page
    looks the same."""
    return _COMPACT.sub(lambda m: m.group(1) or "\n", html)


def shell_key(page: Any) -> tuple[str, ...] | None:
    """What makes the theme's output for ``page`` the same as for another page outside the
    filled places, or None when the page must be rendered whole (see the module)."""
    if (page.previous_page is not None or page.next_page is not None or page.parent is not None
            or page.is_homepage or page.edit_url or list(page.toc) or "title" in vars(page)):
        return None
    meta = page.meta or {}
    title = meta.get("title")
    if not isinstance(title, str) or not title or title != title.strip():
        return None
    rest = {key: value for key, value in meta.items() if key != "title"}
    content = page.content or ""
    folder = posixpath.dirname(page.url.rstrip("/"))
    return (folder, page.url.count("/") * "/", json.dumps(rest, sort_keys=True, default=str),
            "<h1" if "<h1" in content else "", "canonical" if page.canonical_url else "")


def fill(shell: str, title: str, content: str, canonical: str | None) -> str:
    """The page of a kind: its shell with this page's title, body and canonical address."""
    filled = shell.replace(TITLE, title).replace(CANONICAL, canonical or "")
    before, marker, after = filled.partition(CONTENT)
    return before + content + after if marker else filled


class PageShells:
    """The shells of a build, one per kind, made the first time a page of the kind comes.

    ``render(context)`` renders the theme's page template with MkDocs' page context."""

    def __init__(self, render: Callable[[dict[str, Any]], str]) -> None:
        self._render = render
        self._shells: dict[tuple[str, ...], str] = {}
        self._kind_of: dict[str, tuple[str, ...]] = {}  # page URL → its kind
        self.rendered = 0  # pages the theme rendered whole, kinds included (for tests)

    def page(self, page: Any, context: dict[str, Any]) -> str:
        """The finished HTML of ``page`` (``context`` is its MkDocs template context)."""
        key = shell_key(page)
        if key is None:
            self.rendered += 1
            return self._render(context)
        shell = self._shells.get(key)
        if shell is None:
            shell = self._shells[key] = self._make(page, context)
        self._kind_of[page.url] = key
        return fill(shell, page.meta["title"], page.content or "", page.canonical_url)

    def refill(self, url: str, title: str, content: str, canonical: str | None) -> str | None:
        """The page at ``url`` again with a new title and body, from the shell it was filled
        into (the preview's quick update of one NGO page), or None when it had none."""
        key = self._kind_of.get(url)
        if key is None or ("<h1" in content) != bool(key[3]):
            return None
        return fill(self._shells[key], title, content, canonical)

    def _make(self, page: Any, context: dict[str, Any]) -> str:
        """The theme's page for ``page`` with markers in the filled places, compacted."""
        meta, content, canonical = page.meta, page.content, page.canonical_url
        page.meta = {**meta, "title": TITLE}
        page.content = CONTENT + ("<h1" if "<h1" in (content or "") else "")
        page.canonical_url = CANONICAL if canonical else None
        try:
            self.rendered += 1
            shell = compact(self._render(context))
        finally:
            page.meta, page.content, page.canonical_url = meta, content, canonical
        if "<h1" in (content or ""):
            shell = shell.replace(CONTENT + "<h1", CONTENT, 1)
        if shell.count(CONTENT) != 1:
            raise ValueError(f"the theme's page for {page.url} shows its body "
                             f"{shell.count(CONTENT)} times; render it whole")
        return shell
