"""Text of a PDF per page with pdfium (pypdfium2), scanned pages found and, if wanted, read by OCR.

Runs inside the child process that `extract` forks: pdfium is C code, and a hostile file may
crash or hang it; the parent then only loses this file.
"""

from __future__ import annotations

import tempfile
import time
from dataclasses import replace
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from . import limits as L
from .layout import Box, join_lines, reading_order
from .model import Extraction, Limits
from .normalize import clean
from .ocr import OcrError, pgm, recognise

# pdfium's reasons for refusing a document (FPDF_GetLastError), in German for the warning.
_LOAD_ERRORS = {
    pdfium_c.FPDF_ERR_FILE: "Datei nicht lesbar",
    pdfium_c.FPDF_ERR_FORMAT: "Aufbau fehlerhaft",
    pdfium_c.FPDF_ERR_SECURITY: "Verschlüsselung nicht unterstützt",
    pdfium_c.FPDF_ERR_PAGE: "Seite fehlt",
}


def extract_pdf(
    source: Path | bytes, name: str, limits: Limits, deadline: float, scratch: str | None = None
) -> Extraction:
    """`scratch`: the folder for page images (the runner's, which it removes even if this process is killed)."""
    result = Extraction(name=name, kind="pdf")
    try:
        document = pdfium.PdfDocument(source)
    except pdfium.PdfiumError as error:
        if error.err_code == pdfium_c.FPDF_ERR_PASSWORD:
            result.add("encrypted")
        else:
            result.add("damaged", art="PDF", grund=_LOAD_ERRORS.get(error.err_code, "unbekannter Fehler"))
        return result
    try:
        _read_pages(document, result, limits, min(deadline, time.monotonic() + limits.time_limit))
        if result.pages and not _ends_properly(source):
            # pdfium rebuilds a cut-off file from what is there; the editor should still hear of it.
            result.add("truncated")
        if limits.ocr and result.scanned_pages:
            _ocr_pages(document, result, limits, min(deadline, time.monotonic() + limits.ocr_time_limit), scratch)
        elif result.scanned_pages:
            numbers = result.scanned_pages
            shown = ", ".join(map(str, numbers[:10])) + (" …" if len(numbers) > 10 else "")
            result.add("scanned", anzahl=len(numbers), seiten="Seite " + shown)
    finally:
        document.close()
    return result


def _read_pages(document: pdfium.PdfDocument, result: Extraction, limits: Limits, deadline: float) -> None:
    count = len(document)
    result.page_count = count
    if count == 0:
        result.add("damaged", art="PDF", grund="keine Seiten")
        return
    if count > limits.max_pages:
        result.add("too_many_pages", gesamt=count, grenze=limits.max_pages)
    characters = 0
    broken: list[int] = []
    for index in range(min(count, limits.max_pages)):
        if time.monotonic() > deadline:
            result.add("timeout", sekunden=f"{limits.time_limit:.0f}", gelesen=f"Gelesen wurden {index} Seiten.")
            return
        try:
            text, scanned = _page_text(document, index)
        except pdfium.PdfiumError:
            text, scanned = "", False
            broken.append(index + 1)
        if characters + len(text) > limits.max_chars:
            text = text[: max(0, limits.max_chars - characters)]
            result.add("too_many_chars", grenze=f"{limits.max_chars:,}".replace(",", "."))
            result.pages.append(text)
            return
        characters += len(text)
        result.pages.append(text)
        if scanned:
            result.scanned_pages.append(index + 1)
    if broken:
        result.add("damaged_pages", seiten=", ".join(map(str, broken[:10])) + (" …" if len(broken) > 10 else ""))


def _page_text(document: pdfium.PdfDocument, index: int) -> tuple[str, bool]:
    """The page's cleaned text and whether it is a scan (an image and next to no text)."""
    page = document[index]
    try:
        textpage = page.get_textpage()
        try:
            boxes = [Box(*textpage.get_rect(number), number) for number in range(textpage.count_rects())]
            ordered = reading_order(boxes)
            if ordered is None:  # no columns: pdfium's order, in one call (a call per line costs 5 times more)
                raw = textpage.get_text_range()
            else:
                raw = join_lines([replace(box, text=textpage.get_text_bounded(*_edges(box))) for box in ordered])
        finally:
            textpage.close()
        text = clean(raw)
        # Counted on the start only: a page with 2,000 characters is no scan however many are letters.
        if sum(map(str.isalnum, text[:2000])) >= L.MIN_TEXT_CHARS_PER_PAGE:
            return text, False
        return text, _has_image(page)
    finally:
        page.close()


def _edges(box: Box) -> tuple[float, float, float, float]:
    return box.left, box.bottom, box.right, box.top


def _ends_properly(source: Path | bytes) -> bool:
    """Whether the file ends with "%%EOF" (followed by at most some bytes of padding)."""
    if isinstance(source, bytes):
        tail = source[-2048:]
    else:
        with open(source, "rb") as file:
            file.seek(0, 2)
            file.seek(max(0, file.tell() - 2048))
            tail = file.read()
    return b"%%EOF" in tail


def _has_image(page: pdfium.PdfPage) -> bool:
    for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=3):
        return True
    return False


def _ocr_pages(
    document: pdfium.PdfDocument, result: Extraction, limits: Limits, deadline: float, scratch: str | None
) -> None:
    numbers = result.scanned_pages[: limits.max_ocr_pages]
    if len(result.scanned_pages) > len(numbers):
        result.add("ocr_limit", grenze=limits.max_ocr_pages, rest=len(result.scanned_pages) - len(numbers))
    characters = sum(len(text) for text in result.pages)
    with tempfile.TemporaryDirectory(prefix="ocr-", dir=scratch) as folder:
        image = Path(folder) / "seite.pgm"
        for done, number in enumerate(numbers):
            left = deadline - time.monotonic()
            if left <= 1:
                result.add("ocr_timeout", sekunden=f"{limits.ocr_time_limit:.0f}", rest=len(numbers) - done)
                return
            try:
                image.write_bytes(render_grey(document, number - 1))
                text = clean(recognise(image, min(limits.ocr_page_timeout, left)))
            except (OcrError, pdfium.PdfiumError) as error:
                result.add("ocr_failed", seite=number, grund=str(error))
                continue
            text = text[: max(0, limits.max_chars - characters)]
            characters += len(text) - len(result.pages[number - 1])
            result.pages[number - 1] = text
            result.ocr_pages.append(number)


def render_grey(document: pdfium.PdfDocument, index: int) -> bytes:
    """Page `index` as a greyscale PGM at OCR_DPI, or lower for a page too large for MAX_OCR_PIXELS."""
    page = document[index]
    try:
        width, height = page.get_size()
        scale = L.OCR_DPI / 72
        pixels = width * height * scale * scale
        if pixels > L.MAX_OCR_PIXELS:
            scale *= (L.MAX_OCR_PIXELS / pixels) ** 0.5
        bitmap = page.render(scale=scale, grayscale=True, draw_annots=False)
        try:
            return pgm(bitmap.width, bitmap.height, bitmap.stride, bitmap.buffer)
        finally:
            bitmap.close()
    finally:
        page.close()
