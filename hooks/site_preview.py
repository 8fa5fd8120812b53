"""`make serve`: a preview that renders each page when it is asked for, from data kept in memory.

`mkdocs serve` rebuilds the whole site after every change: over a minute for 10,000
Vorlagen, during which pages are missing, and with broken data the browser's request
hangs while the message goes to the terminal. This preview instead

* loads the configuration, the theme and the archive once and keeps the core's
  objects (Archive, Views, SitePlan) in memory;
* renders a page only when the browser asks for it, through MkDocs' own page
  machinery (`_populate_page`, `_build_page`) with the same hooks, templates and
  stencils as `make site`, so it looks exactly like the published site;
* watches data/, overrides/, docs/, hooks/ and mkdocs.yml. An edited Vorlage is
  re-read and re-checked on its own, plus the checks across files
  (buergerinfo.checking.source.ArchiveSource); the derived views and the page list are
  recomputed off the request path and swapped in at once. Any other data file
  reloads the archive; a template change drops the cached page frames; a change to
  hooks/, mkdocs.yml or the set of docs/ files restarts the preview process;
* answers every HTML request at once: with the page, with a German page that lists
  the data errors (file:line:column, escaped), or with a short "wird vorbereitet"
  page. Each of them polls /__vorschau/status and reloads itself when the data has
  changed, so an open page follows every edit, and an error page turns back into the
  page once the file is fixed;
* rebuilds the search index in the background after a change; until it is done the
  search answers from the previous index (the guide says so).

    python hooks/site_preview.py [--port 8000] [--config-file mkdocs.yml]
"""

from __future__ import annotations

import argparse
import gc
import html
import http.server
import json
import mimetypes
import os
import re
import shutil
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

HOOKS = Path(__file__).resolve().parent
if str(HOOKS) not in sys.path:
    sys.path.insert(0, str(HOOKS))

import site_console  # noqa: E402
from mkdocs.commands import build as mkdocs_build  # noqa: E402
from mkdocs.config import load_config  # noqa: E402
from mkdocs.exceptions import Abort, ConfigurationError, PluginError  # noqa: E402
from mkdocs.structure.files import File, get_files, set_exclusions  # noqa: E402
from mkdocs.structure.nav import get_navigation  # noqa: E402
from mkdocs.structure.pages import Page  # noqa: E402
from site_frames import FrameStencils  # noqa: E402
from site_search import INDEX_FOLDER, BackgroundIndex  # noqa: E402
from watchdog.events import FileSystemEvent, FileSystemEventHandler  # noqa: E402
from watchdog.observers import Observer  # noqa: E402

from buergerinfo.checking.source import ArchiveSource  # noqa: E402
from buergerinfo.reading.problems import DataInvalid  # noqa: E402

STATUS_PATH = "/__vorschau/status"
WATCHED = ("data", "overrides", "docs", "hooks")
QUIET_SECONDS = 0.1
YAML_SUFFIXES = {".yml", ".yaml"}
WARMED_VIEWS = ("papers_by_number", "organizations_by_key", "meetings", "referenced_by")  # editors save in several steps (temporary file, rename); wait until they are done
QUICK_PAGE_HEAD_START = 0.3  # seconds the edited Vorlage's page has before the other pages are recomputed
SEARCH_DELAY_SECONDS = 2.0  # after the last change, before the search index is rebuilt
CLOSE_WAIT_SECONDS = 30  # for a search thread to end its index child when the preview ends
EXPORTS_TIMEOUT_SECONDS = 1800  # a forked export child that has not finished by then is ended
LOCK_WAIT_SECONDS = 0.5  # a request never waits longer for the renderer; it gets the "please wait" page


# --- what the browser gets besides pages --------------------------------------------------------

_RELOAD_SCRIPT = """<script>(function () {
  var seen = %d;
  function poll() {
    fetch("%s", {cache: "no-store"}).then(function (r) { return r.json(); }).then(function (s) {
      if (s.version !== seen) { location.reload(); } else { setTimeout(poll, 300); }
    }).catch(function () { setTimeout(poll, 1000); });
  }
  setTimeout(poll, 300);
})();</script>"""


def with_reload(document: str, version: int) -> str:
    script = _RELOAD_SCRIPT % (version, STATUS_PATH)
    index = document.rfind("</body>")
    return document[:index] + script + document[index:] if index >= 0 else document + script


