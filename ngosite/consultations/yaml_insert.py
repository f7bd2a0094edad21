"""Add a comment to a version's ``uwagi`` in ``dokument.yml`` as a person would type it.

The file is edited as text, never re-dumped: its comments, order, quoting and line ends stay
byte for byte outside the lines this module inserts (one line is rewritten only when the list
was written as ``uwagi: []``). The positions come from PyYAML's node marks; the new lines follow
the indentation of the comments already there, and every value is written in the plainest form
that reads back as exactly itself (checked by reading it back), as staff write them: plain,
``>-`` folded at the file's width, ``|-`` for several lines, or double quotes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import yaml

from ngosite.contributing.entry_yaml import quote

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml keeps the same marks
WIDTH = 92  # the bundled files' longest lines
PLACEHOLDER = ("# stanowisko i uzasadnienie uzupełnia urząd (wymagane od dnia publikacji "
               "raportu)")
Field = tuple[str, object]


class InsertError(Exception):
    """The file's shape does not allow a safe insertion; the message (Polish) says why."""


@dataclass(frozen=True)
class Insertion:
    text: str
    first_line: int  # 1-based, in the new text, of the first inserted line
    inserted: int  # lines added
    rewritten: int = 0  # lines of the old text replaced (``uwagi: []``, a replaced comment)


def insert_comment(text: str, version_index: int, fields: Sequence[Field]) -> Insertion:
    """``text`` with a comment appended to version ``version_index``'s ``uwagi``."""
    newline = "\r\n" if "\r\n" in text else "\n"
    _, consultation = _consultation(text, version_index)
    found = _child(consultation, "uwagi")
    if found is None:
        key_col = consultation.value[0][0].start_mark.column
        at = _line_after(text, _content_end(text, consultation))
        lines = [" " * key_col + "uwagi:", *comment_lines(fields, key_col + 2)]
        return _insert(text, at, lines, newline)
    key, items = found
    if isinstance(items, yaml.SequenceNode) and not items.flow_style and items.value:
        dash = items.start_mark.column
        at = _item_end(text, items.value[-1], dash)
        return _insert(text, at, comment_lines(fields, dash, _key_gap(items)), newline)
    empty = (isinstance(items, yaml.SequenceNode) and not items.value) or (
        isinstance(items, yaml.ScalarNode) and items.tag == "tag:yaml.org,2002:null")
    if not empty:
        raise InsertError(
            "pole uwagi tej wersji nie jest listą zapisaną w kolejnych liniach („- nadawca: "
            "…”); popraw je ręcznie i zaimportuj uwagę ponownie")
    line_start = text.rfind("\n", 0, key.start_mark.index) + 1
    line_end = _line_end(text, items.end_mark.index)
    rest = text[items.end_mark.index:line_end].rstrip("\r")
    rewritten = text[line_start:key.end_mark.index] + ":" + rest
    lines = [rewritten, *comment_lines(fields, key.start_mark.column + 2)]
    after = _line_after(text, line_end)
    result = _insert(text[:line_start] + text[after:], line_start, lines, newline)
    return Insertion(result.text, result.first_line + 1, result.inserted - 1, 1)


def replace_comment(text: str, version_index: int, comment_index: int,
                    fields: Sequence[Field]) -> Insertion:
    """``text`` with comment ``comment_index`` of that version written anew from ``fields``."""
    newline = "\r\n" if "\r\n" in text else "\n"
    _, consultation = _consultation(text, version_index)
    found = _child(consultation, "uwagi")
    if found is None or not isinstance(found[1], yaml.SequenceNode) or found[1].flow_style:
        raise InsertError("wersja nie ma listy uwag zapisanej w kolejnych liniach")
    items = found[1]
    item = items.value[comment_index]
    start = text.rfind("\n", 0, item.start_mark.index) + 1
    end = _item_end(text, item, items.start_mark.column)
    lines = comment_lines(fields, items.start_mark.column, _key_gap(items))
    old = text[start:end].count("\n") or 1
    result = _insert(text[:start] + text[end:], start, lines, newline)
    return Insertion(result.text, result.first_line, result.inserted, old)


def comment_lines(fields: Sequence[Field], dash: int, gap: int = 2) -> list[str]:
    """The comment as YAML lines: ``- key: value`` at column ``dash``, keys ``gap`` further."""
    key_col = dash + gap
    lines: list[str] = []
    for n, (key, value) in enumerate(fields):
        head = " " * dash + "-" + " " * (gap - 1) if n == 0 else " " * key_col
        lines.extend(_field_lines(head, key, value, key_col + 2))
    if not {"stanowisko", "uzasadnienie"} <= {key for key, _ in fields}:
        lines.append(" " * key_col + PLACEHOLDER)
    return lines


