"""The site assembled from the features: what the build loads, adds and says, in one place.

This is the only module the MkDocs hook imports (an import-linter contract says so): it loads
the project (``ngosite.pipeline``), turns every failure into one Polish message for the clerk,
collects the generated pages and data files of each feature (directory, map, fair, documents,
open data, forms) and, where a feature shows something on an NGO's page, its section provider.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import nullcontext, suppress
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from jinja2 import Environment

from ngosite.consultations import pages as consultation_pages
from ngosite.consultations.calendar import consultation_calendar
from ngosite.consultations.form import version_addons
from ngosite.consultations.meetings import meetings_from_events
from ngosite.consultations.model import schema_json as submission_schema_json
from ngosite.consultations.pages import hub_page
from ngosite.contributing.form import (
    FORM_MARKER,
    FORM_PAGE,
    form_assets,
    form_link,
    form_page_block,
)
from ngosite.core.background import Background, Handover
from ngosite.core.history import last_changed
from ngosite.core.problems import (
    CANNOT_BUILD,
    DATA_HAS_ERRORS,
    DataError,
    Problem,
    Severity,
    format_text,
)
from ngosite.core.spool import Spool
from ngosite.core.templating import spooled_bodies
from ngosite.core.today import BadBuildDate, build_date
from ngosite.documents.pages import documents_assets, documents_pages
from ngosite.events import blocks as event_blocks
from ngosite.events.blocks import consultation_meetings, events_section
from ngosite.events.calendar import calendar_files
from ngosite.events.pages import events_pages
from ngosite.events.place import material_assets
from ngosite.fair.calendar import fair_calendars
from ngosite.fair.pages import fair_pages, fair_section
from ngosite.geo.online import OnlineNotAllowed, online_geocoder_from_environment
from ngosite.map.page import MAP_DIR, MAP_DOCUMENT, map_files, map_link_section, map_pages
from ngosite.organisations.directory_data import DATA_FILE as DIRECTORY_DATA_FILE
from ngosite.organisations.directory_data import directory_data
from ngosite.organisations.pages import (
    GeneratedPage,
    SectionProvider,
    organisation_page,
    render_site_pages,
)
from ngosite.organisations.preview import reload_entries
from ngosite.organisations.registry import Registry
from ngosite.organisations.schema import schema_json
from ngosite.pipeline import load_registry
from ngosite.publishing.accessibility_statement import statement_page, statement_problems
from ngosite.publishing.exports import (
    ExportFile,
    each_export_file,
    export_files,
    write_exports,
)
from ngosite.publishing.jsonld import organisation_jsonld
from ngosite.publishing.open_data_page import open_data_page
from ngosite.publishing.page_policy import PagePolicies, headers_file, policy_in, site_policy
from ngosite.publishing.page_shell import PageShells
from ngosite.publishing.search_index import polish_index_file, prepare_generated_pages
from ngosite.publishing.search_shards import Prepared
from ngosite.publishing.search_topics import topics_file
from ngosite.publishing.security_txt import PATH as SECURITY_TXT
from ngosite.publishing.security_txt import security_problems, security_txt
from ngosite.publishing.site_config import (
    prune_nav,
    public_site_url,
    unlink_absent_sections,
    watched_folders,
)
from ngosite.publishing.stylesheet_bundle import bundle, stylesheet_sources
from ngosite.settings.gmina import SETTINGS_FILE
from ngosite.surveys.downloads import survey_assets
from ngosite.surveys.effectiveness import Effectiveness
from ngosite.surveys.pages import survey_pages


class BuildStopped(Exception):
    """The site cannot be built; the message, in Polish, lists everything to fix."""


def load_for_build(root: Path, *, keep_going: bool = False) -> Registry:
    """The project read for a build (online geocoding only when staff ask for it).

    Raises ``BuildStopped`` when the project cannot be read at all, and, unless ``keep_going``
    (``mkdocs serve`` shows every valid entry while files are being fixed), when any file has
    an error.
    """
    try:
        registry = load_registry(root, online=online_geocoder_from_environment(root))
    except DataError as exc:
        raise BuildStopped(f"{CANNOT_BUILD}:\n" + format_text(exc.problems)) from None
    except (OnlineNotAllowed, BadBuildDate) as exc:
        raise BuildStopped(f"{CANNOT_BUILD}: {exc}") from None
    if registry.errors and not keep_going:
        raise BuildStopped(f"{DATA_HAS_ERRORS}; popraw je i uruchom budowanie ponownie:\n"
                           + format_text(registry.problems))
    return registry


def site_url(registry: Registry) -> str | None:
    """The public address for ``site_url`` (sitemap, 404 page), from ``adres_serwisu``."""
    return public_site_url(registry.settings)


def data_folders(root: Path) -> list[Path]:
    """The data folders that exist, for ``mkdocs serve`` to watch."""
    return watched_folders(root)


def menu_of(nav: object, present: set[str]) -> object:
    """The menu of ``mkdocs.yml`` without the sections this gmina has no data for."""
    return prune_nav(nav, present)


def build_messages(registry: Registry) -> list[tuple[str, str]]:
    """``(level, text)`` lines for the build log: every problem of the data (``error``,
    ``warning``, ``info``), then each fact of the accessibility statement still left to staff,
    as information (never a warning: the site stays buildable)."""
    lines = [(p.severity.value, str(p)) for p in registry.problems]
    lines += [("info", str(p))
              for p in statement_problems(registry.root, registry.settings.accessibility)]
    lines += [(p.severity.value, str(p))
              for p in security_problems(registry.root, registry.settings, build_date())]
    if not registry.settings.site_url:
        lines.append(("info", str(Problem(
            SETTINGS_FILE, 1, 1, "adres_serwisu",
            "serwis nie ma jeszcze adresu: mapa witryny (sitemap.xml) będzie pusta, a strona "
            "„nie znaleziono” (404) zadziała tylko pod głównym adresem serwera. Gdy serwis ma "
            "już swój adres, dopisz go: adres_serwisu: https://…/", Severity.INFO))))
    return lines


def ngo_file_dates(registry: Registry) -> dict[str, date]:
    """When each NGO file last changed (from git), shown on its page."""
    return last_changed(registry.root, "ngos")


SearchIndexPart = Handover[Prepared, Path]


def start_search_index(direct_pages: Iterable[tuple[str, str, str]],
                       registry: Registry | None = None) -> SearchIndexPart:
    """Start indexing the pages we generate (``(url, title, html)``), which the theme does not
    parse, in a background process while MkDocs renders the site (see ``background``); the
    same process writes the whole index when ``finish_search_index`` hands it the site."""
    def write(generated: Prepared, site_dir: Path) -> None:
        polish_index_file(site_dir / "search" / "search_index.json", generated,
                          topics_file(registry) if registry is not None else None)

    return Handover(lambda: prepare_generated_pages(direct_pages), write)


def finish_search_index(site_dir: Path, generated: SearchIndexPart | None,
                        registry: Registry | None = None) -> None:
    """After the theme wrote its search index (the hand-written pages): write the sharded
    Polish index of the whole site in its place, with the areas, localities and legal forms a
    weak result offers (``registry``: when no generated pages were started)."""
    if generated is not None:
        generated.finish(site_dir)
    else:
        polish_index_file(site_dir / "search" / "search_index.json", None,
                          topics_file(registry) if registry is not None else None)


def page_policies(env: Environment, config: object, command: str) -> PagePolicies:
    """The Content Security Policy of each page the theme renders (``env`` is the theme's
    Jinja environment, ``config`` what its templates call ``config``); the hook installs it as
    the template global ``content_security_policy``, which ``overrides/main.html`` calls. Not
    under ``mkdocs serve``, whose live-reload script no policy could allow."""
    return PagePolicies(env, config, live_reload=command == "serve")


def stylesheet_file(docs_dir: Path, extra_stylesheets: list[str]) -> GeneratedAsset:
    """The theme's and our stylesheets joined into one file named by its content (see
    ``stylesheet_bundle``); ``overrides/main.html`` links it as ``stylesheet_bundle``."""
    path, content = bundle(stylesheet_sources(docs_dir, extra_stylesheets))
    return GeneratedAsset(path, content)


class Preview:
    """Under ``mkdocs serve``: the pages of NGO files edited since the last build, made again
    alone (``organisations.preview``); the hook fills them into the theme's page of their kind.
    The directory, the map and the search keep the last build's data until the next one."""

    def __init__(self, registry: Registry, changed: dict[str, date]) -> None:
        self.registry = registry
        self._changed = changed
        self._sections: list[SectionProvider] | None = None

    def ngo_pages(self, paths: list[Path]) -> list[GeneratedPage] | None:
        """The new pages of the NGO files at ``paths``, or None when the change needs the
        whole build (a file added, removed or now with a problem)."""
        reloaded = reload_entries(self.registry, paths, build_date())
        if reloaded is None:
            return None
        self.registry, entries = reloaded
        if self._sections is None:  # the effectiveness of every NGO: computed once
            self._sections = ngo_page_sections(self.registry)
        return [organisation_page(self.registry, entry, self._changed.get(entry.file),
                                  self._sections) for entry in entries]