def notice_page(title: str, lead: str, lines: list[str], version: int) -> str:
    items = "".join(f"<li><code>{html.escape(line)}</code></li>" for line in lines)
    listing = f"<ol class=\"meldungen\">{items}</ol>" if items else ""
    return with_reload(
        f"""<!doctype html>
<html lang="de"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)} – Vorschau</title>
<style>
body{{font-family:system-ui,sans-serif;line-height:1.5;margin:0;padding:1rem;max-width:60rem;color:#1b1b1b}}
h1{{font-size:1.4rem;color:#a4000f}} .meldungen{{padding-left:1.2rem}}
.meldungen li{{margin:.6rem 0;overflow-wrap:anywhere}} code{{white-space:pre-wrap;font-size:.95rem}}
</style></head>
<body><main>
<h1>{html.escape(title)}</h1>
<p>{html.escape(lead)}</p>
{listing}
<p>Diese Seite lädt sich von selbst neu, sobald Sie eine Datei speichern.</p>
</main></body></html>
""",
        version,
    )


# --- one loaded configuration --------------------------------------------------------------------


def _hooks_module(config) -> Any:
    for module in config["hooks"].values():
        if hasattr(module, "plan_for"):
            return module
    raise PluginError("hooks/buergerinfo_site.py ist in mkdocs.yml nicht eingetragen")


