"""The event file as JSON Schema, for editors that check a YAML file while it is typed.

Each ``wydarzenia/<rok>/*.yml`` starts with
``# yaml-language-server: $schema=../../data/wydarzenie.schema.json``; a test keeps the
committed copy in step with the model (``ngosite events schema --output …`` rewrites it).
"""

from __future__ import annotations

import json
from typing import Any

from .model import Event

SCHEMA_FILE = "data/wydarzenie.schema.json"
SCHEMA_LINE = "# yaml-language-server: $schema=../../data/wydarzenie.schema.json"


def event_schema() -> dict[str, Any]:
    schema = Event.model_json_schema(by_alias=True, mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Wydarzenie",
        "description": "Jeden plik wydarzenia/<rok>/<adres>.yml: szkolenie, spotkanie, "
                       "zebranie. Opis pól: strona „Jak dodać wydarzenie”.",
        **{k: v for k, v in schema.items() if k not in ("title", "description")},
    }


def schema_json() -> str:
    return json.dumps(event_schema(), ensure_ascii=False, indent=2) + "\n"