# The theme's template that prints a page we finished (overrides/ngosite-shell.html).
SHELL_TEMPLATE = "ngosite-shell.html"


def shells_wanted() -> bool:
    """Whether generated pages are filled into the theme's page of their kind (see
    ``page_shell``); ``NGOSITE_PAGE_SHELL=0`` has the theme render every page whole (the tests
    build both ways and compare)."""
    return os.environ.get("NGOSITE_PAGE_SHELL", "1") != "0"


def page_shells(env: Environment) -> PageShells | None:
    """The shells of one build (``env`` is the theme's Jinja environment), or None."""
    return PageShells(env.get_template("main.html").render) if shells_wanted() else None


def finish_host_files(site_dir: Path, registry: Registry, pages: PagePolicies) -> None:
    """After every page is written: ``_headers`` with the policy of the whole site (every policy
    the pages were given, and the map document's) and ``/.well-known/security.txt``."""
    policies = pages.given()
    map_document = site_dir / MAP_DIR / MAP_DOCUMENT
    if map_document.is_file():
        with map_document.open(encoding="utf-8") as file:
            policy = policy_in(file.read(4096))  # it stands in the first lines of the head
        policies += [policy] if policy is not None else []
    (site_dir / "_headers").write_text(headers_file(site_policy(policies)), encoding="utf-8")
    text = security_txt(registry.settings, build_date())
    if text is not None:
        (site_dir / SECURITY_TXT).parent.mkdir(parents=True, exist_ok=True)
        (site_dir / SECURITY_TXT).write_text(text, encoding="utf-8")