class LoadedSite:
    """MkDocs' build up to the point where pages are written, kept for rendering pages on request."""

    def __init__(self, config_file: str, site_dir: Path) -> None:
        self.config = load_config(config_file=config_file, site_dir=str(site_dir), strict=False)
        config = self.config
        self.root = Path(config.config_file_path).resolve().parent
        self.hooks = _hooks_module(config)
        # The settings from mkdocs.yml, as `buergerinfo check` reads them; "today" as the build sets it.
        self.source = ArchiveSource(self.root, today=self.hooks._today())
        archive = self.source.load()  # DataInvalid here, before on_config would wrap it into an Abort
        self.hooks.state.archive_loader = lambda root, settings, today: archive
        config.plugins.on_startup(command="serve", dirty=False)
        config = self.config = config.plugins.on_config(config)
        config.plugins.on_pre_build(config=config)
        files = get_files(config)
        env = config.theme.get_env()
        files.add_files_from_theme(env, config)
        # The open-data exports would be written from on_files on, before the first page is served;
        # the preview writes them in the background instead (write_exports), like the search index.
        self.exports = self.hooks.state.exports
        self.hooks.state.exports = _ExportsLater(self.exports)
        try:
            files = config.plugins.on_files(files, config=config)
            set_exclusions(files, config)
            nav = get_navigation(files, config)
            nav = config.plugins.on_nav(nav, config=config, files=files)
            for file in files.documentation_pages():
                if file.page is None:
                    Page(None, file, config)
            for page in nav.pages:  # titles of the tabs
                mkdocs_build._populate_page(page, config, files)
            self.env = config.plugins.on_env(env, config=config, files=files)
        finally:
            self.hooks.state.exports = self.exports
        self.files, self.nav = files, nav
        self.data_files: list[File] = [f for f in files if f.generated_by and not f.is_documentation_page()]
        self.data_addresses = {_address(f.url) for f in self.data_files}
        self.data_files_current = True
        self.docs_sources = {f.src_uri for f in files if not f.generated_by and f.src_dir == config.docs_dir}
        self.doc_files = files.documentation_pages()
        self.pages = {_address(f.url): f for f in self.doc_files}
        self.static = {_address(f.url): f for f in files if not f.is_documentation_page()}

    # -- data changes --

    def reloaded(self, changed: list[Path], everything: bool) -> tuple[Any, Any]:
        """New views and plan for the changed data; nothing shared is touched yet."""
        archive = self.source.load() if everything else self.source.reload(changed)
        views, plan = self.hooks.plan_for(archive)
        # What a Vorlage's page asks of the views, computed here rather than by the first request after the swap.
        for derived in WARMED_VIEWS:
            getattr(views, derived)
        return views, plan

    def quick_specs(self, plan: Any, changed: list[Path]) -> dict | None:
        """The current pages with only the edited Vorlagen's own pages new, or None if pages come or go.

        Computing every page's spec anew takes a second or two for a city's archive; the
        edited Vorlage's page is what the editor looks at, so it goes first.
        """
        if any(path.suffix not in YAML_SUFFIXES for path in changed):
            return None  # a folder moved or deleted: pages may come or go
        sources = {path.resolve().relative_to(self.root).as_posix() for path in changed}
        specs = dict(self.hooks.state.specs)
        found = 0
        for record in plan.views.archive.papers:
            if record.source in sources:
                spec = plan.paper_page(record)
                if spec.src_uri not in specs:
                    return None
                specs[spec.src_uri] = spec
                found += 1
        return specs if found == len(sources) else None

    def all_specs(self, plan: Any, superseded: Callable[[], bool] = lambda: False) -> dict | None:
        """Every page's spec for the plan; None as soon as `superseded()` says a newer change makes them moot."""
        specs = {}
        for count, spec in enumerate(self.hooks.page_specs(plan, self.exports)):
            if count % 500 == 0 and superseded():
                return None
            specs[spec.src_uri] = spec
        return specs

    def swap_in(self, views: Any, plan: Any, specs: dict) -> None:
        """Make the new data current (called with the render lock held; quick)."""
        state, config = self.hooks.state, self.config
        old_specs = state.specs
        state.views, state.plan, state.specs = views, plan, specs
        for src_uri in specs.keys() - old_specs.keys():
            file = File.generated(config, src_uri, content="")
            self.hooks.GeneratedPage(None, file, config)
            self.files.append(file)
            self.pages[_address(file.url)] = file
        for src_uri in old_specs.keys() - specs.keys():
            file = self.files.get_file_from_path(src_uri)
            if file is not None and isinstance(file.page, self.hooks.GeneratedPage):
                self.files.remove(file)
                self.pages.pop(_address(file.url), None)
        self.data_files_current = False  # calendars, attachments, redirects: made again when first asked for
        self.doc_files = self.files.documentation_pages()

    def static_file(self, address: str) -> File | None:
        """A file that is not a page; the data's own files (calendars …) are brought up to date first."""
        if not self.data_files_current and (address in self.data_addresses or address not in self.static):
            for file in self.data_files:
                if self.files.get_file_from_path(file.src_uri) is file:
                    self.files.remove(file)
                self.static.pop(_address(file.url), None)
            self.data_files = self.hooks.data_files(self.config)
            for file in self.data_files:
                self.files.append(file)
                self.static[_address(file.url)] = file
            self.data_addresses = {_address(file.url) for file in self.data_files}
            self.data_files_current = True
        return self.static.get(address)

    def write_exports(self, views: Any, plan: Any) -> None:
        """Feeds, calendars, tables, OParl into the preview's folder, for the views now current (slow; not locked).

        In a forked child (site_export_worker), so that the edited Vorlage's next reload does not wait
        for the interpreter lock; this thread only waits for the child.
        """
        self.exports.views, self.exports.addresses = views, plan.addresses
        self.exports.start(Path(self.config.site_dir), threads_unknown=False)
        self.exports.finish(timeout=EXPORTS_TIMEOUT_SECONDS)

    def written_file(self, address: str) -> Path | None:
        """A file the exports wrote into the preview's folder (never a page: those are rendered on request)."""
        folder = Path(self.config.site_dir).resolve()
        path = (folder / address).resolve()
        if address.endswith("/") or path.suffix in {".html", ""} or not path.is_relative_to(folder) or not path.is_file():
            return None
        return path

    def templates_changed(self) -> None:
        """Jinja reloads changed templates by itself; the page frames cut from them must be cut again."""
        state = self.hooks.state
        main = self.env.get_template("main.html")
        state.frames = FrameStencils(main.render, enabled=os.environ.get(self.hooks.STENCILS_VARIABLE) != "0")

    # -- rendering --

    def render(self, file: File) -> bytes:
        page = file.page
        mkdocs_build._populate_page(page, self.config, self.files)
        mkdocs_build._build_page(page, self.config, self.doc_files, self.nav, self.env)
        return Path(file.abs_dest_path).read_bytes()

    def render_404(self) -> bytes:
        mkdocs_build._build_theme_template("404.html", self.env, self.files, self.config, self.nav)
        path = Path(self.config.site_dir) / "404.html"
        return path.read_bytes() if path.is_file() else b"<!doctype html><title>Nicht gefunden</title>"

    def search_index(self) -> BackgroundIndex | None:
        search, self.hooks.state.search = self.hooks.state.search, None
        return search


