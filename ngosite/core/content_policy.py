"""Content Security Policy: the value type every document of the site builds its policy from.

Escaping is the first layer between untrusted text (NGO entries, residents' comments, register
extracts) and a visitor's browser; the policy is the second. A page may run only scripts from the
site itself and the inline scripts whose SHA-256 hash it names, so markup that slipped through
escaping still does not run: no inline script, no ``onerror=``, no ``javascript:`` URL.

The hashes are taken from the sources the build trusts (the theme's templates, the map script
and style our code writes), never from scanning the finished pages: a scan would
hash an injected script along with ours and let it run.

This module knows no feature: the theme's pages (``ngosite.publishing.page_policy``) and the map
document (``ngosite.map.document``) each add their hashes and hosts to ``SITE_DIRECTIVES``.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

# What every document of the site allows. Fetch directives not named fall back to default-src
# ('self'): the search worker and its index, the map's frame, our scripts and stylesheets.
SITE_DIRECTIVES: dict[str, tuple[str, ...]] = {
    "default-src": ("'self'",),
    "script-src": ("'self'",),
    "style-src": ("'self'",),
    # data: the theme draws its icons as SVG data URLs in CSS (masks count as images).
    "img-src": ("'self'", "data:"),
    "object-src": ("'none'",),
    "base-uri": ("'self'",),
    # Our forms prepare an e-mail or a file in the browser and submit nowhere.
    "form-action": ("'self'",),
}
# Directives a <meta> element cannot carry (the browser ignores them there and says so).
HEADER_ONLY = ("frame-ancestors", "report-uri", "report-to", "sandbox")
_TOKEN = re.compile(r"^[^\s;,\"<>&]+$")


def sha256_source(text: str) -> str:
    """The source expression that allows an inline ``<script>`` or ``<style>`` with exactly
    ``text`` between its tags (UTF-8, nothing trimmed, as the browser hashes it)."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def tile_source(template: str) -> str:
    """The host source of a tile server from its URL template: scheme and host, with Leaflet's
    ``{s}`` subdomain as a wildcard (``https://{s}.tile.example.org/{z}/{x}/{y}.png`` →
    ``https://*.tile.example.org``)."""
    parts = urlsplit(template.replace("{s}", "SUBDOMAIN"))
    labels = (parts.hostname or "").split(".")
    if any("subdomain" in label for label in labels[1:]) or not labels[0]:
        raise ValueError(f"{{s}} may stand only for the first part of the host: {template}")
    host = ".".join(["*" if "subdomain" in labels[0] else labels[0], *labels[1:]])
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{host}{port}"


@dataclass(frozen=True)
class Policy:
    """Directives and their sources, in order; ``str()`` is the header or meta value."""

    directives: tuple[tuple[str, tuple[str, ...]], ...]

    @classmethod
    def of(cls, directives: Mapping[str, Iterable[str]]) -> Policy:
        cleaned = []
        for name, sources in directives.items():
            values = tuple(dict.fromkeys(sources))  # in order, once each
            for token in (name, *values):
                if not _TOKEN.match(token):
                    raise ValueError(f"not a policy token: {token!r}")
            cleaned.append((name, values))
        return cls(tuple(cleaned))

    @classmethod
    def parse(cls, text: str) -> Policy:
        directives: dict[str, list[str]] = {}
        for part in text.split(";"):
            words = part.split()
            if words:
                directives.setdefault(words[0].lower(), []).extend(words[1:])
        return cls.of(directives)

    def sources(self, directive: str) -> tuple[str, ...]:
        return dict(self.directives).get(directive, ())

    def hashes(self, directive: str) -> set[str]:
        return {s for s in self.sources(directive) if s.startswith("'sha256-")}

    def with_sources(self, directive: str, sources: Iterable[str]) -> Policy:
        """This policy with ``sources`` added to ``directive`` (appended if it is new)."""
        merged = {name: list(values) for name, values in self.directives}
        merged.setdefault(directive, []).extend(sources)
        return Policy.of(merged)

    def for_meta(self) -> Policy:
        return Policy(tuple((n, v) for n, v in self.directives if n not in HEADER_ONLY))

    def __str__(self) -> str:
        return "; ".join(" ".join((name, *values)) for name, values in self.directives)


def document_policy(*, scripts: Iterable[str] = (), styles: Iterable[str] = (),
                    images: Iterable[str] = ()) -> Policy:
    """The site's policy for one document with these inline scripts and styles (their exact
    text) and these extra image hosts."""
    policy = Policy.of(SITE_DIRECTIVES)
    policy = policy.with_sources("script-src", sorted({sha256_source(s) for s in scripts}))
    policy = policy.with_sources("style-src", sorted({sha256_source(s) for s in styles}))
    return policy.with_sources("img-src", images)


def union(policies: Iterable[Policy]) -> Policy:
    """One policy that allows what any of ``policies`` allows (for a header sent with every
    file: each page's own <meta> policy still narrows it to that page)."""
    merged: dict[str, list[str]] = {}
    for policy in policies:
        for name, values in policy.directives:
            merged.setdefault(name, []).extend(values)
    return Policy.of(merged)


def meta_element(policy: Policy) -> str:
    """The ``<meta>`` element; it must come before every script and style it is to govern."""
    return f'<meta http-equiv="Content-Security-Policy" content="{policy.for_meta()}">'
