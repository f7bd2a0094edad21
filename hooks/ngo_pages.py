"""MkDocs glue: hand the generated pages and files to MkDocs. All the work is in ``ngosite``.

``mkdocs build`` stops with the full list of data problems; ``mkdocs serve`` reports them and
keeps showing every valid entry, so a contributor can fix files while watching the site.
"""

from __future__ import annotations

import gc
import html
import logging
import re
import sys
import threading
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ngosite.site import (
    SHELL_TEMPLATE,
    BuildStopped,
    DataFiles,
    Preview,
    Registry,
    build_messages,
    data_folders,
    finish_host_files,
    finish_search_index,
    generate,
    insert_page_blocks,
    load_for_build,
    menu_of,
    ngo_file_dates,
    page_policies,
    page_shells,
    page_spool,
    shells_wanted,
    site_url,
    start_data_files,
    start_search_index,
    stylesheet_file,
)

log = logging.getLogger("mkdocs.hooks.ngo_pages")
LOG_LEVELS = {"error": log.error, "warning": log.warning, "info": log.info}
_state: dict[str, object] = {"command": "build"}
_IDS = re.compile(rb'''\sid="([^"]+)"''')  # on UTF-8: no character but '"' has the byte


class DirectPage(Page):
    """A generated page handed over finished (see ``GeneratedPage.direct``).

    MkDocs would run a fresh Python-Markdown instance over its empty body only for us to throw
    the result away, and the theme's search would parse its HTML again: on 10,000 NGO pages
    the two cost about as much as rendering the pages themselves. The body waits in the
    build's spool (``Spool``) until the page is written, not in memory.
    """

    def __init__(self, title: str | None, file: File, config, body: object) -> None:
        super().__init__(title, file, config)
        self.body = body

    def ready_html(self) -> bytes:
        return _state["spool"].read(self.body)  # type: ignore[attr-defined]

    def render(self, config, files) -> None:
        # MkDocs renders every page before it writes any: the body comes in on_page_context.
        self.content = ""
        self.toc = get_toc([])
        self.present_anchor_ids = {i.decode("utf-8") for i in _IDS.findall(self.ready_html())}
        self.links_to_anchors = {}
        # Indexed in on_post_build from the same HTML, without the theme's parser.
        self.meta["search"] = {**(self.meta.get("search") or {}), "exclude": True}
        if shells_wanted():
            # Finished in on_page_context from the theme's page of its kind.
            self.meta["template"] = SHELL_TEMPLATE


def on_startup(command: str, dirty: bool) -> None:
    _state["command"] = command


def on_config(config):
    root = Path(config.config_file_path).resolve().parent
    try:
        registry = load_for_build(root, keep_going=_state["command"] == "serve")
    except BuildStopped as exc:
        raise PluginError(str(exc)) from None
    for level, text in build_messages(registry):
        LOG_LEVELS[level](text)
    _state["registry"] = registry
    _state.pop("preview", None)  # the quick path starts again from this build's registry
    config.site_url = config.site_url or site_url(registry)
    # The registry lives for the whole build: keep the garbage collector from walking its
    # objects again at every full collection, and frozen before the fork, so the child's
    # collections do not copy shared memory. Only in `mkdocs build`: under `serve` the last
    # build's garbage would be frozen with it, and memory would grow with every rebuild.
    _freeze()
    _state["data_files"] = start_data_files(registry, Path(config.site_dir))
    return config


def on_files(files: Files, config) -> Files:
    registry: Registry = _state["registry"]  # type: ignore[assignment]
    changed = _state["changed"] = ngo_file_dates(registry)
    spool = _state["spool"] = page_spool()  # where the direct pages' bodies wait
    data_files: DataFiles = _state["data_files"]  # type: ignore[assignment]
    output = generate(registry, changed, data_files, spool)
    ready_html: dict[str, str] = {}
    direct: list[tuple[File, str, object]] = []  # with the body's place in the spool
    nav_titles = _nav_titles(config.nav or [])
    for page in output.pages:
        file = File.generated(config, page.src_uri, content=page.markdown)
        files.append(file)
        if page.direct and page.stored is not None:
            body = page.stored if page.spool is spool else spool.put(page.body)
            # The navigation takes a page that already exists as it is: give it the nav title.
            DirectPage(nav_titles.get(page.src_uri), file, config, body)
            if page.searchable:
                direct.append((file, page.title, body))
        elif page.body is not None:
            ready_html[page.src_uri] = page.body
    _state["html"] = ready_html
    # Indexed for search in the background while MkDocs renders every page.
    _state["search"] = start_search_index(  # each body read and decoded as the indexer comes
        ((file.page.url, title, spool.read(body).decode("utf-8")) for file, title, body in direct
         if file.page is not None), registry)
    # The site is clean now: the background process's files are moved into it.
    for asset in data_files.placed(output.assets):
        if asset.source is not None:  # in its place, or copied by MkDocs
            files.append(File.generated(config, asset.path, abs_src_path=str(asset.source)))
        else:
            files.append(File.generated(config, asset.path, content=asset.content))
    sheet = stylesheet_file(Path(config.docs_dir), config.extra["stylesheets"])
    files.append(File.generated(config, sheet.path, content=sheet.content))
    _state["stylesheet"] = sheet.path
    present = _state["present"] = {file.src_uri for file in files}
    if config.nav:
        config.nav = menu_of(config.nav, present)
    _freeze()  # the generated pages live until the end of the build too
    return files


