"""The styles a page needs for its first screen: one small cached stylesheet that blocks.

On the benchmark's phone (150 ms round trip, 1.6 Mbit/s, a 4× slower CPU) every page of
the theme waited for its render-blocking stylesheets, about 30 KB gzip, before it showed
anything: the directory's first card came at 1.2 s, and a page of the theme with nothing but a
heading at 1.3 s. Each page now links one stylesheet of only the rules that match something
on any page's first screen (about 8 KB gzip), and loads the whole stylesheets without blocking
(``overrides/main.html``). Those rules were first inline in every page: 40 KB of every NGO page,
2 GB of a site of 50,000 NGOs, paid again on every page although the browser had them; as one
file a visitor fetches them once.

This module is the part that needs no browser: it reads the stylesheets into rules, gives
each selector a form that ``querySelectorAll`` can test (``probe``), and writes back only the
rules whose selectors matched (``CriticalSheet.serialise``). ``scripts/critical_css.py`` loads
the built pages in Chromium at six sizes, from a phone to a wide screen, asks which probes
match an element on the first screen (or a hidden one: rules that hide must come too), and
writes ``docs/assets/css/critical.css``. The browser test ``test_browser_critical_css.py``
proves that the first screen looks the same with only those rules as with all of them.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import tinycss2
import yaml
from tinycss2 import ast

from .stylesheet_bundle import stylesheet_sources as bundled_sources

# Pseudo-classes that depend on what the visitor does or has done, and pseudo-elements: a
# selector is tested without them, so that ``a:hover`` counts where an ``a`` is on screen (the
# rule is small, and a link hovered before the stylesheets arrive still looks right).
_DYNAMIC = (
    "hover", "focus-visible", "focus-within", "focus", "active", "visited", "target",
    "checked", "indeterminate", "placeholder-shown", "autofill", "user-invalid", "invalid",
    "before", "after", "marker", "placeholder", "selection", "first-line", "first-letter",
    "backdrop", "file-selector-button",
)
_PSEUDO = re.compile(
    r"::?(?:-(?:webkit|moz|ms)-[\w-]+|(?:" + "|".join(_DYNAMIC) + r"))(?![\w-])(?!\()"
)
# Rules a first screen never needs: print styles and animations' frames (an animation waits
# for the whole stylesheet; nothing on the first screen moves before it).
_DROPPED_AT_RULES = {"keyframes", "-webkit-keyframes", "page", "charset", "import"}
_NESTING_AT_RULES = {"media", "supports", "layer", "container"}
_VARIABLE = re.compile(r"var\(\s*(--[\w-]+)")
# Where the generated rules live: one stylesheet of the site, which overrides/main.html links
# before everything else (render-blocking, cached from the first page on).
CRITICAL = Path("docs") / "assets" / "css" / "critical.css"


def probe(selector: str) -> str:
    """``selector`` without the pseudo-classes and pseudo-elements that depend on the visitor
    (``.md-nav__link:hover::after`` → ``.md-nav__link``), for ``querySelectorAll``."""
    stripped = _PSEUDO.sub("", selector)
    # ``:not(:hover)`` holds for nearly every element, ``:is(:focus)`` may hold for any.
    stripped = re.sub(r":(?:not|is|where)\(\s*\)", "", stripped)
    stripped = re.sub(r"\s*([>+~])(?!=)\s*", r"\1", " ".join(stripped.split()))
    # A compound left empty by the stripping (``a>::before``, ``:hover`` alone) means any
    # element there.
    stripped = re.sub(r"(^|[>+~])(?=[>+~ ]|$)", r"\1*", stripped.strip())
    return stripped or "*"


def _split_selectors(prelude: list[ast.Node]) -> list[str]:
    """The selectors of a rule's prelude, split at its top-level commas (a comma inside
    ``:is(…)`` or ``:not(…)`` is a function's argument and stays)."""
    selectors, current = [], []
    for token in prelude:
        if isinstance(token, ast.LiteralToken) and token.value == ",":
            selectors.append(current)
            current = []
        else:
            current.append(token)
    selectors.append(current)
    return [tinycss2.serialize(tokens).strip() for tokens in selectors if tokens]


def _declarations(content: list[ast.Node]) -> list[tuple[str, str]]:
    """A rule's block as (property, ``property:value``) pairs, written compactly, without
    comments or spare spaces. A nested rule (CSS nesting; rare) is kept whole, under ``""``."""
    written = []
    for item in tinycss2.parse_blocks_contents(content, skip_comments=True,
                                               skip_whitespace=True):
        if isinstance(item, ast.Declaration):
            value = " ".join(tinycss2.serialize(item.value).split())
            important = "!important" if item.important else ""
            written.append((item.name, f"{item.name}:{value}{important}"))
        elif isinstance(item, ast.QualifiedRule):
            written.append(("", _whole(item)))
    return written


def _whole(rule: ast.Node) -> str:
    return " ".join(tinycss2.serialize([rule]).split())


@dataclass
class _StyleRule:
    selectors: list[str]
    declarations: list[tuple[str, str]]
    # The @media and @supports it sits in: ("media", "screen and (min-width:60em)").
    conditions: tuple[tuple[str, str], ...] = ()
    kept: set[int] = field(default_factory=set)


@dataclass
class _Group:
    """An at-rule that holds rules (``@media screen and (min-width: 60em) {…}``)."""

    prelude: str
    children: list[_StyleRule | _Group | str]


