"""MkDocs hooks: load and check the data, then turn it into pages.

Thin wiring only. The data is loaded and checked in `on_config`, before MkDocs
cleans or writes anything, so invalid data stops the build with the editor's
German message and publishes nothing.
"""

from __future__ import annotations

import datetime as dt
import gc
import html
import logging
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from mkdocs.commands import build as mkdocs_build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from site_exports import SiteExports
from site_frames import FrameStencils
from site_html import compact_page
from site_page_worker import PageShare, wanted
from site_pages import PageSpec, SitePlan
from site_redirects import redirect_files
from site_render import date_de, make_environment, render
from site_anlagen import AnlagenStatus, cache_folder
from site_search import INDEX_FOLDER, BackgroundIndex
from site_sitemap import write_sitemaps

from buergerinfo.checking.archive import load_archive
from buergerinfo.reading.problems import DataInvalid
from buergerinfo.reading.settings import Settings, SettingsInvalid, settings_from_mapping
from buergerinfo.model.structure import Archive
from buergerinfo.views.views import Views, public_view

log = logging.getLogger("mkdocs.hooks.buergerinfo")
TODAY_VARIABLE = "BUERGERINFO_TODAY"
FRAME_TEMPLATE = "buergerinfo/rahmen.html"
STENCILS_VARIABLE = "BUERGERINFO_STENCILS"
# Generated pages highlight the tab of their section; a dossier belongs to the Themen.
TAB_OF_SECTION = {"dossiers": "themen", "fraktionen": "personen"}


class _State:
    # How on_config reads the data; the preview (site_preview.py) keeps an ArchiveSource instead.
    archive_loader: Callable[[Path, Settings, dt.date], Archive] = staticmethod(load_archive)
    views: Views
    settings: Settings
    plan: SitePlan
    specs: dict[str, PageSpec]
    environment: Any = None
    page_urls: list[str]
    search: BackgroundIndex | None = None
    # Which Anlagen are scans without text (the Vorlage page says so); from the search child.
    anlagen: AnlagenStatus | None = None
    exports: SiteExports | None = None
    serving = False
    frames: FrameStencils
    section_tabs: dict[str, Page]
    nav: Any = None
    # Generated pages that MkDocs' loop leaves to on_post_build: rendered there by two processes,
    # then the "Offene Daten" page, which waits for the exports (site_page_worker.py).
    page_share: PageShare | None = None
    report_page: Page | None = None


class GeneratedPage(Page):
    """A page whose body a template renders from the core's objects (in on_page_context), not from Markdown.

    Its source is empty; MkDocs would still set up Python-Markdown with every extension to convert
    it, which cost a twentieth of the build for a city's archive.
    """

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.content = ""
        self.toc = get_toc([])
        self.present_anchor_ids = set()


state = _State()


def _today() -> dt.date:
    configured = os.environ.get(TODAY_VARIABLE)
    if configured:
        try:
            return dt.date.fromisoformat(configured)
        except ValueError:
            raise Abort(f"{TODAY_VARIABLE}={configured!r}: Datum im Format JJJJ-MM-TT erwartet") from None
    return dt.date.today()


def _repository_root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent


def on_startup(command: str, dirty: bool) -> None:
    state.serving = command == "serve"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    root = _repository_root(config)
    today = _today()
    try:
        # The same settings `buergerinfo check` reads from mkdocs.yml, so both check the same things.
        settings = settings_from_mapping(config.extra.get("buergerinfo"), root)
        archive: Archive = state.archive_loader(root, settings, today)
    except SettingsInvalid as exc:
        raise Abort(str(exc)) from None
    except DataInvalid as exc:
        # Abort, not PluginError: MkDocs would add "Aborted with a BuildError!", English for an editor.
        raise Abort("Die Daten sind fehlerhaft:\n" + exc.report()) from None
    for warning in archive.warnings:
        # Printed, not logged as a warning: a warning would fail `mkdocs build --strict`.
        print(f"HINWEIS {warning}")
    state.settings = settings
    state.views, state.plan = plan_for(archive)
    state.exports = SiteExports(config, state.views, state.plan.addresses)
    _keep_from_collector()
    return config


def _keep_from_collector() -> None:
    """Take every object alive now out of the cycle collector's reach for the rest of the build.

    The archive, its views and MkDocs' pages live until the build ends, yet each full collection
    walked all of them again: seconds of a city's archive's build, in every process. Only for
    `mkdocs build`, which ends afterwards; under `mkdocs serve` each rebuild's objects must stay
    collectable.
    """
    if not state.serving:
        gc.freeze()


