"""Entry files the KRS commands write: a proposed slug, the text, its check, an atomic write.

The text comes from the contributing room's writer (``entry_yaml``), so an imported entry looks
exactly like one made with the site's form. Before anything is written the text is read back
and checked with the build's own rules; a file is written to a temporary name beside it and
renamed over (``os.replace``), so an interrupted run never leaves half an entry.
"""

from __future__ import annotations

import difflib
import re
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from ngosite.contributing.entry_yaml import dump_entry
from ngosite.contributing.form_rules import python_problems
from ngosite.core.problems import Problem
from ngosite.geo.gazetteer import Gazetteer
from ngosite.organisations.rules import suggest_slug

NGO_FOLDER = "ngos"
MAX_SLUG = 60


def propose_slug(name: str, taken: set[str]) -> str:
    """A slug from the readable name, shortened at a hyphen, numbered when already taken."""
    base = suggest_slug(name)
    if len(base) > MAX_SLUG:
        base = base[:MAX_SLUG].rsplit("-", 1)[0]
        while "-" in base and len(base.rsplit("-", 1)[1]) <= 2:  # no dangling "-w", "-i"
            base = base.rsplit("-", 1)[0]
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def entry_text(entry: dict[str, Any]) -> str:
    """A new entry file's text (an existing file is edited in place: ``entry_edit``)."""
    return dump_entry(entry)


def check_text(text: str, name: str, gazetteer: Gazetteer, today: date) -> list[Problem]:
    """What ``ngosite validate`` would say about this text as ``name`` (one file's rules)."""
    data = yaml.safe_load(text)
    return python_problems(data, gazetteer, today, name=name)


def files_with_number(root: Path, number: str) -> list[Path]:
    """Entry files that already name this KRS number (valid or not)."""
    folder = root / NGO_FOLDER
    if not folder.is_dir():
        return []
    pattern = re.compile(rf"^\s*krs:\s*[\"']?{number}[\"']?\s*(#.*)?$", re.MULTILINE)
    return sorted(p for p in folder.glob("*.y*ml")
                  if pattern.search(p.read_text(encoding="utf-8", errors="replace")))


def unified_diff(old: str, new: str, name: str) -> str:
    return "".join(difflib.unified_diff(old.splitlines(keepends=True),
                                        new.splitlines(keepends=True),
                                        fromfile=f"{name} (teraz)", tofile=f"{name} (z KRS)"))