def on_serve(server, config, builder):
    # The data folders this gmina has (mkdocs.yml cannot name them: a missing one is an error).
    changes = _Changes()
    for folder in data_folders(Path(config.config_file_path).resolve().parent):
        server.watch(str(folder))
        changes.observe(server, folder, ngos=folder.name == "ngos")
    for path in (config.docs_dir, config.config_file_path, *config.theme.dirs, *config.watch):
        changes.observe(server, Path(path), ngos=False)
    whole = server.builder

    def quick_or_whole() -> None:
        """Edited NGO files alone: their pages within a second or two, not a whole build."""
        ngo_files, other = changes.take()
        if ngo_files and not other and _quick(ngo_files, config):
            return
        if ngo_files or other is not False:
            whole()

    server.builder = quick_or_whole
    return server


class _Changes:
    """What changed since the last build: NGO files, or anything else (True), or nothing seen
    (None: a path this hook does not watch, so the whole build runs)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._ngos: set[Path] = set()
        self._other: bool | None = None

    def observe(self, server, path: Path, *, ngos: bool) -> None:
        import watchdog.events

        def record(event) -> None:
            if event.is_directory:
                return
            with self._lock:
                for changed in (event.src_path, getattr(event, "dest_path", "")):
                    name = Path(changed or "")
                    if not ngos:
                        self._other = True
                    elif name.suffix in (".yml", ".yaml") and not name.name.startswith("."):
                        self._ngos.add(name)
                    elif self._other is None:
                        self._other = False  # an editor's temporary file: nothing to build

        handler = watchdog.events.FileSystemEventHandler()
        handler.on_any_event = record  # type: ignore[method-assign]
        if path.exists():
            server.observer.schedule(handler, str(path), recursive=path.is_dir())

    def take(self) -> tuple[list[Path], bool | None]:
        with self._lock:
            ngos, other = sorted(self._ngos), self._other
            self._ngos, self._other = set(), None
        return ngos, other


def _quick(paths: list[Path], config) -> bool:
    """Write the new pages of the edited NGO files into the preview; False when the whole
    build must run (see ``Preview``)."""
    shells = _state.get("shells")
    preview = _state.get("preview")
    if preview is None:
        preview = _state["preview"] = Preview(_state["registry"], _state["changed"])
    pages = preview.ngo_pages(paths) if shells is not None else None
    if not pages:
        return False
    for page in pages:
        file = File.generated(config, page.src_uri, content=page.markdown)
        canonical = urljoin(config.site_url, file.url) if config.site_url else None
        filled = shells.refill(file.url, html.escape(page.title), page.html, canonical)
        if filled is None:
            return False
        Path(file.abs_dest_path).write_text(filled, encoding="utf-8")
    _state["registry"] = preview.registry
    log.info("Podgląd: odświeżono stronę %s (katalog, mapa i wyszukiwarka zmienią się przy "
             "najbliższej pełnej przebudowie: po zmianie innego pliku albo po ponownym "
             "uruchomieniu podglądu)", ", ".join(f"/{page.src_uri[:-3]}/" for page in pages))
    return True


def _freeze() -> None:
    if _state["command"] == "build":
        gc.freeze()


def _nav_titles(nav: object) -> dict[str, str]:
    """``{path: title}`` of the ``nav`` of mkdocs.yml."""
    titles: dict[str, str] = {}
    items = nav if isinstance(nav, list) else [nav]
    for item in items:
        if isinstance(item, dict):
            for title, value in item.items():
                if isinstance(value, str):
                    titles[value] = title
                else:
                    titles.update(_nav_titles(value))
    return titles


def on_env(env, config, files):
    # Each page's Content Security Policy, called from overrides/main.html.
    policies = page_policies(env, config, _state["command"])  # type: ignore[arg-type]
    _state["policies"] = env.globals["content_security_policy"] = policies
    _state["shells"] = page_shells(env)
    # The joined stylesheets' file, named by its content (overrides/main.html links it).
    env.globals["stylesheet_bundle"] = _state["stylesheet"]
    return env


def on_page_context(context, page, config, nav):
    if isinstance(page, DirectPage):
        page.content = page.ready_html().decode("utf-8")
        shells = _state.get("shells")
        if shells is not None:
            page.finished_html = shells.page(page, context)  # type: ignore[attr-defined]
    return context


def on_post_page(output: str, page, config) -> str:
    if isinstance(page, DirectPage):
        # Written once this returns: 10,000 NGO pages' HTML need not live to the end.
        page.finished_html = page.content = ""  # type: ignore[attr-defined]
    return output


def on_page_content(html: str, page, config, files) -> str:
    body = _state.get("html", {}).get(page.file.src_uri)  # type: ignore[union-attr]
    return html if body is None else body.decode("utf-8")


def on_page_markdown(markdown: str, page, config, files) -> str:
    registry: Registry = _state["registry"]  # type: ignore[assignment]
    return insert_page_blocks(registry, page.file.src_uri, page.url, markdown,
                              _state.get("present"))  # type: ignore[arg-type]


def on_build_error(error) -> None:
    for part in ("data_files", "search"):
        work = _state.pop(part, None)
        if work is not None:
            work.discard()  # type: ignore[attr-defined]
    _close_spool()


def _close_spool() -> None:
    spool = _state.pop("spool", None)
    if spool is not None:
        spool.close()  # type: ignore[attr-defined]


@event_priority(-100)
def on_post_build(config) -> None:
    """After the theme wrote the search index: write the sharded Polish one in its place, and
    the files for the web server (headers, security.txt)."""
    finish_search_index(Path(config.site_dir), _state.pop("search", None),  # type: ignore[arg-type]
                        _state["registry"])  # type: ignore[arg-type]
    finish_host_files(Path(config.site_dir), _state["registry"],  # type: ignore[arg-type]
                      _state.pop("policies"))  # type: ignore[arg-type]
    _state.pop("data_files").discard()  # type: ignore[attr-defined]
    _close_spool()
    gc.unfreeze()