def plan_for(archive: Archive) -> tuple[Views, SitePlan]:
    """The public view and the site's map for an archive (the preview calls this after each edit)."""
    views = Views(public_view(archive), _today())
    return views, SitePlan(views)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    _start_background_work(config)
    state.specs = {}
    for spec in page_specs(state.plan, state.exports):
        state.specs[spec.src_uri] = spec
        file = File.generated(config, spec.src_uri, content="")
        GeneratedPage(None, file, config)  # becomes file.page; pages listed in the nav get MkDocs' own
        files.append(file)
    for file in data_files(config):
        files.append(file)
    state.environment = make_environment(config.theme.get_env())
    return files


def page_specs(plan: SitePlan, exports: SiteExports) -> Iterator[PageSpec]:
    """Every generated page: the site's map and the "Offene Daten" page."""
    yield from plan.pages()
    yield exports.page_spec()


def data_files(config: MkDocsConfig) -> list[File]:
    """Files the data brings besides pages: attachments and redirects from old addresses (exports: site_exports)."""
    archive = state.views.archive
    files: list[File] = []
    attachments: set[str] = set()
    entries = [a for record in archive.papers for a in record.paper.auxiliary_files]
    entries += [d for dossier in archive.dossiers.values() for d in dossier.dossier.documents]
    for entry in entries:
        # A file of the Anlagen-Ablage with an `adresse` is served from there, not copied into the site.
        if entry.site_relative and not archive.attachment_public_url(entry):
            _add_static(files, config, entry.site_relative, archive.attachment_file(entry), attachments)
    files += redirect_files(config, state.environment or make_environment(config.theme.get_env()), archive.redirects)
    return files


def _start_background_work(config: MkDocsConfig) -> None:
    """Exports and search index in child processes, from the moment MkDocs has cleaned the site folder.

    They need only the data, so they start before MkDocs reads and prepares the pages (seconds of
    one-core work for a city's archive) and run while the pages are written.
    """
    # The exports go straight into the site folder (in a forked worker where possible).
    state.exports.start(Path(config.site_dir), threads_unknown=state.serving)
    _discard_search()
    # Only the public view the site holds goes into the documents: nothing nicht öffentlich is indexed.
    # The index child also reads the text of the public Anlagen (site_anlagen.py).
    state.search = BackgroundIndex(state.plan, Path(config.site_dir) / INDEX_FOLDER,
                                   anlagen=cache_folder(_repository_root(config)))
    state.anlagen = state.search.status


def on_env(env: Any, config: MkDocsConfig, files: Files) -> Any:
    main_template = env.get_template("main.html")
    # BUERGERINFO_STENCILS=0 renders every page with Material's templates, to compare after a theme change.
    state.frames = FrameStencils(main_template.render, enabled=os.environ.get(STENCILS_VARIABLE) != "0")
    _keep_from_collector()  # now with the prepared pages; the forked page writer shares them unchanged
    doc_files = files.documentation_pages()
    # The sitemaps list every page, in MkDocs' order, whichever process writes it.
    state.page_urls = [file.page.canonical_url for file in doc_files if file.page and file.page.canonical_url]
    _share_pages(config, doc_files, env)
    return env


def _share_pages(config: MkDocsConfig, doc_files: list[File], env: Any) -> None:
    """Hand the generated pages to two processes (site_page_worker.py) where that pays off."""
    _stop_page_share()
    generated = [file.page for file in doc_files if isinstance(file.page, GeneratedPage)]
    shared = [page for page in generated if "report" not in state.specs[page.file.src_uri].context]
    reports = [page for page in generated if "report" in state.specs[page.file.src_uri].context]
    if not wanted(len(shared), len(state.views.archive.papers), state.serving):
        return

    def build_page(page: Page) -> None:
        mkdocs_build._build_page(page, config, doc_files, state.nav, env)

    state.page_share = PageShare(shared, build_page)
    state.report_page = reports[0] if reports else None
    for page in [*shared, *reports]:
        page.file.inclusion = InclusionLevel.EXCLUDED  # MkDocs' own loop then passes them by


def _stop_page_share() -> None:
    if state.page_share is not None:
        state.page_share.stop()
        state.page_share = None
    state.report_page = None


def _discard_search() -> None:
    if state.search is not None:
        state.search.discard()
        state.search = None
    if state.anlagen is not None:
        state.anlagen.close()
        state.anlagen = None


