"""Register facts written into an existing entry as a person would: only the changed values.

``krs check --update`` used to dump the whole entry anew, which turned an NGO's hand-written
``opis: |`` block into one quoted line and reordered what staff had arranged. Here the file is
edited as text: each changed scalar is replaced where it stands, a removed key loses its line,
and a missing key is added after the last line of its section (or a new section at the end).
Everything else (comments, block scalars, quoting, order, blank lines) stays byte for byte.
The positions come from PyYAML's node marks; the file is composed again after each edit, which
costs nothing for a file of a few dozen lines.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

import yaml

from ngosite.contributing.entry_yaml import INDENT, quote

KeyPath = tuple[str, ...]
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class EditError(Exception):
    """The file's shape does not allow a safe edit (flow style, not a mapping)."""


def edit_entry(text: str, updates: Mapping[KeyPath, Any]) -> str:
    """``text`` with each ``path → value`` applied (``None`` removes the key)."""
    for path, value in updates.items():
        text = _edit(text, path, value)
    return text


def scalar_text(value: Any, plain_before: bool = False) -> str:
    """A value as YAML: dates ISO, booleans ``true``/``false``, strings plain only where the
    old value was plain and the new one reads back as exactly itself, else double-quoted."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    if plain_before and text and text == text.strip() and "\n" not in text:
        try:
            if yaml.load(f"k: {text}", Loader=_LOADER) == {"k": text}:
                return text
        except yaml.YAMLError:
            pass
    return quote(text)


def _edit(text: str, path: KeyPath, value: Any) -> str:
    root = yaml.compose(text, Loader=_LOADER)
    if not isinstance(root, yaml.MappingNode) or root.flow_style:
        raise EditError("plik wpisu nie jest mapą zapisaną w kolejnych liniach")
    parent: yaml.MappingNode | None = root
    for depth, key in enumerate(path):
        assert parent is not None
        found = _child(parent, key)
        if found is None:
            if value is None:
                return text
            return _add(text, parent, path[depth:], value, depth)
        key_node, node = found
        if depth == len(path) - 1:
            if value is None:
                return _remove(text, key_node, node)
            if _is_null(node) and node.value == "":  # "ulica:" with nothing: a new line
                return _edit(_remove(text, key_node, node), path, value)
            return _replace(text, node, value)
        if not isinstance(node, yaml.MappingNode) or node.flow_style:
            if _is_null(node) and value is not None:
                return _replace_empty_section(text, key_node, node, path[depth + 1:], value,
                                              depth + 1)
            raise EditError(f"pole {key} nie jest sekcją zapisaną w kolejnych liniach")
        parent = node
    return text


def _replace(text: str, node: yaml.Node, value: Any) -> str:
    if not isinstance(node, yaml.ScalarNode):
        raise EditError("pole, które zmienia KRS, nie jest pojedynczą wartością")
    if _same(node, value):
        return text
    start, end = node.start_mark.index, node.end_mark.index
    new = scalar_text(value, plain_before=not node.style and node.value != "")
    if node.style in ("|", ">"):
        end = _content_end(text, start, end)
    return text[:start] + new + text[end:]


def _remove(text: str, key: yaml.Node, node: yaml.Node) -> str:
    start = text.rfind("\n", 0, key.start_mark.index) + 1
    end = _line_after(text, max(_last_leaf_end(text, node), key.end_mark.index))
    return text[:start] + text[end:]


def _add(text: str, parent: yaml.MappingNode, keys: KeyPath, value: Any, depth: int) -> str:
    """``keys`` (the missing key and its sub-keys) as new lines at the end of ``parent``."""
    column = parent.value[0][0].start_mark.column if parent.value else depth * len(INDENT)
    lines = _lines(keys, value, column)
    if not parent.value:
        raise EditError("pusta sekcja")
    last = _last_leaf_end(text, parent)
    at = _line_after(text, last)
    block = "".join(f"{line}\n" for line in lines)
    lead = "\n" if at == len(text) and not text.endswith("\n") else ""
    return text[:at] + lead + block + text[at:]


def _replace_empty_section(text: str, key: yaml.Node, node: yaml.Node, keys: KeyPath,
                           value: Any, depth: int) -> str:
    """``adres:`` with nothing under it becomes ``adres:`` with the new key."""
    line_end = text.find("\n", key.end_mark.index)
    line_end = len(text) if line_end == -1 else line_end
    column = key.start_mark.column + len(INDENT)
    lines = _lines(keys, value, column)
    head = text[:key.end_mark.index] + ":"
    return head + "".join(f"\n{line}" for line in lines) + text[line_end:]


def _lines(keys: KeyPath, value: Any, column: int) -> list[str]:
    lines = []
    for n, key in enumerate(keys[:-1]):
        lines.append(" " * (column + n * len(INDENT)) + f"{key}:")
    pad = " " * (column + (len(keys) - 1) * len(INDENT))
    return [*lines, f"{pad}{keys[-1]}: {scalar_text(value)}"]


def _same(node: yaml.ScalarNode, value: Any) -> bool:
    """Whether the file already says ``value`` (however it is written)."""
    loaded = yaml.load(yaml.serialize(node), Loader=_LOADER)
    return loaded == value or (isinstance(value, date) and str(loaded) == value.isoformat())


def _child(node: yaml.MappingNode, key: str) -> tuple[yaml.Node, yaml.Node] | None:
    return next(((k, v) for k, v in node.value
                 if isinstance(k, yaml.ScalarNode) and k.value == key), None)


def _is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null"


def _content_end(text: str, start: int, end: int) -> int:
    """A node's end without the line breaks and blank lines a block value's mark runs over."""
    while end > start and text[end - 1] in " \t\r\n":
        end -= 1
    return end


def _last_leaf_end(text: str, node: yaml.Node) -> int:
    """Where a section's last value ends: a block mapping's own end mark runs over the comment
    lines and blank lines before the next section."""
    if isinstance(node, yaml.ScalarNode) or getattr(node, "flow_style", False):
        return _content_end(text, node.start_mark.index, node.end_mark.index)
    children = [v for pair in node.value for v in pair] \
        if isinstance(node, yaml.MappingNode) else list(node.value)
    return max((_last_leaf_end(text, c) for c in children), default=node.start_mark.index)


def _line_after(text: str, index: int) -> int:
    end = text.find("\n", index)
    return len(text) if end == -1 else end + 1
