"""Writing a new gmina's project folder.

The gmina's own files come from the templates beside this module (settings, gazetteer,
MkDocs configuration, the hand-written pages); what every site shares (the MkDocs hook, the
theme overrides, stylesheets, scripts and the vendored map libraries) is copied from the
program's own checkout, so the new site looks and works exactly as the program's sample site.
The folder must be new or empty: ``init`` never overwrites a clerk's files.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from shapely.geometry.base import BaseGeometry

from ngosite.contributing.entry_yaml import dump_entry
from ngosite.contributing.form_rules import sample_entry
from ngosite.core.today import build_date
from ngosite.geo.examples import GminaExamples
from ngosite.geo.gazetteer import Gazetteer
from ngosite.organisations.schema import schema_json
from ngosite.settings.gmina import Settings

from .answers import Answers
from .boundary import boundary_geojson
from .localities import Place
from .vector import SourceError

TEMPLATES = Path(__file__).resolve().parent / "templates"
# The program's checkout (an editable install, as the README's setup makes it).
PROGRAM = Path(__file__).resolve().parents[2]
SHARED = ("hooks/ngo_pages.py", "overrides", "docs/assets")
SAMPLE_ENTRY = "ngos/stowarzyszenie-przykladowe.yml"
PAGES = ("index.md", "o-projekcie.md", "dodaj-organizacje.md")


@dataclass(frozen=True)
class NewProject:
    folder: Path
    answers: Answers
    outline: BaseGeometry
    boundary_source: str
    places: list[Place]
    sources: list[str]
    with_sample: bool = False


def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), undefined=StrictUndefined,
                      keep_trailing_newline=True, autoescape=False)
    # A YAML double-quoted scalar is a JSON string: every character safe.
    env.filters["q"] = lambda value: json.dumps(str(value), ensure_ascii=False)
    return env


def check_folder(folder: Path) -> None:
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise SourceError(f"folder {folder} już istnieje i nie jest pusty; „ngosite init” "
                          "niczego nie nadpisuje: podaj nowy folder")
    missing = [part for part in SHARED if not (PROGRAM / part).exists()]
    if missing:
        raise SourceError(f"w folderze programu {PROGRAM} brakuje {', '.join(missing)}; "
                          "uruchom polecenie z kopii repozytorium programu (README, „Quick "
                          "start”)")


def write_project(new: NewProject) -> list[Path]:
    """Write every file of the project; the written paths, relative to the folder."""
    folder = new.folder
    folder.mkdir(parents=True, exist_ok=True)
    env = environment()
    without_point = sum(1 for p in new.places if p.point is None)
    common = {"s": new.answers, "today": build_date().isoformat(), "sample": new.with_sample,
              "localities": len(new.places), "without_point": without_point,
              "boundary_source": new.boundary_source, "sources": ", ".join(new.sources)}
    gmina_yml = env.get_template("gmina.yml").render(common)
    # The settings and gazetteer as the build will read them: the pages' and the sample
    # entry's examples come from them.
    settings = Settings.model_validate(yaml.safe_load(gmina_yml))
    gazetteer = Gazetteer.model_validate(
        {"miejscowosci": [p.as_yaml_data() for p in new.places]})
    files = {
        "data/gmina.yml": gmina_yml,
        "data/miejscowosci.yml": env.get_template("miejscowosci.yml").render(common)
        + yaml.safe_dump({"miejscowosci": [p.as_yaml_data() for p in new.places]},
                         allow_unicode=True, sort_keys=False, width=100),
        "data/granica.geojson": boundary_geojson(new.outline, new.answers.name,
                                                 new.answers.teryt, new.boundary_source),
        "mkdocs.yml": env.get_template("mkdocs.yml").render(common),
        # Every NGO file names it on its first line: editors check the entry while it is typed.
        "data/organizacja.schema.json": schema_json(),
        ".gitignore": env.get_template("gitignore").render(common),
    }
    for relative, text in files.items():
        _write(folder / relative, text)
    for page in PAGES:
        _write(folder / "docs" / page, render_page(page, settings, gazetteer, new.outline))
    for part in SHARED:
        _copy(PROGRAM / part, folder / part)
    if new.with_sample:
        _write(folder / SAMPLE_ENTRY, sample_yaml(new, settings, gazetteer))
    return sorted(p.relative_to(folder) for p in folder.rglob("*") if p.is_file())


def sample_yaml(new: NewProject, settings: Settings, gazetteer: Gazetteer) -> str:
    """One sample NGO entry (``--with-sample``), in the gmina's own locality: the wzór of the
    NGOs' guide, so the first build shows a directory, a page and a pin."""
    examples = GminaExamples.of(settings, gazetteer)
    point = examples.point or (new.outline.centroid.y, new.outline.centroid.x)
    return dump_entry(sample_entry(build_date(), examples.locality, examples.postal_code,
                                   starosta=examples.starosta, point=point))


def render_page(page: str, settings: Settings, gazetteer: Gazetteer,
                outline: BaseGeometry | None = None) -> str:
    """A hand-written page of the project, with the gmina's own examples (also the program's
    sample guide, ``docs/dodaj-organizacje.md``, is this template rendered for its gmina)."""
    examples = GminaExamples.of(settings, gazetteer)
    point = examples.point or ((outline.centroid.y, outline.centroid.x) if outline else None)
    lat, lon = (f"{point[0]:.4f}", f"{point[1]:.4f}") if point else ("52.0000", "19.0000")
    context = {"ex": examples, "lat": lat, "lon": lon,
               "s": _page_settings(settings, examples)}
    return environment().get_template(f"docs/{page}").render(context)


def _page_settings(settings: Settings, examples: GminaExamples) -> dict[str, str]:
    return {"locative": settings.name_locative, "office": settings.office.name,
            "office_address": settings.office.address, "project": settings.project,
            "slug": examples.slug}


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _copy(source: Path, target: Path) -> None:
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    if source.is_dir():
        shutil.copytree(source, target, ignore=ignore, dirs_exist_ok=True)
    else:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)
