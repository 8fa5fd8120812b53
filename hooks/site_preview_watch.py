"""Watching data/, overrides/, docs/, hooks/ and mkdocs.yml, and telling the preview what changed."""

from __future__ import annotations

import os
import re
import threading
import time
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler  # noqa: E402
from watchdog.observers import Observer  # noqa: E402

from site_preview_site import YAML_SUFFIXES  # noqa: E402
from site_preview_state import Preview  # noqa: E402

WATCHED = ("data", "overrides", "docs", "hooks")
QUIET_SECONDS = 0.1  # editors save in several steps (temporary file, rename); wait until they are done



# --- watching the files ------------------------------------------------------------------------------


class _Collector(FileSystemEventHandler):
    def __init__(self) -> None:
        self.changed: set[Path] = set()
        self.count = 0  # events so far: the watcher waits until it stops growing
        self.event = threading.Event()
        self.lock = threading.Lock()

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in {"opened", "closed_no_write"} or (event.is_directory and event.event_type == "modified"):
            return  # a folder is "modified" whenever a file in it is saved; the file's own event says which
        with self.lock:
            for name in (event.src_path, getattr(event, "dest_path", "")):
                if name:
                    self.changed.add(Path(os.fsdecode(name)))
            self.count += 1
        self.event.set()

    def take(self) -> set[Path]:
        with self.lock:
            changed, self.changed = self.changed, set()
            self.event.clear()
            return changed


def _was_folder(path: Path) -> bool:
    """A path that is gone and was, by its name, a folder of the data (a Körperschaft's or a year folder)."""
    return not path.exists() and re.match(r"^(?:\d{4}|[a-z0-9]+(?:-[a-z0-9]+)*)$", path.name) is not None and (
        path.parent.name == "vorlagen" or re.match(r"^\d{4}$", path.name) is not None
    )


def _is_editor_scratch(path: Path) -> bool:
    name = path.name
    return name.startswith((".#", "~")) or name.endswith(("~", ".swp", ".swx", ".tmp")) or name.startswith(".")


def watch(preview: Preview, root: Path, stop: threading.Event) -> None:
    collector = _Collector()
    observer = Observer()
    for folder in WATCHED:
        if (root / folder).is_dir():
            observer.schedule(collector, str(root / folder), recursive=True)
    observer.schedule(collector, str(root), recursive=False)
    observer.start()
    try:
        while not stop.is_set():
            if not collector.event.wait(0.5):
                continue
            noticed = time.monotonic()
            seen = -1
            while seen != collector.count:
                seen = collector.count
                time.sleep(QUIET_SECONDS)
            try:
                handle(preview, root, collector.take(), noticed)
            except Exception as exc:  # the preview must survive anything an edit can cause
                preview.report_crash(exc)
    finally:
        observer.stop()
        observer.join(timeout=5)


def handle(preview: Preview, root: Path, changed: set[Path], noticed: float | None = None) -> None:
    relevant = sorted(p for p in changed if not _is_editor_scratch(p))
    by_part: dict[str, list[Path]] = {}
    for path in relevant:
        try:
            relative = path.resolve().relative_to(root.resolve())
        except ValueError:
            continue
        part = relative.parts[0] if len(relative.parts) > 1 else relative.name
        by_part.setdefault(part, []).append(path)
    if "mkdocs.yml" in by_part or "hooks" in by_part:
        preview.restart_requested.set()
        return
    if "data" in by_part:
        papers = root.resolve() / "data" / "vorlagen"
        # YAML files, and folders (a moved folder brings or takes Vorlagen without events for its files)
        data = [p for p in by_part["data"] if p.suffix in YAML_SUFFIXES or p.is_dir() or _was_folder(p)]
        everything = any(not p.resolve().is_relative_to(papers) for p in by_part["data"])
        if data or everything:
            preview.data_changed(data, everything, noticed)  # folders too: a moved folder makes it look at every file
    if "overrides" in by_part:
        preview.templates_changed()
    if "docs" in by_part:
        preview.docs_changed(by_part["docs"])


