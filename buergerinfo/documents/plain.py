"""Text of a plain-text or CSV Anlage: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252.

Windows-1252 is what German offices' older programs write ("Ã¤" in a page would be UTF-8 read
wrongly; an "ä" as the single byte 0xE4 is cp1252). A form feed starts a new page, as in the text
that pdftotext and many report generators write.
"""

from __future__ import annotations

from pathlib import Path

from . import limits as L
from .model import Extraction, Limits
from .normalize import clean


def decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", "replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", "replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start >= len(data) - 3:  # cut off inside the last character by MAX_TEXT_FILE_BYTES
            return data[: error.start].decode("utf-8")
        return data.decode("cp1252", "replace")  # five bytes are unassigned in cp1252


def extract_text(source: Path | bytes, name: str, limits: Limits) -> Extraction:
    result = Extraction(name=name, kind="text")
    if isinstance(source, bytes):
        data = source[: L.MAX_TEXT_FILE_BYTES + 1]
    else:
        with open(source, "rb") as file:
            data = file.read(L.MAX_TEXT_FILE_BYTES + 1)
    cut = len(data) > L.MAX_TEXT_FILE_BYTES
    text = decode(data[: L.MAX_TEXT_FILE_BYTES])
    if cut or len(text) > limits.max_chars:
        text = text[: limits.max_chars]
        result.add("too_many_chars", grenze=f"{limits.max_chars:,}".replace(",", "."))
    pages = [clean(page, dehyphenate=False) for page in text.split("\f")]
    while len(pages) > 1 and not pages[-1]:
        pages.pop()  # a form feed at the end starts no page
    result.page_count = len(pages)
    if len(pages) > limits.max_pages:
        result.add("too_many_pages", gesamt=len(pages), grenze=limits.max_pages)
        pages = pages[: limits.max_pages]
    result.pages = pages
    return result
