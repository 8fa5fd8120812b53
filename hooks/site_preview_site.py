"""The preview's site: one loaded configuration, theme, archive and page list, and how a page is rendered.

`make serve` (site_preview.py) keeps one LoadedSite; a change to the data swaps in new views and
pages (see site_preview_state.py), a change to hooks/ or mkdocs.yml starts a new process.
"""

from __future__ import annotations

import gc
import html
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.commands import build as mkdocs_build  # noqa: E402
from mkdocs.config import load_config  # noqa: E402
from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.structure.files import File, get_files, set_exclusions  # noqa: E402
from mkdocs.structure.nav import get_navigation  # noqa: E402
from mkdocs.structure.pages import Page  # noqa: E402
from site_frames import FrameStencils  # noqa: E402
from site_search import BackgroundIndex  # noqa: E402

from buergerinfo.checking.source import ArchiveSource  # noqa: E402

STATUS_PATH = "/__vorschau/status"
YAML_SUFFIXES = {".yml", ".yaml"}
# Derived views every Vorlage page asks for: computed before the swap, not by the first request after it.
WARMED_VIEWS = ("papers_by_number", "organizations_by_key", "meetings", "referenced_by")
EXPORTS_TIMEOUT_SECONDS = 1800  # a forked export child that has not finished by then is ended



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


def settle_memory() -> None:
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


