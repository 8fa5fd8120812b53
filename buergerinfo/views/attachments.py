"""What a reader should know of an Anlage before opening it: its type, its size, whether it exists.

Kept apart from `views`, which derives the meaning of the Vorlagen; this only looks at a file.
"""

from __future__ import annotations

from dataclasses import dataclass

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
    size: int | None  # bytes of the local file; None when we do not have it
    available: bool


def attachment_facts(archive: Archive, path: str | None, url: str | None) -> AttachmentFacts:
    """What a reader should know before opening an Anlage: its type, its size, whether it exists."""
    location = path or url or ""
    suffix = "." + location.rsplit(".", 1)[-1].lower() if "." in location.rsplit("/", 1)[-1] else ""
    kind = _FILE_KINDS.get(suffix)
    if path:
        return AttachmentFacts(kind, archive.attachment_path(path).stat().st_size, True)
    return AttachmentFacts(kind, None, bool(url))
