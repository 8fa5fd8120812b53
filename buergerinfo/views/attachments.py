"""What a reader should know of an Anlage before opening it: its type, its size, whether it exists.

Kept apart from `views`, which derives the meaning of the Vorlagen; this only looks at a file.
"""

from __future__ import annotations

from dataclasses import dataclass

from buergerinfo.model.stored_files import StoredLocation
from buergerinfo.model.structure import Archive

_FILE_KINDS = {
    ".pdf": "PDF",
    ".odt": "OpenDocument-Text",
    ".ods": "OpenDocument-Tabelle",
    ".docx": "Word-Dokument",
    ".doc": "Word-Dokument",
    ".xlsx": "Excel-Tabelle",
    ".xls": "Excel-Tabelle",
    ".pptx": "PowerPoint-Präsentation",
    ".png": "Bild (PNG)",
    ".jpg": "Bild (JPEG)",
    ".jpeg": "Bild (JPEG)",
    ".txt": "Text",
    ".csv": "CSV-Tabelle",
    ".zip": "ZIP-Archiv",
}


@dataclass(frozen=True)
class AttachmentFacts:
    kind: str | None  # e.g. "PDF"; None when not known
    size: int | None  # bytes of the file; None when we do not have it
    available: bool
    public_url: str | None = None  # a file of the Anlagen-Ablage served from its `adresse`, on another host


def attachment_facts(archive: Archive, entry: StoredLocation) -> AttachmentFacts:
    """What a reader should know before opening an Anlage: its type, its size, whether it exists."""
    location = entry.shown_name or entry.url or ""
    suffix = "." + location.rsplit(".", 1)[-1].lower() if "." in location.rsplit("/", 1)[-1] else ""
    kind = _FILE_KINDS.get(suffix)
    if entry.path:
        return AttachmentFacts(kind, archive.attachment_path(entry.path).stat().st_size, True)
    if entry.store:
        # The check has compared `groesse` with the file in the store (by stat), so it is the file's size.
        return AttachmentFacts(kind, entry.size, True, archive.attachment_public_url(entry))
    return AttachmentFacts(kind, None, bool(entry.url))
