"""Turn a parsed YAML document into a typed model, or into located Polish problems.

pydantic knows *what* is wrong (in English, by attribute); the source document knows *where*
and what the author typed. This module joins the two, so that ``krs: 0000123456`` becomes
"YAML read this as the number 42798; write it in quotes: krs: "0000123456"".
"""

from __future__ import annotations

import difflib
import types
import typing
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from .limits import PROJECT_FILE
from .problems import NGO_GUIDE, Problem, Severity, relative_name
from .yaml_source import KeyPath, SourceDocument, format_key_path, read_yaml

M = TypeVar("M", bound=BaseModel)

_TAG_NAMES = {
    "tag:yaml.org,2002:int": "liczbę",
    "tag:yaml.org,2002:float": "liczbę",
    "tag:yaml.org,2002:bool": "wartość logiczną (tak/nie)",
    "tag:yaml.org,2002:timestamp": "datę",
    "tag:yaml.org,2002:null": "brak wartości",
}


def validate_document(doc: SourceDocument, model: type[M], problems: list[Problem]) -> M | None:
    """Validate ``doc.data`` against ``model``; append every problem; return the model or None."""
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            problems.append(_problem_from_error(doc, model, error))
        return None


def problem_at(doc: SourceDocument, path: KeyPath, message: str,
               severity: Severity = Severity.ERROR, *, key: bool = False) -> Problem:
    line, column = doc.locate(path, key=key)
    return Problem(doc.name, line, column, format_key_path(path), message, severity)


def _problem_from_error(doc: SourceDocument, model: type[BaseModel],
                        error: ErrorDetails) -> Problem:
    path = _clean_loc(error["loc"])
    kind = error["type"]
    if kind == "extra_forbidden":
        return problem_at(doc, path, _unknown_key_message(model, path), key=True)
    return problem_at(doc, path, _message(doc, model, path, error))


def _clean_loc(loc: tuple[Any, ...]) -> KeyPath:
    # pydantic adds pseudo-steps for tagged unions and function validators; keep real keys.
    return tuple(p for p in loc if isinstance(p, int) or not str(p).startswith(("function-",
                                                                                 "literal[")))


def _message(doc: SourceDocument, model: type[BaseModel], path: KeyPath,
             error: ErrorDetails) -> str:
    kind = error["type"]
    scalar = doc.scalars.get(path)
    example_key = str(path[-1]) if path and isinstance(path[-1], str) else "pole"
    if kind == "missing":
        return _missing_message(model, path, example_key)
    if scalar is not None and not scalar.quoted and scalar.tag in _TAG_NAMES:
        wanted = _expected_kind(model, path)
        if scalar.tag == "tag:yaml.org,2002:null":
            if _is_required(model, path):
                return "pole jest puste; wpisz wartość (to pole jest wymagane)"
            return "pole jest puste; wpisz wartość albo usuń całą linię"
        if wanted == "str":
            return _yaml_coercion_message(example_key, scalar.raw, scalar.tag, doc.data, path)
    if kind == "literal_error":
        return _choice_message(error, scalar.raw if scalar else None)
    if kind == "value_error":
        return str(error.get("ctx", {}).get("error", error["msg"]))
    if kind in ("list_type", "tuple_type"):
        example = _LIST_EXAMPLES.get(example_key, "[kultura, sport]")
        return ("to pole jest listą: wpisz każdą wartość w osobnej linii zaczynającej się "
                f"od „- ” albo w nawiasach kwadratowych, np. {example}")
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return "to pole zawiera pola podrzędne: zapisz je w kolejnych liniach, wcięte o 2 spacje"
    if kind in ("string_type",):
        return "wpisz tekst (w razie wątpliwości ujmij go w cudzysłów)"
    if kind in ("bool_type", "bool_parsing"):
        typed = f"wpisano „{scalar.raw}”; " if scalar is not None else ""
        return f"{typed}to pole przyjmuje tylko true (tak) albo false (nie), bez cudzysłowu"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        typed = f"wpisano „{scalar.raw}”; " if scalar is not None else ""
        return f"{typed}wpisz liczbę całkowitą, bez cudzysłowu, np. 20"
    if kind in ("float_type", "float_parsing"):
        typed = f"wpisano „{scalar.raw}”; " if scalar is not None else ""
        return (f"{typed}wpisz liczbę z kropką dziesiętną, bez cudzysłowu: szerokość np. "
                "53.9431, długość np. 21.8825")
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        return ("wartość jest poza dozwolonym zakresem; współrzędne w Polsce to szerokość 49–55 "
                "i długość 14–24,2 (stopnie dziesiętne)")
    if kind == "too_short":
        return "lista nie może być pusta; wpisz co najmniej jedną wartość"
    if kind == "too_long" and isinstance(error.get("input"), str):
        # max_length on an optional text field is checked outside the union: "too_long".
        kind = "string_too_long"
    elif kind == "too_long":
        return f"lista jest za długa (najwięcej {error.get('ctx', {}).get('max_length')} pozycji)"
    if kind == "string_too_long":
        return (f"tekst jest za długi (najwięcej {error.get('ctx', {}).get('max_length')} "
                "znaków); skróć go")
    if kind == "string_pattern_mismatch":
        return "wartość ma zły format"
    return f"niepoprawna wartość ({error['msg']})"


