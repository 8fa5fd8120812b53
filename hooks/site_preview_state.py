"""The preview's state, shared by the file watcher and the request handlers: what a request gets now.

After a change the edited Vorlage's page is recomputed first, the other pages right after, the
search index a moment after the last change, the open-data exports last, in a forked child;
a later save cancels what is left of the work for an earlier one.
"""

from __future__ import annotations

import json
import mimetypes
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.exceptions import Abort, ConfigurationError, PluginError  # noqa: E402
from mkdocs.structure.files import File  # noqa: E402
from site_anlagen import cache_folder  # noqa: E402
from site_search import INDEX_FOLDER, BackgroundIndex  # noqa: E402

from site_preview_site import LoadedSite, STATUS_PATH, YAML_SUFFIXES, notice_page, settle_memory, with_reload  # noqa: E402
from buergerinfo.reading.problems import DataInvalid  # noqa: E402

QUICK_PAGE_HEAD_START = 0.3  # seconds the edited Vorlage's page has before the other pages are recomputed
SEARCH_DELAY_SECONDS = 2.0  # after the last change, before the search index is rebuilt
CLOSE_WAIT_SECONDS = 30  # for a search thread to end its index child when the preview ends
LOCK_WAIT_SECONDS = 0.5  # a request never waits longer for the renderer; it gets the "please wait" page



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
        settle_memory()
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
        settle_memory()
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
                    # With the Anlagen from the cache the first build filled (their text files land in
                    # the work folder, unserved: the preview serves the data's own files).
                    anlagen = cache_folder(self.site.root) if self.site is not None else None
                    index = BackgroundIndex(current, out, anlagen=anlagen)
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


