"""The NGO entry as a flat list of form fields, read from the model.

One walk over :class:`~ngosite.organisations.model.Organisation` gives every leaf field with
its key path, kind (text, choice, list of choices…), limits and the check its validator
performs. The web form, the GitHub issue form and ``issue-to-yaml`` are all built from this
list, so a field added to the model shows up everywhere (and a test fails until it has a Polish
label in ``labels``).
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from annotated_types import Ge, Le, MaxLen, MinLen
from pydantic import AfterValidator, BaseModel, BeforeValidator
from pydantic.fields import FieldInfo

from ngosite.organisations.model import Organisation

from .labels import LABELS, VOCABULARY_FIELDS, Label, vocabulary_for

Path = tuple[str, ...]

# The validator function behind each annotated type → the check the browser repeats.
CHECKS = {
    "check_text": None,
    "check_krs": "krs",
    "check_nip": "nip",
    "check_regon": "regon",
    "check_postal_code": "kod_pocztowy",
    "check_phone": "telefon",
    "check_email": "email",
    "check_url": "url",
    "check_date": "data",
}

# Choice lists of up to this many options are radio buttons; longer ones a select.
RADIO_MAX = 4
# Text fields that may hold this many characters are multi-line.
TEXTAREA_FROM = 1000


@dataclass(frozen=True)
class Choice:
    value: str
    label: str
    description: str = ""


@dataclass(frozen=True)
class FormField:
    """One value an NGO types or picks; ``path`` is its YAML key path."""

    path: Path
    kind: str  # text | textarea | choice | choices | bool | date | number | list
    label: str
    help: str
    required: bool
    group: Path = ()  # the optional block it belongs to (filled all or nothing)
    required_in_group: bool = False
    check: str | None = None
    max_length: int | None = None
    min_items: int | None = None
    max_items: int | None = None
    minimum: float | None = None
    maximum: float | None = None
    default: Any = None
    choices: tuple[Choice, ...] = ()
    vocabulary: str = ""  # where the choices come from (for choices filled at build time)

    @property
    def key(self) -> str:
        return ".".join(self.path)

    @property
    def html_id(self) -> str:
        return "pole-" + "-".join(self.path)

    @property
    def issue_id(self) -> str:
        return "-".join(self.path)

    @property
    def widget(self) -> str:
        if self.kind == "choice":
            small = len(self.choices) <= RADIO_MAX and not self.vocabulary and not self.group
            return "radio" if small else "select"
        return self.kind


@dataclass(frozen=True)
class Group:
    """A nested block of the entry (``adres``, ``identyfikatory.inny_rejestr``…)."""

    path: Path
    label: str
    help: str
    required: bool
    fields: list[FormField | Group] = field(default_factory=list)

    @property
    def key(self) -> str:
        return ".".join(self.path)

    @property
    def html_id(self) -> str:
        return "grupa-" + "-".join(self.path)


def walk(model: type[BaseModel] = Organisation, labels: dict[str, Label] | None = None,
         vocabularies: dict[str, tuple[Choice, ...]] | None = None) -> Group:
    """The entry as a tree of groups and fields, in the model's order."""

    labels = LABELS if labels is None else labels
    vocabularies = vocabularies or {}
    root = Group((), "", "", True)
    _walk_into(root, model, labels, VOCABULARY_FIELDS, vocabularies, required=True, group=())
    return root


def leaves(tree: Group) -> list[FormField]:
    out: list[FormField] = []
    for item in tree.fields:
        out.extend(leaves(item) if isinstance(item, Group) else [item])
    return out


def groups(tree: Group) -> list[Group]:
    out: list[Group] = []
    for item in tree.fields:
        if isinstance(item, Group):
            out.append(item)
            out.extend(groups(item))
    return out


def model_keys(model: type[BaseModel] = Organisation, prefix: Path = ()) -> list[str]:
    """Every key path of the model, groups included: what the form must cover."""
    keys: list[str] = []
    for name, info in model.model_fields.items():
        path = (*prefix, info.alias or name)
        keys.append(".".join(path))
        nested = _nested_model(info.annotation)
        if nested is not None:
            keys.extend(model_keys(nested, path))
    return keys


