"""JSON Schemas of the survey description and of an NGO's yearly indicators, for editors.

``badania/<id>/badanie.yml`` starts with ``# yaml-language-server:
$schema=../../data/badanie.schema.json`` and ``sprawozdania/<slug>/<rok>.yml`` with
``…/data/sprawozdanie.schema.json``; ``ngosite surveys schema --write`` regenerates both, and a
test fails while a committed copy is stale.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from .indicators import YearlyIndicators
from .model import Survey

SCHEMAS: dict[str, tuple[type[BaseModel], str, str]] = {
    "data/badanie.schema.json": (
        Survey, "Opis badania mieszkańców",
        "Plik badania/<kod>/badanie.yml: opis badania i kwestionariusz (odpowiedzi w "
        "odpowiedzi.csv obok). Opis pól: docs/jak-opublikowac-badanie.md."),
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


def write_schemas(root: Path) -> list[str]:
    """Write every schema whose committed copy differs; return the files written."""
    written = []
    for path, (model, title, description) in SCHEMAS.items():
        text = schema_text(model, title, description)
        target = root / path
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
            written.append(path)
    return written
