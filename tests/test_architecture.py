"""The house's import rules (pyproject.toml, [tool.importlinter]) hold and are not toothless.

``scripts/test.sh`` runs ``lint-imports`` on the project itself; these tests prove that the
contracts catch what they are meant to catch: a module put in the wrong room, a hook reaching
past ``ngosite.site``, a new room nobody declared. They run import-linter on a copy of the
package with one bad module added.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _copy_project(tmp_path: Path) -> Path:
    for folder in ("ngosite", "hooks"):
        shutil.copytree(ROOT / folder, tmp_path / folder,
                        ignore=shutil.ignore_patterns("__pycache__", "templates"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def _lint(project: Path) -> subprocess.CompletedProcess[str]:
    # The copy comes first on the path, so grimp reads it and not the installed package.
    env = {**os.environ, "PYTHONPATH": str(project)}
    return subprocess.run([str(LINT_IMPORTS), "--no-cache", "--config", "pyproject.toml"],
                          cwd=project, env=env, capture_output=True, text=True, timeout=120)


def test_the_project_keeps_every_contract(tmp_path):
    result = _lint(_copy_project(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(("where", "code", "broken"), [
    # core may not know any feature
    ("ngosite/core/leak.py", "from ngosite.fair.model import FairEdition\n", "Rooms are layered"),
    # features on one layer are independent of each other
    ("ngosite/map/leak.py", "from ngosite.documents.urls import document_url\n",
     "Rooms are layered"),
    # the registry of organisations may not import a feature that renders it
    ("ngosite/organisations/leak.py", "import ngosite.publishing.exports\n", "Rooms are layered"),
    # a room nobody declared
    ("ngosite/polls/__init__.py", "", "Rooms are layered"),
    # hooks are glue over ngosite.site only
    ("hooks/leak.py", "from ngosite.pipeline import load_registry\n",
     "The MkDocs hooks import only ngosite.site"),
    ("hooks/leak.py", "from ngosite.core.problems import format_text\n",
     "The MkDocs hooks import only ngosite.site"),
    # nothing imports the CLI
    ("ngosite/site_cli.py", "from ngosite.cli import main\n", "Nothing imports the CLI"),
    # no circle inside a room
    ("ngosite/fair/model_extra.py", "from ngosite.fair.pages import fair_pages\n",
     "No import circles"),
])
def test_a_module_in_the_wrong_place_fails_with_import_linters_message(tmp_path, where, code,
                                                                     broken):
    project = _copy_project(tmp_path)
    target = project / where
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(code, encoding="utf-8")
    if where == "ngosite/fair/model_extra.py":  # close the circle: pages ← model_extra ← model
        model = project / "ngosite/fair/model.py"
        model.write_text(model.read_text(encoding="utf-8")
                         + "\nfrom ngosite.fair import model_extra  # noqa\n", encoding="utf-8")
    result = _lint(project)
    assert result.returncode != 0, result.stdout
    report = result.stdout.split("Broken contracts", 1)[-1]
    assert broken in report, result.stdout


def test_the_module_graph_has_no_circle_even_counting_type_checking_imports():
    """import-linter leaves ``if TYPE_CHECKING`` imports out (the registry names the fair's and
    the documents' types that way); module by module, the graph is still acyclic with them."""
    graph = grimp.build_graph("ngosite", exclude_type_checking_imports=False)
    circles = [(m, other) for m in graph.modules
               for other in graph.find_modules_directly_imported_by(m)
               if graph.chain_exists(importer=other, imported=m)]
    assert not circles, circles
