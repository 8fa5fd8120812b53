"""The benchmark's figures for the text of the Anlagen (tools/benchmark.py --anlagen N).

With N PDFs per Vorlage (tools/synthetic/anlagen.py), the measured site build reads every one of
them with an empty cache. This module then builds the same project twice more:

* with the cache the first build filled (what a deploy on main does when few files are new);
* with `BUERGERINFO_ANLAGEN_TEXT=0`, no Anlagen read: the index without their text, to compare
  index size and the first query's payload.

It reads the build log's line from hooks/site_search.py: "Bürgerinfo-Anlagen: F Dateien, P Seiten
(T mit Text, S gescannt, O erkannt) in X s gelesen (R Seiten/s, C Prozesse)".
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from typing import Any, Callable

ANLAGEN_LINE = re.compile(
    r"Bürgerinfo-Anlagen: (\d+) Dateien, (\d+) Seiten \((\d+) mit Text, (\d+) gescannt, (\d+) erkannt\) "
    r"in ([\d.]+) s gelesen \([^,]*, (\d+) Prozesse\)"
)

# (key in the Measurement's `anlagen` dict, label): printed after the main table.
ROWS = (
    ("pdf_files", "Anlagen: PDF files generated"),
    ("pdf_pages", "  their pages"),
    ("pdf_mb", "  their size [MB]"),
    ("pdf_generate_s", "  generating them [s]"),
    ("files", "Anlagen read in the build (files)"),
    ("pages", "  pages read"),
    ("read_s", "  reading, empty cache [s]"),
    ("processes", "  reader processes"),
    ("pages_per_s", "  pages extracted per second"),
    ("warm_wall_s", "build wall time, cache filled [s]"),
    ("plain_wall_s", "build wall time, no Anlagen read [s]"),
    ("index_kb", "search index with Anlagen text [KB]"),
    ("index_files", "  files"),
    ("plain_index_kb", "search index without Anlagen text [KB]"),
    ("plain_index_files", "  files"),
    ("search_kb", "first query with Anlagen text [KB]"),
    ("plain_search_kb", "first query without Anlagen text [KB]"),
    ("search_requests", "  requests with Anlagen text"),
    ("plain_search_requests", "  requests without Anlagen text"),
)


def log_figures(log_text: str) -> dict[str, Any]:
    match = ANLAGEN_LINE.search(log_text)
    if match is None:
        return {}
    files, pages, _, _, _, seconds, processes = match.groups()
    seconds_f = float(seconds)
    return {"files": int(files), "pages": int(pages), "read_s": seconds_f, "processes": int(processes),
            "pages_per_s": int(pages) / seconds_f if seconds_f else None}


def index_size(site: Path) -> tuple[float, int]:
    """Bytes (as KB) and files of the site's search index."""
    total = files = 0
    for root, _, names in os.walk(site / "suche-index"):
        for name in names:
            files += 1
            total += os.path.getsize(os.path.join(root, name))
    return total / 1e3, files


def clear_cache(project: Path) -> None:
    """Every measured build reads with an empty cache (the project's default cache folder)."""
    shutil.rmtree(project / ".cache", ignore_errors=True)


def measure_more(project: Path, log_text: str, build: Callable[..., tuple[Any, Path]],
                 payload: Callable[[Path], dict[str, Any]]) -> dict[str, Any]:
    """The figures after the measured build: its reading, a rebuild with the cache, a build without Anlagen."""
    figures = log_figures(log_text)
    figures["index_kb"], figures["index_files"] = index_size(project / "site")
    first = payload(project / "site")
    figures["search_kb"], figures["search_requests"] = first.get("search_kb"), first.get("search_requests")
    warm, _ = build(project, 1, keep_cache=True, site_name="site-warm")
    figures["warm_wall_s"] = warm.wall_s
    plain, _ = build(project, 1, keep_cache=True, site_name="site-plain", extra_env={"BUERGERINFO_ANLAGEN_TEXT": "0"})
    figures["plain_wall_s"] = plain.wall_s
    figures["plain_index_kb"], figures["plain_index_files"] = index_size(project / "site-plain")
    second = payload(project / "site-plain")
    figures["plain_search_kb"] = second.get("search_kb")
    figures["plain_search_requests"] = second.get("search_requests")
    return figures


def print_rows(measurements: list) -> None:
    with_anlagen = [m for m in measurements if m.anlagen]
    if not with_anlagen:
        return
    print()
    width = max(len(label) for _, label in ROWS)
    print("Anlagen text".ljust(width) + "  " + "  ".join(f"N={m.count}".rjust(12) for m in with_anlagen))
    for key, label in ROWS:
        cells = []
        for m in with_anlagen:
            value = m.anlagen.get(key)
            if value is None:
                cells.append("–")
            elif isinstance(value, float):
                cells.append(f"{value:,.2f}" if value < 100 else f"{value:,.0f}")
            else:
                cells.append(f"{value:,}")
        print(label.ljust(width) + "  " + "  ".join(c.rjust(12) for c in cells))
