"""Run the open-data exports on the second core while MkDocs renders the pages.

Rendering keeps one core busy; the search index child uses the other only briefly. The exports
(a few hundred thousand small files for a city's archive) run in a forked copy of the build
process, which shares the already loaded public view copy-on-write: nothing is loaded twice.

Every object the child reads gets its reference count written, so the pages holding the archive
are copied for the child over time: about as much memory again as the archive takes. Above
`PARALLEL_LIMIT` Vorlagen that copy would push a build past the 3 GB the project allows for a
city's archive, so there the exports run in the build process itself, one after the other
(streaming, as always). `mkdocs serve` runs threads (file watcher, web server); a fork there
could inherit a lock held by one of them, so the preview writes in the build process too.
`BUERGERINFO_EXPORT_WORKER=0` does the same on request (to compare, or where fork is missing).
"""

from __future__ import annotations

import gc
import os
import pickle
import sys
import time
import traceback
from collections.abc import Callable
from typing import Any

PARALLEL_LIMIT = 40_000
WORKER_VARIABLE = "BUERGERINFO_EXPORT_WORKER"


def can_fork(papers: int, serving: bool) -> bool:
    return (
        hasattr(os, "fork")
        and not serving
        and papers <= PARALLEL_LIMIT
        and os.environ.get(WORKER_VARIABLE, "1") != "0"
    )


class ExportWorker:
    """`task()` in a forked child; `result()` waits for it and returns what it returned (or raises)."""

    def __init__(self, task: Callable[[], Any]) -> None:
        self.started = time.perf_counter()
        read_end, write_end = os.pipe()
        for stream in (sys.stdout, sys.stderr):
            stream.flush()  # else the child would inherit unwritten output and print it again
        gc.freeze()  # the child's garbage collector then leaves the shared objects (and their pages) alone
        pid = os.fork()
        if pid == 0:  # the child: never returns into MkDocs
            os.close(read_end)
            try:
                payload = pickle.dumps((True, task()))
            except BaseException:  # noqa: BLE001 - everything goes back to the build process
                payload = pickle.dumps((False, traceback.format_exc()))
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(payload)
            os._exit(0)
        gc.unfreeze()
        os.close(write_end)
        self._pid, self._pipe = pid, os.fdopen(read_end, "rb")
        self.waited = 0.0

    def result(self) -> Any:
        begin = time.perf_counter()
        payload = self._pipe.read()
        self._pipe.close()
        _, status = os.waitpid(self._pid, 0)
        self.waited = time.perf_counter() - begin
        if not payload or os.waitstatus_to_exitcode(status) != 0:
            raise RuntimeError(f"Export-Prozess ohne Ergebnis beendet (Status {status})")
        ok, value = pickle.loads(payload)
        if not ok:
            raise RuntimeError(value)
        return value

    def stop(self) -> None:
        """After a failed build: end the child and forget its result."""
        try:
            os.kill(self._pid, 9)
            os.waitpid(self._pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        self._pipe.close()
