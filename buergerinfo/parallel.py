"""Work in forked copies of this process: a task beside the caller, or a map over every core.

Reading the Vorlagen (YAML with source positions, then validation) is a fifth of a 10,000-Vorlagen
build, and each file is read on its own. Forked children share what the process has loaded so
far (settings, Körperschaften, Dossiers) and send their results back pickled; the calling process
does a share itself. The result is the same list, in the same order, as a plain loop would give.
The site's exports and page writer (hooks/) run their tasks in a `ForkedTask` the same way.

Forking is safe only where no other thread could hold a lock the child might need, so with other
threads running (a web server, a file watcher) `map_in_forks` loops here instead. A child that
fails or dies costs time, never a result: its share is then done again in this process, where an
error shows itself as it would without children.
"""

from __future__ import annotations

import gc
import os
import pickle
import select
import signal
import sys
import threading
import time
import traceback
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

# Below this many items per process a fork and the pickling cost more than they save.
MIN_ITEMS_PER_PROCESS = 250
MAX_PROCESSES = 8
_MAX_DESCRIPTOR = os.sysconf("SC_OPEN_MAX") if hasattr(os, "sysconf") else 1024


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def process_count(items: int) -> int:
    """How many processes (this one included) `map_in_forks` uses for this many items."""
    if not hasattr(os, "fork") or threading.active_count() > 1:
        return 1
    return max(1, min(usable_cores(), MAX_PROCESSES, items // MIN_ITEMS_PER_PROCESS))


def map_in_forks(function: Callable[[Item], Result], items: Sequence[Item]) -> list[Result]:
    """`[function(item) for item in items]`, spread over forked children and this process."""
    processes = process_count(len(items))
    if processes < 2:
        return [function(item) for item in items]
    size = -(-len(items) // processes)
    shares = [items[start : start + size] for start in range(0, len(items), size)]
    children = [ForkedTask(lambda share=share: [function(item) for item in share]) for share in shares[1:]]
    try:
        results = [function(item) for item in shares[0]]
        for child, share in zip(children, shares[1:]):
            try:
                part = child.result()
            except RuntimeError:  # the child failed or died: its share is done here
                part = None
            results += part if part is not None and len(part) == len(share) else [function(item) for item in share]
        return results
    finally:
        for child in children:
            child.stop()


class ForkedTask:
    """`task()` in a forked child; `result()` waits for it and returns what it returned (or raises)."""

    def __init__(self, task: Callable[[], Any]) -> None:
        self.started = time.perf_counter()
        read_end, write_end = os.pipe()
        for stream in (sys.stdout, sys.stderr):
            stream.flush()  # else the child would inherit unwritten output and print it again
        # The child's garbage collector then leaves the shared objects (and their pages) alone. A caller
        # that froze its objects itself (the build, the preview) keeps them frozen afterwards.
        frozen_before = gc.get_freeze_count() > 0
        gc.freeze()
        pid = os.fork()
        if pid == 0:  # the child: never returns to the caller
            os.close(read_end)
            # No inherited descriptor (a listening socket, another child's pipe) stays open in the child.
            os.closerange(3, write_end)
            os.closerange(write_end + 1, _MAX_DESCRIPTOR)
            try:
                payload = pickle.dumps((True, task()), pickle.HIGHEST_PROTOCOL)
            except BaseException:  # noqa: BLE001 - everything goes back to the caller
                payload = pickle.dumps((False, traceback.format_exc()))
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(payload)
            os._exit(0)
        if not frozen_before:
            gc.unfreeze()
        os.close(write_end)
        self._pid: int | None = pid
        self._pipe = os.fdopen(read_end, "rb")
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
            raise RuntimeError(f"Prozess ohne Ergebnis beendet (Status {status})")
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
                raise RuntimeError(f"Prozess nach {timeout:.0f} s abgebrochen")
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
        if self._pid is None:
            return  # reaped already: the number may belong to another process by now
        try:
            os.kill(self._pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    def _reap(self) -> int | None:
        """The child's exit code, once (None if it was reaped already)."""
        pid, self._pid = self._pid, None
        if pid is None:
            return None
        try:
            _, status = os.waitpid(pid, 0)
        except ChildProcessError:
            return None
        return os.waitstatus_to_exitcode(status)
