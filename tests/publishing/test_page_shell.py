"""Generated pages filled into the theme's page of their kind are the theme's own markup.

The site is built twice: with the theme rendering every page whole (``NGOSITE_PAGE_SHELL=0``)
and with the shells. Every page of the second build must be the first build's page with only
the theme's part compacted: byte for byte the same body, title and address, the same markup
around them. Pages the theme renders whole in both builds must be identical.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from support.sample_site import REPO_ROOT, build_strict

from ngosite.publishing.page_shell import CONTENT, PageShells, compact, fill, shell_key

pytestmark = pytest.mark.e2e

_BODY = re.compile(r'(<article class="md-content__inner md-typeset">\s*)(.*?)(\s*</article>\s*'
                   r'</div>\s*<script>var target)', re.S)


@pytest.fixture(scope="module")
def both_ways(tmp_path_factory, sample_site) -> tuple[Path, Path]:
    whole = build_strict(REPO_ROOT, tmp_path_factory.mktemp("whole"),
                         {"NGOSITE_PAGE_SHELL": "0"})
    return whole, sample_site


def _expected(whole: str) -> str:
    """The page as the theme renders it whole, its own part compacted around the body."""
    found = _BODY.search(whole)
    assert found, "no article body"
    return (compact(whole[:found.start(2)]) + found.group(2)
            + compact(whole[found.end(2):]))


def test_filled_pages_are_the_themes_markup_around_the_same_body(both_ways):
    whole, shelled = both_ways
    pages = sorted(path.relative_to(whole) for path in whole.rglob("*.html"))
    assert pages == sorted(path.relative_to(shelled) for path in shelled.rglob("*.html"))
    filled: set[str] = set()
    same = 0
    for path in pages:
        before = (whole / path).read_text(encoding="utf-8")
        after = (shelled / path).read_text(encoding="utf-8")
        if before == after:
            same += 1
            continue
        assert after == _expected(before), path
        filled.add(path.parent.as_posix())
    # NGO pages, the directory's lists, survey pages, events' lists: every generated direct
    # page outside the menu; the hand-written pages and the pages of the menu stay as the
    # theme makes them.
    assert len(filled) >= 80 and same >= 25, (len(filled), same)
    assert {"organizacje/osp-milki", "wydarzenia/2027", "wydarzenia/szkolenia"} <= filled
    ngo = (shelled / "organizacje" / "osp-milki" / "index.html").read_text(encoding="utf-8")
    assert "\n  " not in ngo.split("<article", 1)[0]  # compacted


def test_compact_keeps_what_a_browser_would_show():
    html = ('<div>\n    <span>a</span>\n\n   <span>b</span>\u00a0\n  c</div>'
            '<pre>\n  keep\n   this</pre><textarea>\n x\n</textarea>'
            '<script>\n  var x = 1;\n  f()</script><style>\n a { }\n</style> one  space')
    assert compact(html) == (
        '<div>\n<span>a</span>\n<span>b</span>\u00a0\nc</div>'
        '<pre>\n  keep\n   this</pre><textarea>\n x\n</textarea>'
        '<script>\n  var x = 1;\n  f()</script><style>\n a { }\n</style> one  space')


class _Page:
    """What the theme's templates read of a MkDocs page not in the menu."""

    def __init__(self, url: str, title: str, content: str, **meta: object) -> None:
        self.url, self.content, self.meta = url, content, {"title": title, **meta}
        self.previous_page = self.next_page = self.parent = self.edit_url = None
        self.is_homepage, self.toc, self.canonical_url = False, [], f"https://x.pl/{url}"


def test_one_render_per_kind_and_pages_outside_a_kind_rendered_whole():
    calls = []

    def render(context):
        page = context["page"]
        calls.append(page.url)
        heading = "" if "<h1" in page.content else f"<h1>{page.meta['title']}</h1>"
        return (f"<title>{page.meta['title']}</title>\n    <link href=\"{page.canonical_url}\">"
                f"\n    <main>{heading}{page.content}</main>")

    shells = PageShells(render)
    one = _Page("organizacje/a/", "A &amp; B", "<h1>A</h1><p>x</p>")
    two = _Page("organizacje/b/", "C", "<h1>C</h1>  <p>\n  y</p>")
    assert shells.page(one, {"page": one}) == (
        '<title>A &amp; B</title>\n<link href="https://x.pl/organizacje/a/">\n'
        "<main><h1>A</h1><p>x</p></main>")
    assert shells.page(two, {"page": two}) == (
        '<title>C</title>\n<link href="https://x.pl/organizacje/b/">\n'
        "<main><h1>C</h1>  <p>\n  y</p></main>")  # the body as it was, uncompacted
    assert shell_key(one) == shell_key(two) and calls == ["organizacje/a/"]
    other = _Page("organizacje/c/", "D", "<p>no heading</p>")  # the theme adds its <h1>
    assert shell_key(other) != shell_key(one)
    assert "<h1>D</h1>" in shells.page(other, {"page": other})
    in_menu = _Page("mapa/", "Mapa", "<h1>Mapa</h1>")
    in_menu.parent = object()  # type: ignore[assignment]
    assert shell_key(in_menu) is None
    shells.page(in_menu, {"page": in_menu})
    assert calls == ["organizacje/a/", "organizacje/c/", "mapa/"]
    assert fill("<a>" + CONTENT + "</a>", "t", "$1 \\g<0>", None) == "<a>$1 \\g<0></a>"