@dataclass(frozen=True)
class GeneratedAsset:
    """A non-page file of the site (JSON, CSV, ICS…), written as given."""

    path: str
    content: str | bytes  # bytes: written as they are (an ICS file has CRLF line ends)
    # The data files made in the background are handed over as files already written (their
    # content is then empty): moved into the site (``DataFiles.placed``) or copied by MkDocs.
    source: Path | None = None


@dataclass(frozen=True)
class PageBlock:
    """Generated HTML that replaces a marker comment in a hand-written page of ``docs/``;
    ``render`` gets the registry and the relative path from the page to the site root."""

    page: str
    marker: str
    render: Callable[[Registry, str], str]


def ngo_page_sections(registry: Registry,
                      effectiveness: Effectiveness | None = None) -> list[SectionProvider]:
    """Blocks other features add to every NGO page, in the order they appear. A section that
    needs figures of every NGO (effectiveness) is computed once, before the pages."""
    effectiveness = effectiveness or Effectiveness.of(registry)
    return [fair_section, events_section, effectiveness.section, form_link, map_link_section,
            organisation_jsonld]


def page_blocks() -> list[PageBlock]:
    return [PageBlock(FORM_PAGE, FORM_MARKER, form_page_block),
            PageBlock(consultation_pages.HOME_PAGE, consultation_pages.HOME_MARKER,
                      consultation_pages.home_block),
            PageBlock(event_blocks.HOME_PAGE, event_blocks.HOME_MARKER, event_blocks.home_block)]


