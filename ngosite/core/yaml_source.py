"""Read a YAML data file safely and remember where every key and value stands.

PyYAML's ``safe_load`` throws away positions and silently merges duplicate keys, so the file
is read from the parser's events (``yaml_tree``): every value keeps its line and column and the
text the author typed, which lets later stages say ``plik.yml:12:7`` and quote the author's own
spelling. A file's size, line length, nesting and number of values are limited (``limits``):
each broken limit is one located Polish problem, never a crash or a hang.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from .limits import DATA_FILE, YamlLimits, line_too_long, too_big
from .problems import NGO_GUIDE, Problem
from .yaml_document import KeyPath, Scalar, SourceDocument, format_key_path
from .yaml_tree import LOADER, AliasUsed, Refused, TreeBuilder, flow_depth_problem

__all__ = ["KeyPath", "Scalar", "SourceDocument", "format_key_path", "read_yaml"]

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


def read_yaml(path: Path, name: str, problems: list[Problem],
              limits: YamlLimits = DATA_FILE) -> SourceDocument | None:
    """Parse one file; on any fatal problem append it and return None.

    Non-fatal problems (duplicate keys) are appended and the document is still returned,
    so the rest of the file is checked too.
    """
    text = _text(path, name, problems, limits)
    if text is None:
        return None
    shape = _shape_problem(name, text, limits)
    if shape is not None:
        problems.append(shape)
        return None
    doc = SourceDocument(path=path, name=name, data=None)
    builder = TreeBuilder(doc, problems, limits)
    try:
        # The parser's events as it makes them (no generator around each, as in yaml.parse).
        builder.build(iter(LOADER(text).get_event, None))
    except yaml.YAMLError as exc:
        problems.append(_syntax_problem(name, text, _clearer_error(text) or exc))
        return None
    except Refused as exc:
        problems.append(exc.problem)
        return None
    except AliasUsed as exc:
        problems.append(Problem(
            name, exc.line, exc.column, "",
            "odwołania YAML (&kotwica i *odwołanie) nie są dozwolone w plikach danych; wpisz "
            "wartość w każdym miejscu wprost"))
        return None
    root = builder.root_event
    if root is None:
        problems.append(Problem(name, 1, 1, "", "plik nie zawiera danych"))
        return None
    if not isinstance(root, yaml.MappingStartEvent):
        kind = "listę" if isinstance(root, yaml.SequenceStartEvent) else "pojedynczą wartość"
        problems.append(Problem(
            name, root.start_mark.line + 1, root.start_mark.column + 1, "",
            f"plik zawiera {kind}, a powinien zawierać pola „nazwa: wartość” zapisane od "
            "początku linii, bez myślnika na początku",
        ))
        return None
    doc.data = builder.root
    return doc


def _text(path: Path, name: str, problems: list[Problem], limits: YamlLimits) -> str | None:
    """The file's text, or None with the problem: unreadable, too big, not UTF-8, empty."""
    try:
        size = path.stat().st_size
        if size > limits.max_bytes:
            problems.append(too_big(name, size, limits))
            return None
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
            f"plik jest pusty; wpisz dane organizacji (wzór: {NGO_GUIDE})",
        ))
        return None
    if all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        problems.append(Problem(
            name, 1, 1, "",
            "plik zawiera tylko komentarze (linie zaczynające się od #); wpisz dane organizacji "
            f"(wzór: {NGO_GUIDE})",
        ))
        return None
    return text


def _shape_problem(name: str, text: str, limits: YamlLimits) -> Problem | None:
    """A line too long or brackets nested too deep: checked before the parser sees them."""
    for number, line in enumerate(text.splitlines(), 1):
        if len(line) > limits.max_line:
            return line_too_long(name, number, len(line), limits)
    return flow_depth_problem(name, text, limits)


def _clearer_error(text: str) -> yaml.YAMLError | None:
    """libyaml's messages are terser ("found character that cannot start any token"); the
    pure-Python parser names the character, so ask it for the message (its event stream is
    made without recursion, and the nesting was limited before)."""
    try:
        for _ in yaml.parse(text, Loader=yaml.SafeLoader):
            pass
    except yaml.YAMLError as exc:
        return exc
    return None