def _settle_memory() -> None:
    """Keep Python's cycle collector away from the archive held in memory.

    A full collection walks every object: with a city's archive loaded that is a pause of up
    to a second in the middle of the next reload. Objects alive now are moved out of its reach;
    an old archive replaced later is still freed by reference counting.
    """
    gc.collect()
    gc.freeze()


class _ExportsLater:
    """Stands in for the site's exports from on_files to on_env: writes nothing, the preview writes later."""

    def __init__(self, exports: Any) -> None:
        self._exports = exports

    def start(self, site_dir: Path, threads_unknown: bool) -> None:
        pass

    def __getattr__(self, name: str) -> Any:
        return getattr(self._exports, name)


def _address(url: str) -> str:
    """A site-relative address as the browser asks for it, without the leading slash: '' for the start page."""
    url = url.lstrip("/")
    return "" if url in {".", "./"} else url


# --- the preview: state shared by the watcher and the request handlers ------------------------------


@dataclass
class Status:
    version: int = 0
    problems: list[str] = field(default_factory=list)  # the German report lines while the data is broken
    problem_title: str = ""
    search_pending: bool = True
    ready: bool = False


class Preview:
    def __init__(self, config_file: str) -> None:
        self.config_file = config_file
        self.work = Path(tempfile.mkdtemp(prefix="buergerinfo-vorschau-"))
        self.lock = threading.Lock()
        self.status = Status()
        self.site: LoadedSite | None = None
        self.search_dir: Path | None = None
        self._search_lock = threading.Lock()
        self._search_again = threading.Event()
        self._search_due = 0.0
        self._exports_lock = threading.Lock()
        # One load or reload at a time: an edit saved while the preview starts waits for the start
        # and is then read on top of it.
        self.work_lock = threading.RLock()
        # Counts data changes: the pages of an older change that are still being worked out give way.
        self.generation = 0
        self.closing = False
        self._indexes: set[BackgroundIndex] = set()  # index children running now
        self._indexes_lock = threading.Lock()
        self._search_threads: list[threading.Thread] = []
        self.restart_requested = threading.Event()

    # -- loading and reloading --

    def start(self) -> None:
        """Load everything (in the background: requests meanwhile get the 'wird vorbereitet' page)."""
        with self.work_lock:
            self._start()

    def _start(self) -> None:
        site_dir = self.work / "site"
        shutil.rmtree(site_dir, ignore_errors=True)
        try:
            site = LoadedSite(self.config_file, site_dir)
        except DataInvalid as exc:
            self._data_invalid(exc)
            return
        except (PluginError, ConfigurationError, Abort) as exc:
            self._failed("Die Vorschau kann die Website nicht bauen", str(exc).splitlines())
            return
        with self.lock:
            self.site = site
            self.status = Status(self.status.version + 1, ready=True)
        _settle_memory()
        self._search_from(site.search_index(), site_dir / INDEX_FOLDER)
        print(f"Vorschau bereit ({len(site.pages)} Seiten).", flush=True)
        threading.Thread(target=self._exports_of, args=(site,), daemon=True).start()

    def _exports_of(self, site: LoadedSite) -> None:
        try:
            with self._exports_lock:
                if not self.closing:
                    site.write_exports(site.hooks.state.views, site.hooks.state.plan)
        except Exception as exc:  # noqa: BLE001 - a failed export must not end the preview
            if not self.closing:
                print(f"Die offenen Daten ließen sich in der Vorschau nicht schreiben: {exc}", file=sys.stderr)

    def report_crash(self, exc: Exception) -> None:
        import traceback

        traceback.print_exc()
        self._failed("Die Vorschau ist auf einen internen Fehler gestoßen", [f"{type(exc).__name__}: {exc}"])
        self.site = None  # start over with the next change

    def _data_invalid(self, exc: DataInvalid) -> None:
        count = len(exc.errors)
        self._failed(f"{count} Fehler in den Daten" if count != 1 else "Ein Fehler in den Daten",
                     [str(problem) for problem in exc.problems])

    def _failed(self, title: str, lines: list[str]) -> None:
        with self.lock:
            self.status = Status(self.status.version + 1, lines, title, self.status.search_pending, ready=True)
        print("\n".join([title + ":", *lines]), file=sys.stderr, flush=True)

    def data_changed(self, changed: list[Path], everything: bool, noticed: float | None = None) -> None:
        self.generation += 1  # only the watcher's thread changes it
        with self.work_lock:
            self._data_changed(changed, everything, noticed or time.monotonic(), self.generation)

    def _data_changed(self, changed: list[Path], everything: bool, noticed: float, generation: int) -> None:
        site = self.site
        if site is None:
            self._start()
            return
        try:
            views, plan = site.reloaded(changed, everything)
        except DataInvalid as exc:
            self._data_invalid(exc)
            return
        except PluginError as exc:
            self._failed("Die Vorschau kann die Website nicht bauen", str(exc).splitlines())
            return
        names = ", ".join(p.name for p in changed if p.suffix in YAML_SUFFIXES) or "Daten"
        quick = None if everything or self.status.problems else site.quick_specs(plan, changed)
        if quick is None:
            self._swap(views, plan, site.all_specs(plan))
            self._settled(plan, names, noticed, [])
            return
        self._swap(views, plan, quick)  # the edited Vorlage's page first …
        timings = [f"ihre Seite nach {time.monotonic() - noticed:.1f} s".replace(".", ",")]
        # … then, off the watcher's thread, lists, Sitzungen and Gremien with it. The next save is
        # read at once: these pages give way to it rather than make it wait.
        threading.Thread(
            target=self._swap_all_later, args=(site, views, plan, generation, names, noticed, timings), daemon=True
        ).start()

    def _swap_all_later(
        self, site: LoadedSite, views: Any, plan: Any, generation: int, names: str, noticed: float, timings: list[str]
    ) -> None:
        try:
            time.sleep(QUICK_PAGE_HEAD_START)  # the edited page alone on the processor while the browser reloads it
            specs = site.all_specs(plan, superseded=lambda: self.generation != generation)
            if specs is None:
                return
            with self.work_lock:
                if self.generation != generation or self.site is not site:
                    return
                self._swap(views, plan, specs)
                self._settled(plan, names, noticed, timings)
        except Exception as exc:  # noqa: BLE001 - the preview must survive anything an edit can cause
            self.report_crash(exc)

    def _settled(self, plan: Any, names: str, noticed: float, timings: list[str]) -> None:
        _settle_memory()
        timings.append(f"alle Seiten nach {time.monotonic() - noticed:.1f} s".replace(".", ","))
        print(f"Aktualisiert: {names} ({', '.join(timings)})", flush=True)
        self._search_later(plan)

    def _swap(self, views: Any, plan: Any, specs: dict) -> None:
        with self.lock:
            self.site.swap_in(views, plan, specs)
            self.status = Status(self.status.version + 1, search_pending=True, ready=True)

    def templates_changed(self) -> None:
        with self.work_lock:
            if self.site is None:
                self._start()
                return
            with self.lock:
                self.site.templates_changed()
                self.status.version += 1

    def docs_changed(self, changed: list[Path]) -> None:
        site = self.site
        docs = Path(site.config.docs_dir) if site else None
        if site is None or any(
            p.suffix == ".md" and (p.relative_to(docs).as_posix() not in site.docs_sources or not p.is_file())
            for p in changed
            if p.is_relative_to(docs)
        ):
            self.restart_requested.set()  # a page added or removed: MkDocs' navigation needs a fresh start
            return
        with self.lock:
            self.status.version += 1

    # -- the search index, rebuilt in the background --

    def _search_from(self, index: BackgroundIndex | None, out: Path) -> None:
        if index is None:
            return

        self._index_started(index)  # now, not in the thread: close() may come before the thread runs

        def wait() -> None:
            problem = self._indexed(index)
            if problem:
                if not self.closing:
                    print(problem, file=sys.stderr)
                return
            self.search_dir = out
            self.status.search_pending = False

        self._start_search_thread(wait)

    def _search_later(self, plan: Any) -> None:
        # Not at once: the page the editor looks at is rendered first, and a burst of saves
        # (a branch checked out, a search-and-replace) ends before the index is rebuilt once.
        self._search_due = time.monotonic() + SEARCH_DELAY_SECONDS
        self._search_again.set()
        if not self._search_lock.acquire(blocking=False):
            return  # the running rebuild starts once more when it is done

        def rebuild() -> None:
            try:
                while self._search_again.is_set():
                    while time.monotonic() < self._search_due:
                        time.sleep(0.2)
                    self._search_again.clear()
                    current = self.site.hooks.state.plan if self.site else plan
                    if self.closing:
                        return
                    out = Path(tempfile.mkdtemp(dir=self.work, prefix="suche-"))
                    index = BackgroundIndex(current, out)
                    self._index_started(index)
                    problem = self._indexed(index)
                    if self.closing:
                        return
                    if problem:
                        print(problem, file=sys.stderr)
                        continue
                    old, self.search_dir = self.search_dir, out
                    if old is not None and old.is_relative_to(self.work) and old.name.startswith("suche-"):
                        shutil.rmtree(old, ignore_errors=True)
                    if self.site is not None:
                        self._exports_of(self.site)  # feeds, calendars, tables: after the search, as slow
                self.status.search_pending = False
            finally:
                self._search_lock.release()

        self._start_search_thread(rebuild)

    def _start_search_thread(self, work: Callable[[], None]) -> None:
        thread = threading.Thread(target=work, daemon=True)
        self._search_threads = [t for t in self._search_threads if t.is_alive()] + [thread]
        thread.start()

    def _index_started(self, index: BackgroundIndex) -> None:
        with self._indexes_lock:
            self._indexes.add(index)
        if self.closing:
            index.stop()

    def _indexed(self, index: BackgroundIndex) -> str | None:
        """Wait for a started index child; meanwhile close() can end it, as it writes into the preview's folder."""
        try:
            return index.finish()
        finally:
            with self._indexes_lock:
                self._indexes.discard(index)

    # -- answering requests --

    def respond(self, path: str) -> tuple[int, str, bytes]:
        address = path.split("?", 1)[0].split("#", 1)[0].lstrip("/")
        if "/" + address == STATUS_PATH:
            status = self.status
            body = {"version": status.version, "fehler": bool(status.problems), "suche_veraltet": status.search_pending}
            return 200, "application/json", json.dumps(body).encode()
        if address.startswith(INDEX_FOLDER + "/"):
            return self._search_file(address[len(INDEX_FOLDER) + 1 :])
        status = self.status
        static = self._static_file(address)
        if static is not None:
            return self._static(static)
        written = self.site.written_file(address) if self.site else None
        if written is not None:
            kind = mimetypes.guess_type(written.name)[0] or "application/octet-stream"
            return 200, kind, written.read_bytes()
        if not status.ready:
            return 503, "text/html", notice_page(
                "Die Vorschau wird vorbereitet", "Die Daten werden gelesen und geprüft; gleich geht es los.", [],
                status.version).encode()
        if status.problems:
            return 500, "text/html", notice_page(
                status.problem_title,
                "Die Vorschau zeigt die Website wieder, sobald diese Fehler behoben sind:",
                status.problems,
                status.version,
            ).encode()
        return self._page(address)

    def _static_file(self, address: str) -> File | None:
        site = self.site
        if site is None:
            return None
        if site.data_files_current or (address not in site.data_addresses and address in site.static):
            return site.static.get(address)  # theme and docs files: no need to wait for the renderer
        if address in site.pages or (address + "/") in site.pages:
            return None
        with self.lock:
            return site.static_file(address)

    def _page(self, address: str) -> tuple[int, str, bytes]:
        if not self.lock.acquire(timeout=LOCK_WAIT_SECONDS):
            return 503, "text/html", notice_page(
                "Die Vorschau wird aktualisiert", "Einen Augenblick bitte.", [], self.status.version - 1).encode()
        try:
            site, version = self.site, self.status.version
            file = site.pages.get(address) or site.pages.get(address.rstrip("/") + "/")
            if file is None and not address.endswith("/") and site.pages.get(address + "/"):
                return 301, "text/plain", ("/" + address + "/").encode()  # the same slash rule as a static host
            if file is None:
                return 404, "text/html", with_reload(site.render_404().decode("utf-8"), version).encode()
            try:
                document = site.render(file).decode("utf-8")
            except Exception as exc:  # a template error must show in the browser, not end the preview
                return 500, "text/html", notice_page(
                    "Diese Seite lässt sich nicht darstellen", "Beim Darstellen ist ein Fehler aufgetreten:",
                    [f"{type(exc).__name__}: {exc}"], version).encode()
            return 200, "text/html; charset=utf-8", with_reload(document, version).encode()
        finally:
            self.lock.release()

    def _static(self, file: File) -> tuple[int, str, bytes]:
        kind = mimetypes.guess_type(file.dest_uri)[0] or "application/octet-stream"
        if kind.startswith("text/") or kind in {"application/javascript", "application/json", "image/svg+xml"}:
            kind += "; charset=utf-8"
        try:
            return 200, kind, file.content_bytes
        except OSError:
            return 404, "text/plain; charset=utf-8", "Datei nicht gefunden".encode()

    def _search_file(self, name: str) -> tuple[int, str, bytes]:
        folder = self.search_dir
        if folder is None:
            return 503, "text/plain; charset=utf-8", "Der Suchindex wird noch erstellt.".encode()
        path = (folder / name).resolve()
        if not path.is_relative_to(folder.resolve()) or not path.is_file():
            return 404, "text/plain; charset=utf-8", "Datei nicht gefunden".encode()
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return 200, kind, path.read_bytes()

    def close(self) -> None:
        # Every child that writes into self.work ends first; else it would go on writing after the removal.
        self.closing = True
        with self._indexes_lock:
            running = list(self._indexes)
        for index in running:
            index.stop()
        if self.site is not None:
            self.site.exports.stop()
        for thread in self._search_threads:
            # A thread still writing an index's documents ends it once it sees `closing`.
            thread.join(timeout=CLOSE_WAIT_SECONDS)
        if self.site is not None:
            self.site.exports.stop()  # one that such a thread started just before it saw `closing`
            search = self.site.search_index()
            if search is not None:
                search.discard()
        shutil.rmtree(self.work, ignore_errors=True)


