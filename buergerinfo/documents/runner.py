"""Reading Anlagen in forked child processes, each with a time limit, on every core.

pdfium is C code and a file from outside may crash it or send it into a loop; a zip bomb or a
huge scan may eat memory. Each file is therefore read in a child process forked for it alone,
with a memory ceiling, and killed when its time is up: the build gets a warning for that file and
goes on. A fresh child per file also means nothing pdfium leaks stays around. The parent reads
the children's answers as they come, so up to one file per core is read at the same time.

Like `buergerinfo.parallel`, this forks. The readers' modules (pdfium included) are imported
before the first fork, and the child touches no lock of the parent's threads: it reads one file
and writes one answer. Without fork (Windows) files are read in this process, without a time
limit.
"""

from __future__ import annotations

import os
import pickle
import select
import shutil
import signal
import tempfile
import time
import traceback
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath

try:
    import resource
except ImportError:  # Windows: no fork either, see _run_jobs
    resource = None  # type: ignore[assignment]

from ..parallel import usable_cores
from .cache import ExtractionCache, content_digest
from .model import TYPE_NAMES, Extraction, Limits
from .ocr import ocr_available
from .office import extract_office
from .pdf import extract_pdf
from .plain import extract_text

# Address space of one child. pdfium with a large page needs a few hundred MB; a decompression
# bomb in an image would take all 24 GB of the machine. Two children stay under 8 GB.
CHILD_MEMORY_BYTES = 4 * 1024**3
# Seconds the parent waits past a file's time limit before it kills the child: the child stops
# between pages by itself and answers with what it has.
GRACE_SECONDS = 5.0

_BY_SUFFIX = {"pdf": "pdf", "docx": "docx", "xlsx": "xlsx", "odt": "odt", "ods": "ods", "txt": "text", "csv": "text"}
_BY_MEDIA_TYPE = {
    "application/pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "text/plain": "text",
    "text/csv": "text",
}


@dataclass(frozen=True)
class Job:
    source: Path | bytes
    kind: str
    name: str
    limits: Limits
    scratch: str | None = None  # a folder for temporary files, removed by the parent


def reader_for(type_hint: str | None, source: Path | bytes) -> str | None:
    """The reader for a media type ("application/pdf") or suffix (".pdf", "pdf"), else by the path's suffix."""
    hint = (type_hint or "").strip().lower().split(";", 1)[0]
    if hint in _BY_MEDIA_TYPE:
        return _BY_MEDIA_TYPE[hint]
    if hint:
        return _BY_SUFFIX.get(hint.lstrip("."))
    if isinstance(source, Path):
        return _BY_SUFFIX.get(source.suffix.lower().lstrip("."))
    return None


def extract(
    source: Path | str | bytes,
    media_type: str | None = None,
    limits: Limits | None = None,
    *,
    name: str | None = None,
    cache: ExtractionCache | Path | str | None = None,
) -> Extraction:
    """The text of one Anlage per page. Never raises for a bad file: problems are in `warnings`."""
    return extract_many([source], limits, media_types=[media_type], names=[name], cache=cache)[0]


