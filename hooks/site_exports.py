"""Open data on the site: writes the core's exports into the built site and links them from the pages.

The exports (buergerinfo.exports) are written straight into the site folder from the moment MkDocs
has cleaned it (on_files), file by file, so that even a city's archive is never held as generated
files in memory; they run in a forked worker on the second core while MkDocs prepares and renders
the pages (site_export_worker.py). The "Offene Daten" page, rendered last, waits
for them and lists every file with its size.

OParl needs absolute addresses: without SITE_URL (the deploy sets it, `mkdocs serve` gives its
own) no OParl files are written, the build prints a German HINWEIS and the page says why.
"""

from __future__ import annotations

import html
import logging
import time
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page
from mkdocs.utils import normalize_url
from site_export_worker import can_fork
from site_pages import Addresses, PageSpec

from buergerinfo.exports.atom import ATOM_TYPE, FeedFile, write_feeds
from buergerinfo.exports.datapackage import write_datapackage
from buergerinfo.exports.dates import ExportDates, FileHistory
from buergerinfo.exports.ical import CalendarFile, write_calendars
from buergerinfo.exports.license import DEFAULT_LICENSE, License
from buergerinfo.exports.links import (
    CALENDAR_FILE,
    CONSULTATIONS_FEED_FILE,
    DATAPACKAGE,
    OPARL_SYSTEM,
    PAPERS_FEED_FILE,
    SITE_CALENDAR,
    SITE_FEED,
    SiteUrls,
)
from buergerinfo.exports.oparl import OParlSummary, write_oparl
from buergerinfo.exports.output import OutputFolder
from buergerinfo.exports.tables import TableFile, write_tables
from buergerinfo.parallel import ForkedTask
from buergerinfo.views.views import Views

log = logging.getLogger("mkdocs.hooks.buergerinfo")
PAGE_SOURCE = "offene-daten.md"
NO_SITE_URL = (
    "SITE_URL ist nicht gesetzt: Die OParl-Schnittstelle wird nicht geschrieben, weil OParl absolute "
    "Adressen verlangt; Kalender enthalten keine Links zu den Sitzungsseiten. Für die Veröffentlichung "
    "SITE_URL=https://… setzen (der Veröffentlichungs-Workflow tut das)."
)


def license_from(config: MkDocsConfig) -> License:
    """`extra.buergerinfo.lizenz` in mkdocs.yml: titel, url and optionally kennung; else DL-DE Zero 2.0."""
    setting = (config.extra.get("buergerinfo") or {}).get("lizenz")
    if setting is None:
        return DEFAULT_LICENSE
    where = "mkdocs.yml, extra.buergerinfo.lizenz"
    if not isinstance(setting, dict):
        raise PluginError(f"{where}: erwartet werden die Felder titel, url und (optional) kennung")
    title, url = setting.get("titel"), setting.get("url")
    if not isinstance(title, str) or not title.strip():
        raise PluginError(f"{where}.titel: Name der Lizenz fehlt, z. B. „{DEFAULT_LICENSE.title}“")
    if not isinstance(url, str) or not url.startswith(("https://", "http://")):
        raise PluginError(f"{where}.url: Adresse des Lizenztextes (https://…) fehlt, z. B. {DEFAULT_LICENSE.url}")
    identifier = setting.get("kennung") or title
    return License(title.strip(), str(identifier).strip(), url)


@dataclass(frozen=True)
class Link:
    """A link a page shows or puts in its head: a site-relative path, or an absolute address."""

    href: str
    label: str
    media_type: str
    download: bool = False