def _walk_into(parent: Group, model: type[BaseModel], labels: dict[str, Label],
               vocabulary_fields: dict[str, str], vocabularies: dict[str, tuple[Choice, ...]],
               *, required: bool, group: Path) -> None:
    for name, info in model.model_fields.items():
        path = (*parent.path, info.alias or name)
        key = ".".join(path)
        label = labels.get(key) or Label(info.description or key)
        nested = _nested_model(info.annotation)
        if nested is not None:
            child_required = required and info.is_required()
            optional_block = not info.is_required() and _has_required(nested)
            child = Group(path, label.text, label.help, child_required)
            parent.fields.append(child)
            _walk_into(child, nested, labels, vocabulary_fields, vocabularies,
                       required=child_required, group=path if optional_block else group)
            continue
        parent.fields.append(_leaf(path, info, label, required, group, vocabulary_fields,
                                   vocabularies))


def _leaf(path: Path, info: FieldInfo, label: Label, required: bool, group: Path,
          vocabulary_fields: dict[str, str], vocabularies: dict[str, tuple[Choice, ...]]
          ) -> FormField:
    annotation = info.annotation
    metadata = [*info.metadata, *_annotated_metadata(annotation)]
    base = _strip_optional(annotation)
    origin = typing.get_origin(base)
    kind, choices, check = "text", (), None
    item_metadata: list[Any] = []
    if origin is list:
        item = typing.get_args(base)[0]
        item_metadata = _annotated_metadata(item)
        item = _strip_optional(item)
        if typing.get_origin(item) is typing.Literal:
            kind, choices = "choices", _literal_choices(item)
        else:
            kind, check = "list", _check_of(item_metadata)
    elif origin is typing.Literal:
        kind, choices = "choice", _literal_choices(base)
    elif base is bool:
        kind = "bool"
    elif base is date:
        kind, check = "date", _check_of(metadata)
    elif base is float:
        kind = "number"
    else:
        check = _check_of(metadata)
    key = ".".join(path)
    vocabulary = vocabulary_fields.get(key, "")
    if vocabulary:
        kind, choices = "choice", vocabularies.get(vocabulary, ())
    elif choices:
        choices = _labelled(choices, key)
    max_length = _meta(metadata, MaxLen, "max_length")
    if kind == "text" and max_length and max_length >= TEXTAREA_FROM:
        kind = "textarea"
    default = info.default if not info.is_required() and info.default is not None else None
    return FormField(
        path=path, kind=kind, label=label.text, help=label.help,
        required=required and info.is_required(),
        group=group, required_in_group=bool(group) and info.is_required(),
        check=check,
        max_length=max_length if kind in ("text", "textarea") else None,
        min_items=_meta(metadata, MinLen, "min_length") if kind in ("choices", "list") else None,
        max_items=max_length if kind in ("choices", "list") else None,
        minimum=_meta(metadata, Ge, "ge"), maximum=_meta(metadata, Le, "le"),
        default=default if isinstance(default, str | bool | int | float) else None,
        choices=choices, vocabulary=vocabulary,
    )


def _labelled(choices: tuple[Choice, ...], key: str) -> tuple[Choice, ...]:

    terms = vocabulary_for(key)
    if not terms:
        return choices
    return tuple(Choice(c.value, terms[c.value].label, terms[c.value].description)
                 for c in choices)


def _literal_choices(literal: Any) -> tuple[Choice, ...]:
    return tuple(Choice(str(v), str(v)) for v in typing.get_args(literal))


def _check_of(metadata: list[Any]) -> str | None:
    for item in metadata:
        if isinstance(item, AfterValidator | BeforeValidator):
            name = getattr(item.func, "__name__", "")
            if name not in CHECKS:
                raise ValueError(
                    f"the form does not know the validator {name}: add it to CHECKS in "
                    "entry_fields.py and teach docs/assets/js/form.js the same check")
            if CHECKS[name]:
                return CHECKS[name]
    return None


def _meta(metadata: list[Any], kind: type, attr: str) -> Any:
    for item in metadata:
        if isinstance(item, kind):
            return getattr(item, attr)
    return None


def _annotated_metadata(annotation: Any) -> list[Any]:
    out: list[Any] = []
    if typing.get_origin(annotation) is typing.Annotated:
        out.extend(annotation.__metadata__)
        out.extend(_annotated_metadata(typing.get_args(annotation)[0]))
    elif typing.get_origin(annotation) in (typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            out.extend(_annotated_metadata(arg))
    return out


def _strip_optional(annotation: Any) -> Any:
    if typing.get_origin(annotation) is typing.Annotated:
        return _strip_optional(typing.get_args(annotation)[0])
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return _strip_optional(args[0])
    return annotation


def _nested_model(annotation: Any) -> type[BaseModel] | None:
    base = _strip_optional(annotation)
    if isinstance(base, type) and issubclass(base, BaseModel):
        return base
    return None


def _has_required(model: type[BaseModel]) -> bool:
    return any(info.is_required() for info in model.model_fields.values())
