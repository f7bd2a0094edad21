"""The NGO entry as JSON Schema, for editors that check a YAML file while it is typed.

Each ``ngos/*.yml`` starts with ``# yaml-language-server: $schema=../data/organizacja.schema.json``;
the same schema is published at ``/dane/schema.json``. A test keeps the committed copy in step
with the model.
"""

from __future__ import annotations

import json
from typing import Any

from .model import Organisation

SCHEMA_FILE = "data/organizacja.schema.json"


def organisation_schema() -> dict[str, Any]:
    schema = Organisation.model_json_schema(by_alias=True, mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Wpis organizacji pozarządowej",
        "description": "Jeden plik ngos/<adres>.yml w katalogu organizacji gminy. Opis pól: "
                       "strona „Jak dodać organizację”.",
        **{k: v for k, v in schema.items() if k not in ("title", "description")},
    }


def schema_json() -> str:
    return json.dumps(organisation_schema(), ensure_ascii=False, indent=2) + "\n"
