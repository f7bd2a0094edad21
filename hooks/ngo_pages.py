"""MkDocs glue: hand the generated pages and files to MkDocs. All the work is in ``ngosite``.

``mkdocs build`` stops with the full list of data problems; ``mkdocs serve`` reports them and
keeps showing every valid entry, so a contributor can fix files while watching the site.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ngosite.accessibility_settings import statement_problems
from ngosite.history import last_changed
from ngosite.online_config import OnlineNotAllowed, online_geocoder_from_environment
from ngosite.problems import Severity, format_text
from ngosite.registry import DataError, Registry, load_registry
from ngosite.search_index import polish_index_file
from ngosite.site import generate, insert_page_blocks
from ngosite.today import BadBuildDate

log = logging.getLogger("mkdocs.hooks.ngo_pages")
LOG_LEVELS = {Severity.ERROR: log.error, Severity.WARNING: log.warning, Severity.INFO: log.info}
_state: dict[str, object] = {"command": "build"}


def on_startup(command: str, dirty: bool) -> None:
    _state["command"] = command


def on_config(config):
    root = Path(config.config_file_path).resolve().parent
    try:
        registry = load_registry(root, online=online_geocoder_from_environment(root))
    except DataError as exc:
        raise PluginError("Nie można zbudować serwisu:\n" + format_text(exc.problems)) from None
    except (OnlineNotAllowed, BadBuildDate) as exc:
        raise PluginError(f"Nie można zbudować serwisu: {exc}") from None
    if registry.errors and _state["command"] != "serve":
        raise PluginError(
            "Dane zawierają błędy; popraw je i uruchom budowanie ponownie:\n"
            + format_text(registry.problems))
    for problem in registry.problems:
        LOG_LEVELS[problem.severity](str(problem))
    # Facts of the accessibility statement still left to staff: information, never a warning.
    for problem in statement_problems(root, registry.settings.accessibility):
        log.info(str(problem))
    _state["registry"] = registry
    return config


def on_files(files: Files, config) -> Files:
    registry: Registry = _state["registry"]  # type: ignore[assignment]
    changed = last_changed(registry.root, "ngos")
    output = generate(registry, changed)
    ready_html: dict[str, str] = {}
    for page in output.pages:
        files.append(File.generated(config, page.src_uri, content=page.markdown))
        if page.html is not None:
            ready_html[page.src_uri] = page.html
    _state["html"] = ready_html
    for asset in output.assets:
        files.append(File.generated(config, asset.path, content=asset.content))
    return files


def on_page_content(html: str, page, config, files) -> str:
    return _state.get("html", {}).get(page.file.src_uri, html)  # type: ignore[union-attr]


def on_page_markdown(markdown: str, page, config, files) -> str:
    registry: Registry = _state["registry"]  # type: ignore[assignment]
    return insert_page_blocks(registry, page.file.src_uri, page.url, markdown)


@event_priority(-100)
def on_post_build(config) -> None:
    polish_index_file(Path(config.site_dir) / "search" / "search_index.json")
