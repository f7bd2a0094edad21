"""A version's text as the template needs it: units with their markers, anchors and safe HTML.

Staff write the texts, but they reach the site through a pull request like anything else, so
the Markdown is rendered with raw HTML off and cleaned by an allow-list (tables allowed: the
planned funds are often a table).
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from functools import cache

import markdown
import nh3
from markupsafe import Markup

from .text import Unit, VersionText

ALLOWED_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "a", "blockquote", "code", "table",
                "thead", "tbody", "tr", "th", "td"}
ALLOWED_ATTRIBUTES = {"a": {"href"}, "th": {"align"}, "td": {"align"}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


@dataclass(frozen=True)
class UnitView:
    kind: str
    anchor: str
    label: str
    marker: str
    title: str
    html: Markup
    children: tuple[UnitView, ...]


@dataclass(frozen=True)
class PartView:
    title: str
    units: tuple[UnitView, ...]


@cache
def _markdown() -> markdown.Markdown:
    md = markdown.Markdown(extensions=["tables", "sane_lists"], output_format="html")
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    return md


def text_html(text: str) -> Markup:
    """Safe HTML of a unit's own Markdown text."""
    if not text.strip():
        return Markup("")
    html = _markdown().reset().convert(text)
    return Markup(nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                            url_schemes=URL_SCHEMES, link_rel="noopener"))


def unit_view(unit: Unit) -> UnitView:
    return UnitView(unit.kind, unit.anchor, unit.label, unit.marker, unit.title,
                    text_html(unit.text), tuple(unit_view(c) for c in unit.children))


def part_views(text: VersionText) -> list[PartView]:
    """The text in parts (chapters); units before the first part title form an untitled part."""
    parts: list[PartView] = []
    current_title = ""
    current: list[UnitView] = []
    for index, unit in enumerate(text.units):
        for title in text.part_before(index):
            if current or current_title:
                parts.append(PartView(current_title, tuple(current)))
            current_title, current = title, []
        current.append(unit_view(unit))
    for title in text.part_before(len(text.units)):
        parts.append(PartView(current_title, tuple(current)))
        current_title, current = title, []
    if current or current_title:
        parts.append(PartView(current_title, tuple(current)))
    return parts


def relative(from_dir: str, target: str) -> str:
    """A link from the page at directory ``from_dir`` (``a/b/``) to ``target`` (site-relative;
    a trailing slash for pages, a file name for files, ``#anchor`` kept)."""
    path, _, anchor = target.partition("#")
    rel = posixpath.relpath(path or from_dir, from_dir.rstrip("/") or ".")
    if rel == ".":
        rel = "./"
    elif path.endswith("/"):
        rel += "/"
    return rel + (f"#{anchor}" if anchor else "")
