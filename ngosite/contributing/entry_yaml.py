"""Write an NGO entry as the YAML file a contributor commits: ``ngos/<slug>.yml``.

Used where a program, not a person, writes the file (``issue-to-yaml``, the downloadable
example); ``docs/assets/js/form.js`` writes the same text in the browser, and a browser test
holds the two to the same output. Every string is double-quoted (or a ``|`` block for text of
several lines), so YAML never turns a KRS, a postal code or a phone number into a number, and
``no`` or ``on`` into a boolean.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from .entry_fields import leaves, model_keys, walk

SCHEMA_COMMENT = "# yaml-language-server: $schema=../data/organizacja.schema.json"
INDENT = "  "

# Characters YAML lets stand as they are inside quotes: printable, and not a line break
# (YAML 1.1 also breaks lines at U+0085, U+2028 and U+2029).
_UNSAFE = re.compile("[^\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd"
                     "\U00010000-\U0010ffff]")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_SHORT_ESCAPES = {"\n": "\\n", "\t": "\\t", "\r": "\\r", '"': '\\"', "\\": "\\\\"}


def dump_entry(entry: Mapping[str, Any]) -> str:
    """The file's text: the schema comment, then the keys in the model's order."""
    order = {key: i for i, key in enumerate(model_keys())}
    dates = {f.key for f in leaves(walk()) if f.kind == "date"}
    lines = [SCHEMA_COMMENT]
    _mapping(entry, (), order, dates, 0, lines)
    return "\n".join(lines) + "\n"


def quote(text: str) -> str:
    """A YAML double-quoted scalar that reads back as exactly ``text``."""
    text = _well_formed(text)
    out = []
    for char in text:
        if char in _SHORT_ESCAPES:
            out.append(_SHORT_ESCAPES[char])
        elif _UNSAFE.match(char):
            code = ord(char)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _mapping(data: Mapping[str, Any], path: tuple[str, ...], order: dict[str, int],
             dates: set[str], depth: int, lines: list[str]) -> None:
    pad = INDENT * depth

    def rank(key: str) -> tuple[int, str]:
        return (order.get(".".join((*path, key)), len(order)), key)

    for key in sorted(data, key=rank):
        value = data[key]
        if _is_empty(value):
            continue
        if isinstance(value, Mapping):
            lines.append(f"{pad}{key}:")
            _mapping(value, (*path, key), order, dates, depth + 1, lines)
        elif isinstance(value, list | tuple):
            lines.append(f"{pad}{key}:")
            lines.extend(f"{pad}{INDENT}- {_scalar(item)}" for item in value)
        elif isinstance(value, str) and _fits_block(value):
            lines.append(f"{pad}{key}: |")
            lines.extend(f"{pad}{INDENT}{line}" if line else "" for line in value.split("\n"))
        elif ".".join((*path, key)) in dates and _ISO_DATE.fullmatch(str(value)):
            lines.append(f"{pad}{key}: {value}")
        else:
            lines.append(f"{pad}{key}: {_scalar(value)}")


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(float(value))
    if isinstance(value, date):
        return value.isoformat()
    return quote(str(value))


def _fits_block(text: str) -> bool:
    """Multi-line text reads best as a ``|`` block, when the block keeps it exactly."""
    if "\n" not in text or text != text.strip():
        return False
    lines = text.split("\n")
    return not any(_UNSAFE.search(line) or line != line.rstrip() for line in lines)


def _is_empty(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str | list | tuple | Mapping):
        return len(value) == 0 or (isinstance(value, Mapping)
                                   and all(_is_empty(v) for v in value.values()))
    return False


def _well_formed(text: str) -> str:
    """Lone surrogates (from broken input) cannot be written as UTF-8: replace them."""
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