class CriticalSheet:
    """The rules of one or more stylesheets, in their order, and which of them to keep."""

    def __init__(self, sources: Iterable[str]) -> None:
        self._top: list[_StyleRule | _Group | str] = []
        for text in sources:
            self._top.extend(self._read(tinycss2.parse_stylesheet(
                text, skip_comments=True, skip_whitespace=True)))
        self.rules = list(self._style_rules(self._top))
        # Every selector as (its rule, its index there), in order: ``probes`` and ``keep``
        # number them the same way.
        self._selectors = [(rule, index) for rule in self.rules
                           for index in range(len(rule.selectors))]

    def _read(self, nodes: list[ast.Node], conditions: tuple[tuple[str, str], ...] = (),
              ) -> Iterator[_StyleRule | _Group | str]:
        for node in nodes:
            if isinstance(node, ast.QualifiedRule):
                selectors = _split_selectors(node.prelude)
                if selectors:
                    yield _StyleRule(selectors, _declarations(node.content), conditions)
            elif isinstance(node, ast.AtRule):
                name = node.lower_at_keyword
                prelude = " ".join(tinycss2.serialize(node.prelude).split())
                if name in _DROPPED_AT_RULES or (name == "media" and _print_only(prelude)):
                    continue
                if name in _NESTING_AT_RULES and node.content is not None:
                    inner = tinycss2.parse_blocks_contents(node.content, skip_comments=True,
                                                           skip_whitespace=True)
                    inside = conditions
                    if name in ("media", "supports"):
                        inside = (*conditions, (name, prelude))
                    yield _Group(f"@{node.at_keyword} {prelude}",
                                 list(self._read(inner, inside)))
                elif node.content is not None:
                    # @font-face, @property and the like: small and needed whenever used.
                    body = ";".join(text for _, text in _declarations(node.content))
                    yield f"@{node.at_keyword}{' ' + prelude if prelude else ''}{{{body}}}"
                else:
                    yield _whole(node)

    def _style_rules(self, nodes: list[_StyleRule | _Group | str]) -> Iterator[_StyleRule]:
        for node in nodes:
            if isinstance(node, _StyleRule):
                yield node
            elif isinstance(node, _Group):
                yield from self._style_rules(node.children)

    def probes(self) -> list[tuple[str, tuple[tuple[str, str], ...]]]:
        """Every selector's probe with the conditions its rule applies under, in order;
        ``keep`` takes positions in this list. A selector matched at a size where its
        ``@media`` does not apply must not count: the menu drawer's phone rules would come
        along because the desktop shows the same menu in its sidebar."""
        return [(probe(rule.selectors[index]), rule.conditions)
                for rule, index in self._selectors]

    def keep(self, positions: Iterable[int]) -> None:
        """Keep the selectors at these positions of ``probes()`` (and so their rules)."""
        for position in positions:
            rule, index = self._selectors[position]
            rule.kept.add(index)

    def serialise(self) -> str:
        """The kept rules, each with only its kept selectors, inside their at-rules.

        Of the custom properties (``--md-primary-fg-color``) only those the kept rules use,
        directly or through another one, are written: the theme defines dozens of icons and
        colours on ``:root`` that no first screen shows."""
        return "".join(self._write(self._top, self._used_properties()))

    def _used_properties(self) -> set[str]:
        kept = [rule for rule in self.rules if rule.kept]
        definitions: dict[str, list[str]] = {}
        used: set[str] = set()
        for rule in kept:
            for name, text in rule.declarations:
                if name.startswith("--"):
                    definitions.setdefault(name, []).append(text)
                else:
                    used.update(_VARIABLE.findall(text))
        waiting = list(used)
        while waiting:
            for text in definitions.get(waiting.pop(), ()):
                for name in _VARIABLE.findall(text.split(":", 1)[1]):
                    if name not in used:
                        used.add(name)
                        waiting.append(name)
        return used

    def _write(self, nodes: list[_StyleRule | _Group | str], used: set[str]) -> Iterator[str]:
        for node in nodes:
            if isinstance(node, _StyleRule):
                body = ";".join(text for name, text in node.declarations
                                if not name.startswith("--") or name in used)
                if node.kept and body:
                    selectors = ",".join(node.selectors[i] for i in sorted(node.kept))
                    yield f"{selectors}{{{body}}}"
            elif isinstance(node, _Group):
                inner = "".join(self._write(node.children, used))
                if inner:
                    yield f"{node.prelude}{{{inner}}}"
            else:
                yield node


def _print_only(prelude: str) -> bool:
    """Whether a media query applies only to print (``print``, ``only print``)."""
    return re.fullmatch(r"(only\s+)?print(\s+and\s+.*)?", prelude.strip(), re.I) is not None


def stylesheet_sources(root: Path) -> list[Path]:
    """The stylesheets every page applies (``stylesheet_bundle``), in order, for the project
    at ``root``."""
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    return bundled_sources(root / "docs", config["extra"]["stylesheets"])


def header(sources: list[Path]) -> str:
    """The generated file's first line: what it was made from, for the test that it is
    current."""
    names = ", ".join(path.name for path in sources)
    return (f"/* Generated by scripts/critical_css.py from mkdocs-material {_theme_version()} "
            f"({names}; fingerprint {fingerprint(sources)}). Do not edit: run the script. */\n")


def _theme_version() -> str:
    from importlib.metadata import version

    return version("mkdocs-material")


def fingerprint(paths: Iterable[Path]) -> str:
    """A short digest of the stylesheets the critical rules were taken from: the generated
    file records it, and a test compares it with the stylesheets as they are now."""
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]
