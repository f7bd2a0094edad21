"""Reading a built page as the browser applies its Content Security Policy: the policy of its
``<meta>`` element and every inline script, style, event handler and ``javascript:`` URL."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

from ngosite.core.content_policy import Policy, sha256_source

# Scripts of these types are data, never run: they need no hash.
DATA_TYPES = {"application/json", "application/ld+json"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href"}


@dataclass
class InlineParts:
    policy: Policy | None = None
    policy_first: bool = False  # before any script, style or stylesheet of the document
    scripts: list[str] = field(default_factory=list)  # text of each inline script that runs
    styles: list[str] = field(default_factory=list)
    handlers: list[str] = field(default_factory=list)  # "img onerror", …
    script_urls: list[str] = field(default_factory=list)  # "a href=javascript:…"
    style_attributes: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        """What the policy would block or fail to protect; empty when page and policy agree."""
        if self.policy is None:
            return ["no Content Security Policy <meta> element"]
        found = [] if self.policy_first else ["the policy comes after a script or style"]
        for directive, inline in (("script-src", self.scripts), ("style-src", self.styles)):
            named, needed = self.policy.hashes(directive), {sha256_source(t) for t in inline}
            found += [f"{directive}: no hash for inline {t[:70]!r}"
                      for t in inline if sha256_source(t) not in named]
            found += [f"{directive}: {h} matches nothing on the page" for h in named - needed]
            if "'unsafe-inline'" in self.policy.sources(directive):
                found.append(f"{directive} allows 'unsafe-inline'")
        found += [f"inline event handler: {h}" for h in self.handlers]
        found += [f"javascript: URL: {u}" for u in self.script_urls]
        found += [f"style attribute (style-src allows none): {s}" for s in self.style_attributes]
        return found


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)  # script and style text stay as written
        self.parts = InlineParts()
        self._open: tuple[str, list[str]] | None = None
        self._seen_resource = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if (tag == "meta" and values.get("http-equiv", "").lower() == "content-security-policy"
                and self.parts.policy is None):
            self.parts.policy = Policy.parse(values.get("content", ""))
            self.parts.policy_first = not self._seen_resource
        if tag in ("script", "style") or (tag == "link" and values.get("rel") == "stylesheet"):
            self._seen_resource = True
        for name, value in values.items():
            if name.startswith("on"):
                self.parts.handlers.append(f"{tag} {name}={value[:60]}")
            elif name in URL_ATTRIBUTES and value.strip().lower().startswith("javascript:"):
                self.parts.script_urls.append(f"{tag} {name}={value[:60]}")
            elif name == "style":
                self.parts.style_attributes.append(f"{tag} style={value[:60]}")
        runs = values.get("type", "").lower() not in DATA_TYPES
        if tag == "style" or (tag == "script" and "src" not in values and runs):
            self._open = (tag, [])

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open[1].append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._open is not None and self._open[0] == tag:
            target = self.parts.scripts if tag == "script" else self.parts.styles
            target.append("".join(self._open[1]))
            self._open = None


def inline_parts(html: str) -> InlineParts:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return reader.parts
