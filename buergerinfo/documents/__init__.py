"""Text of Anlagen (attachments) per page, for the search index: PDF, Office, OpenDocument, text.

Plain Python with no MkDocs import. `extract` reads one file, `extract_many` many on every
core, both in forked children with time and memory limits and, if given, a cache keyed by the
file's content. Scanned PDF pages are read by OCR where tesseract with German is installed
(`ocr_available`); `BUERGERINFO_OCR=0` or `Limits(ocr=False)` turns it off. `classify` and
`is_active_content` decide which Anlagen may be published as they are.
"""

from .cache import DEFAULT_FOLDER, EXTRACTOR_VERSION, ExtractionCache, content_digest
from .runner import extract, extract_many, reader_for
from .kinds import Verdict, classify, is_active_content, name_problem, sniff_active
from .model import Extraction, Limits
from .ocr import ocr_available

__all__ = [
    "DEFAULT_FOLDER",
    "EXTRACTOR_VERSION",
    "Extraction",
    "ExtractionCache",
    "Limits",
    "Verdict",
    "classify",
    "content_digest",
    "extract",
    "extract_many",
    "is_active_content",
    "name_problem",
    "ocr_available",
    "reader_for",
    "sniff_active",
]
