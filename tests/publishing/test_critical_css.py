"""The critical styles: how stylesheets are cut down, and that the committed cut is current.

The browser test ``tests/browser/test_browser_critical_css.py`` proves that the cut is enough
for every page's first screen; these prove the cutting itself and that nobody changed a
stylesheet or the theme without cutting again.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ngosite.publishing.critical_css import (
    CRITICAL,
    CriticalSheet,
    fingerprint,
    header,
    probe,
    stylesheet_sources,
)

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(("selector", "probe_form"), [
    (".md-nav__link:hover::after", ".md-nav__link"),
    (".md-typeset a:not(:focus-visible)", ".md-typeset a"),
    ("[data-md-toggle=drawer]:checked~.md-container", "[data-md-toggle=drawer]~.md-container"),
    ("input::-webkit-search-cancel-button", "input"),
    (":hover", "*"),
    ("ul > ::marker", "ul>*"),
    ("li:nth-child(2n + 1)", "li:nth-child(2n+1)"),
    ("[class~=card] .name", "[class~=card] .name"),
    (".a :is(.b, .c)", ".a :is(.b, .c)"),
])
def test_probe_drops_what_depends_on_the_visitor(selector, probe_form):
    assert probe(selector) == probe_form


SHEET = """
/* a comment */
:root { --used: #123; --through: var(--used); --unused: url("icon.svg"); }
.header , .footer:hover { color : var(--through) ; margin: 0 auto }
.menu { display: none !important }
@media screen and (min-width: 60em) { .header { padding: 1rem } .footer { padding: 2rem } }
@media print { .header { color: black } }
@keyframes spin { from { transform: rotate(0) } to { transform: rotate(1turn) } }
@font-face { font-family: x; src: url(x.woff2) }
"""


def _kept(selectors: set[str]) -> str:
    sheet = CriticalSheet([SHEET])
    sheet.keep(position for position, (probe_form, _) in enumerate(sheet.probes())
               if probe_form in selectors)
    return sheet.serialise()


def test_only_matched_selectors_and_their_rules_are_written_compactly():
    assert _kept({":root", ".header"}) == (
        ":root{--used:#123;--through:var(--used)}"
        ".header{color:var(--through);margin:0 auto}"
        "@media screen and (min-width: 60em){.header{padding:1rem}}"
        "@font-face{font-family:x;src:url(x.woff2)}")


def test_a_rule_matched_by_another_selector_keeps_that_selector_only():
    assert _kept({":root", ".footer"}).startswith(
        ":root{--used:#123;--through:var(--used)}.footer:hover{color:var(--through)")


def test_hiding_rules_keep_their_importance_and_unused_custom_properties_go():
    written = _kept({".menu", ":root"})
    assert ".menu{display:none!important}" in written
    # Nothing kept uses a custom property, so :root has nothing left to say.
    assert ":root" not in written and "--unused" not in written


def test_each_probe_carries_the_media_and_supports_its_rule_applies_under():
    sheet = CriticalSheet(["@supports (display:grid){@media screen{.a:hover{color:red}}}.b{}"])
    assert sheet.probes() == [(".a", (("supports", "(display:grid)"), ("media", "screen"))),
                              (".b", ())]


def test_print_styles_and_animation_frames_never_come_inline():
    everything = CriticalSheet([SHEET])
    everything.keep(range(len(everything.probes())))
    written = everything.serialise()
    assert "black" not in written and "keyframes" not in written
    assert "--unused" not in written


def test_the_committed_critical_styles_come_from_the_current_stylesheets():
    committed = (ROOT / CRITICAL).read_text(encoding="utf-8")
    first_line = committed.split("\n", 1)[0] + "\n"
    assert first_line == header(stylesheet_sources(ROOT)), (
        f"{CRITICAL} was made from other stylesheets or another version of the theme than "
        "the ones the site links now: run .venv/bin/python scripts/critical_css.py")


def test_the_critical_styles_are_small_and_safe_to_include_in_a_template():
    css = (ROOT / CRITICAL).read_text(encoding="utf-8")
    # Inline on every page: the first screen's share of 185 KB of stylesheets (39 KB, 7.8 KB
    # gzip, on 2026-11-30). Far more means the cut keeps what no first screen shows.
    assert len(css.encode()) < 50_000
    for marker in ("{{", "{%", "{#", "</style"):
        assert marker not in css


def test_fingerprint_follows_every_byte_and_name(tmp_path):
    first, second = tmp_path / "a.css", tmp_path / "b.css"
    first.write_text("a{}")
    second.write_text("b{}")
    before = fingerprint([first, second])
    second.write_text("b{ }")
    assert fingerprint([first, second]) != before
    assert fingerprint([second, first]) != fingerprint([first, second])