# --- watching the files ------------------------------------------------------------------------------


class _Collector(FileSystemEventHandler):
    def __init__(self) -> None:
        self.changed: set[Path] = set()
        self.count = 0  # events so far: the watcher waits until it stops growing
        self.event = threading.Event()
        self.lock = threading.Lock()

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in {"opened", "closed_no_write"} or (event.is_directory and event.event_type == "modified"):
            return  # a folder is "modified" whenever a file in it is saved; the file's own event says which
        with self.lock:
            for name in (event.src_path, getattr(event, "dest_path", "")):
                if name:
                    self.changed.add(Path(os.fsdecode(name)))
            self.count += 1
        self.event.set()

    def take(self) -> set[Path]:
        with self.lock:
            changed, self.changed = self.changed, set()
            self.event.clear()
            return changed


def _was_folder(path: Path) -> bool:
    """A path that is gone and was, by its name, a folder of the data (a Körperschaft's or a year folder)."""
    return not path.exists() and re.match(r"^(?:\d{4}|[a-z0-9]+(?:-[a-z0-9]+)*)$", path.name) is not None and (
        path.parent.name == "vorlagen" or re.match(r"^\d{4}$", path.name) is not None
    )


def _is_editor_scratch(path: Path) -> bool:
    name = path.name
    return name.startswith((".#", "~")) or name.endswith(("~", ".swp", ".swx", ".tmp")) or name.startswith(".")


