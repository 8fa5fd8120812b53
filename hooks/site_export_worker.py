"""Run the open-data exports on the second core while MkDocs renders the pages.

Rendering keeps one core busy; the search index child uses the other only briefly. The exports
(a few hundred thousand small files for a city's archive) run in a forked copy of the build
process, which shares the already loaded public view copy-on-write: nothing is loaded twice.

Every object the child reads gets its reference count written, so the pages holding the archive
are copied for the child over time: about as much memory again as the archive takes. Above
`PARALLEL_LIMIT` Vorlagen that copy would push a build past the 3 GB the project allows for a
city's archive, so there the exports run in the build process itself, one after the other
(streaming, as always). `BUERGERINFO_EXPORT_WORKER=0` does the same on request (to compare, or
where fork is missing).

Plain `mkdocs serve` runs threads (file watcher, web server) that the hooks know nothing about,
so it writes in its own process. The preview of `make serve` forks nonetheless: written in one of
its threads, the exports (40 s for 10,000 Vorlagen) would hold the interpreter lock and double
the time until an edited Vorlage shows. The child touches none of the locks the preview's threads
use: it keeps only standard output and its pipe (no inherited listening socket either), writes
files, and pickles its report; should it hang anyway, `result(timeout)` ends it.
"""

from __future__ import annotations

import gc
import os
import pickle
import select
import signal
import sys
import time
import traceback
from collections.abc import Callable
from typing import Any

PARALLEL_LIMIT = 40_000
WORKER_VARIABLE = "BUERGERINFO_EXPORT_WORKER"
_MAX_DESCRIPTOR = os.sysconf("SC_OPEN_MAX") if hasattr(os, "sysconf") else 1024


def can_fork(papers: int, threads_unknown: bool, variable: str = WORKER_VARIABLE) -> bool:
    """Whether a forked worker may run: fork exists, no unknown threads, the archive is small enough,
    and the worker's variable (BUERGERINFO_EXPORT_WORKER for the exports) is not "0"."""
    return (
        hasattr(os, "fork")
        and not threads_unknown
        and papers <= PARALLEL_LIMIT
        and os.environ.get(variable, "1") != "0"
    )


class ExportWorker:
    """`task()` in a forked child; `result()` waits for it and returns what it returned (or raises)."""

    def __init__(self, task: Callable[[], Any]) -> None:
        self.started = time.perf_counter()
        read_end, write_end = os.pipe()
        for stream in (sys.stdout, sys.stderr):
            stream.flush()  # else the child would inherit unwritten output and print it again
        # The child's garbage collector then leaves the shared objects (and their pages) alone. A caller
        # that froze its objects itself (the preview) keeps them frozen afterwards.
        frozen_before = gc.get_freeze_count() > 0
        gc.freeze()
        pid = os.fork()
        if pid == 0:  # the child: never returns into MkDocs
            os.close(read_end)
            os.closerange(3, write_end)
            os.closerange(write_end + 1, _MAX_DESCRIPTOR)
            try:
                payload = pickle.dumps((True, task()))
            except BaseException:  # noqa: BLE001 - everything goes back to the build process
                payload = pickle.dumps((False, traceback.format_exc()))
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(payload)
            os._exit(0)
        if not frozen_before:
            gc.unfreeze()
        os.close(write_end)
        self._pid, self._pipe = pid, os.fdopen(read_end, "rb")
        self._reading = False
        self.waited = 0.0

    def result(self, timeout: float | None = None) -> Any:
        """What the task returned; raises RuntimeError if it failed, died or ran past `timeout` seconds."""
        begin = time.perf_counter()
        self._reading = True
        try:
            payload = self._read(timeout)
        finally:
            self._reading = False
            self._pipe.close()
            status = self._reap()
        self.waited = time.perf_counter() - begin
        if not payload or status != 0:
            raise RuntimeError(f"Export-Prozess ohne Ergebnis beendet (Status {status})")
        ok, value = pickle.loads(payload)
        if not ok:
            raise RuntimeError(value)
        return value

    def _read(self, timeout: float | None) -> bytes:
        deadline = None if timeout is None else time.perf_counter() + timeout
        descriptor = self._pipe.fileno()
        chunks = []
        while True:
            if deadline is not None and not select.select([descriptor], [], [], max(0.0, deadline - time.perf_counter()))[0]:
                self._kill()
                raise RuntimeError(f"Export-Prozess nach {timeout:.0f} s abgebrochen")
            chunk = os.read(descriptor, 1 << 20)
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)

    def stop(self) -> None:
        """End the child and forget its result (a thread waiting in result() then gets a RuntimeError)."""
        self._kill()
        if not self._reading:  # else that thread closes the pipe: closing it under its feet could hit a reused descriptor
            self._pipe.close()
            self._reap()

    def _kill(self) -> None:
        try:
            os.kill(self._pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    def _reap(self) -> int | None:
        """The child's exit code, once (None if it was reaped already)."""
        try:
            _, status = os.waitpid(self._pid, 0)
        except ChildProcessError:
            return None
        return os.waitstatus_to_exitcode(status)