def _yaml_coercion_message(key: str, raw: str, tag: str, data: Any, path: KeyPath) -> str:
    value = _value_at(data, path)
    read_as = _TAG_NAMES[tag]
    if isinstance(value, bool):
        read_as = "wartość logiczną"
        shown = "true (prawda)" if value else "false (fałsz)"
    elif isinstance(value, date):
        shown = value.isoformat()
    else:
        shown = str(value)
    changed = f" {shown}" if shown != raw else ""
    return (f"YAML odczytał „{raw}” jako {read_as}{changed}, a tu potrzebny jest tekst; "
            f"zapisz wartość w cudzysłowie: {key}: \"{_suggest(key, raw)}\"")


def _suggest(key: str, raw: str) -> str:
    """The quoted value to advise: one that also passes the field's own format check."""
    digits = raw.replace("_", "")
    if key == "kod_pocztowy" and digits.isdigit() and len(digits) == 5:
        return f"{digits[:2]}-{digits[2:]}"
    if key == "krs" and digits.isdigit() and len(digits) <= 10:
        return digits.zfill(10)
    return raw


_LIST_EXAMPLES = {
    "media_spolecznosciowe": "[\"https://www.facebook.com/nazwa-profilu\"]",
    "grupy_docelowe": "[dzieci, seniorzy]",
}


def _value_at(data: Any, path: KeyPath) -> Any:
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _choice_message(error: ErrorDetails, raw: str | None) -> str:
    given = raw if raw is not None else error.get("input")
    expected = str(error.get("ctx", {}).get("expected", ""))
    options = [o.strip().strip("'") for o in expected.replace(" or ", ", ").split(",")]
    options = [o for o in options if o]
    close = difflib.get_close_matches(str(given), options, n=1, cutoff=0.6)
    hint = f" Czy chodziło o „{close[0]}”?" if close else ""
    listed = ", ".join(options) if len(options) <= 15 else (
        ", ".join(options[:15]) + f" … (pełna lista: {NGO_GUIDE})")
    return f"nieznana wartość „{given}”.{hint} Dozwolone: {listed}"


def _unknown_key_message(model: type[BaseModel], path: KeyPath) -> str:
    allowed = _keys_of(_model_at(model, path[:-1]))
    given = str(path[-1])
    close = difflib.get_close_matches(given, allowed, n=1, cutoff=0.6)
    hint = f" Czy chodziło o „{close[0]}”?" if close else ""
    return (f"nieznane pole „{given}”.{hint} Dozwolone pola tutaj: {', '.join(allowed)}")


def _missing_message(model: type[BaseModel], path: KeyPath, key: str) -> str:
    nested = _model_at(model, path)
    if nested is None:
        return (f"brak wymaganego pola; dodaj linię „{key}: …” "
                f"(opis pól: {NGO_GUIDE})")
    required = [f.alias or n for n, f in nested.model_fields.items() if f.is_required()]
    optional = [f.alias or n for n, f in nested.model_fields.items() if not f.is_required()]
    return (f"brak wymaganego pola „{key}”; dodaj je z polami wciętymi o 2 spacje: "
            f"{', '.join(required)}" + (f" (opcjonalnie: {', '.join(optional)})"
                                       if optional else ""))


def _is_required(model: type[BaseModel], path: KeyPath) -> bool:
    parent = _model_at(model, path[:-1]) if path and isinstance(path[-1], str) else None
    if parent is None:
        return False
    return any((f.alias or n) == path[-1] and f.is_required()
               for n, f in parent.model_fields.items())


def _keys_of(model: type[BaseModel] | None) -> list[str]:
    if model is None:
        return []
    return [f.alias or name for name, f in model.model_fields.items()]


def _field_type(model: type[BaseModel], key: str) -> Any:
    for name, field in model.model_fields.items():
        if (field.alias or name) == key:
            return field.annotation
    return None


def _unwrap(annotation: Any) -> list[Any]:
    """The concrete types an annotation admits: Optional, Annotated and list peeled off."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return [t for arg in typing.get_args(annotation) for t in _unwrap(arg)]
    return [annotation]


def _model_at(model: type[BaseModel], path: KeyPath) -> type[BaseModel] | None:
    current: Any = model
    for part in path:
        candidates = _unwrap(current)
        if isinstance(part, int):
            lists = [typing.get_args(c)[0] for c in candidates if typing.get_origin(c) is list]
            current = lists[0] if lists else None
            continue
        models = [c for c in candidates if isinstance(c, type) and issubclass(c, BaseModel)]
        if not models:
            return None
        current = _field_type(models[0], part)
    models = [c for c in _unwrap(current) if isinstance(c, type) and issubclass(c, BaseModel)]
    return models[0] if models else None


def _expected_kind(model: type[BaseModel], path: KeyPath) -> str:
    parent = _model_at(model, path[:-1]) if path and isinstance(path[-1], str) else None
    if parent is None and path and isinstance(path[-1], int):
        container = _model_at(model, path[:-2])
        annotation = _field_type(container, str(path[-2])) if container else None
        items = [typing.get_args(c)[0] for c in _unwrap(annotation) if typing.get_origin(c) is list]
        kinds = _unwrap(items[0]) if items else []
    else:
        annotation = _field_type(parent, str(path[-1])) if parent else None
        kinds = _unwrap(annotation)
    if any(k is str for k in kinds):
        return "str"
    return "other"


def read_model(root: Path, path: Path, model: type[M], problems: list[Problem]) -> M | None:
    """One settings-like file (``data/gmina.yml``, the locality list) read into ``model``;
    ``None`` with the problems added when it is missing or invalid."""
    name = relative_name(path, root)
    if not path.exists():
        problems.append(Problem(name, 1, 1, "", "brak pliku z ustawieniami serwisu"))
        return None
    doc = read_yaml(path, name, problems, PROJECT_FILE)
    return validate_document(doc, model, problems) if doc is not None else None