def watch(preview: Preview, root: Path, stop: threading.Event) -> None:
    collector = _Collector()
    observer = Observer()
    for folder in WATCHED:
        if (root / folder).is_dir():
            observer.schedule(collector, str(root / folder), recursive=True)
    observer.schedule(collector, str(root), recursive=False)
    observer.start()
    try:
        while not stop.is_set():
            if not collector.event.wait(0.5):
                continue
            noticed = time.monotonic()
            seen = -1
            while seen != collector.count:
                seen = collector.count
                time.sleep(QUIET_SECONDS)
            try:
                handle(preview, root, collector.take(), noticed)
            except Exception as exc:  # the preview must survive anything an edit can cause
                preview.report_crash(exc)
    finally:
        observer.stop()
        observer.join(timeout=5)


def handle(preview: Preview, root: Path, changed: set[Path], noticed: float | None = None) -> None:
    relevant = sorted(p for p in changed if not _is_editor_scratch(p))
    by_part: dict[str, list[Path]] = {}
    for path in relevant:
        try:
            relative = path.resolve().relative_to(root.resolve())
        except ValueError:
            continue
        part = relative.parts[0] if len(relative.parts) > 1 else relative.name
        by_part.setdefault(part, []).append(path)
    if "mkdocs.yml" in by_part or "hooks" in by_part:
        preview.restart_requested.set()
        return
    if "data" in by_part:
        papers = root.resolve() / "data" / "vorlagen"
        # YAML files, and folders (a moved folder brings or takes Vorlagen without events for its files)
        data = [p for p in by_part["data"] if p.suffix in YAML_SUFFIXES or p.is_dir() or _was_folder(p)]
        everything = any(not p.resolve().is_relative_to(papers) for p in by_part["data"])
        if data or everything:
            preview.data_changed(data, everything, noticed)  # folders too: a moved folder makes it look at every file
    if "overrides" in by_part:
        preview.templates_changed()
    if "docs" in by_part:
        preview.docs_changed(by_part["docs"])


