"""Run a pure function over many items on every core, in forked copies of this process.

Reading the Vorlagen (YAML with source positions, then validation) is a fifth of a 10,000-Vorlagen
build, and each file is read on its own. Forked children share what the process has loaded so
far (settings, Körperschaften, Dossiers) and send their results back pickled; the calling process
does a share itself. The result is the same list, in the same order, as a plain loop would give.

Forking is safe only where no other thread could hold a lock the child might need, so with other
threads running (a web server, a file watcher) the loop runs here instead. A child that fails or
dies costs time, never a result: its share is then done again in this process, where an error
shows itself as it would without children.
"""

from __future__ import annotations

import gc
import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from typing import TypeVar

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
    children = [_Child(function, share) for share in shares[1:]]
    try:
        results = [function(item) for item in shares[0]]
        for child, share in zip(children, shares[1:]):
            part = child.collect()
            results += part if part is not None and len(part) == len(share) else [function(item) for item in share]
        return results
    finally:
        for child in children:
            child.end()


class _Child:
    def __init__(self, function: Callable[[Item], Result], share: Sequence[Item]) -> None:
        read_end, write_end = os.pipe()
        for stream in (sys.stdout, sys.stderr):
            stream.flush()  # else the child would inherit unwritten output and print it again
        # Kept out of the child's garbage collection, the objects it shares are not copied for it.
        # A caller that froze its objects itself (the preview) keeps them frozen.
        frozen_before = gc.get_freeze_count() > 0
        gc.freeze()
        pid = os.fork()
        if pid == 0:  # the child: never returns to the caller
            os.close(read_end)
            os.closerange(3, write_end)
            os.closerange(write_end + 1, _MAX_DESCRIPTOR)
            try:
                payload = pickle.dumps([function(item) for item in share], pickle.HIGHEST_PROTOCOL)
            except BaseException:  # noqa: BLE001 - the caller does this share again and sees the error itself
                payload = b""
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(payload)
            os._exit(0)
        if not frozen_before:
            gc.unfreeze()
        os.close(write_end)
        self._pid: int | None = pid
        self._pipe = os.fdopen(read_end, "rb")

    def collect(self) -> list | None:
        """The child's results, or None if it failed."""
        payload = self._pipe.read()
        status = self._reap()
        if status != 0 or not payload:
            return None
        try:
            return pickle.loads(payload)
        except Exception:  # noqa: BLE001 - a cut-off payload: the share is done again
            return None

    def end(self) -> None:
        if self._pid is not None:
            try:
                os.kill(self._pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self._reap()
        self._pipe.close()

    def _reap(self) -> int | None:
        pid, self._pid = self._pid, None
        if pid is None:
            return None
        _, status = os.waitpid(pid, 0)
        return os.waitstatus_to_exitcode(status)
