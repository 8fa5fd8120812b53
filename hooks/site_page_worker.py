"""Generated pages rendered by two processes: the build process and a forked copy of it.

Rendering and writing the pages is most of a large build, and MkDocs does it on one core; the
exports (site_export_worker.py) and the search index use the second core for only part of that
time. So from on_env on, a forked copy of the build process renders generated pages too, and
after MkDocs' own loop the build process joins in. Both take the next few pages from one shared
counter until none are left, so neither waits for the other however the machine shares its cores.
Each page is rendered by MkDocs' own `_build_page` with the same hooks and templates in either
process (as the preview does), so the files are byte for byte those one process writes; the
tests build sites both ways and compare them.

The child reports how many pages it wrote and how many warnings it logged (strict mode counts
them in the build process). A page that fails in the child fails the build with its name; a
child that dies leaves pages unwritten, so the build fails rather than publish half a site.

Not used where forking is unsafe (see site_export_worker.can_fork), nor for a few pages, nor above
PAPER_LIMIT Vorlagen: the child's pages of the archive are copied for it as it reads them (reference
counts), and that copy on top of the exports worker's would pass the 3 GB memory budget at 40,000.
`BUERGERINFO_SEITEN_PROZESS=0` switches it off (to compare), `=1` forks even for a small site.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page
from site_export_worker import can_fork

from buergerinfo.parallel import ForkedTask

WORKER_VARIABLE = "BUERGERINFO_SEITEN_PROZESS"
# Fewer pages than this are done before a fork would pay off.
MIN_PAGES = 400
# At 10,000 Vorlagen the build and its two workers together peak at about 0.9 GB.
PAPER_LIMIT = 25_000
# Pages taken at a time: small enough that both finish together, large enough to keep the lock quiet.
CHUNK = 8
# A child that has not finished this long after the build process did is taken to hang.
TIMEOUT_SECONDS = 600

log = logging.getLogger("mkdocs.hooks.buergerinfo")


def wanted(pages: int, papers: int, threads_unknown: bool) -> bool:
    if papers > PAPER_LIMIT or not can_fork(papers, threads_unknown, WORKER_VARIABLE):
        return False
    return os.environ.get(WORKER_VARIABLE) == "1" or pages >= MIN_PAGES


@dataclass(frozen=True)
class _ChildReport:
    pages: int
    warnings: int
    failed_page: str | None = None
    error: str | None = None


class _WarningCount(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


class PageShare:
    """Renders `pages` with `build_page` in a forked child and, in `finish()`, in this process too."""

    def __init__(self, pages: Sequence[Page], build_page: Callable[[Page], None]) -> None:
        self._pages = list(pages)
        self.build_page = build_page
        # Shared with the child: the index of the next unclaimed page.
        self._next = multiprocessing.get_context("fork").Value("q", 0)
        self._worker: ForkedTask | None = ForkedTask(self._render_in_child)
        self.pages_here = 0

    def __len__(self) -> int:
        return len(self._pages)

    def _claimed(self) -> Iterator[Page]:
        while True:
            with self._next.get_lock():
                start = self._next.value
                self._next.value = start + CHUNK
            if start >= len(self._pages):
                return
            yield from self._pages[start : start + CHUNK]

    def _render_in_child(self) -> _ChildReport:
        warnings = _WarningCount()
        logging.getLogger("mkdocs").addHandler(warnings)
        done = 0
        for page in self._claimed():
            try:
                self.build_page(page)
            except Exception as exc:  # noqa: BLE001 - reported by the build process, which fails
                return _ChildReport(done, warnings.count, page.file.src_uri, f"{type(exc).__name__}: {exc}")
            done += 1
        return _ChildReport(done, warnings.count)

    def finish(self) -> None:
        """Render pages here until none are left, then wait for the child; a German PluginError if it failed."""
        try:
            for page in self._claimed():
                self.build_page(page)
                self.pages_here += 1
        except BaseException:
            self.stop()  # a page failed here (or Strg+C): the child must not go on writing
            raise
        worker, self._worker = self._worker, None
        assert worker is not None
        try:
            report: _ChildReport = worker.result(TIMEOUT_SECONDS)
        except RuntimeError as exc:
            raise PluginError(f"Seiten konnten nicht geschrieben werden (zweiter Prozess):\n{exc}") from None
        if report.failed_page is not None:
            raise PluginError(f"Fehler beim Schreiben der Seite „{report.failed_page}“: {report.error}")
        if self.pages_here + report.pages != len(self._pages):
            raise PluginError(
                f"Seiten fehlen: {len(self._pages) - self.pages_here - report.pages} von {len(self._pages)} "
                "wurden nicht geschrieben"
            )
        if report.warnings:
            # The child printed them; logged once here, so that `mkdocs build --strict` stops as it would have.
            log.warning(f"{report.warnings} Warnung(en) beim Schreiben der Seiten im zweiten Prozess (siehe oben)")
        log.debug(f"Bürgerinfo-Seiten: {self.pages_here} im Build-Prozess, {report.pages} im zweiten Prozess")

    def stop(self) -> None:
        if self._worker is not None:
            self._worker.stop()
            self._worker = None
