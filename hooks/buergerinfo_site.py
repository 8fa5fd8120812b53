"""MkDocs hooks: load and check the data, then turn it into pages.

Thin wiring only. The data is loaded and checked in `on_config`, before MkDocs
cleans or writes anything, so invalid data stops the build with the editor's
German message and publishes nothing.
"""

from __future__ import annotations

import datetime as dt
import html
import os
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from site_pages import FACET_KINDS, PageSpec, SitePlan
from site_render import make_environment, render
from site_search import INDEX_FOLDER, BackgroundIndex
from site_sitemap import write_sitemaps

from buergerinfo.archive import Archive, load_archive
from buergerinfo.errors import DataInvalid
from buergerinfo.exports import meetings_calendar
from buergerinfo.views import Views, public_view

TODAY_VARIABLE = "BUERGERINFO_TODAY"


class _State:
    views: Views
    plan: SitePlan
    specs: dict[str, PageSpec]
    environment: Any = None
    page_urls: list[str]
    search: BackgroundIndex | None = None
    in_nav: set[str]
    shared: "SharedParts"


class SharedParts:
    """Theme parts (tabs, sidebars, footer) rendered once per section and depth; see overrides/main.html."""

    def __init__(self) -> None:
        self._parts: dict[tuple[str, str], str] = {}

    def has(self, part: str, key: str) -> bool:
        return (part, key) in self._parts

    def get(self, part: str, key: str) -> str:
        return self._parts[(part, key)]

    def keep(self, part: str, key: str | None, rendered: str) -> str:
        if key:
            self._parts[(part, key)] = rendered
        return rendered


state = _State()


def _today() -> dt.date:
    configured = os.environ.get(TODAY_VARIABLE)
    if configured:
        try:
            return dt.date.fromisoformat(configured)
        except ValueError:
            raise PluginError(f"{TODAY_VARIABLE}={configured!r}: Datum im Format JJJJ-MM-TT erwartet") from None
    return dt.date.today()


def _repository_root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    try:
        archive: Archive = load_archive(_repository_root(config))
    except DataInvalid as exc:
        raise PluginError("Die Daten sind fehlerhaft:\n" + exc.report()) from None
    for warning in archive.warnings:
        # Printed, not logged as a warning: a warning would fail `mkdocs build --strict`.
        print(f"HINWEIS {warning}")
    views = Views(public_view(archive), _today())
    collisions = set(views.archive.bodies) & set(FACET_KINDS)
    if collisions:
        raise PluginError(f"Körperschaften dürfen nicht so heißen wie Listen der Website: {', '.join(collisions)}")
    state.views = views
    state.plan = SitePlan(views)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    state.specs = {}
    state.page_urls = []
    for spec in state.plan.pages():
        state.specs[spec.src_uri] = spec
        files.append(File.generated(config, spec.src_uri, content=""))
    archive = state.views.archive
    attachments: set[str] = set()
    for record in archive.papers:
        for attachment in record.paper.auxiliary_files:
            if attachment.path:
                _add_static(files, config, archive, attachment.path, attachments)
    for dossier in archive.dossiers.values():
        for document in dossier.dossier.documents:
            if document.path:
                _add_static(files, config, archive, document.path, attachments)
    addresses = state.plan.addresses
    for (body_id, org_id), meetings in state.views.meetings_by_organization.items():
        organization = state.views.organization(body_id, org_id)
        calendar = meetings_calendar(
            meetings,
            calendar_name=f"{organization.name} ({state.views.body(body_id).body.name})",
            meeting_url=lambda m: _absolute(config, addresses.meeting(m)),
        )
        files.append(File.generated(config, addresses.organization_calendar(body_id, org_id), content=calendar))
    state.environment = make_environment(config.theme.get_env())
    return files


def on_env(env: Any, config: MkDocsConfig, files: Files) -> Any:
    """Start building the search index in a child process; it runs while MkDocs writes the pages."""
    _discard_search()
    # Only the public view the site holds goes into the documents: nothing nicht öffentlich is indexed.
    state.search = BackgroundIndex(state.plan, Path(config.site_dir) / INDEX_FOLDER)
    return env


def _discard_search() -> None:
    if state.search is not None:
        state.search.discard()
        state.search = None


def _add_static(files: Files, config: MkDocsConfig, archive: Archive, relative: str, added: set[str]) -> None:
    src_uri = state.plan.addresses.attachment(relative)
    if src_uri not in added:
        added.add(src_uri)
        files.append(File.generated(config, src_uri, abs_src_path=str(archive.attachment_path(relative))))


def _absolute(config: MkDocsConfig, url: str) -> str:
    base = config.site_url or ""
    return (base.rstrip("/") + "/" + url) if base else url


def on_nav(nav: Any, config: MkDocsConfig, files: Files) -> Any:
    state.in_nav = {page.file.src_uri for page in nav.pages}
    state.shared = SharedParts()
    return nav


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    spec = state.specs.get(page.file.src_uri)
    if spec is not None:
        if page.file.src_uri not in state.in_nav:
            # Relative links from the shared parts depend only on the section and the folder depth.
            section = page.url.split("/", 1)[0]
            page.meta["bi_shared"] = f"{section}/{page.url.count('/')}"
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
    context["bi_shared"] = state.shared
    spec = state.specs.get(page.file.src_uri)
    if spec is None:
        if page.is_homepage:
            page.content = (page.content or "") + _render(page, config, "start.html", {})
        return context
    page.content = _body(page, config, spec)
    return context


def _body(page: Page, config: MkDocsConfig, spec: PageSpec) -> str:
    return _render(page, config, spec.template, spec.context, title=spec.title)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    if page.canonical_url:
        state.page_urls.append(page.canonical_url)
    if page.file.src_uri in state.specs:
        page.content = None  # written to disk; nothing reads it again
    return output


def on_post_build(config: MkDocsConfig) -> None:
    if config.site_url:
        write_sitemaps(Path(config.site_dir), config.site_url, state.page_urls)
    if state.search is not None:
        search, state.search = state.search, None
        problem = search.finish()
        if problem:
            raise PluginError(problem)


def on_build_error(error: Exception) -> None:
    _discard_search()


def _render(page: Page, config: MkDocsConfig, template: str, context: dict[str, Any], title: str = "") -> str:
    views = state.views
    full_context = {
        "page": page,
        "config": config,
        "base_url": _base_url(page),
        "views": views,
        "addresses": state.plan.addresses,
        "today": views.today,
        "title": title,
        "repository": config.extra.get("buergerinfo", {}).get("repository"),
        "branch": config.extra.get("buergerinfo", {}).get("branch", "main"),
        **context,
    }
    return render(state.environment, template, full_context)


def _base_url(page: Page) -> str:
    depth = page.url.rstrip("/").count("/") + 1 if page.url else 0
    return "/".join([".."] * depth) or "."
