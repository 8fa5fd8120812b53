"""When the open-data exports (and the page writer) may run in a forked worker beside the build.

The exports (a few hundred thousand small files for a city's archive) run in a forked copy of the
build process (buergerinfo.parallel.ForkedTask), which shares the already loaded public view
copy-on-write: nothing is loaded twice.

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
files, and pickles its report; should it hang anyway, `result(timeout)` ends it. The page writer
(site_page_worker.py) forks under the same conditions, with its own variable.
"""

from __future__ import annotations

import os

PARALLEL_LIMIT = 40_000
WORKER_VARIABLE = "BUERGERINFO_EXPORT_WORKER"


def can_fork(papers: int, threads_unknown: bool, variable: str = WORKER_VARIABLE) -> bool:
    """Whether a forked worker may run: fork exists, no unknown threads, the archive is small enough,
    and the worker's variable (BUERGERINFO_EXPORT_WORKER for the exports) is not "0"."""
    return (
        hasattr(os, "fork")
        and not threads_unknown
        and papers <= PARALLEL_LIMIT
        and os.environ.get(variable, "1") != "0"
    )
