"""Shared by every renderer: the Jinja environment and how a generated page is handed over.

Templates autoescape everything (NGO text is untrusted) and fail on an undefined name, so a
typo in a template stops the build instead of printing an empty string.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from .spool import Spool, Spooled


@dataclass(frozen=True)
class GeneratedPage:
    """A page MkDocs did not find on disk: its path under docs/, its Markdown source and,
    when the body is ready-made HTML, that HTML.

    Ready-made HTML skips Markdown entirely (the hook puts it in place of the rendered body):
    parsing thousands of pages of raw HTML through Python-Markdown was a third of the build.
    """

    src_uri: str
    markdown: str
    # The ready HTML as UTF-8 (a Python string of Polish text takes two bytes a character),
    # or its place in the build's spool (``spooled_bodies``).
    stored: bytes | Spooled | None = None
    title: str = ""
    # A direct page is handed to MkDocs finished: MkDocs' Markdown pass is skipped, and its
    # search entries are cut by ``search_sections`` instead of the theme's HTML parser. NGO
    # pages and the directory are direct: their number and size grow with the registry.
    direct: bool = False
    # False for pages that repeat others for readers without JavaScript (the directory's
    # further pages): the search index leaves them out, so they take no place in results.
    searchable: bool = True
    spool: Spool | None = field(default=None, compare=False, repr=False)

    @property
    def body(self) -> bytes | None:
        if isinstance(self.stored, Spooled):
            assert self.spool is not None
            return self.spool.read(self.stored)
        return self.stored

    @property
    def html(self) -> str | None:
        body = self.body
        return None if body is None else body.decode("utf-8")


_spool: ContextVar[Spool | None] = ContextVar("spool", default=None)


@contextmanager
def spooled_bodies(spool: Spool) -> Iterator[None]:
    """Direct pages made inside keep their bodies in ``spool``, not in memory: a build makes
    every page before MkDocs writes the first, and at 10,000 NGOs their bodies were 61 MB."""
    token = _spool.set(spool)
    try:
        yield
    finally:
        _spool.reset(token)


@cache
def environment() -> Environment:
    return Environment(
        loader=PackageLoader("ngosite", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        # Templates are part of the package and do not change during a build: no stat() of
        # the template file on every page.
        auto_reload=False,
    )


def page_from_html(src_uri: str, title: str, body: str, *, direct: bool = False,
                   searchable: bool = True, **meta: object) -> GeneratedPage:
    """A page whose body is ready HTML; its title goes to the front matter HTML-escaped,
    because mkdocs-material prints ``page.meta.title`` unescaped."""
    front = "".join(f"{key}: {_yaml_flow(value)}\n"
                    for key, value in {"title": html.escape(title), **meta}.items())
    data = body.strip().encode("utf-8")
    spool = _spool.get() if direct else None
    return GeneratedPage(src_uri, f"---\n{front}---\n",
                         stored=spool.put(data) if spool is not None else data, title=title,
                         direct=direct, searchable=searchable, spool=spool)


# Characters YAML refuses in a document (C1 controls, DEL, U+FFFE/FFFF, lone surrogates) or
# reads as line breaks even inside a quoted string: written as escapes instead. JSON escapes
# the C0 controls itself.
_YAML_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")


def _yaml_flow(value: object) -> str:
    """A front matter value as JSON, which YAML reads as a flow scalar or collection.

    PyYAML's emitter took a quarter of the time of generating thousands of NGO pages.
    """
    return _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}",
                            json.dumps(value, ensure_ascii=False))
