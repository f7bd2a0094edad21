"""Read and validate one survey YAML file (``badanie.yml`` or an NGO's yearly report): every
problem located and in Polish, never an exception, messages pointing at the surveys' guide.

Why a wrapper: the shared reader and validator (``ngosite.core``, with its limits on size and
nesting) point their messages at the NGOs' guide; survey files have a guide of their own.
"""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from ngosite.core.problems import Problem, with_guide
from ngosite.core.validate import validate_document
from ngosite.core.yaml_source import SourceDocument, read_yaml

GUIDE = "docs/jak-opublikowac-badanie.md"
M = TypeVar("M", bound=BaseModel)


def read_model_file(path: Path, name: str, model: type[M],
                    problems: list[Problem]) -> tuple[SourceDocument, M] | None:
    """The file's document and model, or None with the problems added."""
    before = len(problems)
    doc = read_yaml(path, name, problems)
    found = validate_document(doc, model, problems) if doc is not None else None
    problems[before:] = [with_guide(p, GUIDE) for p in problems[before:]]
    if doc is None or found is None:
        return None
    return doc, found
