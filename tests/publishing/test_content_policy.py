"""The policy value, the theme pages' policies, the host's headers and security.txt, without a
site build (the built site is checked in tests/site/test_links.py, Chromium in
tests/browser/test_browser_content_policy.py)."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from jinja2 import DictLoader, Environment

from ngosite.core.content_policy import (
    Policy,
    document_policy,
    meta_element,
    sha256_source,
    tile_source,
    union,
)
from ngosite.core.problems import DataError, Severity
from ngosite.publishing.page_policy import PagePolicies, headers_file, policy_in, site_policy
from ngosite.publishing.security_txt import security_problems, security_txt
from ngosite.settings.gmina import load_settings

ROOT = Path(__file__).resolve().parents[2]
BUILT = date(2026, 11, 29)


def test_the_hash_is_the_browsers():
    # The example of CSP Level 3, section 8.2 ("Hash usage for script elements").
    assert sha256_source("alert('Hello, world.');") == (
        "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='")


@pytest.mark.parametrize(("template", "source"), [
    ("https://tile.openstreetmap.org/{z}/{x}/{y}.png", "https://tile.openstreetmap.org"),
    ("https://{s}.tile.openstreetmap.fr/osmfr/{z}/{x}/{y}.png", "https://*.tile.openstreetmap.fr"),
    ("https://kafelki.milki.pl:8443/{z}/{x}/{y}.png", "https://kafelki.milki.pl:8443"),
])
def test_tile_server_becomes_a_host_source(template, source):
    assert tile_source(template) == source


def test_a_subdomain_placeholder_deeper_in_the_host_is_refused():
    with pytest.raises(ValueError, match="first part"):
        tile_source("https://tiles.{s}.example.org/{z}/{x}/{y}.png")


def test_policy_round_trips_and_the_meta_leaves_out_what_it_cannot_carry():
    policy = document_policy(scripts=["a()", "a()"], styles=["b{}"],
                             images=["https://tile.openstreetmap.org"])
    assert Policy.parse(str(policy)) == policy
    assert policy.hashes("script-src") == {sha256_source("a()")}  # once, however often
    assert "https://tile.openstreetmap.org" in policy.sources("img-src")
    framed = policy.with_sources("frame-ancestors", ["'self'"])
    assert "frame-ancestors" not in meta_element(framed)
    assert policy_in(meta_element(framed)) == policy
    with pytest.raises(ValueError, match="not a policy token"):
        policy.with_sources("img-src", ['https://x.org" onerror="a()'])


def test_the_site_policy_allows_what_any_page_does():
    one, two = document_policy(scripts=["a()"]), document_policy(scripts=["b()"])
    merged = site_policy([one, two])
    assert merged.hashes("script-src") == one.hashes("script-src") | two.hashes("script-src")
    assert merged.sources("frame-ancestors") == ("'self'",)
    assert union([one]) == one
    text = headers_file(merged)
    assert text.splitlines()[2] == "/*"
    assert f"  Content-Security-Policy: {merged}" in text
    assert "  Referrer-Policy: strict-origin-when-cross-origin" in text


THEME = {
    "partials/javascripts/base.html": '{#- x -#}\n<script>scope("{{ base_url }}")</script>',
    "partials/javascripts/content.html":
        '{% if "tabs" in features %}<script>tabs()</script>{% endif %}<script>target()</script>',
}


def test_theme_pages_hash_the_scripts_the_theme_renders_for_their_depth():
    env = Environment(loader=DictLoader(THEME))
    config = {"theme": {"features": []}, "extra": {}}
    policies = PagePolicies(env, config)
    deep = policies.policy("../..")
    assert deep.hashes("script-src") == {sha256_source('scope("../..")'),
                                         sha256_source("target()")}
    assert deep.hashes("style-src") == set()  # the first screen's rules are a file (critical.css)
    assert policies("..") == meta_element(policies.policy(".."))
    assert len(policies.given()) == 2
    # mkdocs serve's live-reload script changes at every request: the preview has no policy.
    assert PagePolicies(env, config, live_reload=True)("..") == ""


@pytest.fixture
def settings(tmp_path):
    shutil.copytree(ROOT / "data", tmp_path / "data")

    def load(section: str = ""):
        path = tmp_path / "data" / "gmina.yml"
        if section:
            text = path.read_text(encoding="utf-8").replace(
                "bezpieczenstwo:\n", "bezpieczenstwo:\n" + section, 1)
            path.write_text(text, encoding="utf-8")
        return tmp_path, load_settings(tmp_path)

    return load


def test_security_txt_defaults_to_the_repository_and_half_a_year(settings):
    _, loaded = settings()
    text = security_txt(loaded, BUILT)
    assert text is not None
    fields = [line for line in text.splitlines() if not line.startswith("#")]
    assert fields == [
        "Contact: https://github.com/gmina-milki/organizacje/security/advisories/new",
        "Expires: 2027-05-30T21:59:59Z",  # the end of 30 May in Warsaw (summer time)
        "Preferred-Languages: pl, en",
    ]


def test_security_txt_takes_the_contacts_and_date_of_the_settings(settings):
    root, loaded = settings("  kontakt: [bezpieczenstwo@milki.pl, https://milki.pl/zglos]\n"
                            "  wygasa: 2027-01-31\n")
    text = security_txt(loaded, BUILT) or ""
    assert "Contact: mailto:bezpieczenstwo@milki.pl\nContact: https://milki.pl/zglos\n" in text
    assert "Expires: 2027-01-31T22:59:59Z" in text
    assert security_problems(root, loaded, BUILT) == []


def test_a_date_that_passed_stops_the_build_and_says_where(settings):
    root, loaded = settings("  wygasa: 2026-11-28\n")
    [problem] = security_problems(root, loaded, BUILT)
    assert problem.severity is Severity.WARNING
    assert problem.key == "bezpieczenstwo.wygasa" and problem.line > 1
    assert "minęła" in problem.message
    [far] = security_problems(*settings("  wygasa: 2028-01-31\n"), BUILT)
    assert far.severity is Severity.INFO


def test_a_contact_that_is_no_address_is_a_located_problem(settings):
    with pytest.raises(DataError) as raised:
        settings("  kontakt: [zadzwoń do urzędu]\n")
    [problem] = raised.value.problems
    assert problem.key == "bezpieczenstwo.kontakt[0]" and problem.line > 1
    assert "musi być adresem e-mail" in problem.message