# --- the server ---------------------------------------------------------------------------------------


class _Handler(http.server.BaseHTTPRequestHandler):
    preview: Preview
    server_version = "Buergerinfo-Vorschau"

    def do_GET(self) -> None:  # noqa: N802 - name fixed by the base class
        self._answer(send_body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self._answer(send_body=False)

    def _answer(self, send_body: bool) -> None:
        status, kind, body = self.preview.respond(self.path)
        self.send_response(status)
        if status == 301:
            self.send_header("Location", body.decode())
            body = b""
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if send_body:
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass

    def log_message(self, format, *args):  # noqa: A002 - quiet: editors read the terminal
        pass


_TERMINAL_OWNER = "BUERGERINFO_VORSCHAU_TERMINAL"  # the process group to give the terminal back to, across restarts


def take_terminal() -> tuple[int, int] | None:
    """Make this process the terminal's foreground process group, so Ctrl+C reaches only the preview.

    Under `make serve`, make would get the Ctrl+C as well and add an English line of its own
    ("make: *** [serve] Interrupt"). Shells hand the terminal to a job the same way.
    """
    if not sys.stdin.isatty():
        return None
    descriptor = sys.stdin.fileno()
    try:
        previous = int(os.environ.get(_TERMINAL_OWNER) or os.tcgetpgrp(descriptor))
        if os.getpgrp() != os.getpid():
            os.setpgid(0, 0)
        _set_foreground(descriptor, os.getpgrp())
    except OSError:
        return None
    os.environ[_TERMINAL_OWNER] = str(previous)
    return descriptor, previous


def give_terminal_back(owner: tuple[int, int] | None) -> None:
    if owner is not None:
        try:
            _set_foreground(*owner)
        except OSError:
            pass


def _set_foreground(descriptor: int, group: int) -> None:
    previous = signal.signal(signal.SIGTTOU, signal.SIG_IGN)  # a background group may not change it otherwise
    try:
        os.tcsetpgrp(descriptor, group)
    finally:
        signal.signal(signal.SIGTTOU, previous)


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def _interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Vorschau der Website mit sofortiger Aktualisierung")
    parser.add_argument("--config-file", "-f", default="mkdocs.yml", help="Konfiguration (Standard: mkdocs.yml)")
    parser.add_argument("--host", default="127.0.0.1", help="Adresse (Standard: 127.0.0.1, nur dieser Rechner)")
    parser.add_argument("--port", "-p", type=int, default=8000, help="Port (Standard: 8000)")
    args = parser.parse_args(argv)
    site_console.install()
    config_file = str(Path(args.config_file).resolve())
    root = Path(config_file).parent
    preview = Preview(config_file)
    handler = type("Handler", (_Handler,), {"preview": preview})
    try:
        server = _Server((args.host, args.port), handler)
    except OSError as exc:
        print(f"Fehler: Port {args.port} ist nicht frei ({exc.strerror}); läuft die Vorschau schon? "
              "Ein anderer Port: python hooks/site_preview.py --port 8001", file=sys.stderr)
        return 1
    address = f"http://{args.host}:{server.server_address[1]}/"
    print(f"Vorschau: {address} – Änderungen erscheinen von selbst; beenden mit Strg+C.", flush=True)
    stop = threading.Event()
    terminal = take_terminal()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    threading.Thread(target=watch, args=(preview, root, stop), daemon=True).start()
    # Ended by a closed terminal or `kill` as by Strg+C: the preview's folder (with the exports of a big
    # archive hundreds of MB) is removed and a running export child ended.
    for ending in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(ending, _interrupt)
    try:
        preview.start()
        while not preview.restart_requested.wait(0.5):
            pass
        print("Konfiguration oder Hooks geändert: die Vorschau startet neu …", flush=True)
    except KeyboardInterrupt:
        print("\nVorschau beendet.", flush=True)
        give_terminal_back(terminal)
        return 0
    finally:
        stop.set()
        server.shutdown()
        server.server_close()
        preview.close()
    os.execv(sys.executable, [sys.executable, str(Path(__file__).resolve()), *(argv if argv is not None else sys.argv[1:])])
    return 0


if __name__ == "__main__":
    sys.exit(main())
