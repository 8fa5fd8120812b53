"""The text of the Anlagen at build time: which files are read, reading them beside the pages, what pages learn.

Only Anlagen of the public view are read (`views.public_view` has dropped every nicht öffentliche
Vorlage with its Anlagen), only local files under data/anlagen/ (an address on another host is
never fetched: the build has no network). Text is read from the types a reader exists for; every
other file (an image) still gets a text file that says so.

The reading runs in the search index's child process (site_search.py), which hands the files to
`buergerinfo.documents.extract_many` on every core while this process writes pages. With the cache
(`.cache/anlagen-text/` of the project, or `BUERGERINFO_ANLAGEN_CACHE`) a rebuild reads only files
it has not seen. The child then

* writes the text beside each file on the site (`anlagen/…/datei.pdf.txt`, pages separated by a
  line "--- Seite N ---"), for re-users;
* writes a small status file (which Anlagen are scans without text) and closes a pipe: a Vorlage
  page that needs the status waits for that moment (`AnlagenStatus`), so the note "Scan ohne Text"
  is true for the build that shows it;
* writes the German warnings (encrypted, damaged, too large, timeout), which this process prints
  as HINWEIS lines when the index is done: they never fail a build, `--strict` included;
* indexes one search document per page of text (buergerinfo.search.attachments).
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

from buergerinfo.documents import DEFAULT_FOLDER, ExtractionCache, extract_many
from buergerinfo.model.stored_files import SITE_FOLDER
from buergerinfo.parallel import usable_cores
from buergerinfo.search.attachments import AttachmentSource, page_documents
from buergerinfo.search.documents import Document, dump_document, load_document

CACHE_VARIABLE = "BUERGERINFO_ANLAGEN_CACHE"
# Files handed to extract_many at once: the extractions of one batch are held in memory together,
# and the time budget (BUDGET_VARIABLE) is looked at between batches.
BATCH = 50
# Seconds one build may spend reading Anlagen (unset: no limit). A first build of a large archive with
# OCR can take hours, longer than a CI job may run; with a budget it stops reading in time, keeps
# what it read in the cache, and the next build goes on from there. deploy.yml sets it.
BUDGET_VARIABLE = "BUERGERINFO_ANLAGEN_ZEIT"
TEXT_SUFFIX = ".txt"
SCAN_NOTE = "Anlage ist ein Scan ohne Text – nicht durchsuchbar"


def cache_folder(root: Path) -> Path:
    """Where extracted text is kept between builds: BUERGERINFO_ANLAGEN_CACHE, else .cache/anlagen-text/."""
    configured = os.environ.get(CACHE_VARIABLE)
    return Path(configured) if configured else root / DEFAULT_FOLDER


def sources_of(files, parent: Document, archive, addresses, parent_kind: str = "Vorlage"
               ) -> Iterator[tuple[str, AttachmentSource]]:
    """(relative path, source) of each local file among a public Vorlage's Anlagen or a dossier's documents.

    Every one, also of a type without a reader (an image): each gets its text file, so the open data
    can name `datei.txt` for every Anlage (buergerinfo.exports.tables, column anlagen_text).
    """
    for attachment in files:
        path = archive.attachment_file(attachment)
        if path is None or not path.is_file():
            continue  # an address on another host is never fetched, and a missing file has no text
        relative = attachment.site_relative
        # The text file is always on the site (the search page reads ranges of it: same origin); the file
        # itself may be at the Anlagen-Ablage's `adresse`.
        on_site = quote(addresses.attachment(relative))
        yield relative, AttachmentSource(
            path=str(path),
            name=attachment.name,
            url=archive.attachment_public_url(attachment) or on_site,
            text_url=on_site + TEXT_SUFFIX,
            paper_url=parent.url,
            paper_title=parent.title,
            paper_number=parent.number,
            parent_kind=parent_kind,
            date=parent.date,
            shown_date=parent.shown_date,
            facets=parent.facets,
        )


class AnlagenJobs:
    """The Anlagen to read, written as JSON lines for the child; and the status it hands back."""

    def __init__(self, cache: Path) -> None:
        self.cache = cache
        handle, name = tempfile.mkstemp(prefix="buergerinfo-anlagen-", suffix=".jsonl")
        self.path = Path(name)
        self._file = os.fdopen(handle, "w", encoding="utf-8")
        self.count = 0
        folder = Path(tempfile.mkdtemp(prefix="buergerinfo-anlagen-status-"))
        self.folder = folder
        self.status_path = folder / "status.json"
        self.warnings_path = folder / "hinweise.txt"
        self.pages_path = folder / "seiten.jsonl"  # the page documents, from the child to its index
        self.figures_path = folder / "zahlen.json"  # how much was read, for the build log (and the benchmark)

    def add(self, relative: str, source: AttachmentSource) -> None:
        self._file.write(json.dumps({"relative": relative, "source": source.to_json()}, ensure_ascii=False) + "\n")
        self.count += 1

    def close(self) -> None:
        self._file.close()

    def arguments(self, signal_fd: int) -> list[str]:
        return ["--anlagen", str(self.path), "--anlagen-cache", str(self.cache), "--anlagen-status",
                str(self.status_path), "--anlagen-hinweise", str(self.warnings_path), "--anlagen-seiten",
                str(self.pages_path), "--anlagen-zahlen", str(self.figures_path), "--anlagen-signal", str(signal_fd)]

    def warnings(self) -> list[str]:
        try:
            return [line for line in self.warnings_path.read_text(encoding="utf-8").splitlines() if line]
        except OSError:
            return []

    def figures(self) -> str | None:
        """One line for the build log: files, pages, seconds; None if the child wrote none."""
        try:
            f = json.loads(self.figures_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        rate = f"{f['pages'] / f['seconds']:.0f} Seiten/s" if f["seconds"] else "–"
        return (f"Bürgerinfo-Anlagen: {f['files']} Dateien, {f['pages']} Seiten ({f['text_pages']} mit Text, "
                f"{f['scanned']} gescannt, {f['ocr']} erkannt) in {f['seconds']:.2f} s gelesen ({rate}, "
                f"{f['processes']} Prozesse)"
                + (f"; {f['postponed']} Anlagen auf den nächsten Lauf verschoben" if f.get("postponed") else ""))

    def discard(self) -> None:
        self._file.close()
        self.path.unlink(missing_ok=True)
        # Also what a child killed halfway (a preview ended while it indexes) left behind.
        for path in (self.status_path, self.status_path.with_suffix(".tmp"), self.warnings_path, self.pages_path,
                     self.figures_path):
            path.unlink(missing_ok=True)
        try:
            self.folder.rmdir()
        except OSError:
            pass


class AnlagenStatus:
    """What a Vorlage page says about its Anlagen' text; the first question waits for the reading to end.

    The child closes the pipe's write end when the status file is complete (or when it dies: then
    nothing is known and no note is shown). A forked page writer (site_page_worker.py) has closed every
    inherited descriptor, so there the descriptor's number may belong to another file by now: it
    waits instead until the status file exists or the child has ended, asking every 50 ms.
    """

    def __init__(self, read_fd: int, status_path: Path, child_pid: int) -> None:
        self._fd: int | None = read_fd
        self._owner = os.getpid()
        self._path = status_path
        self._child = child_pid
        self._status: dict[str, dict] | None = None

    def load(self) -> dict[str, dict]:
        if self._status is None:
            if os.getpid() == self._owner and self._fd is not None:
                while os.read(self._fd, 4096):
                    pass
                self.close()
            else:
                self._fd = None  # not ours to read or close in a forked copy
                while not self._path.exists() and _running(self._child):
                    time.sleep(0.05)
            try:
                self._status = json.loads(self._path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                self._status = {}
        return self._status

    def note(self, relative: str | None) -> str | None:
        """The German note beside an Anlage whose pages are scans that no text was recognised for."""
        if not relative:
            return None
        entry = self.load().get(relative)
        if not entry or not entry.get("scans"):
            return None
        scans, pages = entry["scans"], entry.get("pages", 0)
        if len(scans) >= pages:
            return SCAN_NOTE
        listed = ", ".join(map(str, scans[:10])) + (" …" if len(scans) > 10 else "")
        verb = "ist ein Scan" if len(scans) == 1 else "sind Scans"
        return f"Seite {listed} der Anlage {verb} ohne Text – dort nicht durchsuchbar"

    def close(self) -> None:
        if self._fd is not None and os.getpid() == self._owner:
            os.close(self._fd)
        self._fd = None


def _running(pid: int) -> bool:
    """Whether a process (not ours to wait for: a sibling's child) still runs; a zombie has ended."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as file:
            return file.read().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except (OSError, IndexError):
        return False


# --- the child's side (site_search.py --anlagen …) ---------------------------------------------


def read_anlagen(jobs: Path, site_dir: Path, cache: Path, status_path: Path, warnings_path: Path,
                 pages_path: Path, signal_fd: int | None, figures_path: Path | None = None) -> None:
    """Reads every Anlage; writes text files, status, warnings and the page documents (JSON lines)."""
    started = time.perf_counter()
    with jobs.open(encoding="utf-8") as file:
        entries = [json.loads(line) for line in file]
    figures = {"files": 0, "pages": 0, "text_pages": 0, "scanned": 0, "ocr": 0, "processes": usable_cores(),
               "postponed": 0}
    budget = _budget()
    status: dict[str, dict] = {}
    warned: set[str] = set()
    # Per Anlage written: each page's byte range in its text file (an Anlage of two Vorlagen is written once).
    written: dict[str, list[tuple[int, int] | None]] = {}
    store = ExtractionCache(cache)
    with pages_path.open("w", encoding="utf-8") as pages, warnings_path.open("w", encoding="utf-8") as warnings:
        for start in range(0, len(entries), BATCH):
            batch = entries[start : start + BATCH]
            if budget is not None and time.perf_counter() - started >= budget:
                _postpone(batch, site_dir, written, figures)
                continue
            sources = [AttachmentSource.from_json(entry["source"]) for entry in batch]
            names = [_shown_name(entry["relative"]) for entry in batch]
            extractions = extract_many([source.path for source in sources], names=names, cache=store)
            for entry, source, extraction in zip(batch, sources, extractions):
                relative = entry["relative"]
                if relative not in warned:
                    warned.add(relative)
                    for code, warning in zip(extraction.problem_codes(), extraction.warnings):
                        if code != "unsupported":  # an image has no text: nothing to warn about
                            warnings.write(" ".join(warning.split()) + "\n")
                    unread = [n for n in extraction.scanned_pages if n not in extraction.ocr_pages]
                    figures["files"] += 1
                    figures["pages"] += len(extraction.pages)
                    figures["text_pages"] += sum(1 for page in extraction.pages if page.strip())
                    figures["scanned"] += len(extraction.scanned_pages)
                    figures["ocr"] += len(extraction.ocr_pages)
                    status[relative] = {"scans": unread, "pages": max(extraction.page_count, len(extraction.pages))}
                if relative not in written:
                    written[relative] = _write_text(site_dir / f"anlagen/{relative}{TEXT_SUFFIX}", source, extraction)
                text_url = source.text_url or source.url + TEXT_SUFFIX
                for document in page_documents(source, extraction.pages, extraction.page_labels,
                                               anchors=extraction.kind == "pdf", text_file=text_url,
                                               text_ranges=written[relative]):
                    pages.write(dump_document(document) + "\n")
        if figures["postponed"]:
            warnings.write(
                f"„{BUDGET_VARIABLE}“: {figures['postponed']} Anlage(n) wurden in diesem Lauf nicht gelesen, weil die "
                f"Zeit von {budget:.0f} Sekunden für das Lesen abgelaufen ist. Ihr Text kommt mit den nächsten Läufen "
                "in die Suche; was gelesen wurde, bleibt im Cache.\n"
            )
    temporary = status_path.with_suffix(".tmp")
    temporary.write_text(json.dumps(status, ensure_ascii=False), encoding="utf-8")
    os.replace(temporary, status_path)
    if figures_path is not None:
        figures["seconds"] = time.perf_counter() - started
        figures_path.write_text(json.dumps(figures), encoding="utf-8")
    if signal_fd is not None:
        os.close(signal_fd)  # the pages waiting for the status go on


def _shown_name(relative: str) -> str:
    """How a warning names an Anlage: its path in data/anlagen/, or its object in the Anlagen-Ablage."""
    store_prefix = f"{SITE_FOLDER}/"
    if relative.startswith(store_prefix):
        return f"Anlagen-Ablage {relative.removeprefix(store_prefix)}"
    return f"data/anlagen/{relative}"


def _budget() -> float | None:
    value = os.environ.get(BUDGET_VARIABLE, "").strip()
    try:
        return max(0.0, float(value)) if value else None
    except ValueError:
        return None  # a typo must not stop the build; the reading then has no limit


def _postpone(batch: list[dict], site_dir: Path, written: dict[str, list], figures: dict) -> None:
    """Anlagen left for the next build: no search documents, no note, a text file that says so."""
    for entry in batch:
        relative = entry["relative"]
        if relative in written:
            continue
        written[relative] = []
        figures["postponed"] += 1
        source = AttachmentSource.from_json(entry["source"])
        path = site_dir / f"anlagen/{relative}{TEXT_SUFFIX}"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"Text der Anlage „{source.name}“: wird bei einem der nächsten Bauvorgänge gelesen.\n",
                        encoding="utf-8")


