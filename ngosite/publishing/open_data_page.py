"""The open-data page, ``/dane/``: downloads, how to open the CSV, licence, data dictionary."""

from __future__ import annotations

from ngosite.core.templating import GeneratedPage, environment, page_from_html
from ngosite.organisations.registry import Registry
from ngosite.organisations.schema import schema_json

from .data_dictionary import LIST_SEPARATOR, dictionary
from .exports import (
    CSV_DELIMITER,
    CSV_FILE,
    DIRECTORY,
    GEOJSON_FILE,
    JSON_FILE,
    SCHEMA_FILE,
    ExportFile,
)


def _size(file: ExportFile | str) -> str:
    if isinstance(file, ExportFile) and file.size is not None:
        size = file.size
    else:
        content = file.content if isinstance(file, ExportFile) else file
        size = len(content.encode("utf-8") if isinstance(content, str) else content)
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / 1024 / 1024:.1f} MB".replace(".", ",")


def open_data_page(registry: Registry, files: list[ExportFile]) -> GeneratedPage:
    sizes = {f.path.rsplit("/", 1)[-1]: _size(f) for f in files}
    sizes[SCHEMA_FILE] = _size(schema_json())
    settings = registry.settings
    body = environment().get_template("open_data.html").render(
        settings=settings,
        count=len(registry.entries),
        csv_file=CSV_FILE, geojson_file=GEOJSON_FILE, json_file=JSON_FILE,
        schema_file=SCHEMA_FILE, sizes=sizes, delimiter=CSV_DELIMITER,
        list_separator=LIST_SEPARATOR.strip(),
        fields=dictionary(),
        attribution=settings.open_data.attribution
        or f"{settings.name}, serwis „Organizacje pozarządowe w {settings.name_locative}”",
    )
    return page_from_html(f"{DIRECTORY}/index.md", "Dane otwarte", body)
