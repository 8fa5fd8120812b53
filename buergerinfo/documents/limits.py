"""Limits for reading the text of an Anlage: every file is answered within bounded time and memory.

An Anlage comes from an editor, an import from an old council system or a pull request. Whatever
it holds (a 3,000-page scan, a zip bomb dressed as a .docx, a PDF that sends pdfium into a loop),
the build must go on with a German warning naming the file. Each limit is far above what a real
council paper needs; the reason is noted beside it.
"""

from __future__ import annotations

# Pages read from one file. A Haushaltsplan of a Landkreis has 600-900 pages; a Bebauungsplan
# with its appendices rarely more than 300. Beyond this the rest of the file is left out.
MAX_PAGES = 2_000

# Characters of text kept from one file (about 1,500 printed pages). Also bounds what a child
# process sends back and what the search index has to hold for one Anlage.
MAX_CHARS = 3_000_000

# Seconds for reading one file without OCR. pdfium reads 100-300 born-digital pages a second
# here; a file that takes longer is broken or built to hang the parser (the child is killed).
TIME_LIMIT_SECONDS = 60

# Seconds of OCR for one file, on top of TIME_LIMIT_SECONDS. tesseract needs 3-5 s for a dense A4
# page at OCR_DPI on one core here (0.6 s for a few lines), so this covers MAX_OCR_PAGES. OCR stops
# between pages when the time is up, and what it read is kept (and cached: the next build does not
# spend the same time again on the same file).
OCR_TIME_LIMIT_SECONDS = 1_200

# Scanned pages of one file sent to OCR. Old archives hold whole scanned Haushaltspläne; OCR of
# more pages would hold a build up for an hour. The rest is counted as scanned, with a warning.
MAX_OCR_PAGES = 200

# Seconds for tesseract on one page: a normal page takes 1-3 s, a dense plan 10 s.
OCR_PAGE_TIMEOUT_SECONDS = 120

# Resolution of a page image for OCR. Tesseract is trained on text with 20-30 px capital height;
# at 300 dpi a 10-pt letter has about 30 px.
OCR_DPI = 300

# Pixels of one page image for OCR (A2 at 300 dpi is 35 MP, 35 MB in grey). A larger page
# (a plan in A0) is rendered at a lower resolution instead.
MAX_OCR_PIXELS = 36_000_000

# A PDF page with fewer letters and digits than this, and an image on it, counts as scanned:
# a scanner's stamp or a page number ("Seite 3 von 12") is no text layer.
MIN_TEXT_CHARS_PER_PAGE = 20

# An Office file is a zip of XML from outside. A real .docx of 500 pages holds about 20 MB of
# XML; a zip bomb expands a few KB to gigabytes. Members of one file:
MAX_ZIP_MEMBERS = 20_000
# Uncompressed bytes of one XML part read (the body of a document, one sheet):
MAX_XML_PART_BYTES = 200 * 1024 * 1024
# Uncompressed bytes read from one Office file in total:
MAX_ZIP_TOTAL_BYTES = 400 * 1024 * 1024
# Uncompressed size per compressed byte of one member. Deflate reaches at most 1032:1; XML
# with long repeated runs reaches 100:1 to 300:1. Only a bomb goes beyond this.
MAX_ZIP_RATIO = 1_100

# Repetitions of one spreadsheet cell or row in an .ods (table:number-columns-repeated): an
# empty row repeated 1,048,576 times is normal, a filled one repeated that often is a bomb.
MAX_CELL_REPEAT = 100

# Bytes of a plain-text Anlage read (a CSV export of a budget is rarely above 5 MB).
MAX_TEXT_FILE_BYTES = 4 * MAX_CHARS