def extract_many(
    sources: Sequence[Path | str | bytes],
    limits: Limits | None = None,
    *,
    media_types: Sequence[str | None] | None = None,
    names: Sequence[str | None] | None = None,
    cache: ExtractionCache | Path | str | None = None,
    processes: int | None = None,
) -> list[Extraction]:
    """`[extract(source) for source in sources]`, read on every core, in input order.

    With a cache, only files whose content it does not know yet are read; a file that appears
    twice in `sources` is read once.
    """
    limits = limits or Limits()
    if isinstance(cache, (str, Path)):
        cache = ExtractionCache(cache)
    results: list[Extraction | None] = [None] * len(sources)
    todo: dict[tuple[str, str, bool], list[int]] = {}  # (digest, kind, ocr) → indexes
    jobs: dict[tuple[str, str, bool], Job] = {}
    for index, raw in enumerate(sources):
        source = raw if isinstance(raw, bytes) else Path(raw)
        name = (names[index] if names else None) or (source.name if isinstance(source, Path) else "Anlage")
        kind = reader_for(media_types[index] if media_types else None, source)
        if kind is None:
            unknown = Extraction(name=name, kind="unknown")
            unknown.add("unsupported", art=(media_types[index] if media_types else None) or _suffix(source))
            results[index] = unknown
            continue
        # OCR matters (and is asked about, which starts tesseract once) only for a PDF.
        job_limits = limits.with_ocr(kind == "pdf" and _ocr_wanted(limits) and ocr_available())
        try:
            digest = content_digest(source)
        except OSError as error:
            missing = Extraction(name=name, kind=kind)
            missing.add("unreadable", grund=_os_reason(error))
            results[index] = missing
            continue
        key = (digest, kind, bool(job_limits.ocr))
        if cache is not None and key not in todo:
            known = cache.get(digest, kind, bool(job_limits.ocr), name)
            if known is not None:
                results[index] = known
                continue
        todo.setdefault(key, []).append(index)
        jobs.setdefault(key, Job(source, kind, name, job_limits))
    keys = list(jobs)
    done = _run_jobs([jobs[key] for key in keys], processes or usable_cores())
    for key, extraction in zip(keys, done):
        if cache is not None:
            cache.put(key[0], key[1], key[2], extraction)
        for index in todo[key]:
            results[index] = _renamed(extraction, index, names, sources)
    return results  # type: ignore[return-value]


def _run_jobs(jobs: list[Job], processes: int) -> list[Extraction]:
    """Each job in a forked child of its own, at most `processes` at a time."""
    if not jobs:
        return []
    if not hasattr(os, "fork"):
        return [read_here(job, time.monotonic() + job.limits.seconds()) for job in jobs]
    results: list[Extraction | None] = [None] * len(jobs)
    waiting = list(reversed(range(len(jobs))))
    running: dict[int, _Child] = {}  # read descriptor → child
    scratch = tempfile.mkdtemp(prefix="buergerinfo-anlagen-")
    jobs = [replace(job, scratch=scratch) for job in jobs]
    try:
        while waiting or running:
            while waiting and len(running) < max(1, processes):
                child = _Child.start(waiting.pop(), jobs)
                running[child.descriptor] = child
            now = time.monotonic()
            timeout = max(0.0, min(child.deadline for child in running.values()) - now)
            ready, _, _ = select.select(list(running), [], [], timeout)
            for descriptor in ready:
                child = running[descriptor]
                if child.read():
                    del running[descriptor]
                    results[child.index] = child.finish()
            now = time.monotonic()
            for descriptor, child in list(running.items()):
                if now >= child.deadline:
                    del running[descriptor]
                    results[child.index] = child.kill()
    finally:
        for child in running.values():  # only on an exception here (Strg+C): no child outlives the call
            child.kill()
        shutil.rmtree(scratch, ignore_errors=True)
    return results  # type: ignore[return-value]