def _add_static(files: list[File], config: MkDocsConfig, relative: str, source: Path, added: set[str]) -> None:
    src_uri = state.plan.addresses.attachment(relative)
    if src_uri not in added:
        added.add(src_uri)
        files.append(File.generated(config, src_uri, abs_src_path=str(source)))


def on_nav(nav: Any, config: MkDocsConfig, files: Files) -> Any:
    state.nav = nav
    state.section_tabs = {page.url.split("/", 1)[0]: page for page in nav.pages if page.url}
    return nav


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    spec = state.specs.get(page.file.src_uri)
    # Feed autodiscovery in the head (overrides/main.html): the site's feed, and the page's own.
    page.meta["bi_head"] = state.exports.head(page, spec)
    # For the print footer (druckangaben.html, from main.html): where the page is and how current its data is.
    # Escaped here, as Material's templates print values as they are; site_frames.py fills both in.
    page.meta["bi_address"] = html.escape(page.canonical_url or "/" + page.url)
    page.meta["bi_data_date"] = date_de(state.views.today)
    if spec is not None:
        if isinstance(page, GeneratedPage):
            # Outside the nav, Material's frame depends only on the section (its tab) and the folder
            # depth (relative links), besides the page's own values; see site_frames.py.
            page.meta["bi_frame"] = f"{page.url.split('/', 1)[0]}/{page.url.count('/')}"
            page.meta["template"] = FRAME_TEMPLATE
        # Titles go into Material's templates without escaping, so they are escaped here.
        page.title = html.escape(spec.title)
        page.meta["title"] = page.title
        page.meta["description"] = html.escape(spec.description[:300])
        # The sidebar nav would only repeat the tabs; the space goes to tables.
        page.meta["hide"] = ["navigation"]
    return markdown


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    # Rendered here, page by page while MkDocs writes the site, rather than in on_page_content,
    # which runs for all pages before the first is written and would hold every body in memory.
    spec = state.specs.get(page.file.src_uri)
    if spec is not None and "report" in spec.context:
        state.exports.finish()  # the "Offene Daten" page lists what the exports wrote
    if spec is None:
        if page.is_homepage:
            page.content = (page.content or "") + _render(page, config, "start.html", {})
        return context
    page.content = _body(page, config, spec)
    if "bi_frame" in page.meta:
        # Material marks the tab of an active page in the nav; pages outside it borrow their section's tab.
        section = page.url.split("/", 1)[0]
        tab = state.section_tabs.get(TAB_OF_SECTION.get(section, section))
        if tab is not None:
            tab.active = True
        try:
            context["bi_page_html"] = state.frames.page_html(page.meta["bi_frame"], page, context)
        finally:
            if tab is not None:
                tab.active = False
    return context


def _body(page: Page, config: MkDocsConfig, spec: PageSpec) -> str:
    return _render(page, config, spec.template, {**spec.context, "spec": spec}, title=spec.title)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    if page.file.src_uri in state.specs:
        page.content = None  # written to disk; nothing reads it again
    return compact_page(output)


def on_post_build(config: MkDocsConfig) -> None:
    if state.page_share is not None:
        share, state.page_share = state.page_share, None
        share.finish()
        if state.report_page is not None:
            share.build_page(state.report_page)
            state.report_page = None
    log.debug("Bürgerinfo page frames: %s", state.frames.statistics())
    state.exports.finish()
    if config.site_url:
        write_sitemaps(Path(config.site_dir), config.site_url, state.page_urls)
    if state.search is not None:
        search, state.search = state.search, None
        problem = search.finish()
        if problem:
            raise PluginError(problem)


def on_build_error(error: Exception) -> None:
    _discard_search()
    _stop_page_share()
    if state.exports is not None:
        state.exports.stop()


def _render(page: Page, config: MkDocsConfig, template: str, context: dict[str, Any], title: str = "") -> str:
    views = state.views
    full_context = {
        "page": page,
        "config": config,
        "base_url": _base_url(page),
        "views": views,
        "addresses": state.plan.addresses,
        "people": state.plan.people,
        "exports": state.exports,
        "today": views.today,
        "title": title,
        "repository": config.extra.get("buergerinfo", {}).get("repository"),
        # Off for a wholly private data repository (extra.buergerinfo.repository_oeffentlich: false).
        "source_links": state.settings.source_links,
        "branch": config.extra.get("buergerinfo", {}).get("branch", "main"),
        "anlagen_text": state.anlagen,
        **context,
    }
    return render(state.environment, template, full_context)


def _base_url(page: Page) -> str:
    depth = page.url.rstrip("/").count("/") + 1 if page.url else 0
    return "/".join([".."] * depth) or "."
