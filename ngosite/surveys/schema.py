"""JSON Schemas of the survey description and of an NGO's yearly indicators, for editors.

``badania/<id>/badanie.yml`` starts with ``# yaml-language-server:
$schema=../../data/badanie.schema.json``, ``wyniki.yml`` beside it with
``…/data/wyniki-badania.schema.json`` and ``sprawozdania/<slug>/<rok>.yml`` with
``…/data/sprawozdanie.schema.json``; ``ngosite surveys schema`` regenerates them (``--check``
only says whether they are stale), and a test fails while a committed copy is stale.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from .aggregates import PublishedResults
from .indicators import YearlyIndicators
from .model import Survey

SCHEMAS: dict[str, tuple[type[BaseModel], str, str]] = {
    "data/badanie.schema.json": (
        Survey, "Opis badania mieszkańców",
        "Plik badania/<kod>/badanie.yml: opis badania i kwestionariusz (odpowiedzi osób "
        "zostają w urzędzie; wyniki zbiorcze w wyniki.yml obok). Opis pól: "
        "docs/jak-opublikowac-badanie.md."),
    "data/wyniki-badania.schema.json": (
        PublishedResults, "Wyniki zbiorcze badania mieszkańców",
        "Plik badania/<kod>/wyniki.yml, zapisywany poleceniem ngosite surveys publish; nie "
        "edytuj ręcznie. Opis: docs/jak-opublikowac-badanie.md."),
    "data/sprawozdanie.schema.json": (
        YearlyIndicators, "Roczne wskaźniki organizacji",
        "Plik sprawozdania/<adres-organizacji>/<rok>.yml. Opis pól: "
        "docs/jak-opublikowac-badanie.md."),
}


def schema_text(model: type[BaseModel], title: str, description: str) -> str:
    schema = model.model_json_schema(by_alias=True, mode="validation")
    document = {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": title,
                "description": description,
                **{k: v for k, v in schema.items() if k not in ("title", "description")}}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def stale_schemas(root: Path) -> list[str]:
    """The committed schemas (paths below ``root``) that differ from the models."""
    return [path for path, (model, title, description) in SCHEMAS.items()
            if not (root / path).is_file()
            or (root / path).read_text(encoding="utf-8") != schema_text(model, title,
                                                                       description)]


def write_schemas(root: Path, output: Path | None = None) -> list[Path]:
    """Write every schema that differs into ``output`` (default: its committed place below
    ``root``); return the files written."""
    written = []
    for path, (model, title, description) in SCHEMAS.items():
        text = schema_text(model, title, description)
        target = (output / Path(path).name) if output is not None else root / path
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
            written.append(target)
    return written
