"""Shared by every renderer: the Jinja environment and how a generated page is handed over.

Templates autoescape everything (NGO text is untrusted) and fail on an undefined name, so a
typo in a template stops the build instead of printing an empty string.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from functools import cache

import yaml
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape


@dataclass(frozen=True)
class GeneratedPage:
    """A page MkDocs did not find on disk: its path under docs/, its Markdown source and,
    when the body is ready-made HTML, that HTML.

    Ready-made HTML skips Markdown entirely (the hook puts it in place of the rendered body):
    parsing thousands of pages of raw HTML through Python-Markdown was a third of the build.
    """

    src_uri: str
    markdown: str
    html: str | None = None


@cache
def environment() -> Environment:
    return Environment(
        loader=PackageLoader("ngosite", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def page_from_html(src_uri: str, title: str, body: str, **meta: object) -> GeneratedPage:
    """A page whose body is ready HTML; its title goes to the front matter HTML-escaped,
    because mkdocs-material prints ``page.meta.title`` unescaped."""
    front = yaml.safe_dump({"title": html.escape(title), **meta}, allow_unicode=True,
                           sort_keys=False)
    return GeneratedPage(src_uri, f"---\n{front}---\n", html=body.strip())
