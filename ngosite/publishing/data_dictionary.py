"""The data dictionary of the open-data files, generated from the NGO model.

Every leaf field of :class:`~ngosite.organisations.model.Organisation` becomes one column of
the CSV and one property of the GeoJSON, named by its YAML key path (``adres.kod_pocztowy``):
the same name the NGO types in its file, the JSON export uses and the JSON Schema describes. A
few columns are added by the site (the entry's address, its point on the map); they are
described here too.
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any, Literal

from pydantic import BaseModel

from ngosite.organisations.model import Organisation
from ngosite.organisations.vocabulary import (
    LEGAL_FORMS,
    OTHER_REGISTERS,
    PIN_PRECISIONS,
    PUBLIC_BENEFIT_AREAS,
    TARGET_GROUPS,
    Term,
)

_VOCABULARIES: tuple[dict[str, Term], ...] = (
    LEGAL_FORMS, PUBLIC_BENEFIT_AREAS, TARGET_GROUPS, OTHER_REGISTERS, PIN_PRECISIONS)
LIST_SEPARATOR = " | "


@dataclass(frozen=True)
class DictionaryField:
    name: str  # key path with dots: adres.kod_pocztowy
    kind: str  # Polish: tekst, liczba, data RRRR-MM-DD, ...
    description: str
    allowed: tuple[Term, ...] = ()  # closed list of values, when there is one
    rules: str = ""  # length, format (Polish)
    required: bool = False
    is_list: bool = False
    from_model: bool = True
    path: tuple[str, ...] = ()  # attribute path in the model (English names)


SITE_FIELDS_BEFORE = (
    DictionaryField("id", "tekst", "Stały identyfikator wpisu: nazwa pliku ngos/<id>.yml, "
                    "także końcówka adresu strony organizacji", rules="małe litery, cyfry, "
                    "łączniki", required=True, from_model=False),
    DictionaryField("strona", "adres URL", "Strona organizacji w serwisie (pełny adres, gdy "
                    "gmina podała adres serwisu, inaczej ścieżka od początku serwisu)",
                    required=True, from_model=False),
)
SITE_FIELDS_AFTER = (
    DictionaryField("polozenie.szerokosc", "liczba dziesiętna",
                    "Szerokość geograficzna punktu na mapie (WGS84, kropka dziesiętna); "
                    "puste, gdy położenia nie ustalono", from_model=False),
    DictionaryField("polozenie.dlugosc", "liczba dziesiętna",
                    "Długość geograficzna punktu na mapie (WGS84, kropka dziesiętna)",
                    from_model=False),
    DictionaryField("polozenie.dokladnosc", "wartość z wykazu",
                    "Czego dotyczy punkt: adresu albo tylko miejscowości (wtedy punkt stoi "
                    "w środku miejscowości, a ulicy i numeru nie ma w żadnym pliku)",
                    allowed=tuple(PIN_PRECISIONS.values()), from_model=False),
    DictionaryField("polozenie.zrodlo", "wartość z wykazu", "Skąd pochodzi punkt",
                    allowed=(Term("wspolrzedne", "współrzędne podane we wpisie"),
                             Term("gazetteer", "punkt miejscowości z listy gminy"),
                             Term("pamiec", "wynik geokodowania zapisany w serwisie"),
                             Term("nominatim", "OpenStreetMap Nominatim")),
                    from_model=False),
)


def model_fields(model: type[BaseModel] = Organisation,
                 prefix: tuple[str, ...] = (), path: tuple[str, ...] = (),
                 parent_required: bool = True) -> list[DictionaryField]:
    """One entry per leaf field of ``model``, depth first in the model's order."""
    found: list[DictionaryField] = []
    for name, info in model.model_fields.items():
        key = (*prefix, info.alias or name)
        annotation = _strip_optional(info.annotation)
        nested = _model_of(annotation)
        required = parent_required and info.is_required()
        if nested is not None:
            found.extend(model_fields(nested, key, (*path, name), required))
            continue
        is_list = typing.get_origin(annotation) is list
        item = typing.get_args(annotation)[0] if is_list else annotation
        allowed = _allowed(item)
        found.append(DictionaryField(
            name=".".join(key), kind=_kind(item, is_list, bool(allowed)),
            description=info.description or "", allowed=allowed, rules=_rules(info),
            required=required, is_list=is_list, path=(*path, name)))
    return found


@cache
def dictionary() -> tuple[DictionaryField, ...]:
    """Every column of the CSV (and property of the GeoJSON), in file order.

    Cached: the model does not change during a build, and every exported record walks it."""
    return (*SITE_FIELDS_BEFORE, *model_fields(), *SITE_FIELDS_AFTER)


def _strip_optional(annotation: Any) -> Any:
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return annotation


def _model_of(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return None


def _base(annotation: Any) -> Any:
    """``Annotated[str, …]`` → ``str``."""
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    return annotation


def _allowed(annotation: Any) -> tuple[Term, ...]:
    annotation = _base(annotation)
    if typing.get_origin(annotation) is not Literal:
        return ()
    values = typing.get_args(annotation)
    for vocabulary in _VOCABULARIES:
        if set(values) == set(vocabulary):
            return tuple(vocabulary[v] for v in values)
    return tuple(Term(str(v), str(v)) for v in values)


def _kind(annotation: Any, is_list: bool, closed: bool) -> str:
    base = _base(annotation)
    if closed:
        single = "wartość z wykazu"
    elif base is bool:
        single = "tak/nie (true albo false)"
    elif base is date:
        single = "data RRRR-MM-DD"
    elif base in (float, int):
        single = "liczba dziesiętna"
    else:
        single = "tekst"
    if is_list:
        plural = "wartości z wykazu" if closed else "teksty"
        return f"lista ({plural})"
    return single


def _rules(info: Any) -> str:
    rules = []
    for meta in info.metadata:
        if getattr(meta, "max_length", None) is not None:
            rules.append(f"najwyżej {meta.max_length} pozycji" if _is_list(info)
                         else f"najwyżej {meta.max_length} znaków")
        if getattr(meta, "min_length", None):
            rules.append(f"co najmniej {meta.min_length}")
        if getattr(meta, "ge", None) is not None:
            rules.append(f"od {meta.ge}")
        if getattr(meta, "le", None) is not None:
            rules.append(f"do {meta.le}")
    return ", ".join(rules)


def _is_list(info: Any) -> bool:
    return typing.get_origin(_strip_optional(info.annotation)) is list
