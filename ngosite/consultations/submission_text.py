"""Write a comment as the fixed text the form sends: a short preface and the block the import
reads (``model.START_MARKER`` … ``model.END_MARKER``).

``docs/assets/js/consultation-form.js`` writes the same text in the browser; the browser tests
hold the two to the same output, character for character, and ``submission_read`` reads either
back to the same comment. Text is normalised first (one kind of line break, no control
characters, no trailing spaces) so that what a mail program may do to it (strip trailing spaces,
rewrap) does not change its meaning. Free text goes in ``|-`` blocks and short values in double
quotes: YAML never reads a name as a number or a comment's ``#`` as a YAML comment.
"""

from __future__ import annotations

import re
import unicodedata
import urllib.parse
from collections.abc import Mapping

from .model import END_MARKER, START_MARKER

# Keys in the order they are written; the first group is what the browser controls (plain
# values), then free text in blocks, then short free text in quotes.
PLAIN_KEYS = ("identyfikator", "dokument", "wersja", "dotyczy")
BLOCK_KEYS = ("brzmienie", "propozycja", "uzasadnienie")
TAIL_KEYS = ("nadawca", "organizacja", "podmiot", "imie_i_nazwisko", "kontakt", "data")
QUOTED_KEYS = ("podmiot", "imie_i_nazwisko", "kontakt")
PERSONAL_KEYS = ("imie_i_nazwisko", "kontakt")
KEYS = PLAIN_KEYS + BLOCK_KEYS + TAIL_KEYS

_LINE_BREAKS = re.compile("\r\n?|[\x85\u2028\u2029]")
# Everything YAML (and a mail program) may choke on: controls, BOM, non-characters.
_UNSAFE = re.compile("[^\n\x20-\x7e\xa0-\ud7ff\ue000-\ufefe\uff00-\ufffd"
                     "\U00010000-\U0010ffff]")
_SPACE = "[ \u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]"
_TRAILING = re.compile(_SPACE + "+$", re.MULTILINE)
_LEADING = re.compile("^(?:" + _SPACE + "|\n)+")
# Mail programs and web mail turn leading spaces into no-break spaces and back: indentation is
# written with plain spaces only (``submission_read`` reads it that way too).
_INDENT = re.compile("^[ \u00a0]+", re.MULTILINE)
_BLANK_RUNS = re.compile("\n{3,}")


def normalise(value: str, *, multiline: bool) -> str:
    """The text as it will be sent: NFC, ``\\n`` only, no control characters, no trailing
    spaces, at most one empty line in a row (``multiline``) or one line (else)."""
    text = value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    text = unicodedata.normalize("NFC", text)
    text = _LINE_BREAKS.sub("\n", text).replace("\t", " ")
    text = _UNSAFE.sub("", text)
    if not multiline:
        text = text.replace("\n", " ")
    text = _TRAILING.sub("", text)
    text = _INDENT.sub(lambda m: " " * len(m.group()), text)
    text = _BLANK_RUNS.sub("\n\n", text)
    return _LEADING.sub("", text).rstrip("\n")


def quote(text: str) -> str:
    """A double-quoted YAML scalar of normalised single-line text."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def block_lines(values: Mapping[str, object], *, public: bool = False) -> list[str]:
    """The block, markers included. ``public`` (a GitHub issue, which everyone can read)
    leaves out the resident's name and contact: the account already says who wrote it."""
    lines = [START_MARKER]
    for key in KEYS:
        value = values.get(key)
        if value is None or (public and key in PERSONAL_KEYS):
            continue
        text = str(value)
        if key in BLOCK_KEYS:
            text = normalise(text, multiline=True)
            if text:
                lines.append(f"{key}: |-")
                lines.extend(f"  {line}" if line else "" for line in text.split("\n"))
        elif key in QUOTED_KEYS:
            text = normalise(text, multiline=False)
            if text:
                lines.append(f"{key}: {quote(text)}")
        elif text:
            lines.append(f"{key}: {text}")
    lines.append(END_MARKER)
    return lines


def where_text(label: str) -> str:
    return label or "cały dokument"


def message_text(values: Mapping[str, object], title: str, *, public: bool = False) -> str:
    """The whole text: for the e-mail body, the downloaded file and the issue."""
    preface = [
        f"Uwaga do konsultacji: {title}, wersja {values.get('wersja')}, "
        f"{values.get('dotyczy')}.",
        "",
        "Urząd przenosi uwagę do raportu z konsultacji z bloku poniżej; prosimy nie zmieniać "
        "tekstu między liniami ===.",
        "",
    ]
    return "\n".join(preface + block_lines(values, public=public)) + "\n"


def mail_subject(values: Mapping[str, object], title: str, *, compact: bool = False) -> str:
    if compact:  # the identifier names the document and version
        return f"Uwaga konsultacyjna {values.get('identyfikator')}: {values.get('dotyczy')}"
    return (f"Uwaga do konsultacji: {title}, wersja {values.get('wersja')}, "
            f"{values.get('dotyczy')} [{values.get('identyfikator')}]")


# A mailto: link is cut at about 2,000 characters, and each Polish letter takes six of them
# (%C5%82): the full text left about 390 characters for the comment itself. The compact body
# drops the title, the long preface and the quoted wording (the import takes the wording from
# the version itself) and keeps everything the import needs.
COMPACT_PREFACE = "Prosimy nie zmieniać tekstu między liniami ===."
# encodeURIComponent leaves these as they are; everything else is percent-encoded.
URI_SAFE = "-_.!~*'()"


def mail_text(values: Mapping[str, object], title: str, *, compact: bool = False) -> str:
    """The e-mail's body: the whole text, or (``compact``) the block without the quote."""
    if not compact:
        return message_text(values, title)
    shorter = {k: v for k, v in values.items() if k != "brzmienie"}
    return "\n".join([COMPACT_PREFACE, "", *block_lines(shorter)]) + "\n"


def mailto_href(email: str, values: Mapping[str, object], title: str, limit: int) -> str | None:
    """The ``mailto:`` link the form offers: the whole text when it fits in ``limit``
    characters, else the compact one, else None (the text goes by the clipboard)."""
    for compact in (False, True):
        body = mail_text(values, title, compact=compact).replace("\n", "\r\n")
        href = (f"mailto:{email}?subject="
                f"{quote_uri(mail_subject(values, title, compact=compact))}"
                f"&body={quote_uri(body)}")
        if len(href) <= limit:
            return href
    return None


def quote_uri(text: str) -> str:
    """What the browser's ``encodeURIComponent`` makes of ``text``."""
    return urllib.parse.quote(text, safe=URI_SAFE)