class _Child:
    def __init__(self, index: int, job: Job, pid: int, descriptor: int) -> None:
        self.index, self.job, self.pid, self.descriptor = index, job, pid, descriptor
        self.deadline = time.monotonic() + job.limits.seconds() + GRACE_SECONDS
        self.chunks: list[bytes] = []

    @classmethod
    def start(cls, index: int, jobs: list[Job]) -> _Child:
        job = jobs[index]
        deadline = time.monotonic() + job.limits.seconds()
        read_end, write_end = os.pipe()
        try:
            pid = os.fork()
        except OSError:  # no process to be had: the machine's trouble, not the file's
            os.close(read_end)
            os.close(write_end)
            raise
        if pid == 0:  # the child: never returns
            code = 0
            try:
                # Its own process group: a kill then also ends the tesseract it may be running.
                os.setpgid(0, 0)
                os.closerange(3, write_end)
                os.closerange(write_end + 1, 65536)
                resource.setrlimit(resource.RLIMIT_AS, (CHILD_MEMORY_BYTES, CHILD_MEMORY_BYTES))
                # Ends the child by itself should the parent die without killing it (SIGALRM's default).
                signal.signal(signal.SIGALRM, signal.SIG_DFL)
                signal.alarm(int(job.limits.seconds() + 2 * GRACE_SECONDS) + 1)
                payload = pickle.dumps(read_here(job, deadline), pickle.HIGHEST_PROTOCOL)
                with os.fdopen(write_end, "wb") as pipe:
                    pipe.write(payload)
            except BaseException:  # noqa: BLE001 - the parent words the failure
                code = 1
            os._exit(code)
        os.close(write_end)
        try:
            os.setpgid(pid, pid)  # as the child does: whichever runs first, the group exists before a kill
        except OSError:  # the child has already ended (or set it)
            pass
        return cls(index, job, pid, read_end)

    def read(self) -> bool:
        """Takes what the child sent; True once it has closed its end."""
        chunk = os.read(self.descriptor, 1 << 20)
        if chunk:
            self.chunks.append(chunk)
            return False
        return True

    def finish(self) -> Extraction:
        os.close(self.descriptor)
        _, status = os.waitpid(self.pid, 0)
        try:
            if os.waitstatus_to_exitcode(status) == 0:
                result = pickle.loads(b"".join(self.chunks))
                if isinstance(result, Extraction):
                    return result
        except Exception:  # noqa: BLE001 - a half-written answer is a failed file
            pass
        failed = Extraction(name=self.job.name, kind=self.job.kind)
        failed.add("damaged", art=TYPE_NAMES[self.job.kind], grund="das Lesen ist abgestürzt")
        return failed

    def kill(self) -> Extraction:
        try:
            os.killpg(self.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):  # not yet its own group: the child alone
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        os.waitpid(self.pid, 0)
        os.close(self.descriptor)
        result = Extraction(name=self.job.name, kind=self.job.kind)
        result.add("timeout", sekunden=f"{self.job.limits.seconds():.0f}", gelesen="Es wurde kein Text übernommen.")
        return result


def read_here(job: Job, deadline: float) -> Extraction:
    """Reads the file in this process (the child's work). Turns any failure into a warning."""
    try:
        if job.kind == "pdf":
            return extract_pdf(job.source, job.name, job.limits, deadline, job.scratch)
        if job.kind == "text":
            return extract_text(job.source, job.name, job.limits)
        return extract_office(job.source, job.kind, job.name, job.limits)
    except MemoryError:
        reason = "zu wenig Speicher"
    except RecursionError:
        reason = "zu tief verschachtelt"
    except OSError as error:
        reason = _os_reason(error)
    except Exception as error:  # noqa: BLE001 - a bad file must never end the build
        reason = f"interner Fehler beim Lesen: {type(error).__name__}"
        traceback.clear_frames(error.__traceback__)
    failed = Extraction(name=job.name, kind=job.kind)
    failed.add("damaged", art=TYPE_NAMES[job.kind], grund=reason)
    return failed


def _os_reason(error: OSError) -> str:
    if isinstance(error, FileNotFoundError):
        return "Datei nicht gefunden"
    if isinstance(error, PermissionError):
        return "keine Berechtigung zum Lesen"
    if isinstance(error, IsADirectoryError):
        return "ein Ordner, keine Datei"
    return f"Lesefehler {error.errno}"


def _ocr_wanted(limits: Limits) -> bool:
    return limits.with_ocr(True).ocr is True


def _renamed(extraction: Extraction, index: int, names: Sequence[str | None] | None, sources: Sequence) -> Extraction:
    """The same text under the name of the index's file (two files with one content)."""
    raw = sources[index]
    name = (names[index] if names else None) or (Path(raw).name if not isinstance(raw, bytes) else "Anlage")
    if name == extraction.name:
        return extraction
    return Extraction(**{**extraction.__dict__, "name": name})


def _suffix(source: Path | bytes) -> str:
    return PurePosixPath(str(source)).suffix.lower() if isinstance(source, Path) else "unbekannt"