def insert_page_blocks(registry: Registry, src_uri: str, page_url: str, markdown: str,
                       present: set[str] | None = None) -> str:
    """The page's Markdown with each block's marker replaced by the block's HTML, and (given
    the pages the build has) its links to absent sections turned into plain text."""
    if present is not None:
        markdown = unlink_absent_sections(markdown, src_uri, present)
    depth = len([part for part in page_url.split("/") if part])
    for block in page_blocks():
        if block.page == src_uri and block.marker in markdown:
            markdown = markdown.replace(block.marker, block.render(registry, "../" * depth))
    return markdown


@dataclass(frozen=True)
class SiteOutput:
    pages: list[GeneratedPage]
    assets: list[GeneratedAsset]


class DataFiles:
    """The data files (exports, the map document, the form's data, calendars), made in a
    background process when the platform allows (see ``background``) and written into a
    temporary folder: at 10,000 NGOs they are 65 MB, which the build held in memory twice
    (pickled through the pipe, then as content) until MkDocs wrote them. ``discard`` removes
    the folder at the end of the build.

    With ``site_dir`` the folder is a hidden one inside the site (MkDocs' cleaning leaves
    hidden entries alone), and ``placed`` moves the files into their places, a rename of each
    top folder, instead of MkDocs copying 11,000 files one by one at 10,000 NGOs."""

    PREFIX = ".ngosite-pliki-"

    def __init__(self, registry: Registry, site_dir: Path | None = None) -> None:
        self.site_dir = _prepared_site(site_dir, self.PREFIX)
        self.folder = Path(tempfile.mkdtemp(prefix=self.PREFIX, dir=self.site_dir))
        self._work = Background(lambda: _data_files(registry, self.folder))

    def result(self) -> tuple[list[ExportFile], list[GeneratedAsset]]:
        return self._work.result()

    def placed(self, assets: list[GeneratedAsset]) -> list[GeneratedAsset]:
        """``assets`` (this folder's files) in their places in the site, where MkDocs finds
        them already and does not copy them; any that could not be moved stay for MkDocs to
        copy. Call once MkDocs has cleaned the site (``on_files``)."""
        if self.site_dir is None:
            return assets
        return placed_assets(assets, self.folder, self.site_dir)

    def discard(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def _prepared_site(site_dir: Path | None, prefix: str) -> Path | None:
    """The site folder, made if missing and rid of the data folders of a build that was
    killed; None when it cannot be written (the files are then made in the system's
    temporary folder and copied)."""
    if site_dir is None:
        return None
    try:
        site_dir.mkdir(parents=True, exist_ok=True)
        for left in site_dir.glob(prefix + "*"):
            shutil.rmtree(left, ignore_errors=True)
    except OSError:
        return None
    return site_dir if os.access(site_dir, os.W_OK) else None


def placed_assets(assets: list[GeneratedAsset], folder: Path, site_dir: Path
                  ) -> list[GeneratedAsset]:
    """``assets`` written below ``folder`` moved to the same paths below ``site_dir``; any
    that could not be moved keep their place in ``folder``."""
    move_tree(folder, site_dir)
    return [replace(asset, source=site_dir / asset.path)
            if asset.source is not None and not asset.source.exists() else asset
            for asset in assets]


def move_tree(source: Path, target: Path) -> None:
    """What of ``source`` can be moved, moved into ``target``: a folder missing there is
    renamed whole, one that exists is merged, a file replaces the one of its name. What
    cannot be (a file where a folder should go, another file system) stays where it is."""
    for entry in os.scandir(source):
        there = target / entry.name
        with suppress(OSError):
            if entry.is_dir(follow_symlinks=False) and there.is_dir():
                move_tree(Path(entry.path), there)
            else:
                os.replace(entry.path, there)


def page_spool() -> Spool:
    """Where the generated pages' bodies wait until MkDocs writes them (``core.spool``)."""
    return Spool()


def start_data_files(registry: Registry, site_dir: Path | None = None) -> DataFiles:
    """Start making the data files; the hook starts them as soon as the registry is loaded,
    so they are made while MkDocs collects its files (``site_dir``: see ``DataFiles``)."""
    return DataFiles(registry, site_dir)


def generate(registry: Registry, changed: dict[str, date],
             data_files: DataFiles | None = None, spool: Spool | None = None) -> SiteOutput:
    """Everything the build adds: the pages are made here while the data files are made in
    the background; with ``spool``, the direct pages' bodies wait there (``page_spool``)."""
    files = data_files or start_data_files(registry)
    with spooled_bodies(spool) if spool is not None else nullcontext():
        pages = generated_pages(registry, changed, with_open_data=False)
        exports, assets = files.result()
        pages.append(open_data_page(registry, exports))
    if data_files is None:  # called on its own (tests, scripts): the contents, no folder left
        assets = [GeneratedAsset(a.path, a.source.read_bytes()) if a.source else a
                  for a in assets]
        files.discard()
    return SiteOutput(pages, assets)


def _data_files(registry: Registry, folder: Path
                ) -> tuple[list[ExportFile], list[GeneratedAsset]]:
    """The data files written below ``folder`` (as UTF-8), each handed back by its path; the
    exports with their sizes, which the open-data page shows."""
    assets: list[GeneratedAsset] = []
    made: set[Path] = set()

    def write(path: str, content: str | bytes) -> None:
        target = folder / path
        if target.parent not in made:  # 10,000 entry files share one folder
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        target.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        assets.append(GeneratedAsset(path, b"", source=target))

    exports = write_exports(registry, folder)  # a line of each at a time
    assets += [GeneratedAsset(f.path, b"", source=folder / f.path) for f in exports]
    # Then one file in memory at a time: made, written, let go.
    for asset in each_generated_asset(registry, exports=()):
        write(asset.path, asset.content)
    return exports, assets


def generated_pages(registry: Registry, changed: dict[str, date], *,
                    with_open_data: bool = True) -> list[GeneratedPage]:
    """The generated pages; ``generate`` adds the open-data page itself, because that page
    shows the sizes of the files made in the background."""
    effectiveness = Effectiveness.of(registry)
    pages = render_site_pages(registry, changed, ngo_page_sections(registry, effectiveness))
    pages.append(statement_page(registry))
    if with_open_data:
        pages.append(open_data_page(registry, export_files(registry)))
    pages.extend(map_pages(registry))
    pages.extend(documents_pages(registry, version_sections=[consultation_meetings],
                                 addons=version_addons(registry)))
    pages.append(hub_page(registry, meetings_from_events(registry)))
    if has_surveys(registry):
        pages.extend(survey_pages(registry))
        pages.extend(effectiveness.pages())
    # Last: the fair and the events link to other pages (the map) only when they exist.
    existing = {p.src_uri for p in pages}
    pages.extend(fair_pages(registry, existing))
    pages.extend(events_pages(registry, existing))
    return pages


def has_surveys(registry: Registry) -> bool:
    """Whether the gmina has any survey or NGO report: without one the surveys' pages (which
    would only say that there is nothing) are left out, and with them the menu's entries."""
    results = registry.surveys
    return results is not None and bool(results.waves or results.indicators)


def generated_assets(registry: Registry,
                     exports: Iterable[ExportFile] | None = None) -> list[GeneratedAsset]:
    return list(each_generated_asset(registry, exports))


def each_generated_asset(registry: Registry, exports: Iterable[ExportFile] | None = None
                         ) -> Iterator[GeneratedAsset]:
    """Every data file, made as it is asked for (``exports``: those made already, or None to
    make them here)."""
    yield GeneratedAsset("dane/schema.json", schema_json())
    for export in each_export_file(registry) if exports is None else exports:
        yield GeneratedAsset(export.path, export.content)
    # Each feature's files are made only when the ones before have been taken.
    makers: list[Callable[[], Iterable[tuple[str, str | bytes]]]] = [
        lambda: fair_calendars(registry),
        lambda: form_assets(registry),
        lambda: map_files(registry),
        lambda: [(DIRECTORY_DATA_FILE, directory_data(registry))],
        lambda: documents_assets(registry),
        lambda: calendar_files(registry),
        lambda: material_assets(registry),
        lambda: [consultation_calendar(registry)],
        lambda: [("konsultacje/uwaga-konsultacyjna.schema.json", submission_schema_json())],
        lambda: survey_assets(registry.surveys),
    ]
    for make in makers:
        yield from (GeneratedAsset(path, content) for path, content in make())

