"""The comment identifier: short, readable, made in the browser, carried in every channel.

``PW1-5.2-0915-1432-K7`` is document ``PW`` (the initials of its folder), version 1, § 5 ust. 2,
15 September at 14:32 (Warsaw time), and two random characters so that two people commenting on
the same unit in the same minute get different identifiers. A correction or a withdrawal cites
it; the import recognises a comment sent twice by it. ``docs/assets/js/consultation-form.js``
makes the same identifier from the code this module gives each document.
"""

from __future__ import annotations

import re
from datetime import datetime

from ngosite.documents.model import COMMENT_ID
from ngosite.documents.text import PREAMBLE, WHOLE_DOCUMENT, canonical_label

WHOLE_CODE, PREAMBLE_CODE = "C", "W"
# No 0/O, 1/I: the identifier is read aloud on the phone and copied by hand.
SUFFIX_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def document_code(slug: str) -> str:
    """The initials of the folder's words: ``program-wspolpracy`` → ``PW``.

    Two documents may share a code: an identifier is only ever looked up among the comments of
    one version, and the comment names its document in full. A code depends on nothing but its
    own folder, so adding a document never changes the identifiers of another.
    """
    words = [w for w in re.split(r"[^a-z0-9]+", slug.lower()) if w and w[0].isalpha()]
    return "".join(w[0] for w in words).upper()[:8] or "D"


_LEVELS = ("§", "ust.", "pkt", "lit.")


def unit_code(label: str) -> str:
    """``§ 5 ust. 2 pkt 3 lit. a`` → ``5.2.3.a``; the preamble is W, the whole document C.

    Each place is a level (§, ust., pkt, lit.), and a level the unit skips stays as an empty
    place: ``§ 3 pkt 3`` (a paragraph with points and no ustęp) is ``3..3``, never ``3.3``,
    which is ``§ 3 ust. 3``."""
    if label == WHOLE_DOCUMENT:
        return WHOLE_CODE
    if label == PREAMBLE:
        return PREAMBLE_CODE
    tokens = label.split()
    numbers = dict(zip(tokens[0::2], tokens[1::2], strict=True))
    last = max(_LEVELS.index(word) for word in numbers)
    return ".".join(numbers.get(word, "") for word in _LEVELS[:last + 1])


def label_of_unit_code(code: str) -> str | None:
    """The canonical label an identifier's unit part stands for (inverse of ``unit_code``)."""
    if code == WHOLE_CODE:
        return WHOLE_DOCUMENT
    if code == PREAMBLE_CODE:
        return PREAMBLE
    parts = code.split(".")
    if len(parts) > len(_LEVELS) or not parts[0] or not parts[-1]:
        return None
    return canonical_label(" ".join(f"{w} {p}" for w, p in zip(_LEVELS, parts, strict=False)
                                    if p))


def make_identifier(code: str, version: int, label: str, moment: datetime, suffix: str) -> str:
    """What the browser makes (``moment`` in Warsaw time): the test of the two sides."""
    identifier = f"{code}{version}-{unit_code(label)}-{moment:%m%d}-{moment:%H%M}-{suffix}"
    assert COMMENT_ID.fullmatch(identifier), identifier
    return identifier


def parse_identifier(identifier: str) -> tuple[str, int, str] | None:
    """``(code, version, canonical label)`` of a well-formed identifier, else None."""
    if not COMMENT_ID.fullmatch(identifier):
        return None
    head, unit = identifier.split("-")[:2]
    match = re.fullmatch(r"([A-Z]+)([0-9]+)", head)
    label = label_of_unit_code(unit)
    if match is None or label is None:
        return None
    return match.group(1), int(match.group(2)), label
