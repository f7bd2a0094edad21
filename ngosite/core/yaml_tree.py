"""Plain Python data from YAML parser events, with positions, without recursion and within limits.

PyYAML's composer builds its node tree recursively (in C with libyaml: deep nesting crashes
the process; in Python: RecursionError), and libyaml's parser is quadratic in the nesting of
flow collections (``[[[[…``: 100,000 levels take 75 s). So the text is first scanned for flow
nesting, then the parser's event stream is folded into dicts, lists and scalars with an
explicit stack, counting depth, items and values as it goes and refusing aliases before they
can expand. Every value's position and raw text go into the ``SourceDocument``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from .limits import YamlLimits, too_deep, too_many_items, too_many_values
from .problems import Problem
from .yaml_document import KeyPath, Scalar, SourceDocument, format_key_path

_PLAIN_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}
_STR_TAG = "tag:yaml.org,2002:str"
_constructor = yaml.SafeLoader("")
# libyaml's parser is ~10x faster than the pure-Python one and keeps the same marks.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SCALAR, _MAPPING_START, _SEQUENCE_START = (
    yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent)
_MAPPING_END, _SEQUENCE_END = yaml.MappingEndEvent, yaml.SequenceEndEvent
# The implicit tags (int, float, bool, null, timestamp…) by the first character of a plain
# scalar; only when none applies to every character (None) and no path resolver is set.
_RESOLVED_FIRST_CHARS = frozenset(_constructor.yaml_implicit_resolvers)
_PLAIN_FIRST_CHARS_ONLY = None not in _RESOLVED_FIRST_CHARS \
    and not _constructor.yaml_path_resolvers
_FLOW_OPENERS = "[{"
_AFTER_WHICH_A_BRACKET_OPENS = set(":-[{,?")


class Refused(Exception):
    """The file breaks a rule of its own shape; ``problem`` says which and where."""

    def __init__(self, problem: Problem):
        super().__init__(problem.message)
        self.problem = problem


class AliasUsed(Exception):
    def __init__(self, line: int, column: int):
        super().__init__(line, column)
        self.line, self.column = line, column


def flow_depth_problem(name: str, text: str, limits: YamlLimits) -> Problem | None:
    """Where flow collections (``[ ]``, ``{ }``) nest deeper than allowed, before any parsing.

    A bracket opens a collection only where a value starts (after ``:``, ``-``, ``,``, ``?``,
    another bracket, or at the start of a line); quoted text, plain text and comments are
    skipped, so the brackets in „opis: Zajęcia [sobota]” are not counted. An upper bound is
    enough here: the exact depth is checked again while the file is read.
    """
    if text.count("[") + text.count("{") <= limits.max_depth:
        return None  # cannot nest deeper than it has brackets: most files end here
    scan = _FlowScan(text)
    for line, column in scan.openings():
        if scan.depth > limits.max_depth:
            return too_deep(name, line, column, limits)
    return None


class _FlowScan:
    """Walks the text once, yielding the position of every bracket that opens a collection."""

    def __init__(self, text: str):
        self.text = text
        self.depth = 0

    def openings(self):
        text, index, end = self.text, 0, len(self.text)
        line, column = 1, 0
        previous = "\n"  # the last character that was not a space or a tab
        state = ""  # ', " (quoted), # (comment), p (plain text) or "" (between values)
        while index < end:
            char = text[index]
            index += 1
            column += 1
            if char == "\n":
                line, column, previous = line + 1, 0, "\n"
                state = state if state in "'\"" and state else ""
                continue
            if state == "#":
                continue
            if state in ("'", '"'):
                if state == '"' and char == "\\":
                    index, column = index + 1, column + 1  # an escaped character
                elif state == char == "'" and text[index:index + 1] == "'":
                    index, column = index + 1, column + 1  # '' inside single quotes
                elif char == state:
                    state, previous = "", char
                continue
            if char == "#" and (column == 1 or text[index - 2] in " \t"):
                state = "#"
                continue
            if state == "p":
                if char == ":" and text[index:index + 1] in (" ", "\t", "\n", ""):
                    state, previous = "", ":"
                elif self.depth and char in ",]}":
                    state = ""  # a plain value inside brackets ends here
                else:
                    continue
            starts_value = previous in _AFTER_WHICH_A_BRACKET_OPENS or previous == "\n"
            if char in "\"'" and starts_value:
                state = char
            elif char in _FLOW_OPENERS and starts_value:
                self.depth += 1
                yield line, column
            elif char in "]}":
                self.depth = max(self.depth - 1, 0)
            elif char not in " \t,:-?" and state == "":
                state = "p"
            if char not in " \t":
                previous = char


@dataclass
class _Open:
    """A mapping or list being filled; ``discard`` for what is read only to be skipped (a
    complex key, the value of a duplicate key)."""

    path: KeyPath
    value: Any
    line: int
    column: int
    discard: bool = False
    is_key: bool = False  # a mapping or list used as a mapping's key: read, then dropped
    key: str | None = None  # in a mapping: the key whose value comes next
    skip_next: bool = False  # in a mapping: the next value belongs to a refused key
    count: int = 0


@dataclass
class TreeBuilder:
    doc: SourceDocument
    problems: list[Problem]
    limits: YamlLimits
    stack: list[_Open] = field(default_factory=list)
    anchors: dict[str, tuple[int, int]] = field(default_factory=dict)
    values: int = 0
    documents: int = 0
    first_document: yaml.Mark | None = None
    root: Any = None
    root_event: yaml.Event | None = None

    def build(self, events) -> None:
        """Fold every event into ``root``; raises yaml.YAMLError, Refused or AliasUsed.

        Events are told apart by their exact class, most frequent first: a 10,000-NGO build
        folds half a million of them."""
        for event in events:
            kind = type(event)
            if kind is _SCALAR or kind is _MAPPING_START or kind is _SEQUENCE_START:
                self._node(event)
                if type(self.root_event) is not _MAPPING_START:
                    return  # read_yaml refuses a file that is not a mapping
            elif kind is _MAPPING_END or kind is _SEQUENCE_END:
                finished = self.stack.pop()
                if not self.stack:
                    self.root = finished.value
                elif not finished.is_key:
                    self._add(finished.value, finished.line, finished.column)
            elif kind is yaml.DocumentStartEvent:
                self.documents += 1
                if self.documents == 1:
                    self.first_document = event.start_mark
                else:
                    raise yaml.composer.ComposerError(
                        "expected a single document in the stream", self.first_document,
                        "but found another document", event.start_mark)
            elif kind is yaml.AliasEvent:
                self._alias(event)

    def _alias(self, event: yaml.AliasEvent) -> None:
        mark = self.anchors.get(event.anchor)
        if mark is None:
            raise yaml.composer.ComposerError(
                None, None, f"found undefined alias {event.anchor!r}", event.start_mark)
        # An alias would reuse a node: self-reference (&a [*a]) recurses forever and nested
        # aliases expand exponentially ("billion laughs"). Refuse it where the anchor stands.
        raise AliasUsed(*mark)

    def _node(self, event: yaml.NodeEvent) -> None:
        mark = (event.start_mark.line + 1, event.start_mark.column + 1)
        if event.anchor is not None:
            self.anchors[event.anchor] = mark
        self.values += 1
        if self.values > self.limits.max_values:
            raise Refused(too_many_values(self.doc.name, *mark, self.limits))
        if self.root_event is None:
            self.root_event = event
            if not isinstance(event, yaml.MappingStartEvent):
                return
        parent = self.stack[-1] if self.stack else None
        if parent is not None and not parent.discard and isinstance(parent.value, dict) \
                and parent.key is None:
            self._key(parent, event, mark)
            return
        discard = parent is not None and (parent.discard or parent.skip_next)
        path = self._child_path(parent)
        if isinstance(event, yaml.CollectionStartEvent):
            self._open(event, path, mark, discard)
            return
        if discard:
            self._add(None, *mark)
            return
        self.doc.value_marks[path] = mark
        self._add(self._scalar(event, path), *mark)

    def _child_path(self, parent: _Open | None) -> KeyPath:
        if parent is None:
            return ()
        if isinstance(parent.value, list):
            return (*parent.path, len(parent.value))
        return (*parent.path, parent.key)  # type: ignore[arg-type]

    def _open(self, event: yaml.CollectionStartEvent, path: KeyPath, mark: tuple[int, int],
              discard: bool) -> None:
        self._check_depth(mark)
        if not discard:
            self.doc.value_marks[path] = mark
            if event.tag not in (None, "!") and _resolved(event) not in _PLAIN_TAGS:
                raise yaml.constructor.ConstructorError(
                    None, None, f"tag {event.tag!r} is not allowed", event.start_mark)
        value: Any = {} if isinstance(event, yaml.MappingStartEvent) else []
        self.stack.append(_Open(path, value, *mark, discard=discard))

    def _check_depth(self, mark: tuple[int, int]) -> None:
        if len(self.stack) >= self.limits.max_depth:
            raise Refused(too_deep(self.doc.name, *mark, self.limits))

    def _key(self, parent: _Open, event: yaml.NodeEvent, mark: tuple[int, int]) -> None:
        if isinstance(event, yaml.ScalarEvent):
            key = str(event.value)
        else:  # a mapping or list used as a key: read it to skip it
            key = "?"
            self._check_depth(mark)
            self.stack.append(_Open(parent.path, {} if isinstance(
                event, yaml.MappingStartEvent) else [], *mark, discard=True, is_key=True))
        child = (*parent.path, key)
        if key in parent.value:
            first = self.doc.key_marks[child][0]
            self.problems.append(Problem(
                self.doc.name, mark[0], mark[1], format_key_path(child),
                f"pole występuje w pliku drugi raz (pierwszy raz w linii {first}); "
                "zostaw jedno z nich"))
            parent.skip_next = True
        else:
            self.doc.key_marks[child] = mark
        parent.key = key

    def _add(self, value: Any, line: int, column: int) -> None:
        if not self.stack:
            self.root = value
            return
        parent = self.stack[-1]
        parent.count += 1
        if parent.count > self.limits.max_items:
            raise Refused(too_many_items(self.doc.name, line, column, format_key_path(parent.path),
                                         self.limits))
        if parent.discard:
            return
        if isinstance(parent.value, list):
            parent.value.append(value)
            return
        if not parent.skip_next:
            parent.value[parent.key] = value
        parent.key, parent.skip_next = None, False

    def _scalar(self, event: yaml.ScalarEvent, path: KeyPath) -> Any:
        tag = _resolved(event)
        self.doc.scalars[path] = Scalar(raw=event.value, tag=tag,
                                        quoted=event.style in ("'", '"'))
        if tag == _STR_TAG:  # most values: the constructor would return the text as it is
            return event.value
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        try:
            return _constructor.construct_object(node)
        except ValueError:
            # "2026-13-01" matches YAML's timestamp pattern but is no date: keep the text and
            # let the field's validator say what is wrong with it.
            return event.value
        finally:
            _constructor.constructed_objects.clear()


def _resolved(event: yaml.NodeEvent) -> str:
    """The tag YAML 1.1 gives the node, as PyYAML's composer would resolve it."""
    if event.tag not in (None, "!"):
        return event.tag
    if type(event) is _SCALAR:
        value = event.value
        if _PLAIN_FIRST_CHARS_ONLY and (not event.implicit[0] or (
                value and value[0] not in _RESOLVED_FIRST_CHARS)):
            # What ``resolve`` returns without a pattern to try: quoted text, and plain text
            # whose first character starts no number, date, boolean or null (most values).
            return _STR_TAG
        return _constructor.resolve(yaml.ScalarNode, value, event.implicit)
    kind = yaml.MappingNode if isinstance(event, yaml.MappingStartEvent) else yaml.SequenceNode
    return _constructor.resolve(kind, None, event.implicit)
