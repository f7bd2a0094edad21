"""Read a YAML data file safely and remember where every key and value stands.

PyYAML's ``safe_load`` throws away positions and silently merges duplicate keys, so we compose
the node tree ourselves: every value keeps its line and column and the text the author typed,
which lets later stages say ``plik.yml:12:7`` and quote the author's own spelling.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem

KeyPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Scalar:
    """What the author typed for one scalar, and what YAML 1.1 made of it."""

    raw: str
    tag: str
    quoted: bool


@dataclass
class SourceDocument:
    """One parsed data file: plain Python data plus the position of everything in it."""

    path: Path
    name: str
    data: Any
    value_marks: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)
    scalars: dict[KeyPath, Scalar] = field(default_factory=dict)

    def locate(self, path: KeyPath, *, key: bool = False) -> tuple[int, int]:
        """Line and column (1-based) of a value, or of its key; falls back to the nearest parent."""
        marks = self.key_marks if key else self.value_marks
        probe = tuple(path)
        while probe:
            if probe in marks:
                return marks[probe]
            if not key and probe in self.key_marks:
                return self.key_marks[probe]
            probe = probe[:-1]
        return (1, 1)


def format_key_path(path: KeyPath) -> str:
    """``('kontakt', 'media', 1)`` → ``kontakt.media[1]``: the spelling a YAML author reads."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + part
    return out


_SYNTAX_HINTS = {
    "found character '\\t' that cannot start any token": (
        "w pliku jest znak tabulacji; do wcięć używaj wyłącznie spacji"
    ),
    "mapping values are not allowed here": (
        "w wartości jest dwukropek ze spacją albo złe wcięcie; ujmij wartość w cudzysłów "
        "(np. opis: \"Godziny: 10–12\") albo popraw wcięcie"
    ),
    "could not find expected ':'": (
        "brakuje dwukropka po nazwie pola albo wcięcie jest nierówne; każde pole zapisuj "
        "jako „nazwa: wartość”"
    ),
    "expected <block end>, but found '-'": (
        "element listy („- ...”) ma inne wcięcie niż poprzednie elementy; wyrównaj je"
    ),
    "expected <block end>": (
        "nierówne wcięcie albo niedomknięty cudzysłów w tej linii lub powyżej; sprawdź, czy "
        "każdy cudzysłów ma parę i czy pola na tym samym poziomie mają równe wcięcie"
    ),
    "while scanning a quoted scalar": (
        "cudzysłów otwarty w tej linii nie ma pary; dopisz zamykający cudzysłów"
    ),
    "while parsing a block mapping": (
        "nierówne wcięcie albo niedomknięty cudzysłów; pola na tym samym poziomie muszą mieć "
        "równe wcięcie"
    ),
    "found undefined alias": "użyto odwołania (*nazwa) do nieistniejącej kotwicy",
    "expected a single document in the stream": (
        "plik zawiera kilka dokumentów YAML (linia „---” w środku); zostaw jeden"
    ),
    "found unknown escape character": (
        "w tekście w podwójnym cudzysłowie jest ukośnik wsteczny; użyj pojedynczego "
        "cudzysłowu albo zapisz go jako \\\\"
    ),
}


def _syntax_problem(name: str, text: str, exc: yaml.YAMLError) -> Problem:
    if isinstance(exc, yaml.reader.ReaderError):
        line = text[: exc.position].count("\n") + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        return Problem(name, line, column, "",
                       f"w tekście jest niewidoczny znak sterujący (kod {exc.character:#06x}), "
                       "często wklejony z edytora tekstu; usuń go albo przepisz tę linię")
    context = str(getattr(exc, "context", None) or "")
    reason = str(getattr(exc, "problem", None) or exc)
    # An unclosed quote is found only where the next quote happens to be; the context mark
    # points at the quote that was opened, which is what the author must fix.
    mark = (getattr(exc, "context_mark", None) if "quoted scalar" in context else None) or (
        getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None))
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    hint = next((text for key, text in _SYNTAX_HINTS.items()
                 if key in reason or key in context), None)
    if hint is None and isinstance(exc, yaml.constructor.ConstructorError):
        hint = "znaczniki YAML zaczynające się od „!” nie są dozwolone; usuń je"
    hint = hint or "sprawdź wcięcia, dwukropki i cudzysłowy w tej linii"
    detail = " ".join(f"{context} {reason}".split())
    return Problem(name, line, column, "", f"niepoprawna składnia YAML: {hint} (parser: {detail})")


