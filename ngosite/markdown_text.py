"""Markdown written by NGOs, turned into HTML that cannot run anything.

Two locks: Python-Markdown's raw-HTML handling is switched off (a ``<script>`` an NGO types is
shown as text), and the result still goes through nh3's allow-list (which also drops
``javascript:`` links that Markdown itself would produce).
"""

from __future__ import annotations

from functools import lru_cache
from html.parser import HTMLParser

import markdown
import nh3

ALLOWED_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "a", "blockquote", "code", "h3",
                "h4"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


def _markdown() -> markdown.Markdown:
    md = markdown.Markdown(extensions=["sane_lists"], output_format="html")
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    # Headings inside a description must not outrank the page's own h1/h2 structure.
    md.parser.blockprocessors.deregister("setextheader")
    return md


_MD = _markdown()


@lru_cache(maxsize=20_000)
def render_markdown(text: str | None) -> str:
    """Safe HTML for a description or offer; headings are demoted to h3/h4.

    Cached: the directory's summary and the NGO's own page render the same description.
    """
    if not text:
        return ""
    html = _MD.reset().convert(text)
    for level, target in (("h1", "h3"), ("h2", "h3"), ("h5", "h4"), ("h6", "h4")):
        html = html.replace(f"<{level}>", f"<{target}>").replace(f"</{level}>", f"</{target}>")
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                     url_schemes=URL_SCHEMES, link_rel="nofollow noopener ugc")


class _TextOnly(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def plain_text(text: str | None) -> str:
    """The words of a Markdown text without any markup (for summaries and data attributes)."""
    parser = _TextOnly()
    parser.feed(render_markdown(text))
    return " ".join(" ".join(parser.parts).split())


def summary(text: str | None, limit: int = 200) -> str:
    """The first ``limit`` characters of the text, cut at a word, with an ellipsis if cut."""
    words = plain_text(text)
    if len(words) <= limit:
        return words
    return words[:limit].rsplit(" ", 1)[0].rstrip(",;:—-") + "…"