def _field_lines(head: str, key: str, value: object, indent: int) -> list[str]:
    if isinstance(value, bool):
        return [f"{head}{key}: {'true' if value else 'false'}"]
    if isinstance(value, date | int):
        return [f"{head}{key}: {value.isoformat() if isinstance(value, date) else value}"]
    text = str(value)
    first = f"{head}{key}: "
    if "\n" not in text and len(first) + len(text) <= WIDTH and _reads_back(text, text):
        return [first + text]
    for lines in (_folded(text, indent), _literal(text, indent)):
        if lines is not None and _reads_back("\n".join(lines[1:]) + "\n", text, lines[0]):
            return [first + lines[0], *lines[1:]]
    return [first + quote(text)]


def _folded(text: str, indent: int) -> list[str] | None:
    if "\n" in text or "  " in text or text != text.strip():
        return None
    lines, current = [">-"], ""
    for word in text.split(" "):
        if current and indent + len(current) + 1 + len(word) > WIDTH:
            lines.append(" " * indent + current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    lines.append(" " * indent + current)
    return lines


def _literal(text: str, indent: int) -> list[str] | None:
    if "\n" not in text or text != text.strip() or any(
            line != line.rstrip() for line in text.split("\n")):
        return None
    return ["|-", *(" " * indent + line if line else "" for line in text.split("\n"))]


def _reads_back(body: str, expected: str, indicator: str | None = None) -> bool:
    """Whether ``k: <indicator>\\n<body>`` (or ``k: <body>``) is the string ``expected``."""
    source = f"k: {indicator}\n{body}" if indicator else f"k: {body}"
    try:
        return yaml.load(source, Loader=_LOADER) == {"k": expected}
    except yaml.YAMLError:
        return False


def _consultation(text: str, version_index: int) -> tuple[yaml.Node, yaml.MappingNode]:
    root = yaml.compose(text, Loader=_LOADER)
    versions = _child(root, "wersje") if isinstance(root, yaml.MappingNode) else None
    if versions is None or not isinstance(versions[1], yaml.SequenceNode) \
            or version_index >= len(versions[1].value):
        raise InsertError("w dokument.yml nie ma tej wersji na liście wersje")
    version = versions[1].value[version_index]
    found = _child(version, "konsultacje") if isinstance(version, yaml.MappingNode) else None
    if found is None or not isinstance(found[1], yaml.MappingNode) or not found[1].value:
        raise InsertError("ta wersja nie ma w dokument.yml konsultacji (pola konsultacje)")
    return found[0], found[1]


def _child(node: yaml.MappingNode, key: str) -> tuple[yaml.Node, yaml.Node] | None:
    return next(((k, v) for k, v in node.value
                 if isinstance(k, yaml.ScalarNode) and k.value == key), None)


def _key_gap(items: yaml.SequenceNode) -> int:
    first = items.value[0]
    return max(2, first.start_mark.column - items.start_mark.column) \
        if isinstance(first, yaml.MappingNode) else 2


def _content_end(text: str, node: yaml.Node) -> int:
    """The index just after the node's last character of content (not a trailing comment
    or blank line: a block collection's own end mark lies past those)."""
    end = _last_leaf_end(node)
    while end > 0 and text[end - 1] in " \t\r\n":
        end -= 1
    return end


def _item_end(text: str, item: yaml.Node, dash: int) -> int:
    """Where the lines of a list item end: after its content and the comment lines indented
    under it (the office's placeholder), which PyYAML's marks do not cover. A new comment
    inserted at the content's end would push the previous one's placeholder under itself."""
    at = _line_after(text, _content_end(text, item))
    while at < len(text):
        end = _line_after(text, at)
        line = text[at:end].rstrip("\r\n")
        stripped = line.lstrip(" ")
        if not stripped.startswith("#") or len(line) - len(stripped) <= dash:
            break
        at = end
    return at


def _last_leaf_end(node: yaml.Node) -> int:
    if isinstance(node, yaml.ScalarNode) or getattr(node, "flow_style", False):
        return node.end_mark.index
    children = [v for pair in node.value for v in pair] \
        if isinstance(node, yaml.MappingNode) else list(node.value)
    return max((_last_leaf_end(c) for c in children), default=node.end_mark.index)


def _line_end(text: str, index: int) -> int:
    end = text.find("\n", index)
    return len(text) if end == -1 else end


def _line_after(text: str, index: int) -> int:
    end = text.find("\n", index)
    return len(text) if end == -1 else end + 1


def _insert(text: str, at: int, lines: list[str], newline: str) -> Insertion:
    lead = newline if at == len(text) and text and not text.endswith("\n") else ""
    block = lead + "".join(line + newline for line in lines)
    first_line = text.count("\n", 0, at) + 1 + (1 if lead else 0)
    return Insertion(text[:at] + block + text[at:], first_line, len(lines))