def read_yaml(path: Path, name: str, problems: list[Problem]) -> SourceDocument | None:
    """Parse one file; on any fatal problem append it and return None.

    Non-fatal problems (duplicate keys) are appended and the document is still returned,
    so the rest of the file is checked too.
    """
    try:
        raw = path.read_bytes()
    except OSError as exc:
        problems.append(Problem(name, 1, 1, "", f"nie można odczytać pliku ({exc.strerror})"))
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.append(Problem(
            name, line, 1, "",
            "plik nie jest zapisany w kodowaniu UTF-8 (np. polskie litery w Windows-1250); "
            "zapisz go ponownie jako UTF-8 (w Notatniku: Zapisz jako → Kodowanie: UTF-8)",
        ))
        return None
    if not text.strip():
        problems.append(Problem(
            name, 1, 1, "",
            "plik jest pusty; wpisz dane organizacji (wzór: docs/dodaj-organizacje.md)",
        ))
        return None
    if all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        problems.append(Problem(
            name, 1, 1, "",
            "plik zawiera tylko komentarze (linie zaczynające się od #); wpisz dane organizacji "
            "(wzór: docs/dodaj-organizacje.md)",
        ))
        return None
    try:
        root = yaml.compose(text, Loader=_LOADER)
    except yaml.YAMLError:
        # libyaml's messages are terser ("found character that cannot start any token");
        # the pure-Python parser names the character, so ask it for the message.
        try:
            yaml.compose(text, Loader=yaml.SafeLoader)
        except yaml.YAMLError as exc:
            problems.append(_syntax_problem(name, text, exc))
        else:  # pragma: no cover - both parsers implement the same YAML 1.1
            problems.append(Problem(name, 1, 1, "", "błąd składni YAML"))
        return None
    doc = SourceDocument(path=path, name=name, data=None)
    if root is None:
        problems.append(Problem(name, 1, 1, "", "plik nie zawiera danych"))
        return None
    if not isinstance(root, yaml.MappingNode):
        kind = "listę" if isinstance(root, yaml.SequenceNode) else "pojedynczą wartość"
        problems.append(Problem(
            name, root.start_mark.line + 1, root.start_mark.column + 1, "",
            f"plik zawiera {kind}, a powinien zawierać pola „nazwa: wartość” zapisane od "
            "początku linii, bez myślnika na początku",
        ))
        return None
    try:
        doc.data = _convert(root, (), doc, problems, set())
    except yaml.YAMLError as exc:
        problems.append(_syntax_problem(name, text, exc))
        return None
    except _AliasUsed as exc:
        problems.append(Problem(
            name, exc.line, exc.column, "",
            "odwołania YAML (&kotwica i *odwołanie) nie są dozwolone w plikach danych; wpisz "
            "wartość w każdym miejscu wprost"))
        return None
    return doc


_constructor = yaml.SafeLoader("")
# libyaml's parser is ~10x faster than the pure-Python one and keeps the same marks.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_PLAIN_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}
_STR_TAG = "tag:yaml.org,2002:str"


class _AliasUsed(Exception):
    def __init__(self, line: int, column: int):
        super().__init__(line, column)
        self.line, self.column = line, column


def _convert(node: yaml.Node, path: KeyPath, doc: SourceDocument, problems: list[Problem],
             seen: set[int]) -> Any:
    # An alias is the same node object met twice. Refusing it avoids self-reference
    # (&a [*a] recurses forever) and "billion laughs" expansion (a 40-line file, gigabytes).
    if id(node) in seen:
        raise _AliasUsed(node.start_mark.line + 1, node.start_mark.column + 1)
    seen.add(id(node))
    doc.value_marks[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if not isinstance(node, yaml.ScalarNode) and node.tag not in _PLAIN_TAGS:
        raise yaml.constructor.ConstructorError(
            None, None, f"tag {node.tag!r} is not allowed", node.start_mark)
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else "?"
            child = (*path, key)
            mark = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if key in result:
                first = doc.key_marks[child][0]
                problems.append(Problem(
                    doc.name, mark[0], mark[1], format_key_path(child),
                    f"pole występuje w pliku drugi raz (pierwszy raz w linii {first}); "
                    "zostaw jedno z nich",
                ))
                continue
            doc.key_marks[child] = mark
            result[key] = _convert(value_node, child, doc, problems, seen)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, (*path, i), doc, problems, seen)
                for i, item in enumerate(node.value)]
    doc.scalars[path] = Scalar(raw=node.value, tag=node.tag, quoted=node.style in ("'", '"'))
    if node.tag == _STR_TAG:  # most values: the constructor would return the text as it is
        return node.value
    try:
        return _constructor.construct_object(node)
    except ValueError:
        # "2026-13-01" matches YAML's timestamp pattern but is no date: keep the text and let
        # the field's validator say what is wrong with it.
        return node.value
    finally:
        # The constructor remembers every node it made (for aliases, which we refuse):
        # without this it would keep every scalar node of every file for the whole build.
        _constructor.constructed_objects.clear()
