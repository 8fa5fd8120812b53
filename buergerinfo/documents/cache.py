"""Extracted text kept between builds, keyed by the file's content: a rebuild reads only new files.

One small JSON file per content, named by the SHA-256 of the file, the reader (pdf, docx …), the
extractor's version and whether OCR ran (a later build with tesseract installed reads the scans again). A file renamed or
attached to a second Vorlage is found again by its content. An entry that cannot be read back (a
crash while writing, a hand edit) is ignored and written anew; entries are written to a temporary
file and renamed, so a reader never sees half an entry.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from .model import Extraction

# Raise when a change to the readers changes their output: old entries are then not used.
EXTRACTOR_VERSION = 1

# Where a project keeps the cache unless the caller says otherwise (relative to the project).
DEFAULT_FOLDER = Path(".cache") / "anlagen-text"

# Outcomes that depend on the machine's load, not the file: not kept, tried again next build.
_NOT_KEPT = {"timeout", "ocr_failed"}


def content_digest(source: Path | bytes) -> str:
    """SHA-256 of the file's bytes (hex), read in chunks."""
    digest = hashlib.sha256()
    if isinstance(source, bytes):
        digest.update(source)
    else:
        with open(source, "rb") as file:
            while chunk := file.read(1 << 20):
                digest.update(chunk)
    return digest.hexdigest()


class ExtractionCache:
    def __init__(self, folder: Path | str = DEFAULT_FOLDER) -> None:
        self.folder = Path(folder)

    def _path(self, digest: str, kind: str, ocr: bool) -> Path:
        return self.folder / digest[:2] / f"{digest}-{kind}-v{EXTRACTOR_VERSION}-{'ocr' if ocr else 'text'}.json"

    def get(self, digest: str, kind: str, ocr: bool, name: str) -> Extraction | None:
        """The stored extraction, or None. A file without scans reads the same with OCR or without."""
        found = self._read(self._path(digest, kind, ocr), name)
        if found is None:
            other = self._read(self._path(digest, kind, not ocr), name)
            if other is not None and not other.scanned_pages:
                return other
        return found

    def put(self, digest: str, kind: str, ocr: bool, extraction: Extraction) -> None:
        if _NOT_KEPT & set(extraction.problem_codes()):
            return
        path = self._path(digest, kind, ocr)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            descriptor, temporary = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=path.parent)
            try:
                with os.fdopen(descriptor, "w", encoding="utf-8") as file:
                    json.dump(extraction.to_json(), file, ensure_ascii=False, separators=(",", ":"))
                os.replace(temporary, path)
            except BaseException:
                os.unlink(temporary)
                raise
        except (OSError, ValueError):
            pass  # a read-only or full disk (or text JSON cannot carry) costs the next build time, never this build

    def prune(self, keep: set[str]) -> int:
        """Removes the entries of contents not in `keep` (digests) and of older extractor versions.

        For a build that has seen all its Anlagen: what no Vorlage uses any more stops taking space.
        Returns the number of entries removed.
        """
        removed = 0
        for entry in self.folder.glob("??/*.json"):
            parts = entry.stem.split("-")  # digest, reader, version, ocr
            if len(parts) != 4 or parts[0] not in keep or parts[2] != f"v{EXTRACTOR_VERSION}":
                try:
                    entry.unlink()
                    removed += 1
                except OSError:
                    pass
        return removed

    @staticmethod
    def _read(path: Path, name: str) -> Extraction | None:
        try:
            with open(path, encoding="utf-8") as file:
                return Extraction.from_json(json.load(file), name)
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None  # damaged: read the file again and overwrite the entry
