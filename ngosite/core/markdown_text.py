"""Markdown written by NGOs, turned into HTML that cannot run anything.

Two locks: Python-Markdown's raw-HTML handling is switched off (a ``<script>`` an NGO types is
shown as text), and the result still goes through nh3's allow-list (which also drops
``javascript:`` links that Markdown itself would produce). Prose without a single character
that means something to Markdown or HTML skips both: it becomes paragraphs of its own text,
which neither would change (a test compares them on 40,000 random texts).
"""

from __future__ import annotations

import re
from functools import lru_cache
from html import unescape

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


# Prose that Markdown would only wrap in paragraphs: no character that starts Markdown syntax
# or an HTML tag or entity, no whitespace but spaces and new lines (Markdown strips the rest),
# no line that starts a list, heading, quote or code block, no trailing spaces.
# tests/core/test_markdown_text.py checks that such texts come out exactly as Python-Markdown's.
_SYNTAX = re.compile(r"[\\`*_\[\]<>&#|~=\x00-\x09\x0b-\x1f\x7f]|[^\S \n]"
                     r"|^[ ]|[ ]$|^[-+]|^\d+[.)]", re.M)
_PARAGRAPH_BREAK = re.compile(r"\n{2,}")


def _plain_paragraphs(text: str) -> str | None:
    """What Python-Markdown makes of plain prose, or None when the text is not plain prose.

    Most descriptions are a few paragraphs of prose; Python-Markdown's inline patterns were
    two fifths of the time spent making NGO pages.
    """
    text = text.strip("\n")
    if not text or _SYNTAX.search(text):
        return None
    return "\n".join(f"<p>{paragraph}</p>" for paragraph in _PARAGRAPH_BREAK.split(text))


@lru_cache(maxsize=20_000)
def render_markdown(text: str | None) -> str:
    """Safe HTML for a description or offer; headings are demoted to h3/h4.

    Cached: the directory's summary and the NGO's own page render the same description.
    """
    if not text:
        return ""
    html = _plain_paragraphs(text)
    if html is not None:
        # Paragraphs of text with no markup character, entity or odd space: nh3 would give
        # them back unchanged (tests/core/test_markdown_text.py checks), at a third of the cost
        # of making NGO pages.
        return html
    html = _MD.reset().convert(text)
    for level, target in (("h1", "h3"), ("h2", "h3"), ("h5", "h4"), ("h6", "h4")):
        html = html.replace(f"<{level}>", f"<{target}>").replace(f"</{level}>", f"</{target}>")
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                     url_schemes=URL_SCHEMES, link_rel="nofollow noopener ugc")


# A tag of nh3's output; quoted attribute values may contain ">".
_TAG = re.compile(r"""<(?:[^>"']|"[^"]*"|'[^']*')*>""")


@lru_cache(maxsize=20_000)
def plain_text(text: str | None) -> str:
    """The words of a Markdown text without any markup (for summaries and data attributes).

    A regular expression is enough: nh3 wrote the HTML, so it is well-formed, has no comments,
    and every ``<`` in text is escaped.
    """
    return " ".join(unescape(_TAG.sub(" ", render_markdown(text))).split())


def summary(text: str | None, limit: int = 200) -> str:
    """The first ``limit`` characters of the text, cut at a word, with an ellipsis if cut."""
    words = plain_text(text)
    if len(words) <= limit:
        return words
    return words[:limit].rsplit(" ", 1)[0].rstrip(",;:—-") + "…"