def _write_text(path: Path, source: AttachmentSource, extraction) -> list[tuple[int, int] | None]:
    """The Anlage's text for re-users: a short head, then each page after a line "--- Seite N ---".

    Written for every Anlage, also one without text: the head then says why (the open data lists
    the address of this file for each Anlage). Returns where each page's text stands in the file
    (first and end byte; None for a scan without text): the search reads its excerpts from there.
    """
    unread = set(extraction.scanned_pages) - set(extraction.ocr_pages)
    lines = [f"Text der Anlage „{source.name}“ (automatisch aus der Datei gelesen; "
             "maßgeblich ist die Datei selbst)"]
    if extraction.kind == "unknown":
        lines.append("Aus Dateien dieser Art wird kein Text gelesen.")
    elif not extraction.pages:
        lines.append("Der Text konnte nicht gelesen werden.")
    lines += [" ".join(warning.split()) for code, warning in zip(extraction.problem_codes(), extraction.warnings)
              if code not in ("unsupported", "scanned")]
    ranges: list[tuple[int, int] | None] = []
    size = len("\n".join(lines).encode("utf-8"))
    for number, text in enumerate(extraction.pages, start=1):
        marker = f"--- Seite {number} ---"
        page = "[Scan ohne Text]" if number in unread else text.strip()
        lines += ["", marker, page]
        start = size + len(f"\n\n{marker}\n".encode())
        size = start + len(page.encode("utf-8"))
        ranges.append(None if number in unread else (start, size))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(("\n".join(lines) + "\n").encode("utf-8"))
    return ranges


def read_pages(path: Path) -> Iterator[Document]:
    with path.open(encoding="utf-8") as file:
        for line in file:
            yield load_document(line)