@dataclass
class ExportReport:
    """What the exports wrote, for the "Offene Daten" page and the build log."""

    site_url: str | None
    license: License
    oparl: OParlSummary | None = None
    tables: list[TableFile] = field(default_factory=list)
    feeds: list[FeedFile] = field(default_factory=list)
    calendars: list[CalendarFile] = field(default_factory=list)
    datapackage_bytes: int = 0
    seconds: dict[str, float] = field(default_factory=dict)
    files: int = 0
    bytes: int = 0

    @property
    def oparl_system(self) -> str:
        return OPARL_SYSTEM

    @property
    def datapackage(self) -> str:
        return DATAPACKAGE

    def site_tables(self) -> list[TableFile]:
        return [t for t in self.tables if t.body_id is None]

    def body_tables(self, body_id: str) -> list[TableFile]:
        return [t for t in self.tables if t.body_id == body_id]


class SiteExports:
    """The exports of one build: where they are, what pages link, and writing them."""

    def __init__(self, config: MkDocsConfig, views: Views, addresses: Addresses) -> None:
        self.views = views
        self.addresses = addresses
        self.site_url = config.site_url or None
        self.site_name = config.site_name
        self.urls = SiteUrls(self.site_url)
        self.report = ExportReport(self.site_url, license_from(config))
        self.history = FileHistory.from_git(Path(config.config_file_path).resolve().parent)
        self._worker: ForkedTask | None = None
        if self.site_url is None:
            # Printed, not logged as a warning: a warning would fail `mkdocs build --strict`.
            print(f"HINWEIS {NO_SITE_URL}")

    # -- writing --

    def start(self, site_dir: Path, threads_unknown: bool) -> None:
        """Begin writing the exports: in a worker beside the page rendering where possible, else right now.

        `threads_unknown`: other threads run in this process (plain `mkdocs serve`), so no fork.
        """
        self._worker = None
        if can_fork(len(self.views.archive.papers), threads_unknown):
            self._worker = ForkedTask(lambda: self.write(site_dir))
        else:
            began = time.perf_counter()
            self._done(self.write(site_dir), "im Build-Prozess", time.perf_counter() - began)

    def finish(self, timeout: float | None = None) -> None:
        """Wait for the worker (if any) and take over its report; raises a German PluginError if it failed."""
        worker = self._worker
        if worker is None:
            return
        try:
            report = worker.result(timeout)  # stop() from another thread may end it meanwhile (the preview closing)
        except RuntimeError as exc:
            raise PluginError(f"Die offenen Daten konnten nicht geschrieben werden:\n{exc}") from None
        finally:
            self._worker = None
        self._done(report, "parallel zum Seitenbau", worker.waited)

    def stop(self) -> None:
        if self._worker is not None:
            self._worker.stop()
            self._worker = None

    def _done(self, report: ExportReport, mode: str, waited: float) -> None:
        # The page spec holds self.report: it is filled in place.
        self.report.__dict__.update(report.__dict__)
        parts = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in report.seconds.items() if name != "gesamt")
        log.info(
            f"Bürgerinfo-Exporte: {report.files} Dateien, {report.bytes / 1e6:.1f} MB in "
            f"{report.seconds['gesamt']:.2f} s ({parts}); {mode}, der Seitenbau wartete {waited:.2f} s"
        )

    def write(self, site_dir: Path) -> ExportReport:
        """Write every export; the task of the worker (no logging here: it may run in the forked child)."""
        views, addresses = self.views, self.addresses
        report = ExportReport(self.site_url, self.report.license)
        out = OutputFolder(site_dir)
        dates = ExportDates(views.archive, self.history)
        started = time.perf_counter()

        def timed(name: str, step):
            begin = time.perf_counter()
            result = step()
            report.seconds[name] = time.perf_counter() - begin
            return result

        if self.site_url:
            report.oparl = timed("OParl", lambda: write_oparl(
                views, self.site_url, out, addresses, dates=dates, name=self.site_name, license_url=report.license.url))
        report.feeds = timed("Feeds", lambda: write_feeds(
            views, self.site_url, out, addresses, dates=dates, site_name=self.site_name, rights=report.license.title))
        report.calendars = timed("Kalender", lambda: write_calendars(
            views, self.site_url, out, addresses, dates=dates, site_name=self.site_name))
        report.tables = timed("Tabellen", lambda: write_tables(views, self.site_url, out, addresses, dates=dates))
        write_datapackage(report.tables, out, title=f"{self.site_name}: Vorlagen und Beratungen",
                          license=report.license, homepage=self.site_url, absolute_urls=bool(self.site_url))
        report.datapackage_bytes = out.size(DATAPACKAGE) or 0
        report.files, report.bytes = out.files, out.bytes
        report.seconds["gesamt"] = time.perf_counter() - started
        return report

    # -- the "Offene Daten" page --

    def page_spec(self) -> PageSpec:
        return PageSpec(PAGE_SOURCE, "Offene Daten", "offene-daten.html", {"report": self.report},
                        "OParl-Schnittstelle, Atom-Feeds, Kalender und Massendaten (CSV, JSON) zum Herunterladen")

    # -- links on pages --

    site_feed = SITE_FEED
    site_calendar = SITE_CALENDAR

    def body_feed(self, body_id: str) -> str:
        return self.addresses.body(body_id) + PAPERS_FEED_FILE

    def body_calendar(self, body_id: str) -> str:
        return self.addresses.body(body_id) + CALENDAR_FILE

    def webcal(self, path: str) -> str | None:
        base = self.urls.webcal_base
        return base + path if base else None

    def calendar_links(self, path: str, label: str = "Sitzungskalender herunterladen (iCal)") -> list[Link]:
        links = [Link(path, label, "text/calendar", download=True)]
        subscribe = self.webcal(path)
        if subscribe:
            links.append(Link(subscribe, "im Kalender abonnieren (webcal)", "text/calendar"))
        return links

    def feed_link(self, path: str, label: str = "Neue und geänderte Vorlagen (Atom-Feed)") -> Link:
        return Link(path, label, ATOM_TYPE)

    def links_for(self, spec: PageSpec | None) -> list[Link]:
        """The feed and calendar links of a page, from what it shows."""
        if spec is None:
            return []
        a, context = self.addresses, spec.context
        if "record" in context:
            record = context["record"]
            return [self.feed_link(a.paper(record) + CONSULTATIONS_FEED_FILE, "Beratungsverlauf dieser Vorlage (Atom-Feed)")]
        if "organization" in context:
            page = a.organization(context["body"].id, context["organization"].id)
            return [self.feed_link(page + PAPERS_FEED_FILE), *self.calendar_links(page + CALENDAR_FILE)]
        if "body" in context:
            body_id = context["body"].id
            return [self.feed_link(self.body_feed(body_id)), *self.calendar_links(self.body_calendar(body_id))]
        if "dossier_record" in context:
            return [self.feed_link(a.dossier(context["dossier_record"]) + PAPERS_FEED_FILE)]
        if "topic" in context:
            return [self.feed_link(a.topic(context["topic"].id) + PAPERS_FEED_FILE)]
        if "meeting" in context:
            meeting = context["meeting"]
            return self.calendar_links(
                a.organization(meeting.body.id, meeting.organization.id) + CALENDAR_FILE,
                f"alle Sitzungen: {meeting.organization.name} (iCal)",
            )
        if spec.template in ("sitzungen.html", "sitzungen-jahr.html"):
            return self.calendar_links(SITE_CALENDAR)
        return []

    def head(self, page: Page, spec: PageSpec | None) -> str:
        """<link rel="alternate"> for the site's feed and the page's own feed (RFC 4287 autodiscovery)."""
        feeds = [self.feed_link(SITE_FEED, f"Neue und geänderte Vorlagen – {self.site_name}")]
        feeds += [link for link in self.links_for(spec) if link.media_type == ATOM_TYPE]
        if len(feeds) > 1:
            feeds[1] = Link(feeds[1].href, f"{spec.title}: {feeds[1].label}", ATOM_TYPE)
        return "".join(
            f'<link rel="alternate" type="{ATOM_TYPE}" title="{html.escape(link.label)}" '
            f'href="{html.escape(normalize_url(link.href, page))}">'
            for link in feeds
        )
