"""Search index entries for the pages we generate, cut from their HTML without an HTML parser.

The theme's search plugin feeds every page through a pure-Python ``HTMLParser``; on thousands of
NGO pages that cost more than a millisecond a page, the largest cost of our build beyond the
theme itself. The HTML of a generated page is well-formed and escaped by construction (Jinja
autoescaping everywhere; NGO Markdown cleaned by nh3), so its sections can be cut with regular
expressions into entries of the theme's own shape (``location``, ``title``, ``text``), following
the theme's rules:

- a section starts at every heading with an ``id``; the text before the first one belongs to
  the page itself, titled with the page's title;
- ``<script>``, ``<style>`` and elements marked ``data-search-exclude`` are left out;
- the text keeps only the tags the theme keeps (``p``, lists, ``code``, ``pre``, ``sub``,
  ``sup``), without attributes, and is HTML-escaped as the theme escapes it.

Differences on purpose: the theme glues the words of adjacent block elements together
("cudzoziemcyAdres"), here they stay apart; the page's ``<h1>`` is the first entry's title and
is not repeated in its text; a heading inside an excluded block makes no (empty) entry.

``tests/publishing/test_search_sections.py`` compares the result with the theme's parser on every
NGO page (the theme's parser cannot skip the directory's nested lists, so the directory is checked
on its own).
"""

from __future__ import annotations

import re
from html import escape, unescape

KEPT_TAGS = frozenset({"p", "code", "pre", "li", "ol", "ul", "sub", "sup"})
# Tags after which the theme's parser would glue words together: a space keeps them apart.
_BLOCK_TAGS = frozenset({"address", "article", "aside", "blockquote", "br", "dd", "div", "dl",
                         "dt", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5",
                         "h6", "header", "hr", "nav", "section", "table", "td", "th", "tr"})

_SKIPPED = re.compile(r"<(script|style|object)\b[^>]*>.*?</\1\s*>", re.S | re.I)
_EXCLUDED_START = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)\b[^>]*\sdata-search-exclude\b[^>]*>")
_HEADING = re.compile(r"<h([1-6])\b([^>]*)>(.*?)</h\1\s*>", re.S | re.I)
_ID = re.compile(r"""\sid=["']([^"']+)["']""")
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*?/?>|<!--.*?-->", re.S)
_EMPTY_KEPT = re.compile(r"<(p|code|pre|li|ol|ul|sub|sup)>\s*</\1>")
_SPACE = re.compile(r"\s+")
_ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);")


def search_entries(url: str, title: str, html: str) -> list[dict[str, str]]:
    """The page's search entries: one for the page, one for each heading with an id."""
    html = _without_excluded(_SKIPPED.sub(" ", html))
    entries: list[dict[str, str]] = []
    section_location, section_title, start = url, escape(title, quote=False), 0
    for heading in _HEADING.finditer(html):
        ident = _ID.search(heading.group(2))
        if ident is None:
            continue
        body = html[start:heading.start()]
        if not entries:
            body = _without_untitled_h1(body)
        entries.append(_entry(section_location, section_title, body))
        section_location = f"{url}#{ident.group(1)}"
        section_title = _text(heading.group(3), keep_tags=False)
        start = heading.end()
    body = html[start:]
    if not entries:
        body = _without_untitled_h1(body)
    entries.append(_entry(section_location, section_title, body))
    return [entries[0], *(e for e in entries[1:] if e["title"] or e["text"])]


def _without_excluded(html: str) -> str:
    """The HTML without the elements marked ``data-search-exclude`` (nesting respected)."""
    parts: list[str] = []
    position = 0
    while (start := _EXCLUDED_START.search(html, position)) is not None:
        parts.append(html[position:start.start()])
        name = start.group(1)
        same = re.compile(rf"<(/?){name}\b[^>]*>", re.I)
        depth, end = 1, len(html)
        for tag in same.finditer(html, start.end()):
            depth += -1 if tag.group(1) else 1
            if depth == 0:
                end = tag.end()
                break
        parts.append(" ")
        position = end
    parts.append(html[position:])
    return "".join(parts)


def _without_untitled_h1(html: str) -> str:
    """The page's own ``<h1>`` is the first entry's title; its words are not repeated."""
    return re.sub(r"<h1\b[^>]*>.*?</h1\s*>", " ", html, count=1, flags=re.S | re.I)


def _entry(location: str, title: str, body: str) -> dict[str, str]:
    return {"location": location, "title": title, "text": _text(body, keep_tags=True)}


def _text(html: str, *, keep_tags: bool) -> str:
    text = _TAG.sub(_kept_tag if keep_tags else _dropped_tag, html)
    # The HTML is escaped already; only spell entities as the theme does (&#34; is ").
    text = _SPACE.sub(" ", _ENTITY.sub(_entity, text))
    while True:
        emptied = _EMPTY_KEPT.sub("", text)
        if emptied == text:
            return text.strip()
        text = emptied


def _kept_tag(tag: re.Match[str]) -> str:
    name = (tag.group(2) or "").lower()
    if name in KEPT_TAGS:
        return f"<{tag.group(1)}{name}>"
    return " " if name in _BLOCK_TAGS else ""


def _dropped_tag(tag: re.Match[str]) -> str:
    return " " if (tag.group(2) or "").lower() in _BLOCK_TAGS else ""


def _entity(entity: re.Match[str]) -> str:
    return escape(unescape(entity.group(0)), quote=False)
