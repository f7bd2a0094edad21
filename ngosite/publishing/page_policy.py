"""The Content Security Policy of every page the theme renders, and the headers for hosts.

Each page carries its policy as the first thing in its ``<head>`` (``overrides/main.html`` calls
the template global the hook installs; GitHub Pages and most municipal hosts cannot send
headers). A theme page has two inline elements, both from sources the build trusts:

- the theme's ``__md_scope`` script (``partials/javascripts/base.html``), which names the way
  from the page to the site root, so its hash depends on the page's ``base_url``;
- the theme's script that opens a tab named in the address (``partials/javascripts/content.html``).

It has no inline style: the first screen's rules are a stylesheet of the site
(``assets/css/critical.css``, see ``critical_css``), which ``style-src 'self'`` allows.

Their hashes are taken by rendering those templates, as the theme does, never by reading the
finished page: a scan would hash an injected script too. The theme's other inline scripts
(palette toggle, announcement, version warning, cookie consent) belong to features this site
does not switch on; if it ever does, ``tests/site/test_links.py`` finds a script without a hash
and names it. Our own scripts are files (``docs/assets/js/``), and the JSON blocks
(``application/json``, ``application/ld+json``) never run, so they need no hash.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from jinja2 import Environment

from ngosite.core.content_policy import Policy, document_policy, meta_element, union

# The theme's inline scripts, included as base.html includes them on every page.
THEME_SCRIPTS = """{% set features = config.theme.features or [] -%}
{% include "partials/javascripts/base.html" %}
{% include "partials/javascripts/content.html" %}"""
_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)
_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')

# Sent by hosts that allow headers, with every file (see ``headers_file``).
# frame-ancestors: only the site itself may frame its pages (/mapa/ frames the map document).
FRAME_ANCESTORS = "'self'"
OTHER_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    # The tile server of OpenStreetMap requires a Referer: the origin is sent, never the page.
    "Referrer-Policy": "strict-origin-when-cross-origin",
    # The map's "where am I" button asks for the position; nothing else is used.
    "Permissions-Policy": "geolocation=(self), camera=(), microphone=(), payment=(), usb=()",
    "Strict-Transport-Security": "max-age=31536000",
}


class PagePolicies:
    """The policy of each page by its ``base_url``, made once per distinct value; calling it
    gives the ``<meta>`` element. Remembers what it gave, for the host's headers.

    ``live_reload``: ``mkdocs serve`` adds an inline script to every page it serves, different
    at each request, which no hash can name; the preview then carries no policy (the built
    site always does)."""

    def __init__(self, env: Environment, config: object, *, live_reload: bool = False):
        self._theme = env.from_string(THEME_SCRIPTS)
        self._config = config
        self._given: dict[str, Policy] = {}
        self._live_reload = live_reload

    def policy(self, base_url: str) -> Policy:
        policy = self._given.get(base_url)
        if policy is None:
            theme = self._theme.render(config=self._config, base_url=base_url)
            policy = document_policy(scripts=_SCRIPT.findall(theme))
            self._given[base_url] = policy
        return policy

    def __call__(self, base_url: str) -> str:
        return "" if self._live_reload else meta_element(self.policy(base_url))

    def given(self) -> list[Policy]:
        return list(self._given.values())


def policy_in(html: str) -> Policy | None:
    """The policy a document's ``<meta>`` element carries (for the documents the theme does
    not render, such as the map)."""
    found = _META.search(html)
    return Policy.parse(found.group(1)) if found else None


def site_policy(policies: Iterable[Policy]) -> Policy:
    """One policy for every file of the site, for a header: what any page allows, and the
    framing rule a <meta> element cannot carry."""
    return union(policies).with_sources("frame-ancestors", [FRAME_ANCESTORS])


def headers_file(policy: Policy) -> str:
    """``_headers`` for Netlify and Cloudflare Pages: the headers of every file. Each page's own
    policy narrows the header's (a browser enforces both)."""
    lines = ["# Nagłówki HTTP dla serwerów, które je obsługują (Netlify, Cloudflare Pages);",
             "# plik generuje budowanie serwisu (ngosite.publishing.page_policy).", "/*",
             f"  Content-Security-Policy: {policy}"]
    lines += [f"  {name}: {value}" for name, value in OTHER_HEADERS.items()]
    lines += ["/.well-known/security.txt", "  Content-Type: text/plain; charset=utf-8"]
    return "\n".join(lines) + "\n"
