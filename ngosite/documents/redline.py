"""Word-level differences between two texts, trimmed to the changes and some context.

The texts are Markdown written by staff; readers compare words, not markup. So the text is first
reduced to what a reader sees (links to their words, emphasis markers dropped, a table row to its
cells separated by ``|``, a list item to its own line) and re-wrapped lines are joined: moving a
line break is not a change. Punctuation is a token of its own, so a comma added after a word
shows as an added comma, not as a replaced word.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

CONTEXT_TOKENS = 12
BREAK = "\n"

_TOKEN = re.compile(r"\n|\w+|[^\w\s]")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"(\*\*|__|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w))")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_BLOCK_START = re.compile(r"^\s*([-*+]\s|\||>|\d+[.)]\s|[a-z]\)\s)")


@dataclass(frozen=True)
class Token:
    text: str
    space: bool  # a space stands before it in the text


@dataclass(frozen=True)
class Segment:
    """A run of tokens: ``equal``, ``insert``, ``delete``; ``break`` (a new line) or ``elided``
    (unchanged words left out)."""

    op: str
    text: str
    space: bool = False


def reading_text(markdown_text: str) -> str:
    """The words a reader sees, one line per paragraph, list item or table row."""
    lines: list[str] = []
    joinable = False
    for raw in markdown_text.splitlines():
        if not raw.strip():
            joinable = False
            continue
        if _TABLE_RULE.match(raw):
            continue
        starts_block = bool(_BLOCK_START.match(raw))
        line = _inline(raw.strip())
        if joinable and not starts_block and lines:
            lines[-1] += " " + line
        else:
            lines.append(line)
        joinable = not raw.lstrip().startswith("|")
    return "\n".join(lines)


def _inline(line: str) -> str:
    if line.startswith("|"):
        line = " | ".join(cell.strip() for cell in line.strip().strip("|").split("|"))
    line = re.sub(r"^>\s?", "", line)
    line = re.sub(r"^[-*+]\s+", "– ", line)
    line = _LINK.sub(r"\1", line)
    return _EMPHASIS.sub("", line)


def tokens(markdown_text: str) -> list[Token]:
    text = reading_text(markdown_text)
    found: list[Token] = []
    for match in _TOKEN.finditer(text):
        before = text[match.start() - 1] if match.start() else ""
        found.append(Token(match.group(), before in (" ", "\t")))
    return found


def word_diff(old: str, new: str, context: int = CONTEXT_TOKENS) -> tuple[Segment, ...]:
    """Segments that turn ``old`` into ``new``; empty when a reader would see no difference."""
    a, b = tokens(old), tokens(new)
    words_a, words_b = [t.text for t in a], [t.text for t in b]
    if words_a == words_b:
        return ()
    matcher = SequenceMatcher(None, words_a, words_b, autojunk=False)
    opcodes = matcher.get_opcodes()
    segments: list[Segment] = []
    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal":
            run = b[j1:j2]
            segments += _context(run, first=index == 0, last=index == len(opcodes) - 1,
                                 context=context)
            continue
        if tag in ("delete", "replace"):
            segments += _runs("delete", a[i1:i2])
        if tag in ("insert", "replace"):
            segments += _runs("insert", b[j1:j2])
    return tuple(segments)


def whole(op: str, text: str) -> tuple[Segment, ...]:
    """All of ``text`` as one kind of segment: a section added or removed as a whole."""
    return tuple(_runs(op, tokens(text)))


def _context(run: Sequence[Token], *, first: bool, last: bool, context: int) -> list[Segment]:
    if first and last:
        return _runs("equal", run)
    if first and len(run) > context:
        return [Segment("elided", "(…)"), *_runs("equal", run[-context:])]
    if last and len(run) > context:
        return [*_runs("equal", run[:context]), Segment("elided", "(…)", True)]
    if not first and not last and len(run) > 2 * context + 4:
        return [*_runs("equal", run[:context]), Segment("elided", "(…)", True),
                *_runs("equal", run[-context:])]
    return _runs("equal", run)


def _runs(op: str, run: Sequence[Token]) -> list[Segment]:
    """Tokens joined into segments; a line break is a segment of its own."""
    out: list[Segment] = []
    words: list[str] = []
    space = False
    for token in run:
        if token.text == BREAK:
            if words:
                out.append(Segment(op, "".join(words), space))
                words = []
            out.append(Segment("break", ""))
            continue
        if not words:
            space = token.space
            words.append(token.text)
        else:
            words.append((" " if token.space else "") + token.text)
    if words:
        out.append(Segment(op, "".join(words), space))
    return out


def changed_words(segments: Sequence[Segment]) -> int:
    """How many inserted or deleted words: a rough size of a change, for summaries."""
    return sum(len(s.text.split()) for s in segments if s.op in ("insert", "delete"))
